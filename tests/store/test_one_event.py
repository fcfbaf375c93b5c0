"""One strike told by five outlets over two days is one event in the ledger (issue 16).

The copy is ``tests/fixtures/one-event/articles.jsonl`` (its README lists what each article is): a wire
report, a verbatim copy, a light rewrite, a second outlet's own reporting, a denial, a next-day update,
and a second strike on the same city four days later. Runs the real pipeline and the real Linker, on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsledger.analyze import analyze
from newsledger.records import Analysis
from newsledger.store import Store
from newsledger.store.links import EventView, Linker, event, story_events

COPY = Path(__file__).resolve().parent.parent / "fixtures" / "one-event" / "articles.jsonl"


@pytest.fixture(scope="session")
def one_event_analyses(nlp: object) -> dict[str, Analysis]:
    """The copy's analyses by title word: wire, copy, rewrite, own, denial, update, second."""
    roles = ["wire", "copy", "rewrite", "own", "denial", "update", "second"]
    rows = [json.loads(line) for line in COPY.read_text(encoding="utf-8").splitlines()]
    return {
        role: analyze(
            row["text"],
            outlet=row["outlet"],
            published=date.fromisoformat(row["published"]),
            url=row["url"],
            title=row["title"],
        )
        for role, row in zip(roles, rows, strict=True)
    }


def assault_of(store: Store, analysis: Analysis, day: str) -> EventView:
    """The cross-article ASSAULT event that the article's strike of ``day`` belongs to."""
    linked = [
        e
        for e in story_events(store, _story(store, analysis))
        if e.type == "ASSAULT" and (e.date or "").startswith(day)
    ]
    assert len(linked) == 1, [(e.event_id, e.date) for e in linked]
    return linked[0]


def _story(store: Store, analysis: Analysis) -> str:
    from newsledger.store.links import story

    found = story(store, analysis.article.id)
    assert found is not None
    return found.story_id


def test_one_strike_told_by_five_outlets_is_one_event(
    store: Store, one_event_analyses: dict[str, Analysis]
) -> None:
    linker = Linker(store)
    for analysis in one_event_analyses.values():
        store.ingest(analysis)
        linker.link(analysis)
    ids = {role: a.article.id for role, a in one_event_analyses.items()}

    strike = assault_of(store, one_event_analyses["wire"], "2025-04-14")
    told_in = {t.article_id for t in strike.tellings}
    assert {ids[r] for r in ("wire", "copy", "rewrite", "own", "update", "denial")} <= told_in
    assert strike.place == "Dnipro"
    # Meridian Wire with its copy and its rewrite is one source, Eastern Dispatch another; the update is
    # Meridian Wire again; the denial is no corroboration.
    assert strike.independent_sources == 2
    assert len(strike.corroborated_by) == 2 and not any(
        "Northern Herald" in s for s in strike.corroborated_by
    )
    assert "Meridian Wire" in next(s for s in strike.corroborated_by if "Harbour Gazette" in s)
    assert strike.disputed_by and all("Northern Herald" in d for d in strike.disputed_by)
    assert {t.stance for t in strike.tellings if t.article_id == ids["denial"]} >= {"denies"}
    assert all(t.stance == "affirms" for t in strike.tellings if t.article_id == ids["wire"])
    figures: dict[str, list[str]] = {}
    for telling in strike.tellings:
        figures.setdefault(telling.article_id, []).extend(telling.figures)
    assert "12 people" in figures[ids["wire"]]
    assert any("11" in f for f in figures[ids["own"]])

    second = assault_of(store, one_event_analyses["second"], "2025-04-18")
    assert second.event_id != strike.event_id
    assert {t.article_id for t in second.tellings} == {ids["second"]}
    assert event(store, strike.event_id) == strike


def test_the_event_holds_every_toll(store: Store, one_event_analyses: dict[str, Analysis]) -> None:
    linker = Linker(store)
    for analysis in one_event_analyses.values():
        store.ingest(analysis)
        linker.link(analysis)
    strike = assault_of(store, one_event_analyses["wire"], "2025-04-14")
    killed = next(t for t in strike.tolls if t.outcome == "killed")
    assert {11.0, 12.0, 15.0} <= set(killed.figures)
    assert killed.latest == 15.0 and killed.highest == 15.0
    assert killed.disagreement is not None and "11 / 12" in killed.disagreement
