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
