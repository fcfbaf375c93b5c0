"""Exports read back: JSON lines into Analyses, CSV and Parquet into the contract's rows, PLOVER JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pandas
import pyarrow.parquet as pq

from newsledger.exports import CSV_COLUMNS
from newsledger.records import Analysis
from newsledger.store import Store
from newsledger.store.exports import export, parquet_schema
from newsledger.store.link_exports import LINK_DATASETS
from newsledger.store.linker import Linker
from newsledger.tables import TABLES, rows_of_many


def _current(ledger_analyses: list[Analysis], kharkiv_update: Analysis) -> list[Analysis]:
    return [kharkiv_update, *ledger_analyses[1:]]


def test_jsonl_holds_one_analysis_per_current_article(
    filled_store: Store, ledger_analyses: list[Analysis], kharkiv_update: Analysis, tmp_path: Path
) -> None:
    path, *links = export(filled_store, "jsonl", tmp_path)
    assert path.name == "analyses.jsonl"
    assert [p.name for p in links] == [f"{dataset.name}.jsonl" for dataset in LINK_DATASETS]
    lines = path.read_text(encoding="utf-8").splitlines()
    read = [Analysis.model_validate_json(line) for line in lines]
    assert sorted(read, key=lambda a: a.article.id) == sorted(
        _current(ledger_analyses, kharkiv_update), key=lambda a: a.article.id
    )


def test_parquet_reads_back_typed_with_every_row(
    filled_store: Store, ledger_analyses: list[Analysis], kharkiv_update: Analysis, tmp_path: Path
) -> None:
    written = export(filled_store, "parquet", tmp_path)
    links = {f"{dataset.name}.parquet" for dataset in LINK_DATASETS}
    assert {p.name for p in written} == {f"{name}.parquet" for name in TABLES} | links
    expected = rows_of_many(_current(ledger_analyses, kharkiv_update))
    for name in TABLES:
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.schema.equals(parquet_schema(name)), name
        key = [c.name for c in TABLES[name] if c.key]
        order = sorted(expected[name], key=lambda row: tuple(row[k] for k in key))
        assert table.to_pylist() == order, name
    places = pq.read_table(tmp_path / "places.parquet")
    assert str(places.schema.field("lat").type) == "double"
    assert str(pq.read_table(tmp_path / "articles.parquet").schema.field("published").type) == "date32[day]"


def test_parquet_reads_back_in_pandas_and_duckdb(filled_store: Store, tmp_path: Path) -> None:
    export(filled_store, "parquet", tmp_path)
    frame = pandas.read_parquet(tmp_path / "claims.parquet")
    assert list(frame.columns) == [c.name for c in TABLES["claims"]]
    path = (tmp_path / "claims.parquet").as_posix()
    by_status = duckdb.execute(
        f"SELECT status, count(*) FROM read_parquet('{path}') GROUP BY status"
    ).fetchall()
    assert sum(count for _, count in by_status) == len(frame)
    assert {status for status, _ in by_status} == set(frame["status"])


def test_csv_writes_each_table_and_the_acled_style_events(
    filled_store: Store, ledger_analyses: list[Analysis], kharkiv_update: Analysis, tmp_path: Path
) -> None:
    export(filled_store, "csv", tmp_path)
    expected = rows_of_many(_current(ledger_analyses, kharkiv_update))
    for name, columns in TABLES.items():
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        assert header == [c.name for c in columns]
        assert len(rows) == len(expected[name]), name
    with (tmp_path / "claims.csv").open(encoding="utf-8", newline="") as handle:
        claims = {(r["article_id"], r["claim_id"]): r for r in csv.DictReader(handle)}
    denied = next(c for c in ledger_analyses[2].claims if c.status == "denied")
    row = claims[(ledger_analyses[2].article.id, denied.id)]
    assert (row["status"], row["span_text"], int(row["span_start"])) == (
        "denied",
        denied.span.text,
        denied.span.start,
    )
    with (tmp_path / "events_acled.csv").open(encoding="utf-8", newline="") as handle:
        events = list(csv.DictReader(handle))
    assert list(events[0]) == list(CSV_COLUMNS)
    assert len(events) == sum(len(a.events) for a in _current(ledger_analyses, kharkiv_update))
    assert any(e["country"] == "SD" and e["type"] == "ASSAULT" for e in events)
    assert {e["stance"] for e in events} <= {"affirms", "denies", "hedges", "reports"}
    killed = [f for e in events if e["casualties"] for f in json.loads(e["casualties"])]
    assert {"value": 12.0, "qualifier": "at_least", "outcome": "killed", "victims": "civilians"} in killed


def test_plover_is_one_json_array_of_every_event(
    filled_store: Store, ledger_analyses: list[Analysis], kharkiv_update: Analysis, tmp_path: Path
) -> None:
    (path,) = export(filled_store, "plover", tmp_path)
    records = json.loads(path.read_text(encoding="utf-8"))
    assert len(records) == sum(len(a.events) for a in _current(ledger_analyses, kharkiv_update))
    consult = next(r for r in records if r["event_type"] == "CONSULT")
    assert consult["source_actor"]["name"] == "Volodymyr Zelensky"
    assert consult["newsledger"]["url"] == "https://wire.example/rutte-kyiv"


def test_an_empty_ledger_exports_empty_files(store: Store, tmp_path: Path) -> None:
    (path,) = export(store, "plover", tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == []
    export(store, "parquet", tmp_path)
    assert pq.read_table(tmp_path / "events.parquet").num_rows == 0


def test_the_links_are_exported_in_every_format_and_each_line_carries_its_story(
    filled_store: Store, tmp_path: Path
) -> None:
    linker = Linker(filled_store)
    with filled_store.engine.connect() as connection:
        from sqlalchemy import select

        from newsledger.store import schema

        ids = sorted(connection.execute(select(schema.articles.c.article_id)).scalars())
        current = set(
            connection.execute(
                select(schema.articles.c.article_id).where(schema.articles.c.current)
            ).scalars()
        )
    for article_id in ids:
        analysis = filled_store.analysis(article_id)
        assert analysis is not None
        linker.link(analysis)
    # the Kharkiv article's first version, replaced by its correction, is in no story
    story_of = {a: s for a, s in linker.stories.stories().items() if a in current}
    assert len(story_of) == len(ids) - 1

    export(filled_store, "jsonl", tmp_path / "jsonl")
    lines = (tmp_path / "jsonl" / "story_members.jsonl").read_text(encoding="utf-8").splitlines()
    members = [json.loads(line) for line in lines]
    assert {m["article_id"]: m["story_id"] for m in members} == story_of

    export(filled_store, "csv", tmp_path / "csv")
    export(filled_store, "parquet", tmp_path / "parquet")
    for dataset in LINK_DATASETS:
        columns = [name for name, _ in dataset.columns]
        with (tmp_path / "csv" / f"{dataset.name}.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        table = pq.read_table(tmp_path / "parquet" / f"{dataset.name}.parquet")
        assert table.schema.equals(dataset.schema), dataset.name
        assert table.column_names == columns, dataset.name
        assert not rows or list(rows[0]) == columns, dataset.name
        assert table.num_rows == len(rows), dataset.name
    stories = pq.read_table(tmp_path / "parquet" / "stories.parquet").to_pylist()
    assert sum(s["articles"] for s in stories) == len(current)
    assert {s["story_id"] for s in stories} == set(story_of.values())
    assert all(1 <= s["independent_sources"] <= s["articles"] for s in stories)
    history = pq.read_table(tmp_path / "parquet" / "claim_history.parquet").to_pylist()
    assert history and all(h["thread_id"].startswith("clm-") and h["status"] for h in history)
    tellings = pq.read_table(tmp_path / "parquet" / "event_tellings.parquet").to_pylist()
    assert tellings and all(t["cross_event_id"].startswith("evt-") and t["trigger_text"] for t in tellings)
    # each telling carries its stance and its figures as {value, qualifier, outcome, victims}
    assert all(t["stance"] in {"affirms", "denies", "hedges", "reports"} for t in tellings)
    figures = [f for t in tellings for f in json.loads(t["casualties"])]
    assert {"value": 12.0, "qualifier": "at_least", "outcome": "killed", "victims": "civilians"} in figures
    with (tmp_path / "csv" / "event_tellings.csv").open(encoding="utf-8") as handle:
        assert [json.loads(r["casualties"]) for r in csv.DictReader(handle)] == [
            json.loads(t["casualties"]) for t in tellings
        ]
