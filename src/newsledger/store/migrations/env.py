"""Alembic's environment for the ledger: always run from code, on the connection the Store opened.

``newsledger.store.migrate`` builds the Alembic config in code and hands its connection over in
``config.attributes["connection"]``; there is no alembic.ini and no URL here, so the migrations run on
exactly the database (and inside exactly the transaction and lock) the caller chose.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from newsledger.store.schema import metadata


def run_migrations_online() -> None:
    connection: Connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("newsledger runs its migrations online, from newsledger.store.migrate")
run_migrations_online()
