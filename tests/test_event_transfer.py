"""Event types that carry to text no lexicon entry was read off (issue 17).

The own held-out set (``fixtures/events-own/wire.jsonl``, 85 wire-style sentences labelled by the PLOVER
codebook before newsledger was run on them) is scored against the floor measured on its first run; the
rules below decide the type from the trigger's arguments and the source of its mode, each shown with a
contrast in which the same word keeps the lexicon's type."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from newsledger.analyze import analyze
from newsledger.evaluate.events import evaluate_events
from tests.conftest import FIXTURES

OWN_SET = FIXTURES / "events-own" / "wire.jsonl"
# Measured on the set's first run, before any change it could have guided: macro F1 0.871, and 2 events
# coded on its 6 sentences that tell none.
OWN_MACRO_F1_FLOOR = 0.85
OWN_FALSE_EVENTS_CEILING = 2


def typed(text: str) -> list[tuple[str, str]]:
    return [(str(e.type), e.mode) for e in analyze(text, published=date(2024, 11, 18)).events]


def test_own_held_out_set_stays_above_its_first_measured_floor(nlp: Language) -> None:
    scores = evaluate_events(OWN_SET, nlp)
    assert scores.sentences == 85
    assert scores.no_event_sentences == 6
    assert len(scores.gold_types) == 16
    assert scores.macro_f1 >= OWN_MACRO_F1_FLOOR
    assert scores.events_on_no_event <= OWN_FALSE_EVENTS_CEILING


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A condition or someone else's expectation is no threat: the attack stays an attack, not yet real.
        (
            "If the army shells the camp again, thousands of families could flee, aid workers said.",
            [("ASSAULT", "hypothetical")],
        ),
        (
            "Residents of Wad Madani fled ahead of an expected offensive on the city.",
            [("ASSAULT", "planned")],
        ),
        # What others believe an actor may do is their guess, not the actor's threat.
        (
            "Western officials believe the RSF may attack El Fasher within weeks.",
            [("ASSAULT", "hypothetical")],
        ),
        # The actor's own 'would' is still a threat, and so is what it is said to plan.
        ("The rebels said they would attack the port if the talks failed.", [("THREATEN", "hypothetical")]),
        ("The Houthis said they could target more ships in the Red Sea.", [("THREATEN", "hypothetical")]),
    ],
)
def test_only_the_actors_own_intent_makes_a_threat(text: str, expected: list[tuple[str, str]]) -> None:
    assert typed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Withdrawing a bill concedes; withdrawing troops retreats; leaving a court or a deal cuts ties.
        (
            "The government withdrew the controversial media bill on Friday after weeks of criticism.",
            ["CONCEDE"],
        ),
        ("Israeli troops withdrew from the Netzarim corridor on Sunday.", ["RETREAT"]),
        ("Burundi announced its withdrawal from the International Criminal Court.", ["SANCTION"]),
        ("Russia pulled out of the Black Sea grain deal in July.", ["SANCTION"]),
        # Releasing a plan publishes it; releasing prisoners is a release.
        ("The ministry released its budget plan on Monday.", []),
        ("The rebels released 40 prisoners on Monday.", ["RETREAT"]),
        # Protesters who storm a building riot; soldiers who storm it attack.
        ("Hundreds of protesters stormed the electoral commission's offices in Maputo.", ["PROTEST"]),
        ("Soldiers stormed the presidential palace in Niamey on Wednesday.", ["ASSAULT"]),
        # A reporter's request for comment is no request between the actors.
        ("A spokesman for the army did not respond to a request for comment.", []),
        ("The UN made a request for access to the besieged city of El Fasher.", ["REQUEST"]),
        # Marching through a city is a protest; a car crashing through a barricade is no verbal event.
        ("Supporters of the opposition marched through central Tbilisi on Sunday evening.", ["PROTEST"]),
        ("A police car crashed through a barricade outside parliament.", []),
    ],
)
def test_argument_kinds_carry_the_type(text: str, expected: list[str]) -> None:
    assert sorted(event_type for event_type, _ in typed(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The minister declined to discuss the ceasefire talks with reporters.",
        "The army refused to comment on the air strike, which killed 12 people in Omdurman.",
    ],
)
def test_what_a_source_would_not_discuss_is_no_event_told(text: str) -> None:
    assert typed(text) == []


def test_refusing_to_discuss_with_a_party_is_a_rejection_not_silence() -> None:
    assert typed("Israel refused to discuss a ceasefire with Hamas.") == [("REJECT", "actual")]
    assert typed("The minister declined to discuss the matter with journalists.") == []


def test_an_event_beside_a_silent_source_is_still_told() -> None:
    text = "The convoy was hit near Kupiansk, said an officer who declined to discuss the strike further."
    assert typed(text) == [("ASSAULT", "actual")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A show of force alone mobilises; done together it is military cooperation.
        ("China launched war games around Taiwan on Monday.", ["MOBILIZE"]),
        ("Iran held missile drills near the Strait of Hormuz.", ["MOBILIZE"]),
        ("Russia and Belarus launched ten days of military exercises near the Polish border.", ["COOPERATE"]),
        ("Russian and Chinese warships began joint naval drills in the Sea of Japan.", ["COOPERATE"]),
    ],
)
def test_exercises_done_together_are_cooperation(text: str, expected: list[str]) -> None:
    assert [event_type for event_type, _ in typed(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What a storm or a flood does is a disaster, also in the participle clause that shares its subject.
        ("The storm hit the coast of Myanmar on Saturday, killing 12 people.", []),
        ("Floods swept through villages in South Sudan, killing dozens.", []),
        ("A missile struck a hotel in Kramatorsk, killing two journalists.", ["ASSAULT"]),
        # Firing an official dismisses them; firing on protesters is violence.
        ("The president fired the army chief on Tuesday.", []),
        ("Soldiers fired on protesters in Mandalay, killing three.", ["ASSAULT"]),
    ],
)
def test_the_subject_or_object_kind_rules_out_an_attack(text: str, expected: list[str]) -> None:
    assert [event_type for event_type, _ in typed(text)] == expected
