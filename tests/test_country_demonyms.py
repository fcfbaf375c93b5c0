"""A country and its demonym meet under one entity across articles (issue 17: 'Russia' showed no events
because the events' actor was the NORP 'Russian')."""

from __future__ import annotations

from newsledger.corpus.entities import LocalEntity, resolve_entities
from newsledger.corpus.names import country_of_demonym


def entity(article: str, name: str, label: str, story: str = "s1") -> LocalEntity:
    return LocalEntity(article, f"e-{name}", name, label, 1, story)


def test_demonyms_name_their_country() -> None:
    assert country_of_demonym("Russian") == "Russia"
    assert country_of_demonym("Ukrainians") == "Ukraine"
    assert country_of_demonym("American") == "United States"  # the more populous owner of the word
    assert country_of_demonym("Smith") is None
    assert country_of_demonym("Republican") is None


def test_russian_forces_and_russia_are_one_entity_named_after_the_country() -> None:
    found = resolve_entities([
        entity("a1", "Russian", "NORP"),  # 'Russian forces shelled Kupiansk'
        entity("a2", "Russia", "GPE", story="s2"),  # 'Russia said it had captured Synkivka'
        entity("a2", "Ukrainian", "NORP", story="s2"),
    ])
    russia = found[("a2", "e-Russia")]
    assert found[("a1", "e-Russian")].id == russia.id
    assert (russia.name, russia.label) == ("Russia", "GPE")
    assert russia.aliases == ["Russia", "Russian"]
    assert found[("a2", "e-Ukrainian")].id != russia.id


def test_a_demonym_alone_is_already_the_country_it_will_meet() -> None:
    alone = resolve_entities([entity("a1", "Russians", "NORP")])[("a1", "e-Russians")]
    later = resolve_entities([entity("a2", "Russia", "GPE", story="s9")])[("a2", "e-Russia")]
    assert (alone.id, alone.name, alone.label) == (later.id, "Russia", "GPE")


def test_other_groups_stay_groups() -> None:
    found = resolve_entities([entity("a1", "Democrats", "NORP"), entity("a1", "Democratic Party", "ORG")])
    assert found[("a1", "e-Democrats")].label == "NORP"
