"""Places in conflict reporting: names spelled another way than the gazetteer spells them, possessives
written without their apostrophe, and namesakes abroad, resolved with the article's geography.

Like test_places.py, the tests run the components places depend on and no others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.evaluate.places import PLACES_NEEDS
from newsledger.nlp.entities import entity_records
from newsledger.nlp.pipeline import MODEL_COMPONENTS, make_doc
from newsledger.nlp.places import place_records
from newsledger.nlp.places.gazetteer import LOOSE, OWN_NAME, load_gazetteer
from newsledger.nlp.places.geocode import Mention, distance_km, resolve
from newsledger.nlp.places.names import loose_key, name_key
from newsledger.records import Place


@pytest.fixture(scope="module")
def places_nlp(nlp: Language) -> Iterator[Language]:
    with nlp.select_pipes(enable=[*MODEL_COMPONENTS, *sorted(PLACES_NEEDS)]):
        yield nlp


@pytest.fixture(scope="module")
def parse(places_nlp: Language) -> Callable[[str], list[Place]]:
    def run(text: str) -> list[Place]:
        doc: Doc = places_nlp(make_doc(places_nlp, text, None))
        places = place_records(doc, entities=entity_records(doc))
        for place in places:
            assert text[place.span.start : place.span.end] == place.span.text
        return places

    return run


def named(places: list[Place], text: str) -> Place:
    found = [p for p in places if p.span.text == text]
    assert found, f"no place {text!r} in {[p.span.text for p in places]}"
    return found[0]


def km_from(place: Place, lat: float, lon: float) -> float:
    assert place.lat is not None and place.lon is not None
    return distance_km(place.lat, place.lon, lat, lon)


@pytest.mark.parametrize(
    ("written", "gazetteer"),
    [
        ("Deir Ezour", "Deir ez-Zor"),
        ("Deir al-Zor", "Deir ez-Zor"),
        ("Hassakeh", "Al Ḩasakah"),
        ("Qamishli", "Al Qāmishlī"),
        ("Efrin", "‘Afrīn"),
        ("Raqa", "Ar Raqqah"),
        ("Khan Sheikhun", "Khān Shaykhūn"),
        ("Kostiantynivka", "Kostyantynivka"),
    ],
)
def test_transliterations_share_a_loose_key(written: str, gazetteer: str) -> None:
    assert loose_key(name_key(written)) == loose_key(name_key(gazetteer)) is not None


def test_the_loose_key_keeps_different_names_apart() -> None:
    keys = [loose_key(name_key(n)) for n in ("Homs", "Hama", "Idlib", "Aleppo", "Yabroud", "Assad")]
    assert len(set(keys)) == len(keys)
    assert loose_key("al") is None  # too short to say anything


def test_a_name_as_written_outranks_a_spelling_guessed() -> None:
    gazetteer = load_gazetteer()
    exact = gazetteer.find(name_key("Afrin"))
    assert exact and all(m.quality < LOOSE for m in exact)
    guessed = gazetteer.find(name_key("Hassakeh"))
    assert guessed and {m.quality for m in guessed} == {LOOSE}
    assert any(m.feature.country == "SY" and m.feature.kind == "city" for m in guessed)


def test_a_possessive_without_its_apostrophe_is_the_place() -> None:
    gazetteer = load_gazetteer()
    (syria,) = gazetteer.find(name_key("Syrias"))
    assert (syria.feature.kind, syria.feature.country, syria.quality) == ("country", "SY", OWN_NAME)
    assert not any(m.feature.kind == "country" for m in gazetteer.find(name_key("Texas")))


def test_syrian_towns_spelled_locally_are_placed_in_syria(parse: Callable[[str], list[Place]]) -> None:
    places = parse(
        "Shelling killed 12 civilians in Deir Ezour on Tuesday, and two more died in Hassakeh, "
        "Syrias state news agency said."
    )
    deir, hasakah = named(places, "Deir Ezour"), named(places, "Hassakeh")
    assert deir.country == hasakah.country == "SY"
    assert km_from(deir, 35.34, 40.14) < 100
    assert km_from(hasakah, 36.50, 40.75) < 100
    assert named(places, "Syrias").kind == "country"


def test_a_stripped_possessive_before_a_province_is_two_places(parse: Callable[[str], list[Place]]) -> None:
    places = parse("Government jets struck Syrias Idlib province on Sunday, killing nine people in Efrin.")
    syria, idlib = named(places, "Syrias"), named(places, "Idlib province")
    assert (syria.kind, syria.country) == ("country", "SY")
    assert (idlib.kind, idlib.country) == ("admin1", "SY")
    assert km_from(named(places, "Efrin"), 36.51, 36.87) < 20


def test_a_ukrainian_town_in_another_romanisation(parse: Callable[[str], list[Place]]) -> None:
    places = parse(
        "Two people were killed in Kostiantynivka on Friday, the governor of the Donetsk region said. "
        "Officials in Zaporizhzhya and in Zaporizhzhia reported no damage."
    )
    town = named(places, "Kostiantynivka")
    assert (town.kind, town.country) == ("city", "UA") and km_from(town, 48.53, 37.71) < 10
    for spelling in ("Zaporizhzhya", "Zaporizhzhia"):
        city = named(places, spelling)
        assert (city.kind, city.country) == ("city", "UA") and km_from(city, 47.84, 35.14) < 20


def test_a_village_near_a_town_is_not_its_namesake_abroad(parse: Callable[[str], list[Place]]) -> None:
    places = parse("Three civilians were killed in Salem, near Hama, monitors in Syria said.")
    salem = named(places, "Salem")
    assert salem.country == "SY" and km_from(salem, 35.13, 36.75) < 100  # not the Indian district
    assert 0 < salem.confidence < 1  # placed at the town the text names, not found there


def test_a_camp_near_a_town_is_in_sudan(parse: Callable[[str], list[Place]]) -> None:
    places = parse("Shelling hit the Abu Shouk displacement camp near El Fasher on Monday, aid workers said.")
    camp = named(places, "Abu Shouk")
    assert camp.country == "SD" and km_from(camp, 13.63, 25.35) < 50


def test_a_small_namesake_abroad_is_left_unplaced() -> None:
    gazetteer = load_gazetteer()
    names = ["syria", "aleppo", "idlib", "hama", "tal"]
    alone = resolve(gazetteer, [Mention(2 * i, 2 * i + 1, key) for i, key in enumerate(names)])
    tal = alone[-1]
    assert tal.feature is None and tal.confidence == 0.0  # no Indian hamlet in a report from Syria
    india = resolve(gazetteer, [Mention(0, 1, "india"), Mention(2, 3, "tal")])
    assert india[1].feature is not None and india[1].feature.country == "IN"


def test_a_small_town_in_a_report_that_names_no_country_keeps_its_place(
    parse: Callable[[str], list[Place]],
) -> None:
    places = parse("At least 21 people died when a drone struck a wedding near Bandiagara on Sunday evening.")
    town = named(places, "Bandiagara")
    assert town.country == "ML" and town.lat is not None  # no home country to call it a namesake abroad


def test_a_guessed_spelling_abroad_is_not_taken() -> None:
    gazetteer = load_gazetteer()
    keys = ["syria", "aleppo", "raqqa", "kobani"]
    found = resolve(gazetteer, [Mention(2 * i, 2 * i + 1, key) for i, key in enumerate(keys)])
    kobani = found[-1]
    assert kobani.feature is None or kobani.feature.country == "SY"  # never the Budapest district


def test_a_province_named_after_its_town_is_shown_in_english(parse: Callable[[str], list[Place]]) -> None:
    places = parse("Air strikes hit Aleppo province and Homs province, and shells fell on Aleppo itself.")
    region, town = named(places, "Aleppo province"), named(places, "Aleppo")
    assert (region.kind, region.name, region.country) == ("admin1", "Aleppo", "SY")
    assert (town.kind, town.name, town.admin1) == ("city", "Aleppo", "Aleppo")
    assert named(places, "Homs province").name == "Homs"


def test_a_name_the_ner_cut_at_its_hyphened_article(parse: Callable[[str], list[Place]]) -> None:
    places = parse("Russian jets killed 30 militants near Deir ez-Zor on Tuesday, the ministry said.")
    deir = named(places, "Deir ez-Zor")
    assert (deir.kind, deir.country) == ("city", "SY")


def test_a_town_of_another_spelling_after_town_of(parse: Callable[[str], list[Place]]) -> None:
    places = parse(
        "Air strikes killed 14 civilians crossing the Euphrates near the militant-held town of Al Mayadeen "
        "in eastern Syria, and US jets targeted a district in the city of Raqqah."
    )
    assert km_from(named(places, "Al Mayadeen"), 35.02, 40.45) < 10
    assert km_from(named(places, "Raqqah"), 35.95, 39.01) < 20


def test_a_region_named_for_its_capital_is_the_town_unless_called_a_province(
    parse: Callable[[str], list[Place]],
) -> None:
    places = parse("Rebels shelled Daraa on Monday, and four soldiers were killed elsewhere in Daraa province.")
    town, region = named(places, "Daraa"), named(places, "Daraa province")
    assert (town.kind, town.country) == ("city", "SY") and km_from(town, 32.62, 36.10) < 10
    assert (region.kind, region.country) == ("admin1", "SY")


def test_a_name_cut_before_its_hyphened_article_spelled_another_way(
    parse: Callable[[str], list[Place]],
) -> None:
    places = parse("Kurdish fighters were killed in fighting near the Syrian town of Ain al-Arab on Monday.")
    assert km_from(named(places, "Ain al-Arab"), 36.89, 38.35) < 10
