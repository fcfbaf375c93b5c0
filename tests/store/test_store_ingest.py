"""Ingest: every record kept and given back exactly, once, with versions, failures and migrations."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from newsledger.records import Analysis, Article
from newsledger.store import Store, open_store, schema
from newsledger.store.migrate import head_revision
from newsledger.tables import TABLES, analysis_rows


def _row_counts(store: Store, article_id: str) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            name: connection.execute(
                select(func.count()).select_from(table).where(table.c.article_id == article_id)
            ).scalar_one()
            for name, table in schema.RECORD_TABLES.items()
        }


def test_ingest_keeps_every_row_and_gives_the_analysis_back_exactly(
    store: Store, ledger_analyses: list[Analysis]
) -> None:
    for analysis in ledger_analyses:
        outcome = store.ingest(analysis)
        assert (outcome.status, outcome.version) == ("added", 1)
        assert store.has_article(analysis.article.id)
        assert store.analysis(analysis.article.id) == analysis
        expected = {name: len(rows) for name, rows in analysis_rows(analysis).items()}
        assert _row_counts(store, analysis.article.id) == expected
    assert store.analysis("0000000000000000") is None
    assert not store.has_article("0000000000000000")


def test_stored_rows_hold_the_contract_values_and_folded_names(
    store: Store, ledger_analyses: list[Analysis]
) -> None:
    analysis = ledger_analyses[1]
    store.ingest(analysis)
    rows = analysis_rows(analysis)
    with store.engine.connect() as connection:
        for name in ("attributions", "places", "events"):
            table = schema.RECORD_TABLES[name]
            columns = [table.c[c.name] for c in TABLES[name]]
            stored = connection.execute(select(*columns).order_by(*table.primary_key.columns)).mappings()
            assert [dict(row) for row in stored] == sorted(
                rows[name], key=lambda row: tuple(row[c.name] for c in TABLES[name] if c.key)
            )
        keys = connection.execute(select(schema.entities.c.name, schema.entities.c.name_key)).all()
    assert ("Volodymyr Zelensky", "volodymyr zelensky") in keys


def test_the_same_article_twice_writes_nothing(store: Store, ledger_analyses: list[Analysis]) -> None:
    analysis = ledger_analyses[0]
    store.ingest(analysis)
    before = _row_counts(store, analysis.article.id)
    outcome = store.ingest(analysis)
    assert (outcome.article_id, outcome.status, outcome.version) == (analysis.article.id, "unchanged", 1)
    assert _row_counts(store, analysis.article.id) == before
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(schema.articles)).scalar_one() == 1


def test_a_changed_text_under_the_same_url_is_a_new_version_and_the_old_one_stays(
    store: Store, ledger_analyses: list[Analysis], kharkiv_update: Analysis
) -> None:
    first = ledger_analyses[0]
    assert first.article.url == kharkiv_update.article.url
    store.ingest(first)
    outcome = store.ingest(kharkiv_update)
    assert (outcome.status, outcome.version) == ("new_version", 2)
    assert store.ingest(first).status == "unchanged"  # the old text again is not a third version
    with store.engine.connect() as connection:
        versions = connection.execute(
            select(schema.articles.c.article_id, schema.articles.c.version, schema.articles.c.current)
            .where(schema.articles.c.url == first.article.url)
            .order_by(schema.articles.c.version)
        ).all()
    assert [tuple(v) for v in versions] == [
        (first.article.id, 1, False),
        (kharkiv_update.article.id, 2, True),
    ]
    assert store.analysis(first.article.id) == first
    assert store.analysis(kharkiv_update.article.id) == kharkiv_update


def test_failures_are_recorded_with_their_reason(store: Store) -> None:
    store.record_failure("dispatches/bad.jsonl:3", "line 3 is not JSON")
    store.record_failure("dispatches/strike.txt", "analysis failed (ValueError: x)", "abcdef0123456789")
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(schema.failures.c.source, schema.failures.c.reason, schema.failures.c.article_id).order_by(
                schema.failures.c.id
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("dispatches/bad.jsonl:3", "line 3 is not JSON", None),
        ("dispatches/strike.txt", "analysis failed (ValueError: x)", "abcdef0123456789"),
    ]


def _ledger_objects(name: str | None, kind: str, _parent: object) -> bool:
    """What ``schema.metadata`` describes: its tables (the FTS5 tables, and tables that later migrations
    add for other parts of newsledger, are described elsewhere) and their indexes but the full-text ones,
    which the migration writes in SQL."""
    if kind == "table":
        return name in schema.metadata.tables
    return name not in ("ix_articles_search", "ix_claims_search", "ix_articles_recent")


def test_migrations_build_exactly_the_schema_the_queries_use(store: Store) -> None:
    with store.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": _ledger_objects}
        context = MigrationContext.configure(connection, opts=opts)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, schema.metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert {*TABLES, "analyses", "failures", "alembic_version"} <= tables


def test_opening_again_keeps_the_data_and_runs_no_migration(
    store_url: str, ledger_analyses: list[Analysis]
) -> None:
    with open_store(store_url) as store:
        store.ingest(ledger_analyses[0])
    with open_store(store_url) as again:
        assert again.analysis(ledger_analyses[0].article.id) == ledger_analyses[0]


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store: Store) -> None:
    if store.dialect != "sqlite":
        with store.engine.connect() as connection:
            assert connection.execute(text("SHOW server_version_num")).scalar_one() >= "150000"
        return
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar_one() > 0


def test_importing_the_store_does_not_import_spacy() -> None:
    code = "import newsledger.store, newsledger.store.exports, sys; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def _carried_by(analysis: Analysis, outlet: str, url: str) -> Analysis:
    """The same text as another paper ran it: same words, its own outlet and URL (so its own id)."""
    article = analysis.article.with_metadata(outlet=outlet, url=url)
    return analysis.model_copy(update={"article": article})


def test_a_wire_story_two_outlets_ran_word_for_word_is_two_articles(
    store: Store, ledger_analyses: list[Analysis]
) -> None:
    wire = ledger_analyses[0]
    paper = _carried_by(wire, "Harbour Gazette", "https://harbourgazette.example/kharkiv-strike")
    assert paper.article.text == wire.article.text and paper.article.id != wire.article.id
    assert store.ingest(wire).status == "added"
    outcome = store.ingest(paper)
    assert (outcome.article_id, outcome.status) == (paper.article.id, "added")
    assert store.ingest(paper).status == "unchanged"  # the same paper's copy twice is still one article
    stored = store.analysis(paper.article.id)
    assert stored is not None and stored.article.outlet == "Harbour Gazette"
    assert _row_counts(store, paper.article.id) == _row_counts(store, wire.article.id)


def test_an_article_stored_under_its_text_id_by_an_older_ledger_is_not_stored_again(
    store: Store, ledger_analyses: list[Analysis]
) -> None:
    analysis = ledger_analyses[0]
    text_id = Article.make_id(analysis.article.text)
    assert text_id != analysis.article.id
    older = analysis.model_copy(update={"article": analysis.article.model_copy(update={"id": text_id})})
    store.ingest(older)
    assert store.ingest(analysis).article_id == text_id
    assert store.ingest(analysis).status == "unchanged"
    other = _carried_by(analysis, "Daily Courier", "https://dailycourier.example/kharkiv")
    assert store.ingest(other).status == "added"
