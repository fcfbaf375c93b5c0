"""The stance of a telling: what its source does with the event (affirms, denies, hedges, reports)."""

from __future__ import annotations

from newsledger.nlp.events.links import stance_of
from newsledger.records import Attribution, Cue, Participant, Span


def source(name: str, kind: str = "person", entity: str | None = None) -> Attribution:
    return Attribution(
        id="a1",
        source=Span(start=0, end=len(name), text=name),
        source_entity=entity,
        source_name=name,
        source_kind=kind,
        cue=Cue(span=Span(start=0, end=4, text="said"), lemma="say"),
        content=Span(start=10, end=40, text="x" * 30),
        content_fragments=[],
        form="indirect",
        confidence=0.9,
    )


RUSSIA = Participant(span=Span(start=0, end=7, text="Russian"), entity="e1", name="Russia")


def test_denied_or_negated_denies() -> None:
    assert stance_of("actual", "denied", source("Igor Konashenkov"), RUSSIA) == "denies"
    assert stance_of("negated", "reported", source("Defence Ministry", "organization"), RUSSIA) == "denies"


def test_retracted_retracts_whoever_took_it_back() -> None:
    # A correction or a withdrawn statement takes the telling back; it does not deny the event.
    assert stance_of("actual", "retracted", None, None) == "retracts"
    assert stance_of("actual", "retracted", source("Defence Ministry", "organization"), RUSSIA) == "retracts"
    assert stance_of("actual", "retracted", source("Defence Ministry", "organization"), RUSSIA, False) == "retracts"
    assert stance_of("negated", "retracted", None, None) == "denies"


def test_hedged_and_unconfirmed_hedge() -> None:
    assert stance_of("actual", "hedged", source("Serhiy Lysak"), RUSSIA) == "hedges"
    assert stance_of("actual", "unconfirmed", None, RUSSIA) == "hedges"


def test_confirmed_own_deed_named_source_and_outlet_voice_affirm() -> None:
    assert stance_of("actual", "confirmed", source("Volodymyr Zelensky"), RUSSIA) == "affirms"
    assert (
        stance_of("actual", "reported", source("Russia's Defence Ministry", "organization"), RUSSIA)
        == "affirms"
    )
    assert stance_of("actual", "reported", source("Serhiy Lysak"), RUSSIA) == "affirms"
    assert stance_of("actual", "asserted", None, RUSSIA) == "affirms"


def test_a_source_that_relays_others_only_reports() -> None:
    assert stance_of("actual", "reported", source("state media", "media"), RUSSIA) == "reports"


def test_a_denial_by_someone_else_later_is_not_the_stance_of_the_telling_source(nlp: object) -> None:
    from newsledger.analyze import analyze

    analysis = analyze(
        "The Rapid Support Forces attacked El Fasher on Thursday, killing at least 30 people, the Sudanese "
        "army said in a statement. The RSF denied the claim and accused the army of shelling markets."
    )
    attack = next(e for e in analysis.events if e.type == "ASSAULT" and e.mode == "actual")
    assert attack.status == "denied"  # the claim was denied, by the RSF, after the army told it
    said = [t for t in attack.tellings if t.attribution is not None]
    assert said and all(t.stance == "affirms" for t in said)
