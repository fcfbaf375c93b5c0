"""The ledger written out in the formats analysts' tools read, one file per record type.

- ``jsonl``: ``analyses.jsonl``, one Analysis per line exactly as ``newsledger extract`` writes them (so
  ``Analysis.model_validate_json`` reads a line back); the story of each article is in ``story_members``;
- ``csv``: ``<table>.csv`` for every table of ``newsledger.tables.TABLES``, plus ``events_acled.csv``, one
  row per event in the ACLED/GDELT habit;
- ``parquet``: ``<table>.parquet`` for every table, typed from the column kinds (a JSON column is a string
  holding JSON), readable by pyarrow, pandas, DuckDB, Spark;
- in ``jsonl``, ``csv`` and ``parquet``, the links across articles too, one dataset each
  (``newsledger.store.link_exports``: stories and their members, copy groups, entity, event and claim
  links, event tellings, claim history), as ``<dataset>.jsonl|csv|parquet``;
- ``plover``: ``events_plover.json``, the events as PLOVER/POLECAT records.

Only current versions are written (see ``newsledger.store.queries``). Rows stream from the database in
batches, so a ledger larger than memory exports all the same.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import select

from newsledger.records import Analysis
from newsledger.store import schema
from newsledger.store.ingest import analysis_from_json
from newsledger.store.ledger import Store
from newsledger.store.link_exports import LINK_DATASETS
from newsledger.tables import TABLES, ColumnKind, Row

BATCH_ROWS = 5_000
ARROW_TYPES: dict[ColumnKind, pa.DataType] = {
    "text": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "json": pa.string(),
}


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"


def export(store: Store, export_format: ExportFormat | str, directory: Path) -> list[Path]:
    """Write the ledger to ``directory`` (created if need be) in ``export_format``; the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    writers = {
        ExportFormat.jsonl: export_jsonl,
        ExportFormat.csv: export_csv,
        ExportFormat.parquet: export_parquet,
        ExportFormat.plover: export_plover,
    }
    return writers[ExportFormat(export_format)](store, directory)


def export_jsonl(store: Store, directory: Path) -> list[Path]:
    path = directory / "analyses.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(analysis.model_dump_json() + "\n" for analysis in iter_analyses(store))
    written = [path]
    for dataset in LINK_DATASETS:
        path = directory / f"{dataset.name}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for rows in dataset.batches(store):
                handle.writelines(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)
        written.append(path)
    return written


def export_csv(store: Store, directory: Path) -> list[Path]:
    from newsledger.exports import CSV_COLUMNS, events_to_csv_rows

    written = []
    for name, columns in TABLES.items():
        path = directory / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([column.name for column in columns])
            for rows in table_batches(store, name):
                writer.writerows([_csv_value(row[c.name]) for c in columns] for row in rows)
        written.append(path)
    path = directory / "events_acled.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        events_writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        events_writer.writeheader()
        tolls = linked_tolls(store)
        for analysis in iter_analyses(store):
            events_writer.writerows(events_to_csv_rows(analysis, tolls.get(analysis.article.id)))
    written.append(path)
    for dataset in LINK_DATASETS:
        path = directory / f"{dataset.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([name for name, _ in dataset.columns])
            for rows in dataset.batches(store):
                writer.writerows([_csv_value(row[name]) for name, _ in dataset.columns] for row in rows)
        written.append(path)
    return written


def linked_tolls(store: Store) -> dict[str, dict[str, dict[str, float]]]:
    """``{article_id: {event_id: {outcome: toll}}}``: each linked event's toll across its tellings."""
    from newsledger.store.link_tables import link_events
    from newsledger.store.links import event_tolls

    with store.engine.connect() as connection:
        linked = list(connection.execute(select(link_events)))
    tolls = event_tolls(store, {r.cross_event_id for r in linked})
    found: dict[str, dict[str, dict[str, float]]] = {}
    for row in linked:
        if row.cross_event_id in tolls:
            found.setdefault(row.article_id, {})[row.event_id] = tolls[row.cross_event_id]
    return found


def export_parquet(store: Store, directory: Path) -> list[Path]:
    written = []
    for name in TABLES:
        path = directory / f"{name}.parquet"
        arrow_schema = parquet_schema(name)
        with pq.ParquetWriter(path, arrow_schema, compression="zstd") as writer:
            for rows in table_batches(store, name):
                writer.write_table(pa.Table.from_pylist(rows, schema=arrow_schema))
        written.append(path)
    for dataset in LINK_DATASETS:
        path = directory / f"{dataset.name}.parquet"
        with pq.ParquetWriter(path, dataset.schema, compression="zstd") as writer:
            for rows in dataset.batches(store):
                writer.write_table(pa.Table.from_pylist(rows, schema=dataset.schema))
        written.append(path)
    return written


def export_plover(store: Store, directory: Path) -> list[Path]:
    from newsledger.exports import events_to_plover

    path = directory / "events_plover.json"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        first = True
        for analysis in iter_analyses(store):
            for event in events_to_plover(analysis):
                handle.write(("\n" if first else ",\n") + json.dumps(event, ensure_ascii=False))
                first = False
        handle.write("\n]\n")
    return [path]


def parquet_schema(table: str) -> pa.Schema:
    """The Arrow schema of one table of the contract."""
    return pa.schema([pa.field(c.name, ARROW_TYPES[c.kind]) for c in TABLES[table]])


def iter_analyses(store: Store) -> Iterator[Analysis]:
    """Every current analysis, oldest publication first, streamed."""
    articles, analyses = schema.articles, schema.analyses
    query = (
        select(analyses.c.analysis, articles.c.text)
        .join(articles, articles.c.article_id == analyses.c.article_id)
        .where(articles.c.current)
        .order_by(articles.c.published.asc().nulls_last(), articles.c.article_id)
    )
    with store.engine.connect() as connection:
        result = connection.execution_options(yield_per=BATCH_ROWS).execute(query)
        for row in result:
            yield analysis_from_json(row.analysis, row.text)


def table_batches(store: Store, name: str) -> Iterator[list[Row]]:
    """The rows of one contract table for the current articles, in key order, in batches."""
    table = schema.metadata.tables[name]
    columns = [table.c[column.name] for column in TABLES[name]]
    query = select(*columns).where(schema.articles.c.current)
    if name != "articles":
        query = query.join(schema.articles, schema.articles.c.article_id == table.c.article_id)
    query = query.order_by(*table.primary_key.columns)
    with store.engine.connect() as connection:
        result = connection.execution_options(yield_per=BATCH_ROWS).execute(query).mappings()
        for batch in result.partitions():
            yield [dict(row) for row in batch]


def _csv_value(value: Any) -> Any:
    """CSV has no null and no boolean: empty for unknown, true/false spelled out."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
