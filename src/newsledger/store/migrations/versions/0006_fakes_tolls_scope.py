"""The scope of a toll (branch fakes-tolls): quantities.background and quantities.increment.

Records of schema 0.4.2 mark a toll of an earlier event or period than the article's news ("a string of
bombings in February left 134 dead") and an addition to a toll told before ("two more bodies"), apart
from the toll of the event an article reports. Rows stored before this revision keep NULL there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("quantities") as table:
        table.add_column(sa.Column("background", sa.Boolean(), nullable=True))
        table.add_column(sa.Column("increment", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quantities") as table:
        table.drop_column("increment")
        table.drop_column("background")
