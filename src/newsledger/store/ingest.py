"""Writing one analysis into the ledger: all of its rows or none, once, with the right version.

The article id is the hash of the text and of who ran it (``Article.make_id``), so "already in the
ledger" is a primary-key lookup and the same text from the same outlet twice writes nothing, while a wire
story two papers ran verbatim is two articles (corroboration counts them once, as copies). A ledger written
when the id hashed the text alone holds such an article under that older id: it is found there too.
A new text under a URL the ledger already holds is the next version of that article: the previous
version stays, no longer ``current``.

Each article is one transaction. Two processes may offer the same article at the same moment: on SQLite
the write lock taken at BEGIN makes them take turns; on PostgreSQL the article row is inserted with ON
CONFLICT DO NOTHING, and the loser, finding nothing inserted, rolls its whole transaction back (including
the version bookkeeping it did) and reports "unchanged". A transaction-level advisory lock on the URL makes
two new texts of one URL take turns, so their version numbers never collide.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from sqlalchemy import Connection, Engine, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from newsledger.records import Analysis, Article, publisher_key
from newsledger.store import schema
from newsledger.store.engine import write_transaction
from newsledger.tables import Row, analysis_rows

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|T)")

IngestStatus = Literal["added", "unchanged", "new_version"]


@dataclass(frozen=True)
class IngestOutcome:
    """What ingesting one analysis did: ``version`` is the article's version in the ledger."""

    article_id: str
    status: IngestStatus
    version: int


class _AlreadyStored(Exception):
    """Another writer stored the same article first: undo this transaction, report unchanged."""


def ingest_analysis(engine: Engine, analysis: Analysis) -> IngestOutcome:
    """Store ``analysis`` in its own transaction; idempotent (see the module docstring)."""
    article = analysis.article
    rows = analysis_rows(analysis)
    try:
        with write_transaction(engine) as connection:
            stored = _stored_version(connection, article.id)
            if stored is not None:
                return IngestOutcome(article.id, "unchanged", stored)
            older = _stored_under_text_id(connection, article)
            if older is not None:
                return IngestOutcome(older[0], "unchanged", older[1])
            previous = _retire_current_version(connection, article.url) if article.url else 0
            _insert_article(connection, rows["articles"][0], previous + 1)
            _insert_records(connection, analysis, rows)
    except _AlreadyStored:
        with engine.connect() as connection:
            return IngestOutcome(article.id, "unchanged", _stored_version(connection, article.id) or 1)
    return IngestOutcome(article.id, "new_version" if previous else "added", previous + 1)


def record_failure(engine: Engine, source: str, reason: str, article_id: str | None = None) -> None:
    """Keep one input that could not be read or analyzed, with its reason, in its own transaction."""
    with write_transaction(engine) as connection:
        connection.execute(
            schema.failures.insert().values(
                source=source, reason=reason, article_id=article_id, at=datetime.now(UTC)
            )
        )


def _stored_version(connection: Connection, article_id: str) -> int | None:
    query = select(schema.articles.c.version).where(schema.articles.c.article_id == article_id)
    return connection.execute(query).scalar_one_or_none()


def _stored_under_text_id(connection: Connection, article: Article) -> tuple[str, int] | None:
    """The same article stored under the id of its text alone (ledgers from before the id hashed the
    outlet): ``(article_id, version)`` if that row is from the same outlet (or URL host)."""
    text_id = Article.make_id(article.text)
    if text_id == article.id:
        return None
    articles = schema.articles
    query = select(articles.c.version, articles.c.outlet, articles.c.url).where(
        articles.c.article_id == text_id
    )
    row = connection.execute(query).first()
    if row is None or publisher_key(row.outlet, row.url) != publisher_key(article.outlet, article.url):
        return None
    return text_id, int(row.version)


def _retire_current_version(connection: Connection, url: str) -> int:
    """The highest version stored under ``url`` (0 if none), after marking it no longer current."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:url, 0))"), {"url": url})
    articles = schema.articles
    latest = connection.execute(select(func.max(articles.c.version)).where(articles.c.url == url)).scalar()
    if latest:
        connection.execute(
            update(articles).where(articles.c.url == url, articles.c.current).values(current=False)
        )
    return int(latest or 0)


def _insert_article(connection: Connection, row: Row, version: int) -> None:
    values = {**row, "version": version, "current": True, "first_seen": datetime.now(UTC)}
    dialect_insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    # RETURNING says whether the row went in; rowcount is not reliable here across drivers.
    insert = (
        dialect_insert(schema.articles)
        .values(values)
        .on_conflict_do_nothing(index_elements=["article_id"])
        .returning(schema.articles.c.version)
    )
    if connection.execute(insert).first() is None:
        raise _AlreadyStored(row["article_id"])


def _insert_records(connection: Connection, analysis: Analysis, rows: dict[str, list[Row]]) -> None:
    connection.execute(
        schema.analyses.insert().values(
            article_id=analysis.article.id,
            schema_version=analysis.version,
            analysis=_analysis_without_text(analysis),
        )
    )
    for name, table_rows in rows.items():
        if name != "articles" and table_rows:
            published = analysis.article.published
            records = [ledger_row(name, row, published) for row in table_rows]
            connection.execute(schema.RECORD_TABLES[name].insert(), records)


def ledger_row(table: str, row: Row, published: date | None) -> Row:
    """``row`` with the columns the ledger adds to the contract's: case-folded names
    (``schema.NAME_KEYS``) and, for an event, the ``day`` it is filed under."""
    added: Row = {
        key: schema.name_key(row[source]) if row[source] else None
        for key, source in schema.NAME_KEYS.get(table, {}).items()
    }
    if table == "events":
        added["day"] = event_day(row["date"], published)
    return {**row, **added} if added else row


def event_day(timex: str | None, published: date | None) -> date | None:
    """The event's own day when its TIMEX value names one ("2024-11-17", "2024-11-17T05:00"), else the
    publication date: a week, a month or "PRESENT_REF" is not a day to file it under."""
    if timex and _DAY.match(timex):
        try:
            return date.fromisoformat(timex[:10])
        except ValueError:  # a day the calendar does not have, e.g. 2024-02-30
            pass
    return published


def _analysis_without_text(analysis: Analysis) -> str:
    """The analysis as JSON without the article's text, which the articles row already holds."""
    data = analysis.model_dump(mode="json")
    data["article"]["text"] = ""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def analysis_from_json(stored: str, article_text: str) -> Analysis:
    """The analysis stored by :func:`ingest_analysis`, with its text put back."""
    data = json.loads(stored)
    data["article"]["text"] = article_text
    return Analysis.model_validate(data)
