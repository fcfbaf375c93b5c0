"""The first ledger: articles with versions, their records, analyses, failures and full-text search.

Written out column by column rather than built from ``newsledger.tables``, so that this migration keeps
building the schema it built on the day it was written, whatever the contract becomes; the next change to
the contract is a new migration. A test checks that head equals ``newsledger.store.schema``.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

RECORD_TABLES = (
    "entities",
    "mentions",
    "times",
    "attributions",
    "claims",
    "places",
    "quantities",
    "events",
    "tellings",
)


def _article_id() -> sa.Column[str]:
    return sa.Column("article_id", sa.Text(), nullable=False)


def _span(prefix: str) -> list[sa.Column[object]]:
    return [
        sa.Column(f"{prefix}_start", sa.Integer()),
        sa.Column(f"{prefix}_end", sa.Integer()),
        sa.Column(f"{prefix}_text", sa.Text()),
    ]


def _participant(prefix: str) -> list[sa.Column[object]]:
    return [sa.Column(f"{prefix}_name", sa.Text()), sa.Column(f"{prefix}_entity", sa.Text()), *_span(prefix)]


def _belongs_to_article(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id"], ["articles.article_id"], ondelete="CASCADE", name=f"fk_{table}_articles"
    )


def upgrade() -> None:
    op.create_table(
        "articles",
        _article_id(),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("outlet", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("language", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("schema_version", sa.Text()),
        sa.Column("text", sa.Text()),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_articles"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ux_articles_url_version", "articles", ["url", "version"], unique=True)
    op.create_index(
        "ux_articles_url_current",
        "articles",
        ["url"],
        unique=True,
        sqlite_where=sa.text('"current"'),
        postgresql_where=sa.text('"current"'),
    )

    op.create_table(
        "entities",
        _article_id(),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text()),
        sa.Column("label", sa.Text()),
        sa.Column("mention_count", sa.Integer()),
        sa.Column("name_key", sa.Text()),
        sa.PrimaryKeyConstraint("article_id", "entity_id", name="pk_entities"),
        _belongs_to_article("entities"),
    )
    op.create_index("ix_entities_name_key", "entities", ["name_key", "article_id", "entity_id"])

    op.create_table(
        "mentions",
        _article_id(),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer()),
        sa.Column("text", sa.Text()),
        sa.PrimaryKeyConstraint("article_id", "entity_id", "start", name="pk_mentions"),
        _belongs_to_article("mentions"),
        sa.ForeignKeyConstraint(
            ["article_id", "entity_id"],
            ["entities.article_id", "entities.entity_id"],
            ondelete="CASCADE",
            name="fk_mentions_entities",
        ),
    )

    op.create_table(
        "times",
        _article_id(),
        sa.Column("time_id", sa.Text(), nullable=False),
        *_span("span"),
        sa.Column("type", sa.Text()),
        sa.Column("value", sa.Text()),
        sa.Column("mod", sa.Text()),
        sa.Column("relative", sa.Boolean()),
        sa.Column("anchor", sa.Date()),
        sa.PrimaryKeyConstraint("article_id", "time_id", name="pk_times"),
        _belongs_to_article("times"),
    )

    op.create_table(
        "attributions",
        _article_id(),
        sa.Column("attribution_id", sa.Text(), nullable=False),
        *_span("source"),
        sa.Column("source_entity", sa.Text()),
        sa.Column("source_name", sa.Text()),
        sa.Column("source_kind", sa.Text()),
        *_span("cue"),
        sa.Column("cue_lemma", sa.Text()),
        *_span("content"),
        sa.Column("content_fragments", sa.Text()),
        sa.Column("form", sa.Text()),
        sa.Column("time_id", sa.Text()),
        sa.Column("confidence", sa.Float()),
        sa.Column("source_key", sa.Text()),
        sa.PrimaryKeyConstraint("article_id", "attribution_id", name="pk_attributions"),
        _belongs_to_article("attributions"),
    )
    op.create_index("ix_attributions_source_key", "attributions", ["source_key", "article_id"])

    op.create_table(
        "claims",
        _article_id(),
        sa.Column("claim_id", sa.Text(), nullable=False),
        *_span("span"),
        sa.Column("attribution_id", sa.Text()),
        sa.Column("status", sa.Text()),
        sa.Column("status_cues", sa.Text()),
        sa.Column("polarity", sa.Text()),
        sa.Column("checkworthiness", sa.Float()),
        sa.PrimaryKeyConstraint("article_id", "claim_id", name="pk_claims"),
        _belongs_to_article("claims"),
    )
    op.create_index("ix_claims_status", "claims", ["status", "article_id"])

    op.create_table(
        "places",
        _article_id(),
        sa.Column("place_id", sa.Text(), nullable=False),
        *_span("span"),
        sa.Column("entity_id", sa.Text()),
        sa.Column("name", sa.Text()),
        sa.Column("kind", sa.Text()),
        sa.Column("country", sa.Text()),
        sa.Column("admin1", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("geonameid", sa.Integer()),
        sa.Column("confidence", sa.Float()),
        sa.Column("form", sa.Text()),
        sa.Column("name_key", sa.Text()),
        sa.PrimaryKeyConstraint("article_id", "place_id", name="pk_places"),
        _belongs_to_article("places"),
    )
    op.create_index("ix_places_country", "places", ["country", "article_id"])
    op.create_index("ix_places_name_key", "places", ["name_key", "article_id"])

    op.create_table(
        "quantities",
        _article_id(),
        sa.Column("quantity_id", sa.Text(), nullable=False),
        *_span("span"),
        sa.Column("value", sa.Float()),
        sa.Column("unit", sa.Text()),
        sa.Column("qualifier", sa.Text()),
        sa.Column("low", sa.Float()),
        sa.Column("high", sa.Float()),
        sa.Column("category", sa.Text()),
        sa.PrimaryKeyConstraint("article_id", "quantity_id", name="pk_quantities"),
        _belongs_to_article("quantities"),
    )

    op.create_table(
        "events",
        _article_id(),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("type", sa.Text()),
        sa.Column("mode", sa.Text()),
        *_participant("actor"),
        *_participant("target"),
        sa.Column("instruments", sa.Text()),
        sa.Column("place_id", sa.Text()),
        sa.Column("time_id", sa.Text()),
        sa.Column("date", sa.Text()),
        sa.Column("quantity_ids", sa.Text()),
        sa.Column("status", sa.Text()),
        sa.Column("confidence", sa.Float()),
        sa.Column("day", sa.Date()),
        sa.PrimaryKeyConstraint("article_id", "event_id", name="pk_events"),
        _belongs_to_article("events"),
    )
    op.create_index("ix_events_type", "events", ["type", "article_id"])
    op.create_index("ix_events_day", "events", ["day"])

    op.create_table(
        "tellings",
        _article_id(),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_span("trigger"),
        sa.Column("attribution_id", sa.Text()),
        sa.Column("source_name", sa.Text()),
        sa.Column("quantity_ids", sa.Text()),
        sa.PrimaryKeyConstraint("article_id", "event_id", "position", name="pk_tellings"),
        _belongs_to_article("tellings"),
        sa.ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.event_id"],
            ondelete="CASCADE",
            name="fk_tellings_events",
        ),
    )

    op.create_table(
        "analyses",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("schema_version", sa.Text(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id"),
        _belongs_to_article("analyses"),
    )

    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text()),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_failures_at", "failures", ["at"])

    if op.get_context().dialect.name == "sqlite":
        _create_sqlite_search()
    else:
        _create_postgresql_search()


def _create_sqlite_search() -> None:
    """FTS5 tables holding their own copy of the text (their rowids do not depend on the base tables',
    which VACUUM may renumber), filled by triggers so that every writer keeps them in step."""
    tokenize = "tokenize = 'porter unicode61 remove_diacritics 2'"
    op.execute(f"CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text, {tokenize})")
    op.execute(
        "CREATE VIRTUAL TABLE claims_fts USING "
        f"fts5(article_id UNINDEXED, claim_id UNINDEXED, text, {tokenize})"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts (article_id, title, text) VALUES (new.article_id, new.title, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "DELETE FROM articles_fts WHERE article_id = old.article_id; END"
    )
    op.execute(
        "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
        "INSERT INTO claims_fts (article_id, claim_id, text) "
        "VALUES (new.article_id, new.claim_id, new.span_text); END"
    )
    op.execute(
        "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
        "DELETE FROM claims_fts WHERE article_id = old.article_id AND claim_id = old.claim_id; END"
    )


def _create_postgresql_search() -> None:
    # Newest first, undated last: the order of the claim, article and event lists. SQLite reads its
    # published index backwards for that (NULL sorts first there); PostgreSQL needs the order spelled out.
    op.execute("CREATE INDEX ix_articles_recent ON articles (published DESC NULLS LAST, article_id)")
    op.execute(
        "CREATE INDEX ix_articles_search ON articles "
        "USING gin (to_tsvector('english', coalesce(title, '') || ' ' || text))"
    )
    op.execute("CREATE INDEX ix_claims_search ON claims USING gin (to_tsvector('english', span_text))")


def downgrade() -> None:
    for name in ("failures", "analyses", *reversed(RECORD_TABLES), "articles"):
        op.drop_table(name)
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS claims_fts")
        op.execute("DROP TABLE IF EXISTS articles_fts")
