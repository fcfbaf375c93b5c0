"""The database going away mid-watch: PostgreSQL is stopped and started again while a poll runs, and the
poll ends with every entry stored exactly once. (SQLite is a file: it does not go away.)"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from newsledger.sources.web.fetch import Fetcher
from newsledger.sources.web.loopback import Route, Site
from newsledger.sources.web.polite import PoliteFetcher
from newsledger.store import open_store, schema
from newsledger.store.throwaway import ThrowawayPostgres
from newsledger.watch import Watcher
from tests.store.articles import generated_articles
from tests.store.test_watch import MONDAY, page, rss

ITEMS = 6
RESTART_AFTER = "/strike-3.html"


def _pg_ctl(cluster: ThrowawayPostgres, *arguments: str) -> None:
    assert cluster.folder is not None
    done = cluster._run(
        "pg_ctl", "-D", str(cluster.data), "-l", str(cluster.folder / "server.log"), *arguments
    )
    assert done.returncode == 0, done.stderr


def test_the_watcher_waits_for_the_database_and_stores_every_entry_once(
    nlp: object, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsledger.watch")
    stories = generated_articles(ITEMS)
    with ThrowawayPostgres() as cluster, Site() as site:
        url = cluster.create_database("watch_faults")
        site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        entries = []
        for number, story in enumerate(stories, start=1):
            site.routes[f"/strike-{number}.html"] = Route(page(story))
            entries.append((f"/strike-{number}.html", f"{story.title} {number}", MONDAY))
        site.routes["/feed.xml"] = Route(rss(site, entries), content_type="application/rss+xml")
        done: Counter[str] = Counter()
        with open_store(url) as store, Fetcher(allow_private=True) as fetcher:
            watcher = Watcher(store, PoliteFetcher(fetcher, min_delay=0.3))
            poll = threading.Thread(target=lambda: done.update(watcher.poll(site.url("/feed.xml"))))
            poll.start()
            deadline = time.monotonic() + 120
            while not site.seen(RESTART_AFTER) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert site.seen(RESTART_AFTER), "the watch never reached the third entry"
            _pg_ctl(cluster, "-m", "fast", "-w", "stop")
            time.sleep(3)  # the watcher meets a database that is not there
            options = f"-h 127.0.0.1 -k {cluster.folder} -F -p {cluster.port}"
            _pg_ctl(cluster, "-w", "-o", options, "start")
            poll.join(timeout=300)
            assert not poll.is_alive()
            with store.engine.connect() as connection:
                articles = connection.execute(select(func.count()).select_from(schema.articles)).scalar_one()
                distinct_urls = connection.execute(
                    select(func.count(schema.articles.c.url.distinct()))
                ).scalar_one()
                stored = connection.execute(
                    select(func.count()).where(schema.feed_items.c.status == "stored")
                ).scalar_one()
                failures = connection.execute(select(func.count()).select_from(schema.failures)).scalar_one()
    assert any("database unavailable" in record.message for record in caplog.records), "no outage was met"
    assert done["added"] == ITEMS and done["failed"] == 0, done
    assert (articles, distinct_urls, stored, failures) == (ITEMS, ITEMS, ITEMS, 0)
