"""Indexes for linking into a large ledger (branch store-100k): pairs by their second article, replaced
versions by ``current``.

A similarity or copy pair is stored once, under the later article, so the Linker catching up with another
process (the pairs of the articles it missed, ``article_id`` or ``other_id``) and the foreign-key cascade
that deletes an article's pairs looked ``other_id`` up by scanning the whole table: at 100,000 articles,
millions of similarity rows per lookup. Finding the linked articles a correction replaced (every time a
Linker opens the ledger or catches up) scanned every article, texts and all; ``(current, article_id)``
answers it from the index alone.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_link_similarities_other_id", "link_similarities", ["other_id"])
    op.create_index("ix_link_copies_other_id", "link_copies", ["other_id"])
    op.create_index("ix_articles_current", "articles", ["current", "article_id"])


def downgrade() -> None:
    op.drop_index("ix_articles_current", table_name="articles")
    op.drop_index("ix_link_copies_other_id", table_name="link_copies")
    op.drop_index("ix_link_similarities_other_id", table_name="link_similarities")
