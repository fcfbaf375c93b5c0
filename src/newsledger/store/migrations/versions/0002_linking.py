"""Links across articles: each article's story, similarities, wire copies, entities, events, claims.

Written out column by column, like 0001, so that it keeps building what it built on the day it was written.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def _article_fk(table: str, column: str = "article_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["articles.article_id"], ondelete="CASCADE", name=f"fk_{table}_{column}"
    )


def upgrade() -> None:
    op.create_table(
        "link_features",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("features", sa.Text(), nullable=False),
        sa.Column("minhash", sa.Text(), nullable=False),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_link_features"),
        _article_fk("link_features"),
    )
    op.create_table(
        "link_stories",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_link_stories"),
        _article_fk("link_stories"),
    )
    op.create_index("ix_link_stories_story_id", "link_stories", ["story_id"])
    op.create_table(
        "link_similarities",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("other_id", sa.Text(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "other_id", name="pk_link_similarities"),
        _article_fk("link_similarities"),
        _article_fk("link_similarities", "other_id"),
    )
    op.create_table(
        "link_copies",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("other_id", sa.Text(), nullable=False),
        sa.Column("jaccard", sa.Float(), nullable=False),
        sa.Column("containment", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "other_id", name="pk_link_copies"),
        _article_fk("link_copies"),
        _article_fk("link_copies", "other_id"),
    )
    op.create_table(
        "link_entities",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("canonical_id", sa.Text(), nullable=False),
        sa.Column("canonical_name", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "entity_id", name="pk_link_entities"),
        _article_fk("link_entities"),
    )
    op.create_index("ix_link_entities_canonical_id", "link_entities", ["canonical_id"])
    op.create_table(
        "link_events",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("cross_event_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "event_id", name="pk_link_events"),
        _article_fk("link_events"),
    )
    op.create_index("ix_link_events_cross_event_id", "link_events", ["cross_event_id"])
    op.create_table(
        "link_claims",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.Text(), nullable=False),
        sa.Column("thread_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "claim_id", name="pk_link_claims"),
        _article_fk("link_claims"),
    )
    op.create_index("ix_link_claims_thread_id", "link_claims", ["thread_id"])


def downgrade() -> None:
    for table in (
        "link_claims",
        "link_events",
        "link_entities",
        "link_copies",
        "link_similarities",
        "link_stories",
        "link_features",
    ):
        op.drop_table(table)
