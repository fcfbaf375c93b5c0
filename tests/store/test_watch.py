"""``newsledger watch`` and ``ingest URL`` against a real HTTP server on 127.0.0.1, on SQLite and PostgreSQL.

The site serves an RSS feed (with an ETag), article pages, robots.txt and the hostile cases; each test
checks what the ledger holds afterwards and what the server was asked.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from sqlalchemy import func, select
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.sources.web.fetch import Fetcher, FetchLimits
from newsledger.sources.web.loopback import Route, Site
from newsledger.sources.web.polite import PoliteFetcher
from newsledger.store import Store, open_store, schema
from newsledger.store.feeds import feed, list_feeds, newest_arrivals
from newsledger.watch import Watcher
from tests.store.articles import EL_FASHER, KHARKIV, KHARKIV_UPDATE, RUTTE, TBILISI, Story

runner = CliRunner()


def page(story: Story, *, modified: str | None = None) -> bytes:
    """A news page as sites write them: metadata in the head, the story in an article element."""
    meta = f'<meta property="article:modified_time" content="{modified}">' if modified else ""
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(story.title)}</title>'
        f'<meta property="article:published_time" content="{story.published.isoformat()}T07:00:00Z">{meta}'
        f'<meta property="og:site_name" content="{story.outlet}"></head><body><nav><a href="/">Home</a></nav>'
        f"<article><h1>{html.escape(story.title)}</h1><p>{html.escape(story.text)}</p></article></body></html>"
    ).encode()


def rss(site: Site, entries: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (path, title, pubDate) entries; titles are escaped as XML text."""
    items = "".join(
        f"<item><title>{html.escape(title)}</title><link>{site.url(path)}</link><guid>{site.url(path)}</guid>"
        f"<pubDate>{when}</pubDate></item>"
        for path, title, when in entries
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Ledger</title>{items}</channel></rss>'.encode()


MONDAY = "Mon, 18 Nov 2024 08:00:00 GMT"
TUESDAY = "Tue, 19 Nov 2024 09:30:00 GMT"


@pytest.fixture
def news_site() -> Iterator[Site]:
    with Site() as site:
        site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /members/\n", content_type="text/plain")
        for path, story in (
            ("/kharkiv.html", KHARKIV),
            ("/rutte.html", RUTTE),
            ("/el-fasher.html", EL_FASHER),
        ):
            site.routes[path] = Route(page(story))
        entries = [("/kharkiv.html", KHARKIV.title, MONDAY), ("/rutte.html", RUTTE.title, MONDAY)]
        entries.append(("/el-fasher.html", EL_FASHER.title, MONDAY))
        site.routes["/feed.xml"] = Route(rss(site, entries), content_type="application/rss+xml", etag='"v1"')
        yield site


def watch(site: Site, store_url: str) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["watch", site.url("/feed.xml"), "--once", "--allow-private", "--min-delay", "0", "--db", store_url],
    )
    return result.exit_code, result.output


def current_articles(store: Store) -> list[tuple[str | None, int, str | None]]:
    articles = schema.articles
    query = select(articles.c.url, articles.c.version, articles.c.title).where(articles.c.current)
    with store.engine.connect() as connection:
        return sorted(tuple(row) for row in connection.execute(query))


def test_watch_once_stores_each_article_once_then_asks_conditionally_then_keeps_a_correction(
    news_site: Site, store_url: str, nlp: object
) -> None:
    code, output = watch(news_site, store_url)
    assert code == 0, output
    assert "rss20, 3 entries: 3 added, 0 new versions" in output
    with open_store(store_url) as store:
        assert [(url, version) for url, version, _ in current_articles(store)] == [
            (news_site.url("/el-fasher.html"), 1),
            (news_site.url("/kharkiv.html"), 1),
            (news_site.url("/rutte.html"), 1),
        ]
        state = feed(store, news_site.url("/feed.xml"))
        assert state is not None
        assert (state.items, state.etag, state.errors, state.format) == (3, '"v1"', 0, "rss20")

    code, output = watch(news_site, store_url)  # a second run: the feed has not changed
    assert code == 0 and "not modified (304)" in output
    assert news_site.seen("/feed.xml")[-1].headers["if-none-match"] == '"v1"'
    assert len(news_site.seen("/kharkiv.html")) == 1

    news_site.routes["/kharkiv.html"] = Route(page(KHARKIV_UPDATE, modified="2024-11-19T09:30:00Z"))
    entries = [("/kharkiv.html", KHARKIV_UPDATE.title, TUESDAY), ("/rutte.html", RUTTE.title, MONDAY)]
    entries.append(("/el-fasher.html", EL_FASHER.title, MONDAY))
    news_site.routes["/feed.xml"] = Route(
        rss(news_site, entries), content_type="application/rss+xml", etag='"v2"'
    )
    code, output = watch(news_site, store_url)
    assert code == 0 and "3 entries: 0 added, 1 new versions, 0 unchanged, 2 already seen, 0 failed" in output
    with open_store(store_url) as store:
        assert (news_site.url("/kharkiv.html"), 2, KHARKIV_UPDATE.title) in current_articles(store)
        with store.engine.connect() as connection:
            total = connection.execute(select(func.count()).select_from(schema.articles)).scalar_one()
            modified = connection.execute(
                select(schema.page_fetches.c.modified).order_by(schema.page_fetches.c.id.desc())
            ).scalar()
        assert total == 4 and str(modified) == "2024-11-19"
        assert newest_arrivals(store, limit=1)[0].title == KHARKIV_UPDATE.title
    result = runner.invoke(app, ["query", "sources", "--db", store_url])
    assert news_site.url("/feed.xml") in result.output and "rss20" in result.output


