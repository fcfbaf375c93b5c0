"""The ledger: one object that opens a database (migrated to the newest schema), takes analyses in and
gives them back. Queries are functions in ``newsledger.store.queries`` that take the Store first.

    >>> with open_store("sqlite:///ledger.db") as store:
    ...     outcome = store.ingest(analysis)       # added, unchanged or new_version
    ...     store.analysis(outcome.article_id) == analysis
    True
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Literal

from sqlalchemy import Connection, Engine, select

from newsledger.records import Analysis
from newsledger.store import schema
from newsledger.store.engine import make_engine, resolve_url
from newsledger.store.ingest import IngestOutcome, analysis_from_json, ingest_analysis, record_failure
from newsledger.store.migrate import upgrade_to_head

Dialect = Literal["sqlite", "postgresql"]


class Store:
    """A ledger database. Safe to use from several processes at once; build one per process."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=False)
        name = engine.dialect.name
        if name not in ("sqlite", "postgresql"):
            raise ValueError(f"newsledger stores in SQLite or PostgreSQL, not {name}")
        self.dialect: Dialect = "sqlite" if name == "sqlite" else "postgresql"

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def has_article(self, article_id: str) -> bool:
        """Whether this exact text (any version of any URL) is in the ledger already."""
        query = select(schema.articles.c.article_id).where(schema.articles.c.article_id == article_id)
        with self.engine.connect() as connection:
            return connection.execute(query).first() is not None

    def ingest(self, analysis: Analysis) -> IngestOutcome:
        """Store one analysis in its own transaction: added, unchanged (already there) or new_version."""
        return ingest_analysis(self.engine, analysis)

    def record_failure(self, source: str, reason: str, article_id: str | None = None) -> None:
        """Keep an input that could not be read or analyzed, with its reason."""
        record_failure(self.engine, source, reason, article_id)

    def analysis(self, article_id: str) -> Analysis | None:
        """The analysis exactly as ingested, or None if the ledger has no such article."""
        with self.engine.connect() as connection:
            return analysis_on(connection, article_id)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.display_url!r})"


def analysis_on(connection: Connection, article_id: str) -> Analysis | None:
    """``Store.analysis`` on a connection already open, e.g. inside a transaction that must see the
    ledger as it holds it."""
    query = (
        select(schema.analyses.c.analysis, schema.articles.c.text)
        .join(schema.articles, schema.articles.c.article_id == schema.analyses.c.article_id)
        .where(schema.analyses.c.article_id == article_id)
    )
    row = connection.execute(query).first()
    return None if row is None else analysis_from_json(row.analysis, row.text)


class NoLedger(LookupError):
    """``open_store(..., create=False)`` named a SQLite file that does not exist."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open the ledger at ``url``, else ``$NEWSLEDGER_DB``, else ``newsledger.db``, and migrate it to the
    newest schema. With ``create`` (writers) a missing SQLite file becomes a new, empty ledger; without
    (readers: a query of a mistyped path must not answer "nothing" from a ledger it just made) a missing
    file raises :class:`NoLedger`."""
    resolved = resolve_url(url)
    database = resolved.database
    if (
        not create
        and resolved.get_backend_name() == "sqlite"
        and database
        and database != ":memory:"
        and not Path(database).exists()
    ):
        raise NoLedger(database)
    engine = make_engine(resolved)
    upgrade_to_head(engine)
    return Store(engine)
