"""Casualty figures and the stance of tellings: quantities.outcome, victims, part_of; tellings.stance.

Records of schema 0.4.0 say what happened to the people a figure counts and who they were, and whether
the source of each telling affirms, denies, hedges or only reports the event. Rows stored before this
revision keep NULL there: re-ingesting an article does not change it (same text, same id), so analyses
made with older versions are read as they were made.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("quantities") as table:
        table.add_column(sa.Column("outcome", sa.Text(), nullable=True))
        table.add_column(sa.Column("victims", sa.Text(), nullable=True))
        table.add_column(sa.Column("part_of", sa.Text(), nullable=True))
    with op.batch_alter_table("tellings") as table:
        table.add_column(sa.Column("stance", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tellings") as table:
        table.drop_column("stance")
    with op.batch_alter_table("quantities") as table:
        table.drop_column("part_of")
        table.drop_column("victims")
        table.drop_column("outcome")
