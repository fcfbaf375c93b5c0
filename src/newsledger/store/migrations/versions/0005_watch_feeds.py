"""Watching the web: feeds (each feed's polling state), feed_items (each entry seen), page_fetches.

A watcher restarted reads its feeds' ETag, Last-Modified, back-off and error count from ``feeds`` and the
entries it already fetched from ``feed_items``, so it resumes where it stopped. ``page_fetches`` keeps, for
every page fetched (by ``watch`` or ``ingest URL``), its URLs (asked, ended at, canonical), the dates the
page declares and the moment of the fetch; ``articles`` keeps only what a file also has.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("format", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("added", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_poll", sa.DateTime(timezone=True)),
        sa.Column("last_success", sa.DateTime(timezone=True)),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("next_poll", sa.DateTime(timezone=True)),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("items", sa.Integer(), nullable=False),
    )
    op.create_table(
        "feed_items",
        sa.Column("feed_url", sa.Text(), nullable=False),
        sa.Column("item_key", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("updated", sa.Text()),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_fetched", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text()),
        sa.Column("reason", sa.Text()),
        sa.PrimaryKeyConstraint("feed_url", "item_key", name="pk_feed_items"),
        sa.ForeignKeyConstraint(["feed_url"], ["feeds.url"], ondelete="CASCADE", name="fk_feed_items_feeds"),
    )
    op.create_index("ix_feed_items_first_seen", "feed_items", ["first_seen"])
    op.create_table(
        "page_fetches",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("modified", sa.Date()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("feed_url", sa.Text()),
    )
    op.create_index("ix_page_fetches_article_id", "page_fetches", ["article_id"])
    op.create_index("ix_page_fetches_fetched_at", "page_fetches", ["fetched_at"])


def downgrade() -> None:
    op.drop_table("page_fetches")
    op.drop_table("feed_items")
    op.drop_table("feeds")
