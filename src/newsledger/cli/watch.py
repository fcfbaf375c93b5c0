"""``newsledger watch`` (follow feeds into the ledger) and ``newsledger query sources`` (their state).

The watcher logs to stderr, one plain line per event (no colours, no progress bar, a UTC timestamp), which
is what a service manager's journal or a cron mail keeps. SIGTERM and Ctrl-C stop it between two entries.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from newsledger.cli.common import (
    EXIT_INPUT_ERROR,
    DbOption,
    FormatOption,
    LimitOption,
    RowFormat,
    app,
    print_rows,
    query_app,
)

AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Also fetch from loopback, private, link-local and multicast addresses (refused by default).",
    ),
]
MinDelayOption = Annotated[
    float, typer.Option(help="Seconds between two requests to one host (robots.txt may ask for more).", min=0)
]


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(help="Feed URLs (RSS, Atom, news sitemaps), or files listing one URL per line."),
    ],
    once: Annotated[bool, typer.Option("--once", help="Poll each feed once and stop (for cron).")] = False,
    interval: Annotated[float, typer.Option(help="Seconds between two rounds of polls.", min=1)] = 900.0,
    allow_private: AllowPrivateOption = False,
    min_delay: MinDelayOption = 1.0,
    no_link: Annotated[bool, typer.Option("--no-link", help="Do not link articles across.")] = False,
    db: DbOption = None,
) -> None:
    """Follow news feeds: fetch each new article, analyze, store and link it, again every --interval.

    Conditional requests, robots.txt, one request at a time per host, back-off on 429 and 5xx; feed
    state (last poll, last success, ETag, errors) is kept in the ledger (`query sources`), so a restart
    resumes. Every entry that fails is kept in `query failures` with its reason.
    Example: newsledger watch https://example.org/rss.xml --once --db ledger.db
    """
    feed_urls = _feed_urls(sources)
    handler = _log_to_stderr()
    log = logging.getLogger("newsledger.watch")
    stop = threading.Event()
    previous = {
        signum: signal.signal(signum, lambda *_: stop.set()) for signum in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        done = _watch(feed_urls, once=once, interval=interval, allow_private=allow_private,
                      min_delay=min_delay, link=not no_link, db=db, stop=stop, log=log)  # fmt: skip
    finally:
        log.removeHandler(handler)
        for signum, handling in previous.items():
            signal.signal(signum, handling)
    if once and (done["failed"] or done["feed_failed"]):
        raise typer.Exit(EXIT_INPUT_ERROR)


def _watch(
    feed_urls: list[str],
    *,
    once: bool,
    interval: float,
    allow_private: bool,
    min_delay: float,
    link: bool,
    db: str | None,
    stop: threading.Event,
    log: logging.Logger,
) -> Counter[str]:
    from newsledger.sources.web.fetch import Fetcher
    from newsledger.sources.web.polite import PoliteFetcher
    from newsledger.store import open_store
    from newsledger.watch import Watcher, describe

    with open_store(db) as store, Fetcher(allow_private=allow_private) as fetcher:
        watcher = Watcher(store, PoliteFetcher(fetcher, min_delay=min_delay), link=link)
        watcher.stop = stop
        log.info("watching %d feeds into %s%s", len(feed_urls), store.display_url, " once" if once else "")
        started = time.monotonic()
        if once:
            done = watcher.poll_all(feed_urls)
        else:
            watcher.run(feed_urls, interval=interval)
            done = watcher.counts
        log.info("done in %.1f s: %s", time.monotonic() - started, describe(done))
    return done


@query_app.command("sources")
def query_sources(
    limit: LimitOption = 200,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """The feeds the ledger follows: last poll, last success, items stored, errors, ETag.

    Example: newsledger query sources
    """
    from newsledger.store import open_store
    from newsledger.store.feeds import list_feeds

    with open_store(db) as store:
        rows = list_feeds(store, limit=limit)
    columns = ["url", "format", "last_poll", "last_success", "items", "errors", "last_error"]
    print_rows(rows, output_format, columns)


def _feed_urls(sources: list[str]) -> list[str]:
    """The URLs given, and those listed in files given (one per line; blank lines and ``#`` ignored)."""
    from newsledger.sources.web import is_url

    urls: list[str] = []
    for source in sources:
        if is_url(source):
            urls.append(source)
            continue
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise typer.BadParameter(f"{source}: not a URL, nor a file of URLs ({error})") from None
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                if not is_url(line):
                    raise typer.BadParameter(f"{source}: {line!r} is not an http(s) URL")
                urls.append(line)
    return list(dict.fromkeys(urls))


def _log_to_stderr() -> logging.Handler:
    """The watcher's log on stderr, one plain line per record; the handler, to remove when done."""
    handler = logging.StreamHandler(sys.stderr)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%SZ")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    logger = logging.getLogger("newsledger.watch")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler
