"""Entities on news text written for these tests: lexicon fixes, and one canonical name per thing."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from newsledger.nlp.entities import entity_records
from newsledger.records import Entity

Parse = Callable[..., Doc]


def entities_of(parse: Parse, text: str) -> list[Entity]:
    return entity_records(parse(text))


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def test_weapon_names_are_tagged_with_their_canonical_name(parse: Parse) -> None:
    text = (
        "Kyiv has asked for more HIMARS launchers and Storm Shadow missiles. Overnight Russia launched "
        "Kinzhal and Iskander-M missiles as well as 40 Shahed drones, the air force said."
    )
    found = by_name(entities_of(parse, text))
    for weapon in ("HIMARS", "Storm Shadow", "Kinzhal", "Iskander", "Shahed"):
        assert found[weapon].label == "WEAPON", weapon
    assert found["Shahed"].mentions[0].text == "Shahed drones"


def test_ambiguous_weapon_names_need_a_weapon_noun(parse: Parse) -> None:
    text = (
        "Berlin refused to send Taurus cruise missiles. Her star sign is Taurus, she told the Patriot Post."
    )
    weapons = [e for e in entities_of(parse, text) if e.label == "WEAPON"]
    assert [(w.name, [m.text for m in w.mentions]) for w in weapons] == [
        ("Taurus", ["Taurus cruise missiles"])
    ]


def test_surname_joins_the_full_name_even_when_the_model_mislabels_it(parse: Parse) -> None:
    text = (
        "German Chancellor Olaf Scholz met Polish Prime Minister Donald Tusk in Warsaw on Friday. "
        "Scholz’s spokesman said the talks were useful. Tusk said Poland would buy more air defence. "
        "Later Scholz flew home."
    )
    found = by_name(entities_of(parse, text))
    assert found["Olaf Scholz"].label == "PERSON"
    assert [m.text for m in found["Olaf Scholz"].mentions] == ["Olaf Scholz", "Scholz", "Scholz"]
    assert [m.text for m in found["Donald Tusk"].mentions] == ["Donald Tusk", "Tusk"]


def test_two_people_with_one_surname_stay_two(parse: Parse) -> None:
    text = (
        "John Smith, a farmer, said the river had flooded. His neighbour Anna Smith, a teacher, "
        "disagreed. Anna Smith said the dam had held."
    )
    people = [e for e in entities_of(parse, text) if e.label == "PERSON"]
    names = sorted(e.name for e in people)
    assert names == ["Anna Smith", "John Smith"]


def test_bare_surname_goes_to_the_person_last_named(parse: Parse) -> None:
    text = "Hunter Biden was in court on Monday. Joe Biden said he was proud of his son. Biden left early."
    found = by_name(entities_of(parse, text))
    assert [m.text for m in found["Joe Biden"].mentions][-1] == "Biden"
    assert [m.text for m in found["Hunter Biden"].mentions] == ["Hunter Biden"]


def test_acronym_in_parentheses_joins_its_long_form(parse: Parse) -> None:
    text = (
        "The International Atomic Energy Agency (IAEA) said on Monday it had lost contact with the plant. "
        "The IAEA asked both sides to stop shelling."
    )
    found = by_name(entities_of(parse, text))
    agency = found["International Atomic Energy Agency"]
    assert agency.label == "ORG"
    assert [m.text for m in agency.mentions] == ["The International Atomic Energy Agency", "IAEA", "IAEA"]


def test_possessive_country_organization_is_named_of_the_country(parse: Parse) -> None:
    text = "Ukraine’s Armed Forces (AFU) said 30 drones were shot down. The AFU did not give losses."
    found = by_name(entities_of(parse, text))
    forces = found["Armed Forces of Ukraine"]
    assert [m.text for m in forces.mentions] == ["Ukraine’s Armed Forces", "AFU", "AFU"]


def test_country_aliases_share_one_name(parse: Parse) -> None:
    text = "The US and the UK said the United States would lead. Britain agreed; the U.S. did not comment."
    found = by_name(entities_of(parse, text))
    assert {m.text for m in found["United States"].mentions} == {"US", "the United States", "U.S."}
    assert {m.text for m in found["United Kingdom"].mentions} == {"UK", "Britain"}


def test_capital_as_government_joins_its_country_but_stays_a_place_after_in(parse: Parse) -> None:
    text = (
        "Russia launched a new offensive. Moscow said the operation would continue, and Kyiv’s allies "
        "promised more help. Explosions were heard in Kyiv overnight."
    )
    found = by_name(entities_of(parse, text))
    assert "Moscow" in {m.text for m in found["Russia"].mentions}
    assert "Kyiv" in {m.text for m in found["Ukraine"].mentions}
    assert [m.text for m in found["Kyiv"].mentions] == ["Kyiv"]


def test_named_region_is_a_location_whatever_the_model_said(parse: Parse) -> None:
    text = "Fighting continued in the Kursk region and in Donetsk oblast, officials said."
    found = by_name(entities_of(parse, text))
    assert found["Kursk region"].label == "LOC"
    assert found["Donetsk oblast"].label == "LOC"


def test_mention_offsets_point_at_the_text(parse: Parse) -> None:
    text = "“We will not retreat,” said Ukraine’s President Volodymyr Zelensky in Kharkiv on Sunday."
    doc = parse(text)
    for entity in entity_records(doc):
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
