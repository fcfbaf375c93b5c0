"""Engines set up for a ledger that several processes write at once, on SQLite or PostgreSQL.

SQLite: WAL (readers never wait for the writer), a busy timeout (a writer waits for another instead of
failing), foreign keys on, and write transactions opened with ``BEGIN IMMEDIATE``: the write lock is taken
at the start, so two ingest processes queue up instead of both reading, then one failing to upgrade its
lock. Python's sqlite3 module would open transactions itself, too late and deferred; it is told not to
and the engine issues BEGIN. Reads stay deferred, so the web UI never queues behind an ingest.

PostgreSQL: psycopg 3; a bare ``postgresql://`` URL gets that driver rather than SQLAlchemy's default one,
which is not installed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

DEFAULT_URL = "sqlite:///newsledger.db"
ENVIRONMENT_VARIABLE = "NEWSLEDGER_DB"
BUSY_TIMEOUT_MS = 60_000
CACHE_KIB = 64 * 1024
MMAP_BYTES = 1024**3
_BEGIN_OPTION = "newsledger_sqlite_begin"


def resolve_url(url: str | None) -> URL:
    """The database URL to use: the one given, else ``$NEWSLEDGER_DB``, else ``newsledger.db`` here.

    A value without ``://`` is a path to a SQLite file, so ``--db ledger.db`` works as one would expect.
    """
    value = url or os.environ.get(ENVIRONMENT_VARIABLE) or DEFAULT_URL
    if "://" not in value:
        value = f"sqlite:///{value}"
    parsed = make_url(value)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: URL) -> Engine:
    """An engine for ``url`` with the settings this module's docstring explains."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    # The ledger's queries are many small index lookups; PostgreSQL's default random_page_cost (4, for
    # spinning disks) makes it prefer scanning whole tables for them. 1.1 is the usual value for SSDs.
    options = "-c random_page_cost=1.1"
    return create_engine(url, pool_pre_ping=True, connect_args={"options": options})


def _configure_sqlite(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None  # the engine issues BEGIN itself (see _begin_sqlite)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # In WAL mode NORMAL loses no committed transaction when a process dies, only on power loss.
    cursor.execute("PRAGMA synchronous = NORMAL")
    # A timeline touches a few pages in each of several tables per article; with SQLite's default 2 MB
    # cache a large ledger would read them from the OS on every query. Memory-mapped reads skip the
    # copy, and a larger cache keeps the indexes' upper levels at hand.
    cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection inside one write transaction: committed when the block ends, rolled back on error.

    On SQLite the transaction holds the database's write lock from its first statement (``BEGIN
    IMMEDIATE``), so what it reads cannot change before it writes.
    """
    with engine.connect() as connection:
        connection.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        with connection.begin():
            yield connection
