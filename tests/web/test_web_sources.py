"""The front page's newest arrivals and the sources page, in Chromium, on a ledger filled by the watcher.

The feed is hostile where it can be without costing the test its point: its title and an entry's title are
script, and that entry is a PDF. Nothing may run; the titles must show as text.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog

from newsledger.sources.web.fetch import Fetcher
from newsledger.sources.web.loopback import Route, Site
from newsledger.sources.web.polite import PoliteFetcher
from newsledger.store import open_store
from newsledger.watch import Watcher
from tests.store.articles import RUTTE, TBILISI
from tests.store.test_watch import MONDAY, page, rss
from tests.web.conftest import start_server, stop_server

FEED_TITLE = "<script>window.__xss = 'feed'</script>Loopback Ledger"
ENTRY_TITLE = "<img src=x onerror=\"window.__xss = 'entry'\">Annual report"


@pytest.fixture(scope="module")
def watched_ledger(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Iterator[tuple[str, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('watched') / 'ledger.db'}"
    with Site() as site:
        site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        site.routes["/rutte.html"] = Route(page(RUTTE))
        site.routes["/tbilisi.html"] = Route(page(TBILISI))
        site.routes["/report.pdf"] = Route(b"%PDF-1.7", content_type="application/pdf")
        entries = [("/rutte.html", RUTTE.title, MONDAY), ("/report.pdf", ENTRY_TITLE, MONDAY)]
        body = rss(site, [*entries, ("/tbilisi.html", TBILISI.title, MONDAY)])
        body = body.replace(
            b"<title>Loopback Ledger</title>", b"<title><![CDATA[" + FEED_TITLE.encode() + b"]]></title>"
        )
        site.routes["/feed.xml"] = Route(body, content_type="application/rss+xml")
        with open_store(url) as store, Fetcher(allow_private=True) as fetcher:
            Watcher(store, PoliteFetcher(fetcher, min_delay=0)).poll(site.url("/feed.xml"))
        feed_url = site.url("/feed.xml")
    process, base_url = start_server(url, secrets.token_urlsafe(16))
    yield base_url, feed_url
    stop_server(process)


def test_front_page_shows_newest_arrivals_and_sources_page_the_feed_state(
    watched_ledger: tuple[str, str], browser: Browser, screenshots: Path
) -> None:
    base_url, feed_url = watched_ledger
    context = browser.new_context()
    page_ = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page_.on("dialog", dismiss)
    page_.goto(base_url + "/")
    arrivals = page_.locator("ul.arrivals li a").all_text_contents()
    assert sorted(arrivals) == sorted([RUTTE.title, TBILISI.title])

    page_.get_by_role("link", name="Sources").click()
    page_.wait_for_url(base_url + "/sources")
    feed_row = page_.locator("tr.feed")
    assert feed_row.locator(".feed-url").text_content() == feed_url
    assert feed_row.locator(".feed-title").text_content() == FEED_TITLE
    cells = feed_row.locator("td").all_text_contents()
    assert cells[1] == "rss20" and cells[5] == "2" and cells[6] == "0"
    assert ENTRY_TITLE in page_.locator("tr.entry .entry-title").all_text_contents()
    reasons = page_.locator("tr.entry .entry-reason").all_text_contents()
    assert any("content type application/pdf" in reason for reason in reasons)
    assert page_.evaluate("typeof window.__xss") == "undefined" and dialogs == []
    assert page_.locator("main script, main img").count() == 0
    page_.screenshot(path=str(screenshots / "sources.png"), full_page=True)
    context.close()
