"""The event page in real Chromium and ``/api/events/{id}``: one happening, every telling, its stance."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from newsledger.store import open_store
from newsledger.store.links import list_stories, story_events
from tests.web.conftest import Ledger, LiveServer
from tests.web.test_web_browser import Watched, watched  # noqa: F401  (the fixture)


def most_told_event(ledger: Ledger) -> str:
    """The ledger's event told in the most articles (the Odesa port strike of the example corpus)."""
    with open_store(ledger.url) as store:
        events = [e for s in list_stories(store) for e in story_events(store, s.story_id)]
    return max(events, key=lambda e: (e.articles, e.event_id)).event_id


def test_event_page_reached_from_the_story_shows_every_telling_with_its_stance(
    live: LiveServer,
    ledger: Ledger,
    watched: Watched,  # noqa: F811
) -> None:
    event_id = most_told_event(ledger)
    api = httpx.get(f"{live.base_url}/api/events/{event_id}").json()
    page = watched.page
    page.goto(f"{live.base_url}/stories/{api['story_id']}")
    page.locator(f"section#{event_id} a.event-link").click()
    page.wait_for_url(f"**/events/{event_id}")
    expect(page.locator("h1")).to_contain_text(api["type"])
    # dates for people: "Mon 10 Mar 2025", never an ISO string or a TIMEX value
    published = page.locator("table.tellings tbody tr td:first-child").first.inner_text()
    assert re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}", published), published
    assert "T" not in page.locator("h1").inner_text().split("·")[-1]
    # the participants link to their entity pages
    actor = page.locator("table.tellings a.entity").first
    name = actor.inner_text()
    assert name and name != "?"
    with page.expect_navigation():
        actor.click()
    expect(page.locator("h1")).to_contain_text(name)
    page.go_back()
    rows = page.locator("table.tellings tbody tr")
    assert rows.count() == len(api["tellings"]) >= 2
    stances = page.locator("table.tellings td.stance").all_text_contents()
    assert stances == [t["stance"] or "" for t in api["tellings"]]
    assert set(stances) <= {"affirms", "denies", "hedges", "reports"} and "affirms" in stances
    expect(page.locator("p.corroboration")).to_contain_text(
        f"Corroborated by {api['independent_sources']} independent source"
    )
    assert watched.errors == []


def test_api_event_serves_tellings_tolls_and_disagreements(live: LiveServer, ledger: Ledger) -> None:
    event_id = most_told_event(ledger)
    response = httpx.get(f"{live.base_url}/api/events/{event_id}")
    assert response.status_code == 200
    found = response.json()
    assert found["event_id"] == event_id and found["articles"] >= 2
    assert {"tolls", "disagreements", "corroborated_by", "disputed_by"} <= set(found)
    assert all({"outlet", "source_name", "stance", "casualties"} <= set(t) for t in found["tellings"])
    assert httpx.get(f"{live.base_url}/api/events/evt-000000000000").status_code == 404
    assert httpx.get(f"{live.base_url}/events/evt-000000000000").status_code == 404
