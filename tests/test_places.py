"""Places: found in the text, geocoded offline, with offsets that point at the name.

The tests run the components places depend on (the model, entities, places) and no others, so that they
test places alone; the full pipeline's contracts are tested in test_pipeline.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from newsledger.evaluate.places import PLACES_NEEDS, Counts, GoldToponym, evaluate_places
from newsledger.evaluate.seed import score_places
from newsledger.nlp.entities import entity_records
from newsledger.nlp.lexicons import load_json
from newsledger.nlp.pipeline import MODEL_COMPONENTS, make_doc
from newsledger.nlp.places import PlacesComponent, place_records
from newsledger.nlp.places.gazetteer import english_name, load_gazetteer
from newsledger.nlp.places.geocode import Mention, distance_km, resolve
from newsledger.nlp.places.names import name_key
from newsledger.records import Place
from newsledger.records import Span as SpanRecord


@pytest.fixture(scope="module")
def places_nlp(nlp: Language) -> Iterator[Language]:
    with nlp.select_pipes(enable=[*MODEL_COMPONENTS, *sorted(PLACES_NEEDS)]):
        yield nlp


@pytest.fixture(scope="module")
def parse(places_nlp: Language) -> Callable[..., Doc]:
    def run(text: str) -> Doc:
        return places_nlp(make_doc(places_nlp, text, None))

    return run


def places_of(parse: Callable[..., Doc], text: str) -> list[Place]:
    doc = parse(text)
    places = place_records(doc, entities=entity_records(doc))
    for place in places:
        assert text[place.span.start : place.span.end] == place.span.text
    return places


def place_named(places: list[Place], text: str) -> Place:
    found = [p for p in places if p.span.text == text]
    assert found, f"no place {text!r} in {[p.span.text for p in places]}"
    return found[0]


def near(place: Place, lat: float, lon: float, km: float) -> bool:
    assert place.lat is not None and place.lon is not None
    return distance_km(place.lat, place.lon, lat, lon) <= km


def test_kyiv_and_kiev_are_one_city(parse: Callable[..., Doc]) -> None:
    places = places_of(parse, "Drones hit Kiev overnight. Officials in Kyiv said the air defence held.")
    kiev, kyiv = place_named(places, "Kiev"), place_named(places, "Kyiv")
    assert kiev.geonameid == kyiv.geonameid
    assert (kiev.country, kiev.kind, kiev.name) == ("UA", "city", "Kyiv")
    assert near(kiev, 50.45, 30.52, 10)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Kharkov", "Kharkiv"),
        ("Zaporozhye", "Zaporizhzhia"),
        ("Odessa", "Odesa"),
        ("Nikolaev", "Mykolaiv"),
        ("Dnepropetrovsk", "Dnipro"),
    ],
)
def test_russian_forms_of_ukrainian_cities_are_the_cities(variant: str, canonical: str) -> None:
    gazetteer = load_gazetteer()
    found = resolve(gazetteer, [Mention(0, 1, name_key(variant)), Mention(2, 3, name_key(canonical))])
    assert found[0].feature is not None and found[0].feature == found[1].feature
    assert (found[0].feature.country, found[0].feature.kind) == ("UA", "city")
    assert found[0].feature.population > 200_000


def test_x_region_and_x_oblast_are_the_admin1_region(parse: Callable[..., Doc]) -> None:
    places = places_of(
        parse, "Shelling was reported in the Kharkiv region, and two villages in Donetsk Oblast were hit."
    )
    kharkiv, donetsk = place_named(places, "Kharkiv region"), place_named(places, "Donetsk Oblast")
    assert (kharkiv.kind, kharkiv.country) == ("admin1", "UA")
    assert (donetsk.kind, donetsk.country) == ("admin1", "UA")
    assert near(kharkiv, 49.9, 36.4, 100)
    assert near(donetsk, 48.0, 37.8, 100)


def test_south_of_kherson_is_kherson(parse: Callable[..., Doc]) -> None:
    places = places_of(parse, "Ukrainian troops advanced south of Kherson on Tuesday.")
    kherson = place_named(places, "Kherson")
    assert (kherson.country, kherson.kind) == ("UA", "city")
    assert near(kherson, 46.64, 32.61, 20)


def test_long_beach_ca_is_in_california(parse: Callable[..., Doc]) -> None:
    places = places_of(parse, "The festival in Long Beach, CA drew large crowds this weekend.")
    long_beach = place_named(places, "Long Beach")
    assert (long_beach.country, long_beach.admin1) == ("US", "California")
    assert near(long_beach, 33.77, -118.19, 20)


def test_usa_is_a_country(parse: Callable[..., Doc]) -> None:
    places = places_of(parse, "Visitors came from the USA and from Canada.")
    usa = place_named(places, "USA")
    assert (usa.kind, usa.country, usa.name) == ("country", "US", "United States")


def test_paris_is_chosen_by_the_article_context(parse: Callable[..., Doc]) -> None:
    france = places_of(parse, "The Louvre in Paris reopened. France welcomed the news.")
    texas = places_of(parse, "Paris, Texas, held its rodeo. Lamar County deputies directed traffic in Paris.")
    assert place_named(france, "Paris").country == "FR"
    assert {(p.country, p.admin1) for p in texas if p.span.text == "Paris"} == {("US", "Texas")}


def test_an_unresolvable_place_never_empties_the_others(parse: Callable[..., Doc]) -> None:
    places = places_of(parse, "They met in Zzyzxville and then flew on to Berlin.")
    unknown, berlin = place_named(places, "Zzyzxville"), place_named(places, "Berlin")
    assert (unknown.lat, unknown.lon, unknown.country, unknown.confidence) == (None, None, None, 0.0)
    assert berlin.country == "DE" and near(berlin, 52.52, 13.40, 20)


def test_an_exact_gazetteer_match_is_never_dropped() -> None:
    gazetteer = load_gazetteer()
    mentions = [Mention(0, 1, name_key(name)) for name in ("Harlan", "Pikeville", "Hazard", "Whitesburg")]
    resolutions = resolve(gazetteer, mentions)
    assert all(r.feature is not None and r.feature.lat is not None for r in resolutions)
    # Four small Kentucky towns named together are placed together, in Kentucky.
    assert {r.feature.admin1_code for r in resolutions if r.feature} == {"US-KY"}


def test_a_capital_standing_for_its_government_is_still_the_city(parse: Callable[..., Doc]) -> None:
    doc = parse("Moscow said it would respond. Russia has warned before.")
    entities = entity_records(doc)
    moscow = place_named(place_records(doc, entities=entities), "Moscow")
    assert (moscow.kind, moscow.country) == ("city", "RU")
    assert next(e.name for e in entities if e.id == moscow.entity) == "Russia"


def test_the_gazetteer_finds_places_the_model_missed(places_nlp: Language) -> None:
    nlp = places_nlp
    doc = nlp(make_doc(nlp, "Residents of Dnipro and Kharkiv sheltered overnight.", None))
    texts = [doc[p["start"] : p["end"]].text for p in doc._.places]
    assert "Kharkiv" in texts and "Dnipro" in texts


def test_a_batch_gives_exactly_the_single_article_results(places_nlp: Language) -> None:
    nlp = places_nlp
    texts = [
        "Drones struck Odesa and Mykolaiv, the governor of the Mykolaiv region said.",
        "Paris, Texas, is 100 miles from Dallas.",
        "The summit in Geneva ended without a deal between Washington and Moscow.",
    ]
    single = [
        place_records(d, entities=entity_records(d)) for d in (nlp(make_doc(nlp, t, None)) for t in texts)
    ]
    batch = [place_records(d, entities=entity_records(d)) for d in nlp.pipe(texts, batch_size=2)]
    assert batch == single
    for text, places in zip(texts, batch, strict=True):
        assert places and all(text[p.span.start : p.span.end] == p.span.text for p in places)


def test_places_survive_serialization(places_nlp: Language) -> None:
    nlp = places_nlp
    doc = nlp(make_doc(nlp, "Shelling hit the Kursk region and Belgorod.", None))
    restored = next(iter(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab)))
    assert list(restored._.places) == doc._.places  # msgpack gives the list back as a tuple
    assert [p["start"] for p in doc._.places] == sorted(p["start"] for p in doc._.places)


def test_seed_places_score_by_country_and_distance(parse: Callable[..., Doc]) -> None:
    text = "Russian forces shelled the Kursk region. Germany and Ukraine met in Berlin."
    doc = parse(text)
    places = place_records(doc, entities=entity_records(doc))
    gold: list[dict[str, Any]] = [
        {"text": "Kursk region", "country": "RU", "lat": 51.7, "lon": 36.2, "tolerance_km": 150},
        {"text": "Ukraine", "country": "UA"},
        {"text": "Paris", "country": "FR"},
    ]
    section = score_places(places, gold, text)
    assert (section.gold, section.found, section.correct) == (3, 2, 2)
    assert section.misses == ["'Paris' (FR)"]


def test_evaluate_places_reads_both_corpus_formats(nlp: Language, tmp_path: Path) -> None:
    text = "Kherson was shelled. Canadian officials in Toronto condemned it."
    lgl: dict[str, Any] = {
        "doc_id": "1",
        "dct": "2024-11-18",
        "text": text,
        "toponyms": [
            {"span": [0, 7], "name": "Kherson", "lat": 46.6354, "lon": 32.6169, "fcode": "PPLA"},
            {"span": [43, 50], "name": "Toronto", "lat": 43.7001, "lon": -79.4163, "fcode": "PPLA"},
            {"span": [21, 29], "name": "Canadian", "lat": 60.1, "lon": -113.6, "fcode": "PCLI"},
        ],
    }
    gwn: dict[str, Any] = {
        "doc_id": "2",
        "text": text,
        "toponyms": [{**t, "type": "Literal"} for t in lgl["toponyms"] if t["fcode"] == "PPLA"],
    }
    for record in (lgl, gwn):
        path = tmp_path / f"{record['doc_id']}.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        scores = evaluate_places(path, nlp)
        assert scores.named.all.gold == len(record["toponyms"])
        assert scores.named.all.within_161 >= 2
        assert scores.convention.all.found >= scores.named.all.found
        if record is lgl:
            # 'Canadian' is a toponym in LGL; found as an adjective, it counts in the headline only.
            assert scores.convention.all.found == 3 and scores.named.all.found == 2
    component = nlp.get_pipe("newsledger_places")
    assert isinstance(component, PlacesComponent) and component.adjectives is True


def test_country_and_state_adjectives_are_places_of_form_adjective(parse: Callable[..., Doc]) -> None:
    places = places_of(
        parse, "Saudi officials met Texan ranchers in Austin, and several South African buyers joined them."
    )
    saudi, texan = place_named(places, "Saudi"), place_named(places, "Texan")
    south_african = place_named(places, "South African")
    assert (saudi.form, saudi.kind, saudi.country) == ("adjective", "country", "SA")
    assert (texan.form, texan.kind, texan.admin1) == ("adjective", "admin1", "Texas")
    assert (south_african.form, south_african.country) == ("adjective", "ZA")
    assert place_named(places, "Austin").form == "name"


def test_a_plural_demonym_is_its_place(parse: Callable[..., Doc]) -> None:
    places = places_of(parse, "Ontarians will vote in June, and many Europeans are watching the race.")
    ontarians, europeans = place_named(places, "Ontarians"), place_named(places, "Europeans")
    assert (ontarians.form, ontarians.country, ontarians.kind) == ("adjective", "CA", "admin1")
    assert (europeans.form, europeans.name) == ("adjective", "Europe")


def test_a_place_inside_an_organization_name_is_embedded(parse: Callable[..., Doc]) -> None:
    places = places_of(
        parse, "A spokesman for the Kansas City Police Department said two officers were hurt on Friday."
    )
    kansas_city = next(p for p in places if p.span.text.startswith("Kansas City"))
    assert kansas_city.form == "embedded" and kansas_city.country == "US"
    assert near(kansas_city, 39.1, -94.58, 30)


def test_an_ambiguous_town_follows_the_state_named_in_an_organization(parse: Callable[..., Doc]) -> None:
    # Richmond, Virginia is six times larger; the Indiana State Police say which Richmond this is.
    text = (
        "The Indiana State Police bomb squad was called to a storage unit on Richmond's east side "
        "after a tenant reported a suspicious device."
    )
    richmond = place_named(places_of(parse, text), "Richmond")
    assert (richmond.country, richmond.admin1) == ("US", "Indiana")
    assert near(richmond, 39.83, -84.89, 20)


def test_a_street_is_placed_at_the_town_named_next_to_it(parse: Callable[..., Doc]) -> None:
    text = "A water main broke under Chestnut Drive in Paris, Tenn., and crews worked through the night."
    places = places_of(parse, text)
    street, paris = place_named(places, "Chestnut Drive"), place_named(places, "Paris")
    assert (paris.country, paris.admin1) == ("US", "Tennessee")
    assert (street.name, street.kind, street.form, street.country) == (
        "Chestnut Drive",
        "other",
        "name",
        "US",
    )
    assert (street.lat, street.lon) == (paris.lat, paris.lon)
    assert 0 < street.confidence < paris.confidence


def test_numbered_roads_are_places(parse: Callable[..., Doc]) -> None:
    text = "Deputies closed State Highway 21 and both lanes of I-35 near Waco after the storm."
    texts = {p.span.text for p in places_of(parse, text)}
    assert {"State Highway 21", "I-35", "Waco"} <= texts


def test_a_court_is_not_a_street(parse: Callable[..., Doc]) -> None:
    places = places_of(parse, "The Supreme Court heard the case from Dallas on Monday.")
    assert not [p for p in places if "Court" in p.span.text]


def test_a_dateline_in_capitals_is_its_town(parse: Callable[..., Doc]) -> None:
    text = "Fire crews contain blaze. MANSFIELD, La. — Firefighters from DeSoto Parish put out a barn fire."
    mansfield = place_named(places_of(parse, text), "MANSFIELD")
    assert (mansfield.country, mansfield.admin1) == ("US", "Louisiana")


def test_a_building_the_model_calls_an_organization_is_placed_at_its_town(parse: Callable[..., Doc]) -> None:
    text = "Fans packed the Barclays Center in Brooklyn on Saturday night for the final."
    places = places_of(parse, text)
    arena = next(p for p in places if p.span.text.endswith("Barclays Center"))
    assert arena.kind == "other" and arena.country == "US"
    assert near(arena, 40.65, -73.95, 30)


def test_a_persons_given_name_or_surname_is_not_a_place(parse: Callable[..., Doc]) -> None:
    # George (South Africa, Washington state) and Perry (Georgia, Florida ...) are towns.
    places = places_of(parse, "George Perry, a retired teacher, said the vote had been close.")
    assert not [p for p in places if p.span.text in {"George", "Perry"}]


SUDAN = (
    "EL FASHER, Sudan (Northstar Wire) — Shelling hit the Abu Shouk displacement camp near El Fasher "
    "on Tuesday, killing at least 12 people, aid workers said.\n\n"
    "The Rapid Support Forces have besieged El Fasher, the capital of North Darfur state, since May. "
    "Residents who fled to Tawila, a town west of El Fasher, said the camp had been shelled for days. "
    "The fighting has spread from Khartoum to Darfur. In Port Sudan, the army-aligned government said "
    "it would send aid through the Adre crossing from Chad."
)


def test_a_camp_near_a_town_is_placed_near_the_town_not_in_another_country(
    parse: Callable[..., Doc],
) -> None:
    places = places_of(parse, SUDAN)
    camp, town = place_named(places, "Abu Shouk"), place_named(places, "Tawila")
    for place in (camp, town):
        assert place.country == "SD" and near(place, 13.63, 25.35, 50)
        assert 0 < place.confidence < 1  # placed at the town the text names, not found there
    khartoum = place_named(places, "Khartoum")  # the capital, not the state of its name
    assert (khartoum.kind, khartoum.country) == ("city", "SD") and near(khartoum, 15.55, 32.53, 10)


def test_a_town_near_another_is_its_namesake_there(parse: Callable[..., Doc]) -> None:
    alone = place_named(places_of(parse, "Police in Berea said the suspect fled on foot."), "Berea")
    assert alone.country != "US"  # with nothing said of it, the larger Berea (in Lesotho) wins
    text = "Police in Berea, a city near Lexington, said the suspect fled on foot."
    berea = place_named(places_of(parse, text), "Berea")
    assert (berea.country, berea.admin1) == ("US", "Kentucky") and near(berea, 37.57, -84.30, 10)


def test_two_places_joined_by_and_are_not_near_each_other(parse: Callable[..., Doc]) -> None:
    text = "Air defences shot down drones over the Kursk region and near Voronezh, the ministry said."
    places = places_of(parse, text)
    kursk = place_named(places, "Kursk region")
    assert (kursk.kind, kursk.name) == ("admin1", "Kursk Oblast") and near(kursk, 51.66, 36.49, 30)


def test_a_region_and_its_capital_are_settled_together(parse: Callable[..., Doc]) -> None:
    text = (
        "Officials in Atlanta said Georgia would expand the hotline next year, a program Texas already runs."
    )
    places = places_of(parse, text)
    atlanta, georgia = place_named(places, "Atlanta"), place_named(places, "Georgia")
    assert (georgia.kind, georgia.country) == ("admin1", "US")
    assert atlanta.admin1 == "Georgia" and near(atlanta, 33.75, -84.39, 10)


def test_a_name_repeated_in_an_article_is_one_place(parse: Callable[..., Doc]) -> None:
    text = "Farmers in Paris, Texas, lost their crops. Paris officials said the county would help."
    paris = [p for p in places_of(parse, text) if p.span.text == "Paris"]
    assert len(paris) == 2 and len({p.geonameid for p in paris}) == 1
    assert all(p.admin1 == "Texas" for p in paris)


def test_regions_are_named_in_english(parse: Callable[..., Doc]) -> None:
    text = (
        "Ukrainian forces pushed deeper into Russia's Kursk Oblast, the governor of the Belgorod region "
        "said, as Russian troops shelled the town of Sudzha."
    )
    places = places_of(parse, text)
    assert place_named(places, "Kursk Oblast").name == "Kursk Oblast"
    assert place_named(places, "Belgorod region").name == "Belgorod Oblast"
    assert place_named(places, "Sudzha").admin1 == "Kursk Oblast"
    assert not any("oblast'" in (p.name + (p.admin1 or "")) for p in places)


@pytest.mark.parametrize(
    ("local", "english", "expected"),
    [
        ("Kurskaya oblast'", ["Kursk"], "Kursk Oblast"),
        ("Krasnodarskiy kray", ["Krasnodar", "Kuban"], "Krasnodar Krai"),
        ("Tatarstan, Respublika", ["Tatarstan", "Republic of Tatarstan"], "Republic of Tatarstan"),
        ("Bayern", ["Bavaria"], "Bayern"),  # no kind word: ISO's English may be a translation
        ("Kharkivska oblast", [], "Kharkivska oblast"),  # no English name: kept
    ],
)
def test_english_name_of_a_region(local: str, english: list[str], expected: str) -> None:
    templates = load_json("places", "admin_names.json")["templates"]
    assert english_name(local, english, templates) == expected


def test_the_product_owners_counting_leaves_out_gold_toponyms_without_coordinates() -> None:
    def place(lat: float | None, lon: float | None) -> Place:
        span = SpanRecord(start=0, end=5, text="Place")
        return Place(
            id="p1", span=span, name="Place", kind="city", country=None, lat=lat, lon=lon, confidence=1.0
        )

    counts = Counts()
    counts.add(GoldToponym(0, 5, "Kherson", 46.64, 32.62, "city"), place(46.64, 32.62))  # right
    counts.add(GoldToponym(0, 5, "Toronto", 43.70, -79.42, "city"), place(48.85, 2.35))  # far off
    counts.add(GoldToponym(0, 5, "Lviv", 49.84, 24.03, "city"), None)  # missed
    counts.add(GoldToponym(0, 5, "Main Street", None, None, "street"), place(None, None))  # no point
    assert (counts.within_161, counts.with_coordinates) == (1, 3)
    assert counts.with_coordinates_161 == pytest.approx(1 / 3)
    assert counts.resolved_share == pytest.approx(2 / 4)  # ours: the street counts as resolved when found
    assert counts.resolved_strict == pytest.approx(1 / 4)


def test_a_town_named_like_its_province_is_the_town(parse: Callable[..., Doc]) -> None:
    text = (
        "Government forces shelled Idlib on Monday. In Iraq, officials in Kirkuk said protests went on. "
        "Talks in Istanbul ended without agreement, and markets in Sao Paulo fell. Kandahar was quiet."
    )
    places = places_of(parse, text)
    for name in ("Idlib", "Kirkuk", "Istanbul", "Sao Paulo", "Kandahar"):
        assert place_named(places, name).kind == "city", name


def test_a_repeated_name_is_two_places_when_the_text_tells_them_apart(parse: Callable[..., Doc]) -> None:
    text = (
        "Storms hit Paris, Texas, on Friday. In Paris, France, the weather was calm. "
        "Paris officials in France said the Seine was rising."
    )
    paris = [p for p in places_of(parse, text) if p.span.text == "Paris"]
    assert [p.country for p in paris] == ["US", "FR", "FR"]
    assert paris[0].admin1 == "Texas" and near(paris[2], 48.85, 2.35, 10)
