"""Keeping a ledger current from the web: poll feeds, fetch what is new, analyze, store and link it.

One :class:`Watcher` per process. A poll of a feed is one conditional request (ETag, Last-Modified); a 304
ends it. Otherwise each entry the ledger has not stored (or whose ``updated`` date changed since) is
fetched, read like a saved page, analyzed, stored and linked as ``newsledger ingest`` does; a changed text
under a URL the ledger holds becomes that article's next version. Whatever goes wrong with one feed or
one entry (a refused address, a timeout, a PDF, broken XML, a 50 MB page) is logged, kept in ``failures``
with its reason and in the feed's state, and costs only that feed or entry; an entry that failed is tried
again on later polls, at most ``max_attempts`` times in all.

The database going away (a PostgreSQL restart) makes the watcher wait and reconnect: every write is
retried until ``db_patience`` seconds have passed, and since articles are keyed by the hash of their text
and entries by their feed and key, a write retried after it had in fact gone through stores nothing twice.

Progress is one log line per feed poll and per entry taken, for a service manager's journal.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

from newsledger.analyze import analyze_stream
from newsledger.errors import InputError
from newsledger.records import Article
from newsledger.sources.prepare import Metadata
from newsledger.sources.web.feeds import MAX_ITEMS, FeedItem, FeedUnreadable, parse_feed
from newsledger.sources.web.fetch import FEED_TYPES, PAGE_TYPES, FetchFailed
from newsledger.sources.web.pages import PageFacts, read_page
from newsledger.sources.web.polite import PoliteFetcher
from newsledger.store import Store, feeds
from newsledger.store.linker import Linker

LOGGER = logging.getLogger("newsledger.watch")
MAX_FEED_BYTES = 10 * 1024 * 1024
"""A feed or sitemap larger than this is refused: a real one is well under a megabyte."""
MAX_SITEMAPS = 20
"""Child sitemaps read from one sitemap index per poll."""

T = TypeVar("T")


class Watcher:
    """Polls feeds into one ledger; ``counts`` and ``seconds`` add up over its life."""

    def __init__(
        self,
        store: Store,
        fetcher: PoliteFetcher,
        *,
        link: bool = True,
        max_attempts: int = 3,
        db_patience: float = 600.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.max_attempts = max_attempts
        self.db_patience = db_patience
        self.sleep = sleep
        self.linker = self._db(lambda: Linker(store)) if link else None
        self.stop = threading.Event()
        """Set it (from a signal handler) to stop after the entry being taken."""
        self.counts: Counter[str] = Counter()
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def poll(self, feed_url: str) -> Counter[str]:
        """One poll of one feed; what it did, by outcome (``added``, ``new_version``, ``failed``, ...)."""
        done: Counter[str] = Counter()
        self._db(lambda: feeds.add_feed(self.store, feed_url))
        state = self._db(lambda: feeds.feed(self.store, feed_url))
        now = datetime.now(UTC)
        if state is not None and state.next_poll is not None and state.next_poll > now:
            LOGGER.info(
                "poll %s: skipped, the server asked to wait until %s", feed_url, state.next_poll.isoformat()
            )
            done["deferred"] += 1
            return self._tally(done)
        started = time.monotonic()
        try:
            response = self.fetcher.get(
                feed_url,
                accept=FEED_TYPES,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
                max_bytes=MAX_FEED_BYTES,
            )
        except FetchFailed as error:
            self.seconds["fetching"] += time.monotonic() - started
            retry = None if error.retry_after is None else now + timedelta(seconds=error.retry_after)
            self._feed_failed(feed_url, error.reason, next_poll=retry)
            done["feed_failed"] += 1
            return self._tally(done)
        self.seconds["fetching"] += time.monotonic() - started
        if response.not_modified:
            self._db(lambda: feeds.record_poll(self.store, feed_url, at=now))
            LOGGER.info("poll %s: not modified (304)", feed_url)
            done["not_modified"] += 1
            return self._tally(done)
        try:
            parsed = parse_feed(response.body, url=feed_url)
            items = list(parsed.items)
            for child in parsed.sitemaps[:MAX_SITEMAPS]:
                items += self._child_sitemap(child)
        except FeedUnreadable as error:
            self._feed_failed(feed_url, error.reason, next_poll=None)
            done["feed_failed"] += 1
            return self._tally(done)
        if parsed.dropped:
            reason = (
                f"the feed lists {parsed.dropped + MAX_ITEMS} entries; only the first {MAX_ITEMS} are read"
            )
            self._failure(feed_url, reason)
        for problem in parsed.skipped:
            self._failure(feed_url, problem)
        for item in items:
            if self.stop.is_set():
                break
            done[self._take(feed_url, item)] += 1
        self._db(
            lambda: feeds.record_poll(
                self.store,
                feed_url,
                at=now,
                etag=response.etag,
                last_modified=response.last_modified,
                format=parsed.format,
                title=parsed.title,
            )
        )
        LOGGER.info(
            "poll %s: %s, %d entries: %d added, %d new versions, %d unchanged, %d already seen, %d failed",
            feed_url, parsed.format, len(items), done["added"], done["new_version"], done["unchanged"],
            done["seen"], done["failed"],
        )  # fmt: skip
        return self._tally(done)

    def poll_all(self, feed_urls: Sequence[str]) -> Counter[str]:
        """One poll of each feed, in order."""
        done: Counter[str] = Counter()
        for url in feed_urls:
            if self.stop.is_set():
                break
            done += self.poll(url)
        return done

    def run(self, feed_urls: Sequence[str], *, interval: float) -> None:
        """Poll every feed, then wait ``interval`` seconds, until ``stop`` is set."""
        while not self.stop.is_set():
            done = self.poll_all(feed_urls)
            LOGGER.info("round done: %s; next in %g s", _describe(done), interval)
            self.stop.wait(interval)

    def _take(self, feed_url: str, item: FeedItem) -> str:
        """Fetch, analyze, store and link one entry unless the ledger has it; the outcome's name."""
        known = self._db(lambda: feeds.item_state(self.store, feed_url, item.key))
        if (
            known is not None
            and known.updated == item.updated
            and (known.status == "stored" or known.attempts >= self.max_attempts)
        ):
            return "seen"
        started = time.monotonic()
        try:
            try:
                response = self.fetcher.get(item.link, accept=PAGE_TYPES)
            finally:
                self.seconds["fetching"] += time.monotonic() - started
            started = time.monotonic()
            try:
                article, facts = read_page(response)
            finally:
                self.seconds["reading"] += time.monotonic() - started
        except InputError as error:
            reason = error.reason
            LOGGER.warning("failed %s: %s", item.link, reason)
            self._failure(item.link, reason)
            self._db(lambda: self._record_item(feed_url, item, "failed", reason=reason))
            return "failed"
        status = self.store_article(article, facts, feed_url=feed_url)
        if status == "failed":
            self._db(lambda: self._record_item(feed_url, item, "failed", reason="analysis failed"))
        else:
            self._db(lambda: self._record_item(feed_url, item, "stored", article_id=article.id))
        return status

    def store_article(self, article: Article, facts: PageFacts, *, feed_url: str | None = None) -> str:
        """Analyze, store and link one fetched article, and keep its fetch; ``added``, ``new_version``,
        ``unchanged`` or ``failed``."""
        self._db(lambda: record_page(self.store, article.id, facts, feed_url=feed_url))
        if self._db(lambda: self.store.has_article(article.id)):
            LOGGER.info("unchanged %s: %s", article.url, article.id)
            return "unchanged"
        started = time.monotonic()
        result = next(analyze_stream([article]))
        self.seconds["analyzing"] += time.monotonic() - started
        if isinstance(result, InputError):
            LOGGER.warning("failed %s: %s", article.url, result.reason)
            self._failure(result.source, result.reason, article.id)
            return "failed"
        started = time.monotonic()
        outcome = self._db(lambda: self.store.ingest(result))
        if self.linker is not None and outcome.status != "unchanged":
            linker = self.linker
            self._db(lambda: linker.link(result))
        self.seconds["storing"] += time.monotonic() - started
        LOGGER.info(
            "%s %s: %s v%d %s", outcome.status, article.url, article.id, outcome.version, article.title or ""
        )
        return outcome.status

    def _child_sitemap(self, url: str) -> list[FeedItem]:
        try:
            response = self.fetcher.get(url, accept=FEED_TYPES, max_bytes=MAX_FEED_BYTES)
            return parse_feed(response.body, url=url).items
        except InputError as error:
            LOGGER.warning("failed %s: %s", url, error.reason)
            self._failure(url, error.reason)
            return []

    def _record_item(
        self,
        feed_url: str,
        item: FeedItem,
        status: str,
        *,
        article_id: str | None = None,
        reason: str | None = None,
    ) -> None:
        feeds.record_item(
            self.store, feed_url, key=item.key, link=item.link, title=item.title, updated=item.updated,
            status=status, article_id=article_id, reason=reason,
        )  # fmt: skip

    def _feed_failed(self, feed_url: str, reason: str, *, next_poll: datetime | None) -> None:
        LOGGER.warning("poll %s: failed: %s", feed_url, reason)
        self._failure(feed_url, reason)
        at = datetime.now(UTC)
        self._db(lambda: feeds.record_poll(self.store, feed_url, at=at, error=reason, next_poll=next_poll))

    def _failure(self, source: str, reason: str, article_id: str | None = None) -> None:
        self._db(lambda: self.store.record_failure(source, reason, article_id))

    def _tally(self, done: Counter[str]) -> Counter[str]:
        self.counts += done
        return done

    def _db(self, write: Callable[[], T]) -> T:
        """``write()``, retried while the database is unreachable, for up to ``db_patience`` seconds."""
        deadline = time.monotonic() + self.db_patience
        wait = 0.5
        while True:
            try:
                return write()
            except (OperationalError, DBAPIError) as error:
                if not _connection_lost(error) or time.monotonic() + wait > deadline:
                    raise
                LOGGER.warning("database unavailable (%s); retrying in %g s", type(error.orig).__name__, wait)
                self.sleep(wait)
                wait = min(wait * 2, 10.0)


