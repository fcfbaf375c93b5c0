"""Bring a database to the newest schema with Alembic, from code, safely when processes race to do it.

There is no alembic.ini: the config is built here, with the migration scripts inside the package (so an
installed newsledger migrates without its source tree). Two processes opening a fresh database at once
(two ingests started together) must not both create the tables: the upgrade runs inside one write
transaction that first takes the database's write lock (SQLite ``BEGIN IMMEDIATE``) or a transaction-level
advisory lock (PostgreSQL, whose DDL is transactional), so the second process finds the schema at head.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from newsledger.store.engine import write_transaction

SCRIPT_LOCATION = "newsledger.store:migrations"
# Any fixed 64-bit number: the key of the advisory lock that serializes migrations on PostgreSQL.
_PG_MIGRATION_LOCK = 0x6E65_7773_6C65_6467


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's config for the ledger; with ``connection``, the migrations run on it."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest revision the package ships."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_to_head(engine: Engine) -> None:
    """Run every migration the database has not had yet; a no-op (one read) when it is at head."""
    head = head_revision()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with write_transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        command.upgrade(alembic_config(connection), "head")
