"""The watcher's memory in the ledger: each feed's polling state, each entry seen, each page fetched.

Kept in the database rather than in a file beside it so that a watcher restarted (or moved to another
machine, on PostgreSQL) resumes where it stopped: the ETag and Last-Modified to send, the back-off a server
asked for, the entries already fetched. Every write is one short transaction of its own. Functions take
the Store first, like ``newsledger.store.queries``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from newsledger.store import schema
from newsledger.store.engine import write_transaction
from newsledger.store.ledger import Store
from newsledger.store.results import ResultRow

ItemStatus = str
"""``stored`` (its article is in the ledger), ``failed`` (see ``reason``; tried again up to a limit)."""


class FeedRow(ResultRow):
    """One feed and its state, as ``newsledger query sources`` and the sources page show it."""

    url: str
    format: str | None = None
    title: str | None = None
    added: datetime
    last_poll: datetime | None = None
    last_success: datetime | None = None
    next_poll: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    errors: int
    last_error: str | None = None
    items: int


class ArrivalRow(ResultRow):
    """An article as it arrived in the ledger, newest first."""

    article_id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    first_seen: datetime
    version: int


@dataclass(frozen=True)
class ItemState:
    """What the ledger knows of one feed entry."""

    updated: str | None
    status: ItemStatus
    attempts: int
    article_id: str | None


def add_feed(store: Store, url: str) -> None:
    """Start following ``url``; a feed already followed keeps its state."""
    insert = postgresql.insert if store.dialect == "postgresql" else sqlite.insert
    statement = (
        insert(schema.feeds)
        .values(url=url, added=datetime.now(UTC), errors=0, items=0)
        .on_conflict_do_nothing(index_elements=["url"])
    )
    with write_transaction(store.engine) as connection:
        connection.execute(statement)


def feed(store: Store, url: str) -> FeedRow | None:
    """The state of one feed, or ``None`` if the ledger does not follow it."""
    with store.engine.connect() as connection:
        row = connection.execute(select(schema.feeds).where(schema.feeds.c.url == url)).mappings().first()
    return None if row is None else FeedRow(**row)


def list_feeds(store: Store, *, limit: int = 1000) -> list[FeedRow]:
    """Every feed followed, in URL order."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(schema.feeds).order_by(schema.feeds.c.url).limit(limit)).mappings()
        return [FeedRow(**row) for row in rows]


def record_poll(
    store: Store,
    url: str,
    *,
    at: datetime,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    format: str | None = None,
    title: str | None = None,
    next_poll: datetime | None = None,
) -> None:
    """One poll of a feed: its outcome, the validators to send next time, when to poll again.

    A successful poll (``error`` None) resets the error count and keeps ``etag``/``last_modified`` when
    given (a 304 sends none back: the stored ones still hold); a failed one counts one more error.
    """
    feeds = schema.feeds
    values: dict[str, object] = {"last_poll": at, "next_poll": next_poll}
    if error is None:
        values |= {"last_success": at, "errors": 0, "last_error": None}
        values |= {
            key: value
            for key, value in (
                ("etag", etag),
                ("last_modified", last_modified),
                ("format", format),
                ("title", title),
            )
            if value is not None
        }
    else:
        values |= {"errors": feeds.c.errors + 1, "last_error": error}
    with write_transaction(store.engine) as connection:
        connection.execute(update(feeds).where(feeds.c.url == url).values(values))


def item_state(store: Store, feed_url: str, key: str) -> ItemState | None:
    """What the ledger knows of entry ``key`` of ``feed_url``, or ``None`` for an entry never seen."""
    items = schema.feed_items
    query = select(items.c.updated, items.c.status, items.c.attempts, items.c.article_id).where(
        items.c.feed_url == feed_url, items.c.item_key == key
    )
    with store.engine.connect() as connection:
        row = connection.execute(query).first()
    return None if row is None else ItemState(row.updated, row.status, row.attempts, row.article_id)


def record_item(
    store: Store,
    feed_url: str,
    *,
    key: str,
    link: str,
    title: str | None,
    updated: str | None,
    status: ItemStatus,
    article_id: str | None = None,
    reason: str | None = None,
) -> None:
    """Keep what became of one entry; a stored article counts one more item for its feed."""
    items = schema.feed_items
    now = datetime.now(UTC)
    with write_transaction(store.engine) as connection:
        found = connection.execute(
            select(items.c.attempts).where(items.c.feed_url == feed_url, items.c.item_key == key)
        ).first()
        values = {
            "link": link, "title": title, "updated": updated, "last_fetched": now, "status": status,
            "article_id": article_id, "reason": reason,
        }  # fmt: skip
        if found is None:
            connection.execute(
                items.insert().values(feed_url=feed_url, item_key=key, first_seen=now, attempts=1, **values)
            )
        else:
            connection.execute(
                update(items)
                .where(items.c.feed_url == feed_url, items.c.item_key == key)
                .values(attempts=found.attempts + 1, **values)
            )
        if status == "stored":
            feeds = schema.feeds
            connection.execute(
                update(feeds).where(feeds.c.url == feed_url).values(items=feeds.c["items"] + 1)
            )


def record_fetch(
    store: Store,
    *,
    url: str,
    final_url: str,
    canonical_url: str,
    fetched_at: datetime,
    article_id: str | None,
    published: date | None = None,
    modified: date | None = None,
    last_modified: str | None = None,
    feed_url: str | None = None,
) -> None:
    """Keep one page fetch: the URLs, the dates the page declares, the server's Last-Modified, when."""
    with write_transaction(store.engine) as connection:
        connection.execute(
            schema.page_fetches.insert().values(
                url=url,
                final_url=final_url,
                canonical_url=canonical_url,
                fetched_at=fetched_at,
                article_id=article_id,
                published=published,
                modified=modified,
                last_modified=last_modified,
                feed_url=feed_url,
            )
        )


def count_items(store: Store, feed_url: str, status: ItemStatus = "stored") -> int:
    items = schema.feed_items
    query = select(func.count()).where(items.c.feed_url == feed_url, items.c.status == status)
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def newest_arrivals(store: Store, *, limit: int = 20) -> list[ArrivalRow]:
    """The current articles the ledger took in last, newest first (by the moment each was stored)."""
    articles = schema.articles
    query = (
        select(
            articles.c.article_id,
            articles.c.title,
            articles.c.outlet,
            articles.c.url,
            articles.c.published,
            articles.c.first_seen,
            articles.c.version,
        )
        .where(articles.c.current)
        .order_by(articles.c.first_seen.desc(), articles.c.article_id)
        .limit(limit)
    )
    with store.engine.connect() as connection:
        return [ArrivalRow(**row) for row in connection.execute(query).mappings()]


class FeedItemRow(ResultRow):
    """One entry a feed listed and what became of it, newest first on the sources page."""

    feed_url: str
    link: str
    title: str | None = None
    status: str
    reason: str | None = None
    article_id: str | None = None
    first_seen: datetime
    last_fetched: datetime | None = None
    attempts: int


def recent_items(store: Store, *, limit: int = 50) -> list[FeedItemRow]:
    """The entries the feeds listed last (by the time each was first seen), with their outcome."""
    items = schema.feed_items
    query = (
        select(
            items.c.feed_url,
            items.c.link,
            items.c.title,
            items.c.status,
            items.c.reason,
            items.c.article_id,
            items.c.first_seen,
            items.c.last_fetched,
            items.c.attempts,
        )
        .order_by(items.c.first_seen.desc(), items.c.link)
        .limit(limit)
    )
    with store.engine.connect() as connection:
        return [FeedItemRow(**row) for row in connection.execute(query).mappings()]
