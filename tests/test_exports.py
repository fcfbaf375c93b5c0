"""Exports: PLOVER/POLECAT-style JSON and ACLED/GDELT-style CSV rows, one per event."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from newsledger.analyze import analyze
from newsledger.exports import CSV_COLUMNS, events_to_csv_rows, events_to_plover, figure_text, sentence_around
from newsledger.records import Analysis, Quantity, Span

TEXT = (
    "On Sunday, Russian forces launched a missile attack on Kharkiv, the Ukrainian Air Force said. "
    "Russia fired 40 missiles and 35 drones at the city, air force spokesman Yuriy Ihnat said."
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(TEXT, published=date(2024, 11, 18), url="https://example.org/a", outlet="Example")


def test_plover_records(analysis: Analysis) -> None:
    [record] = events_to_plover(analysis)
    assert record["id"] == f"{analysis.article.id}-v1"
    assert (record["event_type"], record["mode"], record["quad_class"]) == ("ASSAULT", "actual", 4)
    assert (record["date"], record["date_source"]) == ("2024-11-17", "event")
    assert record["source_actor"] == {"text": "Russian forces", "name": "Russia", "country": "RU"}
    assert record["target_actor"]["name"] == "Kharkiv"
    assert record["target_actor"]["country"] == "UA"
    assert record["location"]["country"] == "UA"
    assert record["location"]["lat"] == pytest.approx(50.0, abs=0.5)
    assert record["sentence"].startswith("On Sunday, Russian forces launched")
    extras = record["newsledger"]
    assert extras["outlet"] == "Example"
    assert [q["unit"] for q in extras["quantities"]] == ["missile", "drone"]
    tellings = extras["tellings"]
    assert [t["source"] for t in tellings] == ["Ukrainian Air Force", "Yuriy Ihnat"]
    assert tellings[1]["quantities"] == ["40 missile", "35 drone"]
    assert all(t["stance"] in {"affirms", "reports"} for t in tellings)
    assert all(t["casualties"] == [] for t in tellings)  # missiles and drones are no casualties
    json.dumps(record)


def test_csv_rows(analysis: Analysis) -> None:
    [row] = events_to_csv_rows(analysis)
    assert tuple(row) == CSV_COLUMNS
    assert all(isinstance(value, str) for value in row.values())
    assert row["date"] == "2024-11-17"
    assert (row["type"], row["actor"], row["target"], row["country"]) == (
        "ASSAULT",
        "Russia",
        "Kharkiv",
        "UA",
    )
    assert row["figures"] == "40 missile; 35 drone"
    assert row["sources"] == "Ukrainian Air Force; Yuriy Ihnat"
    assert row["actor_country"] == "RU"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    assert out.getvalue().count("\n") == 2


def test_no_event_exports_nothing() -> None:
    quiet = analyze("The weather in Lisbon was sunny and warm on Sunday.")
    assert events_to_plover(quiet) == []
    assert events_to_csv_rows(quiet) == []


def test_undated_event_takes_the_publication_date() -> None:
    [record] = events_to_plover(
        analyze("Serbia deployed troops along the border.", published=date(2024, 5, 2))
    )
    assert (record["date"], record["date_source"]) == ("2024-05-02", "published")
    [row] = events_to_csv_rows(analyze("Serbia deployed troops along the border."))
    assert row["date"] == ""


def test_figure_text() -> None:
    def figure(
        value: float | None, unit: str | None, qualifier: str, low: float | None, high: float | None
    ) -> Quantity:
        span = Span(start=0, end=9, text="dozens of")
        return Quantity(id="q1", span=span, value=value, unit=unit, qualifier=qualifier, low=low, high=high)

    assert figure_text(figure(120, "missile", "exact", 120, 120)) == "120 missile"
    assert figure_text(figure(4, "people", "at_least", 4, None)) == "at least 4 people"
    assert figure_text(figure(None, "people", "range", 10, 15)) == "10-15 people"
    assert figure_text(figure(None, "people", "vague", 24, 99)) == "dozens of"
    assert figure_text(figure(1.5, "km", "about", None, None)) == "about 1.5 km"


def test_sentence_around() -> None:
    text = "First one. Second one here.\nThird."
    assert sentence_around(text, text.index("Second"), text.index("Second") + 6) == "Second one here."
    assert sentence_around(text, text.index("Third"), text.index("Third") + 5) == "Third."
