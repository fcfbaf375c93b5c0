"""The watcher's speed on loopback: items per second, and where the time goes (fetching vs analyzing).

A :class:`~newsledger.sources.web.loopback.Site` on 127.0.0.1 serves ``--feeds`` RSS feeds of
``--items`` entries in all (1,000 across 20 by default), each entry a distinct generated news page of
about 150 words; one :class:`~newsledger.watch.Watcher` polls every feed once into a fresh SQLite ledger
(``--db`` for another), storing and linking each article as ``newsledger watch`` does, with no delay
between requests (the site is ours). Then a second round, which must be conditional: every feed answers
304 and nothing is fetched. Nothing leaves the machine. Prints figures, asserts nothing but the counts.

Time is split into fetching (the HTTP requests), reading (extracting the article from the page),
analyzing (the spaCy pipeline) and storing (ingest and link).

    python benchmarks/watch.py [--items 1000] [--feeds 20] [--db URL]
"""

from __future__ import annotations

import argparse
import html
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsledger.sources.web.fetch import Fetcher
from newsledger.sources.web.loopback import Route, Site
from newsledger.sources.web.polite import PoliteFetcher
from newsledger.store import open_store
from newsledger.watch import Watcher

CITIES = ("Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy", "Kherson", "Mykolaiv", "Poltava", "Lviv")
SOURCES = ("the regional governor", "the Ukrainian Air Force", "the emergency service", "local officials")
WEAPONS = ("missiles", "drones", "guided bombs", "artillery shells")
OUTLETS = ("Kyiv Ledger", "Night Desk", "Baltic Observer", "Black Sea Monitor", "Wire Service")


def article(number: int) -> tuple[str, str, date]:
    """A distinct strike report of about 150 words: its title, body paragraphs and publication date."""
    city = CITIES[number % len(CITIES)]
    source = SOURCES[(number // len(CITIES)) % len(SOURCES)]
    weapon = WEAPONS[number % len(WEAPONS)]
    published = date(2025, 1, 1) + timedelta(days=number % 90)
    paragraphs = [
        f"Russian forces struck {city} overnight with {number % 40 + 3} {weapon}, {source} said on "
        f"{published.strftime('%A')}. At least {number % 9 + 1} people were wounded and {number % 4} killed.",
        f"“The attack lasted for more than two hours,” said Olena Kovalenko, a spokesperson for the city "
        f"administration, adding that {number % 12 + 2} residential buildings had been damaged.",
        "Moscow did not comment on the attack. The Russian Defence Ministry said on Telegram that its forces "
        "had hit military targets, a claim that could not be independently verified.",
        f"Emergency crews were still searching the rubble on Monday, report number {number + 1} said, as "
        "officials urged residents to stay in shelters while the air raid alert remained in force.",
    ]
    return (
        f"Strike on {city}, report {number + 1}",
        "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        published,
    )


def page(number: int) -> bytes:
    title, body, published = article(number)
    outlet = OUTLETS[number % len(OUTLETS)]
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta property="article:published_time" content="{published.isoformat()}T06:00:00Z">'
        f'<meta property="og:site_name" content="{outlet}"></head><body><nav><a href="/">Home</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    ).encode()


def serve(site: Site, items: int, feeds: int) -> list[str]:
    """Pages and feeds on ``site``; the feed URLs."""
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    entries: dict[int, list[str]] = {feed: [] for feed in range(feeds)}
    for number in range(items):
        path = f"/news/{number}.html"
        site.routes[path] = Route(page(number))
        title = html.escape(article(number)[0])
        entries[number % feeds].append(f"<item><title>{title}</title><link>{site.url(path)}</link></item>")
    urls = []
    for feed, listed in entries.items():
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>{"".join(listed)}'
        site.routes[f"/feed-{feed}.xml"] = Route(
            (body + "</channel></rss>").encode(), content_type="application/rss+xml", etag=f'"feed-{feed}"'
        )
        urls.append(site.url(f"/feed-{feed}.xml"))
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--db", default=None, help="ledger URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Site() as site:
        db = args.db or f"sqlite:///{Path(folder) / 'ledger.db'}"
        urls = serve(site, args.items, args.feeds)
        with open_store(db) as store, Fetcher(allow_private=True) as fetcher:
            started = time.monotonic()
            watcher = Watcher(store, PoliteFetcher(fetcher, min_delay=0))
            opened = time.monotonic() - started
            started = time.monotonic()
            first = watcher.poll_all(urls)
            wall = time.monotonic() - started
            seconds = dict(watcher.seconds)
            requests_before = len(site.requests)
            started = time.monotonic()
            second = watcher.poll_all(urls)
            again = time.monotonic() - started
        stored = first["added"] + first["new_version"]
        assert stored == args.items, first
        assert second["not_modified"] == args.feeds and len(site.requests) == requests_before + args.feeds
    other = wall - sum(seconds.values())
    print(f"{args.items} items across {args.feeds} feeds on loopback into {db.split(':')[0]}")
    print(f"first round: {wall:.1f} s, {stored / wall:.2f} items/s (Linker opened in {opened:.1f} s before)")
    for name in ("fetching", "reading", "analyzing", "storing"):
        share = seconds.get(name, 0.0)
        print(f"  {name:<10} {share:7.1f} s  {100 * share / wall:5.1f}%")
    print(
        f"  {'other':<10} {other:7.1f} s  {100 * other / wall:5.1f}%  (feed parsing, feed and entry state)"
    )
    print(f"second round: {args.feeds} feeds not modified (304), {again:.2f} s")


if __name__ == "__main__":
    main()
