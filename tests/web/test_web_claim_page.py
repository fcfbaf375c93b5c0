"""A claim thread has its page, reached from its story, and it agrees with /api/claims/{id}."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import LiveServer


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_a_claim_thread_page_is_reached_from_its_story(live: LiveServer, page: Page) -> None:
    stories = httpx.get(f"{live.base_url}/api/stories").json()
    story = next(
        s
        for s in (httpx.get(f"{live.base_url}/api/stories/{s['story_id']}").json() for s in stories)
        if s["claims"]
    )
    thread_id = story["claims"][0]["id"]
    thread = httpx.get(f"{live.base_url}/api/claims/{thread_id}").json()
    page.goto(f"{live.base_url}/stories/{story['story_id']}")
    page.locator(f"section[id='{thread_id}'] a.thread-link").click()
    expect(page).to_have_url(re.compile(f"/claims/{thread_id}$"))
    expect(page.locator("h1")).to_contain_text(thread["first_seen"]["text"])
    expect(page.locator("table.claim-history tbody tr")).to_have_count(len(thread["history"]))
    # a named source links to its entity page
    source = page.locator("table.claim-history a.entity-link").first
    name = source.text_content() or ""
    assert name
    source.click()
    expect(page.locator("h1")).to_have_text(name)
    page.go_back()
    page.get_by_role("link", name="its story").click()
    expect(page).to_have_url(re.compile(f"/stories/{story['story_id']}$"))
    missing = httpx.get(f"{live.base_url}/claims/clm-nope")
    assert missing.status_code == 404 and "no claim thread" in missing.text
