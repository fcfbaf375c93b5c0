"""The indexes linking into a large ledger needs (migration 0007), on SQLite and PostgreSQL.

Each lookup below used to scan a whole table: the pairs of the articles a Linker catches up with (looked
up as ``other_id`` too), the copies of a replaced version, and the linked versions a correction replaced.
The planner is asked how it answers each one; on PostgreSQL sequential scans are switched off first, so
that the answer does not depend on the (empty) tables' statistics: with the index it is an index scan,
without it a sequential scan all the same.
"""

from __future__ import annotations

from alembic import command
from sqlalchemy import Connection, delete, inspect, select, text
from sqlalchemy.sql.expression import ClauseElement

from newsledger.store import Store, open_store, schema
from newsledger.store.engine import make_engine, resolve_url, write_transaction
from newsledger.store.link_tables import link_copies, link_features, link_similarities
from newsledger.store.migrate import alembic_config, head_revision

NEW_INDEXES = {
    "link_similarities": "ix_link_similarities_other_id",
    "link_copies": "ix_link_copies_other_id",
    "articles": "ix_articles_current",
}
IDS = ["kyiv-strike-reuters", "kyiv-strike-ap"]


def _plan(connection: Connection, statement: ClauseElement) -> str:
    """The planner's answer for ``statement`` with literal parameters, as one string."""
    sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    if connection.dialect.name == "sqlite":
        return " | ".join(row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    connection.execute(text("SET enable_seqscan = off"))
    return " | ".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + sql))


def _indexes(connection: Connection) -> dict[str, set[str]]:
    found = inspect(connection)
    return {table: {str(i["name"]) for i in found.get_indexes(table)} for table in NEW_INDEXES}


def test_the_pairs_of_an_article_are_found_by_either_side_without_a_scan(store: Store) -> None:
    pairs = select(link_similarities).where(
        link_similarities.c.article_id.in_(IDS) | link_similarities.c.other_id.in_(IDS)
    )
    copies = delete(link_copies).where(link_copies.c.article_id.in_(IDS) | link_copies.c.other_id.in_(IDS))
    with store.engine.connect() as connection:
        pair_plan = _plan(connection, pairs)
        copy_plan = _plan(connection, copies)
    assert "ix_link_similarities_other_id" in pair_plan
    assert "ix_link_copies_other_id" in copy_plan
    assert "SCAN link_similarities" not in pair_plan and "Seq Scan" not in pair_plan


def test_the_replaced_versions_are_found_from_the_index(store: Store) -> None:
    articles = schema.articles
    replaced = (
        select(link_features.c.article_id)
        .join(articles, articles.c.article_id == link_features.c.article_id)
        .where(~articles.c.current)
    )
    with store.engine.connect() as connection:
        plan = _plan(connection, replaced)
    assert "ix_articles_current" in plan
    assert "SCAN articles" not in plan and "Seq Scan on articles" not in plan


def test_the_migration_adds_the_indexes_to_an_older_ledger_and_takes_them_back(store_url: str) -> None:
    engine = make_engine(resolve_url(store_url))
    try:
        with write_transaction(engine) as connection:
            command.upgrade(alembic_config(connection), "0006")
        with engine.connect() as connection:
            before = _indexes(connection)
        assert all(name not in before[table] for table, name in NEW_INDEXES.items())
        with open_store(store_url) as store, store.engine.connect() as connection:
            after = _indexes(connection)
        assert all(name in after[table] for table, name in NEW_INDEXES.items())
        with write_transaction(engine) as connection:
            command.downgrade(alembic_config(connection), "0006")
        with engine.connect() as connection:
            again = _indexes(connection)
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert revision == "0006"
        assert again == before
        assert head_revision() != "0006"
    finally:
        engine.dispose()
