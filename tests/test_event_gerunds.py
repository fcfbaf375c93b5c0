"""A denial's gerund the parser read as an adjective ('denied striking residential buildings') is still
the denied strike, as 'denied striking the bus station' is; an adjective after another verb stays one."""

from __future__ import annotations

from datetime import date

from newsledger.analyze import analyze


def _told(text: str) -> list[tuple[str, str, str | None]]:
    found = analyze(text, outlet="Kyiv Post", published=date(2025, 5, 14))
    return [(t.trigger.text, e.mode, t.stance) for e in found.events for t in e.tellings]


def test_a_denied_gerund_read_as_an_adjective_is_a_denied_strike(nlp: object) -> None:
    assert ("striking", "negated", "denies") in _told(
        "Moscow denied striking residential buildings in the city."
    )
    assert ("striking", "negated", "denies") in _told("The ministry denied striking the bus station.")
    assert ("shelling", "negated", "denies") in _told(
        "The army denied shelling residential areas of the town."
    )


def test_an_adjective_after_a_verb_not_of_denial_stays_an_adjective(nlp: object) -> None:
    told = _told("The governor praised striking workers at the plant.")
    assert ("praised", "actual", "affirms") in told and not [t for t in told if t[0] == "striking"]