def test_hostile_entries_cost_only_themselves_and_are_kept_with_their_reason(
    news_site: Site, store: Store, nlp: object
) -> None:
    site = news_site
    site.routes["/report.pdf"] = Route(b"%PDF-1.7", content_type="application/pdf")
    site.routes["/map.html"] = Route(b"\x89PNG\r\n\x1a\n0000", content_type="text/html")
    site.routes["/huge.html"] = Route(b"<p>" + b"a" * (50 * 1024 * 1024))
    site.routes["/loop.html"] = Route(b"", status=302, location="/loop.html")
    site.routes["/drip.html"] = Route(page(TBILISI), drip_seconds=0.05)
    site.routes["/members/secret.html"] = Route(page(TBILISI))
    site.routes["/menu.html"] = Route(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    entries = [
        ("/report.pdf", "Annual report", MONDAY),
        ("/map.html", "Map", MONDAY),
        ("/huge.html", "Huge", MONDAY),
        ("/loop.html", "Loop", MONDAY),
        ("/drip.html", "Drip", MONDAY),
        ("/members/secret.html", "Members only", MONDAY),
        ("/menu.html", "<script>alert('owned')</script>", MONDAY),
        ("/rutte.html", RUTTE.title, MONDAY),
    ]
    site.routes["/feed.xml"] = Route(rss(site, entries), content_type="application/rss+xml")
    with Fetcher(allow_private=True, limits=FetchLimits(deadline=1)) as fetcher:
        done = Watcher(store, PoliteFetcher(fetcher, min_delay=0)).poll(site.url("/feed.xml"))
    assert (done["added"], done["failed"]) == (1, 7)
    with store.engine.connect() as connection:
        failures = dict(connection.execute(select(schema.failures.c.source, schema.failures.c.reason)).all())
        titles = connection.execute(
            select(schema.feed_items.c.title).where(schema.feed_items.c.status == "failed")
        )
        kept_titles = {row.title for row in titles}
    expected = {
        "/report.pdf": "content type application/pdf",
        "/map.html": "the body is image/png",
        "/huge.html": "over the limit of 20 MB",
        "/loop.html": "redirect loop",
        "/drip.html": "too slow",
        "/members/secret.html": "robots.txt",
        "/menu.html": "no article text found",
    }
    for path, reason in expected.items():
        assert reason in failures[site.url(path)], (path, failures[site.url(path)])
    assert "<script>alert('owned')</script>" in kept_titles  # kept as text, escaped wherever shown
    assert site.seen("/members/secret.html") == []


def test_a_broken_feed_fails_alone_and_its_state_says_why(news_site: Site, store: Store, nlp: object) -> None:
    news_site.routes["/broken.xml"] = Route(b"<html><body>We moved our feed", content_type="text/xml")
    with Fetcher(allow_private=True) as fetcher:
        done = Watcher(store, PoliteFetcher(fetcher, min_delay=0)).poll_all(
            [news_site.url("/broken.xml"), news_site.url("/feed.xml")]
        )
    assert (done["feed_failed"], done["added"]) == (1, 3)
    states = {row.url: row for row in list_feeds(store)}
    broken = states[news_site.url("/broken.xml")]
    assert broken.errors == 1 and broken.last_success is None
    assert broken.last_error is not None and "not an RSS or Atom feed" in broken.last_error
    assert states[news_site.url("/feed.xml")].errors == 0


def test_a_server_asking_to_wait_is_left_alone_across_restarts(news_site: Site, store_url: str) -> None:
    news_site.routes["/feed.xml"].fail_first = 1
    news_site.routes["/feed.xml"].retry_after = "3600"
    with open_store(store_url) as store, Fetcher(allow_private=True) as fetcher:
        done = Watcher(store, PoliteFetcher(fetcher, min_delay=0), link=False).poll(
            news_site.url("/feed.xml")
        )
        assert done["feed_failed"] == 1
    with open_store(store_url) as store, Fetcher(allow_private=True) as fetcher:  # a restarted watcher
        state = feed(store, news_site.url("/feed.xml"))
        assert state is not None and state.next_poll is not None
        assert state.next_poll > datetime.now(UTC) + timedelta(minutes=55)
        assert state.last_error == "HTTP 429 Too Many Requests, retry after 3600 s"
        done = Watcher(store, PoliteFetcher(fetcher, min_delay=0), link=False).poll(
            news_site.url("/feed.xml")
        )
        assert done["deferred"] == 1
    assert len(news_site.seen("/feed.xml")) == 1


def test_ingest_url_fetches_the_page_and_a_changed_text_is_the_next_version(
    news_site: Site, store_url: str, nlp: object
) -> None:
    url = news_site.url("/kharkiv.html")
    refused = runner.invoke(app, ["ingest", url, "--db", store_url])
    assert refused.exit_code == 2 and "a loopback, private" in refused.output
    added = runner.invoke(app, ["ingest", url, "--allow-private", "--db", store_url])
    assert "1 added, 0 unchanged, 0 new versions, 0 failed" in added.output, added.output
    news_site.routes["/kharkiv.html"] = Route(page(KHARKIV_UPDATE))
    again = runner.invoke(app, ["ingest", url, "--allow-private", "--db", store_url])
    assert "0 added, 0 unchanged, 1 new version, 0 failed" in again.output, again.output
    with open_store(store_url) as store:
        assert current_articles(store) == [(url, 2, KHARKIV_UPDATE.title)]
        with store.engine.connect() as connection:
            fetches = connection.execute(
                select(schema.page_fetches.c.published, schema.page_fetches.c.url)
            ).all()
    assert [(str(published), fetched) for published, fetched in fetches] == [
        (str(KHARKIV.published), url)
    ] * 1 + [(str(KHARKIV_UPDATE.published), url)]


def test_a_news_sitemap_index_is_followed_to_its_sitemaps(news_site: Site, store: Store, nlp: object) -> None:
    news_site.routes["/sitemap.xml"] = Route(
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>/sitemap-news.xml</loc></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    news_site.routes["/sitemap-news.xml"] = Route(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>/rutte.html</loc>'
        b"<news:news><news:publication_date>2024-11-20</news:publication_date></news:news></url></urlset>",
        content_type="application/xml",
    )
    with Fetcher(allow_private=True) as fetcher:
        done = Watcher(store, PoliteFetcher(fetcher, min_delay=0)).poll(news_site.url("/sitemap.xml"))
    assert done["added"] == 1
    assert current_articles(store) == [(news_site.url("/rutte.html"), 1, RUTTE.title)]
    state = feed(store, news_site.url("/sitemap.xml"))
    assert state is not None and state.format == "sitemapindex"


def test_a_running_watcher_polls_again_and_stops_when_asked(news_site: Site, store: Store) -> None:
    news_site.routes["/empty.xml"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
        content_type="application/rss+xml",
    )
    with Fetcher(allow_private=True) as fetcher:
        watcher = Watcher(store, PoliteFetcher(fetcher, min_delay=0), link=False)
        runner_thread = threading.Thread(
            target=watcher.run, args=([news_site.url("/empty.xml")],), kwargs={"interval": 0.2}
        )
        runner_thread.start()
        deadline = time.monotonic() + 60
        while len(news_site.seen("/empty.xml")) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        watcher.stop.set()
        runner_thread.join(timeout=30)
    assert not runner_thread.is_alive()
    assert len(news_site.seen("/empty.xml")) >= 2


def test_watch_reads_feed_urls_from_a_file(tmp_path: Path) -> None:
    from newsledger.cli.watch import _feed_urls

    listing = tmp_path / "feeds.txt"
    listing.write_text(
        "# outlets\nhttps://a.example/rss.xml\n\nhttps://b.example/atom.xml\n", encoding="utf-8"
    )
    assert _feed_urls([str(listing), "https://a.example/rss.xml", "https://c.example/feed"]) == [
        "https://a.example/rss.xml",
        "https://b.example/atom.xml",
        "https://c.example/feed",
    ]
    (tmp_path / "bad.txt").write_text("ftp://x.example/feed\n", encoding="utf-8")
    with pytest.raises(typer.BadParameter, match="not an http"):
        _feed_urls([str(tmp_path / "bad.txt")])


def test_ingest_url_options_fill_in_what_the_page_does_not_say(
    news_site: Site, store_url: str, nlp: object
) -> None:
    url = news_site.url("/el-fasher.html")
    result = runner.invoke(
        app,
        [
            "ingest",
            url,
            "--published",
            "2030-01-01",
            "--outlet",
            "Desk",
            "--allow-private",
            "--db",
            store_url,
        ],
    )
    assert "1 added" in result.output, result.output
    with open_store(store_url) as store, store.engine.connect() as connection:
        row = connection.execute(select(schema.articles.c.published, schema.articles.c.outlet)).one()
    assert (row.published, row.outlet) == (EL_FASHER.published, EL_FASHER.outlet)  # the page's own
