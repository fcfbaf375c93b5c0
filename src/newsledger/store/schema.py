"""The ledger's tables, built from the column contract in ``newsledger.tables`` plus what a ledger adds.

Each table of ``TABLES`` becomes a SQL table with the same columns (kinds mapped to SQL types, JSON kept as
text) and a primary key of ``article_id`` plus the columns marked ``key``. The ledger adds:

- ``articles.version``, ``current`` and ``first_seen``: a changed text under the same URL is a new article
  (its id hashes its text and outlet) and the next version; the old one stays, no longer current.
- ``events.day``: the date an event is filed under, for date ranges.
- ``*_key`` columns: names case-folded in Python, so that "ZELENSKY", "Zelensky" and "zelensky" meet on an
  index the same way on SQLite (whose ``lower()`` knows only ASCII) and on PostgreSQL.
- ``analyses``: each Analysis as ingested, so ``Store.analysis`` gives back exactly what went in.
- ``failures``: every input that could not be read or analyzed, with its reason.

Full-text search is SQLite FTS5 tables kept by triggers, or PostgreSQL GIN indexes over ``tsvector``
expressions; the expressions are here because a query only uses such an index when it repeats the
expression exactly.

This module describes the head of the schema for the queries; the Alembic migrations in ``migrations/``
build it, and a test checks that the two agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from newsledger.tables import TABLES, ColumnKind

SQL_TYPES: dict[ColumnKind, type[TypeEngine[Any]]] = {
    "text": Text,
    "int": Integer,
    "float": Float,
    "bool": Boolean,
    "date": Date,
    "json": Text,
}

# The case-folded copies of names that queries look up, per table: key column -> the column it folds.
NAME_KEYS: dict[str, dict[str, str]] = {
    "entities": {"name_key": "name"},
    "attributions": {"source_key": "source_name"},
    "places": {"name_key": "name"},
}

# PostgreSQL full-text expressions; a query must repeat them verbatim for the GIN index to serve it.
PG_ARTICLE_DOCUMENT = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
PG_CLAIM_DOCUMENT = "to_tsvector('english', span_text)"
# SQLite FTS5 tables, filled by triggers on insert.
SQLITE_ARTICLES_FTS = "articles_fts"
SQLITE_CLAIMS_FTS = "claims_fts"

metadata = MetaData()


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC, read back as an aware datetime on both databases (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("the ledger stores aware datetimes only")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def name_key(name: str) -> str:
    """The form a name is matched in: case-folded, runs of whitespace made one space."""
    return " ".join(name.casefold().split())


def _contract_table(name: str, *extra: Column[object] | Index | ForeignKeyConstraint) -> Table:
    """A table with the contract's columns for ``name``, its primary key, and ``extra`` columns/indexes."""
    contract = TABLES[name]
    columns = [
        Column(c.name, SQL_TYPES[c.kind], nullable=not c.key and c.name != "article_id") for c in contract
    ]
    key_columns = [c.name for c in contract if c.key]
    keys = [Column(key, Text) for key in NAME_KEYS.get(name, {})]
    parent = [] if name == "articles" else [_belongs_to_article(name)]
    return Table(
        name,
        metadata,
        *columns,
        *keys,
        PrimaryKeyConstraint(*key_columns, name=f"pk_{name}"),
        *parent,
        *extra,
    )


def _belongs_to_article(table: str) -> ForeignKeyConstraint:
    """Rows go with their article: deleting an article deletes its records."""
    return ForeignKeyConstraint(
        ["article_id"], ["articles.article_id"], ondelete="CASCADE", name=f"fk_{table}_articles"
    )


