"""The flat rows of an analysis: one column set per table, every span pointing at its own text."""

from __future__ import annotations

import json
from collections.abc import Callable

from spacy.tokens import Doc

from newsledger.analyze import analysis_of
from newsledger.records import Article
from newsledger.tables import TABLES, analysis_rows

TEXT = (
    "Russia launched at least 40 missiles at Kharkiv on Sunday, the Ukrainian Air Force said. "
    "Officials in Moscow denied the report."
)


def test_every_row_has_exactly_its_tables_columns_and_spans_match_the_text(
    parse: Callable[..., Doc],
) -> None:
    article = Article.from_text(TEXT)
    rows = analysis_rows(analysis_of(parse(TEXT), article))
    assert set(rows) == set(TABLES)
    for table, table_rows in rows.items():
        names = [column.name for column in TABLES[table]]
        for row in table_rows:
            assert list(row) == names, table
            assert row["article_id"] == article.id
            for column in names:
                if column.endswith("_start") and row[column] is not None:
                    prefix = column.removesuffix("_start")
                    assert TEXT[row[column] : row[f"{prefix}_end"]] == row[f"{prefix}_text"]
            for json_column in (c.name for c in TABLES[table] if c.kind == "json"):
                json.loads(row[json_column])
    assert rows["articles"][0]["text"] == TEXT
    assert any(row["unit"] == "missile" and row["low"] == 40 for row in rows["quantities"])
    assert any(row["status"] == "denied" for row in rows["claims"])
    assert {row["event_id"] for row in rows["tellings"]} <= {row["event_id"] for row in rows["events"]}
