"""Events: PLOVER types from trigger lexicons, roles from the same clause, modes, one event many tellings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.analyze import analyze
from newsledger.nlp.events import EventsComponent
from newsledger.nlp.events.lexicon import load_event_lexicon, parse_entry
from newsledger.nlp.lexicons import load_json
from newsledger.records import Analysis, Event
from tests.conftest import SEED_DIR

ONE_PER_TYPE = {
    "AGREE": "Armenia and Azerbaijan signed a peace agreement in Washington on Friday.",
    "CONSULT": "The Turkish foreign minister met his Iranian counterpart in Ankara.",
    "SUPPORT": "Canada praised Ghana for its handling of the election.",
    "CONCEDE": "The military junta lifted the curfew in the capital.",
    "COOPERATE": "Police in Spain and Morocco shared intelligence on the smuggling network.",
    "AID": "Japan donated medical supplies to Sri Lanka.",
    "RETREAT": "The rebels released twelve hostages on Tuesday.",
    "REQUEST": "The opposition urged the president to call early elections.",
    "ACCUSE": "Kenya accused Somalia of harbouring militants.",
    "REJECT": "Venezuela rejected the proposal from Brazil.",
    "THREATEN": "Pyongyang threatened to strike Seoul.",
    "PROTEST": "Thousands of teachers protested outside the parliament in Nairobi.",
    "SANCTION": "The European Union imposed sanctions on Belarus.",
    "MOBILIZE": "Serbia deployed troops along the border with Kosovo.",
    "COERCE": "Police arrested forty protesters in Tbilisi.",
    "ASSAULT": "Israeli jets bombed a refugee camp in Gaza.",
}

STRIKE_TOLD_THRICE = (
    "Russian forces launched a massive missile attack on Kyiv overnight, the Ukrainian Air Force said. "
    "Russia fired 40 missiles and 35 drones at the capital, air force spokesman Yuriy Ihnat said. "
    "Mayor Vitali Klitschko said the attack injured at least 12 people."
)


def events_of(text: str) -> list[Event]:
    return analyze(text, published=date(2024, 11, 18)).events


def assert_offsets(analysis: Analysis) -> None:
    text = analysis.article.text
    for span in analysis.spans():
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(("expected", "text"), sorted(ONE_PER_TYPE.items()))
def test_each_plover_type_is_coded(expected: str, text: str) -> None:
    analysis = analyze(text)
    assert [event.type for event in analysis.events] == [expected]
    assert analysis.events[0].mode == "actual"
    assert_offsets(analysis)


def test_lexicons_cover_every_type_and_parse() -> None:
    lexicon = load_event_lexicon()
    assert sorted(lexicon.types) == sorted(load_json("events", "plover_mapping.json")["quad"])
    word_lists = load_json("events", "plover_rules.json")["word_lists"]
    assert parse_entry("sign @agreements", word_lists)[1][0].values >= {"agreement", "treaty"}
    rules = [rule for group in (*lexicon.verbs.values(), *lexicon.nouns.values()) for rule in group]
    assert {rule.type for rule in rules} == set(lexicon.types)


def test_actor_target_and_instrument_come_from_the_same_clause() -> None:
    events = events_of(
        "Russian forces attacked Kharkiv with Iskander missiles on Monday, while Ukrainian officials met in Kyiv."
    )
    assault, consult = events
    assert (assault.type, consult.type) == ("ASSAULT", "CONSULT")
    assert assault.actor is not None and assault.actor.name == "Russia"
    assert assault.actor.span.text == "Russian forces"
    assert assault.target is not None and assault.target.name == "Kharkiv"
    assert [i.name for i in assault.instruments] == ["Iskander"]
    assert consult.actor is not None and consult.actor.span.text == "Ukrainian officials"
    assert consult.instruments == []


def test_every_sentence_of_a_paragraph_is_coded() -> None:
    events = events_of(
        "Russia attacked Odesa. Ukraine demanded new sanctions. Poland deployed troops to the border."
    )
    assert [(e.type, e.actor.name if e.actor else None) for e in events] == [
        ("ASSAULT", "Russia"),
        ("REQUEST", "Ukraine"),
        ("MOBILIZE", "Poland"),
    ]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Germany will send tanks to Ukraine.", "planned"),
        ("The rebels plan to attack the airport.", "planned"),
        ("Officials fear that Iran might attack shipping in the Gulf.", "hypothetical"),
        ("If the deadline passes, the army could invade the province.", "hypothetical"),
        ("The army did not attack the village.", "negated"),
        ("Moscow denied attacking the convoy.", "negated"),
    ],
)
def test_modes(text: str, mode: str) -> None:
    modes = [event.mode for event in events_of(text)]
    assert modes == [mode]


def test_a_planned_act_is_coded_as_plover_codes_it_and_keeps_its_own_type_when_asked(
    parse: Callable[..., Doc], nlp: Language
) -> None:
    assert [(e.type, e.mode) for e in events_of("Germany will send tanks to Ukraine.")] == [
        ("AGREE", "planned")
    ]
    assert [(e.type, e.mode) for e in events_of("The rebels plan to attack the airport.")] == [
        ("THREATEN", "planned")
    ]
    doc = EventsComponent(intent_types=False)(parse("The rebels plan to attack the airport."))
    assert [(m["type"], m["mode"]) for m in doc._.events] == [("ASSAULT", "planned")]


def test_nested_triggers_are_one_event() -> None:
    assert [e.type for e in events_of("Pyongyang threatened to strike Seoul.")] == ["THREATEN"]
    assert [e.type for e in events_of("Kenya accused Somalia of attacking its border posts.")] == ["ACCUSE"]
    promised = events_of("Britain promised to continue military aid to Mozambique.")
    assert [(e.type, e.mode) for e in promised] == [("AGREE", "planned")]


def test_one_strike_told_by_three_sources_is_one_event_with_each_tellings_figures() -> None:
    analysis = analyze(STRIKE_TOLD_THRICE)
    [strike] = analysis.events
    figures = {q.id: q for q in analysis.quantities}
    assert strike.type == "ASSAULT"
    assert strike.actor is not None and strike.actor.name == "Russia"
    assert strike.target is not None and strike.target.name == "Kyiv"
    assert len(strike.tellings) == 3
    told = [sorted((figures[q].value, figures[q].unit) for q in t.quantities) for t in strike.tellings]
    assert told == [[], [(35.0, "drone"), (40.0, "missile")], [(12.0, "people")]]
    assert sorted(figures[q].value or 0 for q in strike.quantities) == [12.0, 35.0, 40.0]
    sources = [t.source_name for t in strike.tellings if t.attribution is not None]
    assert len(sources) >= 2
    assert_offsets(analysis)


def test_different_attacks_are_not_merged() -> None:
    events = events_of("Russia attacked Kharkiv on Monday. Israel attacked Gaza on Tuesday.")
    assert [(e.actor.name if e.actor else None) for e in events] == ["Russia", "Israel"]


@pytest.mark.parametrize(
    "text",
    [
        "Donate now to help us buy drones that strike enemy positions — every hryvnia counts!",
        "Get 20% off our new tactical drone that can strike targets 10 km away.",
        "Our fundraiser buys FPV drones that attack Russian tanks; sponsor a pilot today.",
    ],
)
def test_promotional_text_with_weapons_is_not_an_attack(text: str) -> None:
    assert not [e for e in events_of(text) if e.type in {"ASSAULT", "THREATEN", "COERCE", "MOBILIZE"}]


def test_nothing_matched_gives_no_event_and_no_default_code(parse: Callable[..., Doc]) -> None:
    text = "The weather in Lisbon was sunny and warm on Sunday. Markets were calm."
    doc = parse(text)
    assert doc._.events == []
    assert analyze(text).events == []


def test_strike_in_other_senses_is_no_attack() -> None:
    assert [e.type for e in events_of("Teachers began a general strike over pay.")] == ["PROTEST"]
    assert [e.type for e in events_of("The two parties struck a deal on the budget.")] == ["AGREE"]


def test_component_data_is_plain_and_the_pipeline_is_consistent(
    parse: Callable[..., Doc], nlp: Language
) -> None:
    doc = parse(STRIKE_TOLD_THRICE)
    assert srsly.msgpack_loads(srsly.msgpack_dumps(doc._.events)) == doc._.events
    analysis = nlp.analyze_pipes()
    assert analysis is not None
    assert analysis["problems"]["newsledger_events"] == []
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.events == doc._.events


def test_seed_article_events(seed_analysis: Analysis) -> None:
    by_type = {
        (e.type, e.actor.name if e.actor else None, e.target.name if e.target else None)
        for e in seed_analysis.events
    }
    assert ("AGREE", "Joe Biden", "Ukraine") in by_type
    assert ("AGREE", "Germany", "Ukraine") in by_type
    assert ("THREATEN", "Vladimir Putin", "United States") in by_type
    [strike] = [e for e in seed_analysis.events if e.type == "ASSAULT"]
    figures = {q.id: (q.value, q.unit) for q in seed_analysis.quantities}
    assert {figures[q] for q in strike.quantities} == {(120.0, "missile"), (90.0, "drone")}
    assert len([t for t in strike.tellings if t.attribution]) >= 2
    assert strike.date is not None
    assert_offsets(seed_analysis)


@pytest.fixture(scope="module")
def seed_analysis() -> Analysis:
    return analyze((SEED_DIR / "article.txt").read_text(encoding="utf-8"), published=date(2024, 11, 18))


def test_a_count_of_a_pronoun_does_not_loop(parse: Callable[..., Doc]) -> None:
    """'the two of them': the number stands for 'them', and 'them' for the subject, which is the number."""
    text = "Police said the two of them attacked a guard before the two of them fled."
    doc = parse(text)
    assert isinstance(doc._.events, list)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The new sanctions package targets 70 tankers of the shadow fleet.", "SANCTION"),
        ("Washington's latest sanctions target two state-owned banks.", "SANCTION"),
        ("Russian drones targeted a power station near Kharkiv overnight.", "ASSAULT"),
    ],
)
def test_what_targets_decides_between_a_sanction_and_an_attack(text: str, expected: str) -> None:
    assert [event.type for event in events_of(text)] == [expected]
