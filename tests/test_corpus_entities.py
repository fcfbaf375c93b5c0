"""Entity resolution across articles: spelling variants join, namesakes stay apart."""

from __future__ import annotations

from newsledger.corpus.entities import LocalEntity, resolve_entities
from newsledger.corpus.names import fold_word, name_words, person_names_agree


def entity(article: str, name: str, story: str = "s1", label: str = "PERSON") -> LocalEntity:
    return LocalEntity(article, f"e-{name}", name, label, 1, story)


def test_transliterations_fold_to_one_spelling() -> None:
    assert {fold_word(w) for w in ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi")} == {"zelensky"}
    assert {fold_word(w) for w in ("Gaddafi", "Qaddafi", "Kadhafi")} == {"gaddafi"}
    assert name_words("Erdoğan") == name_words("Erdogan")


def test_initials_and_given_names() -> None:
    assert person_names_agree(name_words("J. Smith"), name_words("John Smith"))
    assert not person_names_agree(name_words("Sarah Smith"), name_words("John Smith"))
    assert person_names_agree(name_words("Smith"), name_words("Sarah Smith"))


def test_one_president_under_three_spellings() -> None:
    found = resolve_entities(
        [
            entity("a1", "Zelensky"),
            entity("a2", "Volodymyr Zelenskyy"),
            entity("a3", "Volodymyr Zelenskiy", story="s2"),
        ]
    )
    assert len({c.id for c in found.values()}) == 1
    person = found[("a2", "e-Volodymyr Zelenskyy")]
    assert person.aliases == ["Volodymyr Zelenskiy", "Volodymyr Zelenskyy", "Zelensky"]
    assert person.stories == ["s1", "s2"]


def test_two_smiths_stay_two_and_a_bare_smith_is_not_guessed() -> None:
    found = resolve_entities([entity("a1", "John Smith"), entity("a2", "Sarah Smith"), entity("a3", "Smith")])
    ids = {key: c.id for key, c in found.items()}
    assert len(set(ids.values())) == 3


def test_a_bare_surname_joins_the_one_full_name_of_its_story() -> None:
    found = resolve_entities(
        [entity("a1", "John Smith"), entity("a2", "Smith"), entity("a3", "Smith", story="s2")]
    )
    assert found[("a1", "e-John Smith")].id == found[("a2", "e-Smith")].id
    # In another story, nothing says which Smith it is.
    assert found[("a3", "e-Smith")].id != found[("a1", "e-John Smith")].id


def test_types_do_not_mix_and_acronyms_join_within_a_story() -> None:
    found = resolve_entities(
        [
            entity("a1", "Jordan", label="GPE"),
            entity("a2", "Jordan", label="PERSON"),
            entity("a3", "National Basketball Association", label="ORG"),
            entity("a4", "NBA", label="ORG"),
        ]
    )
    assert found[("a1", "e-Jordan")].id != found[("a2", "e-Jordan")].id
    assert found[("a3", "e-National Basketball Association")].id == found[("a4", "e-NBA")].id


def test_resolution_does_not_depend_on_input_order() -> None:
    items = [
        entity("a1", "John Smith"),
        entity("a2", "Smith"),
        entity("a3", "J. Smith"),
        entity("a4", "Sarah Smith"),
    ]
    forward = {k: c.id for k, c in resolve_entities(items).items()}
    backward = {k: c.id for k, c in resolve_entities(list(reversed(items))).items()}
    assert forward == backward


def test_a_person_gets_one_id_in_every_story_resolved_alone() -> None:
    first_story = [entity("a1", "Volodymyr Zelensky"), entity("a2", "Zelensky")]
    second_story = [
        entity("b1", "Volodymyr Zelenskyy", story="s2"),
        entity("b2", "Volodymyr Zelensky", story="s2"),
        entity("b3", "Olena Zelenska", story="s2"),
    ]
    together = resolve_entities(first_story + second_story)
    alone = resolve_entities(first_story) | resolve_entities(second_story)
    assert {k: c.id for k, c in together.items()} == {k: c.id for k, c in alone.items()}
    assert together[("a2", "e-Zelensky")].id == together[("b1", "e-Volodymyr Zelenskyy")].id
    assert together[("b3", "e-Olena Zelenska")].id != together[("b1", "e-Volodymyr Zelenskyy")].id


def test_a_bare_surname_is_never_an_identity_across_stories() -> None:
    found = resolve_entities([entity("a1", "Smith"), entity("a2", "Smith", story="s2")])
    assert found[("a1", "e-Smith")].id != found[("a2", "e-Smith")].id
