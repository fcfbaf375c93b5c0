"""The El Fasher market copy (``tests/fixtures/market-strike``) as a user reads it in Chromium: the
strike's page lists every telling with its stance, the verbatim copies as one source, the RSF's side
under "disputed by", and the UN's latest toll."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from newsledger.analyze import analyze
from newsledger.store import open_store
from newsledger.store.links import Linker, list_stories, story_events
from tests.web.conftest import LiveServer, start_server, stop_server
from tests.web.test_web_browser import Watched, watched  # noqa: F401  (the fixture)

COPY = Path(__file__).resolve().parent.parent / "fixtures" / "market-strike" / "articles.jsonl"


@pytest.fixture(scope="module")
def market_server(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Iterator[tuple[LiveServer, str]]:
    """The copy ingested and linked into its own ledger, served; with the most told event's id."""
    url = f"sqlite:///{tmp_path_factory.mktemp('market') / 'ledger.db'}"
    with open_store(url) as store:
        linker = Linker(store)
        for line in COPY.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            analysis = analyze(
                row["text"],
                outlet=row["outlet"],
                published=date.fromisoformat(row["published"]),
                url=row["url"],
                title=row["title"],
            )
            store.ingest(analysis)
            linker.link(analysis)
        events = [e for s in list_stories(store) for e in story_events(store, s.story_id)]
    most_told = max(events, key=lambda e: (e.articles, e.event_id)).event_id
    token = secrets.token_urlsafe(16)
    process, base_url = start_server(url, token)
    yield LiveServer(base_url, token), most_told
    stop_server(process)


def test_the_market_strike_page_shows_copies_once_the_denial_and_the_latest_toll(
    market_server: tuple[LiveServer, str],
    watched: Watched,  # noqa: F811
) -> None:
    live, event_id = market_server
    base = live.base_url
    strike = httpx.get(f"{base}/api/events/{event_id}").json()
    assert strike["articles"] == 7
    page = watched.page
    page.goto(f"{base}/events/{strike['event_id']}")
    rows = page.locator("table.tellings tbody tr")
    assert rows.count() == len(strike["tellings"])
    stances = page.locator("table.tellings td.stance").all_text_contents()
    assert "denies" in stances and "affirms" in stances
    corroboration = page.locator("p.corroboration").inner_text()
    assert "Nile Courier = Red Sea Tribune = Sahel Wire" in corroboration
    assert "disputed by" in corroboration and "Horn Observer" in corroboration.split("disputed by")[1]
    assert "31 killed (United Nations" in page.locator("p.tolls").inner_text()
    assert watched.errors == []


BUS = Path(__file__).resolve().parent.parent / "fixtures" / "bus-station" / "articles.jsonl"


@pytest.fixture(scope="module")
def bus_server(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Iterator[tuple[LiveServer, str]]:
    """The Kramatorsk bus-station copy ingested with the CLI into its own ledger, served; with the id
    of the event that gives 14 killed."""
    from tests.store.test_store_cli import invoke

    url = f"sqlite:///{tmp_path_factory.mktemp('bus') / 'ledger.db'}"
    code, _ = invoke("ingest", str(BUS), "--db", url)
    assert code == 0
    with open_store(url) as store:
        events = [e for s in list_stories(store) for e in story_events(store, s.story_id)]
    strike = next(e for e in events if e.toll("killed") == 14.0).event_id
    token = secrets.token_urlsafe(16)
    process, base_url = start_server(url, token)
    yield LiveServer(base_url, token), strike
    stop_server(process)


def test_the_bus_station_page_shows_the_rewrite_under_the_wire_it_credits(
    bus_server: tuple[LiveServer, str],
    watched: Watched,  # noqa: F811
) -> None:
    live, event_id = bus_server
    strike = httpx.get(f"{live.base_url}/api/events/{event_id}").json()
    assert strike["articles"] == 6 and strike["independent_sources"] == 2
    page = watched.page
    page.goto(f"{live.base_url}/events/{event_id}")
    corroboration = page.locator("p.corroboration").inner_text()
    assert "Corroborated by 2 independent sources" in corroboration
    assert "Donbas Herald = Kyiv Chronicle = Northstar Wire" in corroboration
    assert "Rossiya Monitor" in corroboration.split("disputed by")[1]
    assert "14 killed (Vadym Filashkin" in page.locator("p.tolls").inner_text()
    rewrite = page.locator("table.tellings tbody tr", has_text="Kyiv Chronicle")
    assert rewrite.count() >= 1 and "via Northstar Wire" in rewrite.first.inner_text()
    assert watched.errors == []
