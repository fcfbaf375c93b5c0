"""The pages at phone width (390 px, an iPhone 12-15 in portrait) in Chromium: the search box and the
navigation stay usable, and nothing makes the page scroll sideways (a wide table scrolls inside itself)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.web.conftest import Ledger, LiveServer

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def _pages(live: LiveServer, ledger: Ledger) -> list[str]:
    story_id = httpx.get(f"{live.base_url}/api/stories", params={"limit": 1}).json()[0]["story_id"]
    return [
        "/",
        f"/articles/{ledger.seed.article.id}",
        f"/stories/{story_id}",
        "/search?q=missiles&status=reported",
        "/entities/Russia",
    ]


def test_phone_width_keeps_search_and_navigation_usable_and_never_scrolls_sideways(
    live: LiveServer, ledger: Ledger, phone: Page
) -> None:
    for path in _pages(live, ledger):
        phone.goto(live.base_url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width} px wide"
        search = phone.get_by_role("searchbox", name="Search")
        box = search.bounding_box()
        assert box is not None and box["width"] >= 200 and box["x"] + box["width"] <= PHONE["width"], path
        for name in ("Articles", "Stories", "API"):
            link = phone.locator("header nav").get_by_role("link", name=name)
            link_box = link.bounding_box()
            assert link_box is not None and link_box["x"] + link_box["width"] <= PHONE["width"], (path, name)

    # A table wider than the screen scrolls inside the page: each one is held to the page's width and
    # scrolls sideways itself.
    phone.goto(live.base_url + _pages(live, ledger)[2])
    tables = phone.evaluate(
        "[...document.querySelectorAll('table.rows')].map(t => [getComputedStyle(t).overflowX,"
        " t.getBoundingClientRect().right])"
    )
    assert tables and all(overflow == "auto" and right <= PHONE["width"] for overflow, right in tables)

    # The search box works from the phone.
    search = phone.get_by_role("searchbox", name="Search")
    search.fill("Odesa")
    search.press("Enter")
    phone.wait_for_url("**/search?q=Odesa*")
    expect(phone.locator("main")).to_contain_text("Odesa")
