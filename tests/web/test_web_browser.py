"""The pages in a real browser (Debian's Chromium via Playwright) against the live server process.

Each test opens a fresh browser context, records console errors (a CSP violation on our own pages would
show there) and dialogs, and saves the screenshots the README shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, ViewportSize, expect

from newsledger.records import Analysis
from tests.web.conftest import Ledger, LiveServer

VIEWPORT: ViewportSize = {"width": 1440, "height": 1000}


class Watched:
    """A page and what it complained about."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport=VIEWPORT)
    yield Watched(context.new_page())
    context.close()


def block_quote(analysis: Analysis) -> str:
    """The id of the seed's block quote: Zelensky's paragraph with no quotation marks."""
    return next(
        a.id for a in analysis.attributions if "The rockets will speak for themselves" in a.content.text
    )


def test_article_page_clicking_a_quote_highlights_its_evidence(
    live: LiveServer, ledger: Ledger, watched: Watched, screenshots: Path
) -> None:
    page = watched.page
    page.goto(f"{live.base_url}/articles/{ledger.seed.article.id}")
    # The highlighted text is the article, character for character.
    assert page.locator("#article-text").text_content() == ledger.seed.article.text

    ref = block_quote(ledger.seed)
    record = page.locator(f'.record[data-ref="{ref}"]')
    expect(record).to_contain_text("Zelensky")
    record.click()

    expect(record).to_have_class(re.compile(r"\bactive\b"))
    expect(record).to_have_attribute("aria-pressed", "true")
    evidence = page.locator(f'#article-text [data-refs~="{ref}"]')
    assert evidence.count() > 0
    focused = page.locator("#article-text .focus")
    assert focused.count() == evidence.count()
    focused_text = "".join(focused.all_text_contents())
    assert "The rockets will speak for themselves" in focused_text
    expect(focused.first).to_be_in_viewport()
    assert page.locator(".record.active").count() == 1
    page.screenshot(path=str(screenshots / "article.png"))

    # And back: clicking an event's trigger word selects the event in the panel.
    strike = next(e for e in ledger.seed.events if e.quantities)
    trigger = strike.tellings[0].trigger
    page.locator(f'#article-text [data-refs^="{strike.id}"]').first.click()
    expect(page.locator(f'.record[data-ref="{strike.id}"]')).to_have_class(re.compile(r"\bactive\b"))
    assert trigger.text in "".join(page.locator("#article-text .focus").all_text_contents())
    assert page.locator(".record.active").count() == 1
    assert watched.errors == [] and watched.dialogs == []


def test_article_page_shows_the_sourcing_profile_and_legend(
    live: LiveServer, ledger: Ledger, watched: Watched
) -> None:
    page = watched.page
    page.goto(f"{live.base_url}/articles/{ledger.seed.article.id}")
    profile = ledger.seed.sourcing
    assert profile is not None
    bars = page.locator(".chart").first.locator("g.bar")
    assert bars.count() == len(profile.claims_by_status)
    expect(page.locator(".chart").first.locator("g.status-reported")).to_contain_text(
        str(profile.claims_by_status["reported"])
    )
    expect(page.locator(".legend")).to_contain_text("unconfirmed")
    assert page.locator("#article-text .claim.status-retracted").count() > 0
    assert watched.errors == []


def test_search_finds_articles_and_filters_claims(
    live: LiveServer, ledger: Ledger, watched: Watched, screenshots: Path
) -> None:
    page = watched.page
    page.goto(f"{live.base_url}/")
    page.locator(".quick-search input[name=q]").fill("missiles")
    page.locator(".quick-search button").click()
    page.wait_for_url("**/search?q=missiles")
    expect(page.locator(f'ol.hits a[href="/articles/{ledger.seed.article.id}"]').first).to_be_visible()
    expect(page.locator("mark.hit").first).to_be_visible()
    page.screenshot(path=str(screenshots / "search.png"), full_page=True)

    # Hedged claims on any subject: the form keeps the words, so clear them first.
    page.locator("#search-form input[name=q]").fill("")
    page.locator("#search-form select[name=status]").select_option("hedged")
    page.locator("#search-form button").click()
    page.wait_for_url("**status=hedged**")
    statuses = page.locator("table.claims .badge").all_text_contents()
    assert statuses and set(statuses) == {"hedged"}
    assert watched.errors == []