def _connection_lost(error: DBAPIError) -> bool:
    """Whether ``error`` is the database being away (retry) rather than a bad statement (raise)."""
    return bool(error.connection_invalidated) or isinstance(error, OperationalError)


def record_page(store: Store, article_id: str, facts: PageFacts, *, feed_url: str | None = None) -> None:
    feeds.record_fetch(
        store, url=facts.url, final_url=facts.final_url, canonical_url=facts.canonical_url,
        fetched_at=facts.fetched_at, article_id=article_id, published=facts.published,
        modified=facts.modified, last_modified=facts.last_modified, feed_url=feed_url,
    )  # fmt: skip


def read_urls(
    store: Store, urls: Iterable[str], fetcher: PoliteFetcher, *, overrides: Metadata | None = None
) -> Iterator[Article | InputError]:
    """Each page of ``urls`` as an article (its fetch kept in the ledger), or the error in its place:
    the web's counterpart of ``newsledger.sources.read_inputs``, for ``newsledger ingest URL``."""
    for url in urls:
        try:
            article, facts = read_page(fetcher.get(url, accept=PAGE_TYPES), overrides=overrides)
        except InputError as error:
            yield error
            continue
        record_page(store, article.id, facts)
        yield article


def _describe(done: Counter[str]) -> str:
    labels = {
        "added": "added", "new_version": "new versions", "unchanged": "unchanged", "seen": "already seen",
        "failed": "failed", "not_modified": "feeds not modified", "feed_failed": "feeds failed",
        "deferred": "feeds deferred",
    }  # fmt: skip
    return ", ".join(f"{done[name]} {label}" for name, label in labels.items())


def describe(done: Counter[str]) -> str:
    """``3 added, 1 new version, ...``: a round's outcome in a line."""
    return _describe(done)
