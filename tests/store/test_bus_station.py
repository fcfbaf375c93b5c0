"""A missile strike on a bus station in Kramatorsk told by five outlets (``tests/fixtures/bus-station``,
issue 16): the wire, its verbatim copy, a rewrite that credits the wire, a local outlet with its own toll
and reporter, the other side's denial, and the next day's update. The README gives the expected ledger,
written before the first run. Real pipeline, real Linker, SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsledger.records import Analysis
from newsledger.store import Store
from newsledger.store.links import Linker, event, story_events
from tests.store.test_multi_outlet_trials import _analyses, _event_of

COPY = Path(__file__).resolve().parent.parent / "fixtures" / "bus-station" / "articles.jsonl"
ROLES = ["wire", "copy", "rewrite", "own", "denial", "update"]


@pytest.fixture(scope="session")
def bus(nlp: object) -> dict[str, Analysis]:
    return _analyses("bus-station", ROLES)


def _linked(store: Store, analyses: dict[str, Analysis]) -> dict[str, str]:
    linker = Linker(store)
    for analysis in analyses.values():
        assert store.ingest(analysis).status == "added"
        linker.link(analysis)
    return {role: a.article.id for role, a in analyses.items()}


def test_the_bus_station_strike_is_one_event_with_every_toll_and_two_independent_sources(
    store: Store, bus: dict[str, Analysis]
) -> None:
    ids = _linked(store, bus)
    strike = _event_of(store, bus["wire"], "missile struck")
    assert set(ids.values()) <= {t.article_id for t in strike.tellings}
    assert strike.date == "2025-08-18"

    killed = next(t for t in strike.tolls if t.outcome == "killed")
    assert set(killed.figures) == {9.0, 11.0, 14.0}
    assert (killed.latest, killed.latest_by, killed.latest_published) == (
        14.0,
        "Vadym Filashkin",
        date(2025, 8, 20),
    )
    assert killed.disagreement == "9 / 11 / 14 killed"
    injured = next(t for t in strike.tolls if t.outcome == "injured")
    assert {31.0, 40.0} <= set(injured.figures) and 5.0 not in injured.figures  # "five of the wounded died"

    # the copy runs the wire's text; the rewrite credits the wire ("according to Northstar Wire"); the
    # local outlet's mayor "told Sloviansk Today" (its own reporting); the Defence Ministry disputes it
    assert strike.corroborated_by == ["Donbas Herald = Kyiv Chronicle = Northstar Wire", "Sloviansk Today"]
    assert strike.independent_sources == 2
    assert strike.disputed_by == ["Defence Ministry (Rossiya Monitor, 2025-08-19)"]
    rewrite = [t for t in strike.tellings if t.article_id == ids["rewrite"]]
    assert rewrite and all(t.credits == "Northstar Wire" for t in rewrite)
    assert not any(t.credits for t in strike.tellings if t.article_id in {ids["wire"], ids["own"]})
    denied = next(t for t in strike.tellings if t.article_id == ids["denial"] and t.trigger == "striking")
    assert denied.stance == "denies"  # "denied striking the bus station"

    # the drone strike on a residential building late on Tuesday is another event, with its own toll
    drone = _event_of(store, bus["update"], "hit")
    assert drone.event_id != strike.event_id and drone.toll("injured") == 2.0
    # "most of the wounded were taken to the hospital" tells no aid event of the governor's
    assert not [
        e for e in story_events(store, strike.story_id) if any(t.trigger == "taken" for t in e.tellings)
    ]
    assert event(store, strike.event_id) == strike


def test_the_cli_shows_the_bus_station_strike_as_the_user_reads_it(store_url: str, nlp: object) -> None:
    """As the user runs it: ingest the file, list the events, open the strike with its tellings."""
    from tests.store.test_store_cli import invoke

    code, output = invoke("ingest", str(COPY), "--db", store_url)
    assert code == 0 and "6 added, 0 unchanged" in output and "6 linked" in output
    code, output = invoke("query", "events", "--db", store_url, "--format", "json")
    rows = json.loads(output)
    strike = {r["linked_event_id"] for r in rows if r["killed"] == 14.0}
    assert len(strike) == 1
    event_id = strike.pop()
    code, output = invoke("query", "event", event_id, "--db", store_url)
    assert code == 0
    assert "toll: 14 killed (Vadym Filashkin, 2025-08-20)" in output
    assert "corroborated by 2 independent sources: Donbas Herald = Kyiv Chronicle = Northstar Wire" in output
    assert "disputed by: Defence Ministry (Rossiya Monitor, 2025-08-19)" in output
    code, output = invoke("query", "event", event_id, "--tellings", "--db", store_url, "--format", "json")
    assert code == 0
    credited = {t["outlet"]: t["credits"] for t in json.loads(output) if t["credits"]}
    assert credited == {"Donbas Herald": "Northstar Wire", "Kyiv Chronicle": "Northstar Wire"}