def test_entity_page_lists_statements_events_and_a_map(
    live: LiveServer, watched: Watched, screenshots: Path
) -> None:
    timeline = httpx.get(f"{live.base_url}/api/entities/Russia/timeline").json()
    kinds = [item["kind"] for item in timeline]
    page = watched.page
    page.goto(f"{live.base_url}/entities/Russia")
    expect(page.locator("h1")).to_have_text("Russia")
    assert page.locator("table.said tbody tr").count() == kinds.count("said")
    assert page.locator("table.said-about tbody tr").count() == kinds.count("said_about") > 0
    assert page.locator("table.events tbody tr").count() == kinds.count("event") > 0
    # The Odesa strikes put Ukraine on the map, outlined and pointed.
    expect(page.locator(".map svg path.country.involved title", has_text="Ukraine")).to_have_count(1)
    assert page.locator(".map svg circle.point").count() >= 1
    page.screenshot(path=str(screenshots / "entity.png"), full_page=True)
    assert watched.errors == []


def test_entity_map_draws_outlines_and_points(live: LiveServer, ledger: Ledger, watched: Watched) -> None:
    located = {p.name for a in ledger.corpus for p in a.places if p.lat is not None}
    assert "Odesa" in located
    page = watched.page
    page.goto(
        f"{live.base_url}/articles/{next(a.article.id for a in ledger.corpus if 'Odesa' in a.article.text)}"
    )
    svg = page.locator(".map svg")
    assert svg.locator("path.country").count() > 3
    assert svg.locator("path.country.involved").count() >= 1
    assert svg.locator("circle.point").count() >= 1
    assert watched.errors == []


def test_api_docs_render_offline_under_the_policy(live: LiveServer, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live.base_url}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("newsledger")
    expect(page.locator(".opblock-summary-path", has_text=re.compile(r"^/api/claims$"))).to_have_count(1)
    # The bearer scheme is declared, so the docs can authorize a POST.
    expect(page.locator("button.authorize")).to_be_visible()
    assert watched.errors == []


def test_search_refuses_a_bad_date_with_a_message(live: LiveServer, watched: Watched) -> None:
    response = watched.page.goto(f"{live.base_url}/search?q=Odesa&since=last+week")
    assert response is not None and response.status == 400
    expect(watched.page.locator(".message")).to_have_text("'last week' is not a date: use YYYY-MM-DD")


def test_story_page_puts_the_articles_on_a_timeline_and_the_tellings_side_by_side(
    live: LiveServer, ledger: Ledger, watched: Watched, screenshots: Path
) -> None:
    odesa = [a.article for a in ledger.corpus if "Odesa" in (a.article.title or "")]
    page = watched.page
    page.goto(f"{live.base_url}/articles/{odesa[0].id}")
    page.locator("a", has_text="its story").click()
    page.wait_for_url("**/stories/*")
    # One row per text: a wire story and its republications are one row, the copies named in it.
    rows = page.locator("ol.timeline > li")
    copies = page.locator("ol.timeline .copy a")
    assert copies.count() > 0 and rows.count() + copies.count() == len(odesa)
    days = {d.isoformat() for d in (a.published for a in odesa) if d}
    shown = [t.get_attribute("datetime") or "" for t in page.locator("ol.timeline time").all()]
    assert shown == sorted(shown) and set(shown) <= days
    for text in page.locator("ol.timeline time").all_text_contents():
        assert re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}", text), text
    expect(page.locator("ol.timeline .copy").first).to_contain_text("original wire · also in")
    expect(page.locator("ol.timeline .copy").first).to_contain_text(re.compile(r"one source, not \d+"))
    assert "independent source" in (page.locator(".meta").first.text_content() or "")
    outlets_per_event = [
        len(set(event.locator("tbody tr td:nth-child(2)").all_text_contents()))
        for event in page.locator("section.story-event").all()
    ]
    assert max(outlets_per_event) >= 2  # some event is told by several outlets, side by side
    page.screenshot(path=str(screenshots / "story.png"), full_page=True)
    assert watched.errors == []