articles = _contract_table(
    "articles",
    Column("version", Integer, nullable=False),
    Column("current", Boolean, nullable=False),
    Column("first_seen", UtcDateTime(), nullable=False),
    Index("ix_articles_published", "published"),
    # The versions a correction replaced, found from the index alone (the Linker asks on every open and
    # catch-up); migration 0007.
    Index("ix_articles_current", "current", "article_id"),
    Index("ux_articles_url_version", "url", "version", unique=True),
    Index(
        "ux_articles_url_current",
        "url",
        unique=True,
        sqlite_where=text('"current"'),
        postgresql_where=text('"current"'),
    ),
)
entities = _contract_table("entities", Index("ix_entities_name_key", "name_key", "article_id", "entity_id"))
mentions = _contract_table(
    "mentions",
    ForeignKeyConstraint(
        ["article_id", "entity_id"],
        ["entities.article_id", "entities.entity_id"],
        ondelete="CASCADE",
        name="fk_mentions_entities",
    ),
)
times = _contract_table("times")
attributions = _contract_table(
    "attributions", Index("ix_attributions_source_key", "source_key", "article_id")
)
claims = _contract_table("claims", Index("ix_claims_status", "status", "article_id"))
places = _contract_table(
    "places",
    Index("ix_places_country", "country", "article_id"),
    Index("ix_places_name_key", "name_key", "article_id"),
)
quantities = _contract_table("quantities")
# ``day``: the event's own date when the article dates it to a day, else the publication date; what
# date-range filters compare (a TIMEX value like "2024-W46" or "PRESENT_REF" does not sort as a date).
events = _contract_table(
    "events",
    Column("day", Date),
    Index("ix_events_type", "type", "article_id"),
    Index("ix_events_day", "day"),
)
tellings = _contract_table(
    "tellings",
    ForeignKeyConstraint(
        ["article_id", "event_id"],
        ["events.article_id", "events.event_id"],
        ondelete="CASCADE",
        name="fk_tellings_events",
    ),
)

analyses = Table(
    "analyses",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("schema_version", Text, nullable=False),
    Column("analysis", Text, nullable=False),
    _belongs_to_article("analyses"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("article_id", Text, nullable=True),
    Column("at", UtcDateTime(), nullable=False),
    Index("ix_failures_at", "at"),
)

RECORD_TABLES: dict[str, Table] = {name: metadata.tables[name] for name in TABLES}

# Watching the web (``newsledger watch``, ``ingest URL``): each feed's state, so that a restarted watcher
# resumes where it stopped; each entry a feed listed, so that an entry is fetched once (again only when the
# feed says it changed); and each page fetched, with what the page and the server said about it.
feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("format", Text),
    Column("title", Text),
    Column("added", UtcDateTime(), nullable=False),
    Column("last_poll", UtcDateTime()),
    Column("last_success", UtcDateTime()),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("next_poll", UtcDateTime()),
    Column("errors", Integer, nullable=False),
    Column("last_error", Text),
    Column("items", Integer, nullable=False),
)
feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_url", Text, nullable=False),
    Column("item_key", Text, nullable=False),
    Column("link", Text, nullable=False),
    Column("title", Text),
    Column("updated", Text),
    Column("first_seen", UtcDateTime(), nullable=False),
    Column("last_fetched", UtcDateTime()),
    Column("attempts", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("article_id", Text),
    Column("reason", Text),
    PrimaryKeyConstraint("feed_url", "item_key", name="pk_feed_items"),
    ForeignKeyConstraint(["feed_url"], ["feeds.url"], ondelete="CASCADE", name="fk_feed_items_feeds"),
    Index("ix_feed_items_first_seen", "first_seen"),
)
page_fetches = Table(
    "page_fetches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("final_url", Text, nullable=False),
    Column("canonical_url", Text, nullable=False),
    Column("article_id", Text),
    Column("published", Date),
    Column("modified", Date),
    Column("last_modified", Text),
    Column("fetched_at", UtcDateTime(), nullable=False),
    Column("feed_url", Text),
    Index("ix_page_fetches_article_id", "article_id"),
    Index("ix_page_fetches_fetched_at", "fetched_at"),
)
