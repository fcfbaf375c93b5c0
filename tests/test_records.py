"""The offset contract and the schema: every span points at the characters it names."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsledger import analyze
from newsledger.records import SCHEMA_VERSION, Analysis, json_schema
from tests.conftest import FIXTURES, SEED_DIR

ARTICLE_FIXTURES = sorted([SEED_DIR / "article.txt", *FIXTURES.glob("articles/*.txt")], key=lambda p: p.name)


@pytest.mark.parametrize("path", ARTICLE_FIXTURES, ids=lambda p: p.name)
def test_every_span_points_at_its_text(path: Path) -> None:
    analysis = analyze(path.read_text(encoding="utf-8"), published=date(2024, 11, 18))
    spans = analysis.spans()
    assert spans, "a news article with no entity or time at all means the pipeline did not run"
    text = analysis.article.text
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_analysis_round_trips_through_json() -> None:
    analysis = analyze((SEED_DIR / "article.txt").read_text(encoding="utf-8"), published=date(2024, 11, 18))
    again = Analysis.model_validate_json(analysis.model_dump_json())
    assert again == analysis
    assert json.loads(analysis.model_dump_json())["version"] == SCHEMA_VERSION


def test_schema_names_the_version_and_the_record_types() -> None:
    schema = json_schema()
    assert SCHEMA_VERSION in schema["title"]
    assert {"Article", "Entity", "Span", "TimeRef"} <= set(schema["$defs"])
    assert set(schema["required"]) >= {"article"}
