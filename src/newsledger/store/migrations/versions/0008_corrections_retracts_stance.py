"""A telling's stance may be "retracts" (branch corrections): records of schema 0.4.3.

A telling whose claim was taken back — the outlet's correction of its earlier version ("An earlier version
of this article said 30 people were wounded"), a source withdrawing its statement — now has the stance
"retracts" instead of "denies": its figures leave the toll and it no longer makes its article a disputer.
``tellings.stance`` is free text, so no column changes; rows stored before this revision keep "denies"
until their article is analysed again (``newsledger ingest`` of the same text re-derives nothing, so
re-ingest with a fresh ledger to pick the new stance up).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

from __future__ import annotations

revision = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Nothing to alter: the new stance value fits the existing text column."""


def downgrade() -> None:
    """Nothing to undo."""
