"""Cumulative tolls: quantities.cumulative.

Records of schema 0.4.1 mark a toll that is a running total over a war or a period ("the conflict has
killed more than 300,000 people") apart from the toll of the event an article reports. Rows stored
before this revision keep NULL there.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("quantities") as table:
        table.add_column(sa.Column("cumulative", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quantities") as table:
        table.drop_column("cumulative")
