"""Entity labels repaired from the gazetteer: a country the small model took for a person."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

Parse = Callable[..., Doc]


def labels(parse: Parse, text: str) -> dict[str, str]:
    return {ent.text: ent.label_ for ent in parse(text).ents}


def test_a_country_read_as_a_person_is_a_place(parse: Parse) -> None:
    text = ("A drone strike hit a wedding in a village near Bandiagara in central Mali on Sunday evening, "
            "killing at least 21 civilians, a local official said. Mali's army has been fighting "
            "jihadist groups in the region for a decade.")
    found = parse(text)
    assert {ent.label_ for ent in found.ents if ent.text.startswith("Mali")} == {"GPE"}


def test_a_person_with_a_title_keeps_the_name_of_a_country(parse: Parse) -> None:
    assert labels(parse, "Mr Chad said the team would travel to Lagos on Friday.").get("Chad") == "PERSON"


def test_a_large_city_tagged_as_a_people_is_a_place(parse: Parse) -> None:
    from spacy.tokens import Span

    from newsledger.nlp.entities.labels import is_city_name

    doc = parse("Rebel shells hit a school in western Aleppo on Thursday, killing three children.")
    aleppo = next(t.i for t in doc if t.text == "Aleppo")
    assert is_city_name(Span(doc, aleppo, aleppo + 1, label="NORP"))
    # a people's name that is also a small town's, and a demonym, stay a people
    doc = parse("Cherokee and Syrian delegates met on Monday.")
    assert not is_city_name(Span(doc, 0, 1, label="NORP"))
    assert not is_city_name(Span(doc, 2, 3, label="NORP"))
    # a country's name the model read as its people is left to the adjective reading
    doc = parse("Mexico and Canada signed the accord on Monday.")
    assert not is_city_name(Span(doc, 0, 1, label="NORP"))


def test_a_town_named_by_direction_or_district_is_in_a_locative_context(parse: Parse) -> None:
    from spacy.tokens import Span

    from newsledger.nlp.entities.labels import is_town

    doc = parse("Government jets pounded villages south of Binnish and the countryside of Saraqib on Friday.")
    for name in ("Binnish", "Saraqib"):
        i = next(t.i for t in doc if t.text == name)
        assert is_town(Span(doc, i, i + 1, label="PERSON")), name
    doc = parse("Binnish told reporters the aid had arrived.")
    assert not is_town(Span(doc, 0, 1, label="PERSON"))


def test_aleppo_read_as_a_people_is_placed(parse: Parse) -> None:
    text = ("Syrian government air strikes on opposition-held neighbourhoods of Aleppo killed at least 15 "
            "civilians on Wednesday, a monitor said. Aleppo has been divided since 2012.")
    assert {ent.label_ for ent in parse(text).ents if ent.text == "Aleppo"} == {"GPE"}
