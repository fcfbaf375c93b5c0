"""The Parquet side of a batch: one dataset per table under ``OUT/<table>/``, partitioned by publication date.

Columns are those of :data:`newsledger.tables.TABLES` (the contract the store and CSV share), typed from
their kinds. Files are laid out the Hive way, ``OUT/events/published=2024-03-05/part-<partition>.parquet``,
which Arrow, DuckDB, Spark and pandas all read as a ``published`` column; an article without a date goes
under ``published=__HIVE_DEFAULT_PARTITION__``, Hive's name for null, so readers see a null there too.
A failure without a date (most of them: an unreadable file has none) goes under ``failures/undated/``, a
folder a person looking for them finds by name; readers see a null ``published`` there as well.
The date lives in the directory name only (a column of the same name inside the files would clash with it),
so the ``articles`` files hold every contract column but ``published``, and reading the dataset brings it
back. Failures get a dataset of their own, ``OUT/failures/``, laid out the same way.

A partition's files are written under hidden temporary names (which dataset readers skip) and renamed into
place; the caller records the partition in the manifest only after that, so a reader never sees half a
partition and a crash leaves nothing the next run would not overwrite.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from newsledger.batch.partitions import Failure
from newsledger.records import Analysis
from newsledger.tables import TABLES, ColumnKind, Row, analysis_rows

PARTITION_COLUMN = "published"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
UNDATED_FAILURES = "undated"
FAILURES = "failures"
TEMP_SUFFIX = ".tmp"

_ARROW_TYPES: dict[ColumnKind, pa.DataType] = {
    "text": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "json": pa.string(),
}
_PARTITIONING = ds.HivePartitioning(
    pa.schema([(PARTITION_COLUMN, pa.date32())]), null_fallback=NULL_PARTITION
)


def file_schema(table: str) -> pa.Schema:
    """The columns stored in the files of ``table`` (every contract column but the partition's)."""
    if table == FAILURES:
        return pa.schema(
            [
                ("article_id", pa.string()),
                ("source", pa.string()),
                ("stage", pa.string()),
                ("reason", pa.string()),
            ]
        )
    return pa.schema([(c.name, _ARROW_TYPES[c.kind]) for c in TABLES[table] if c.name != PARTITION_COLUMN])


def dataset_names() -> list[str]:
    """Every dataset a batch writes: the contract's tables, then the failures."""
    return [*TABLES, FAILURES]


def write_partition(
    out: Path, partition_id: str, analyses: Iterable[Analysis], failures: Iterable[Failure]
) -> list[str]:
    """Write one partition's rows, every table split by date, atomically; the files' paths under ``out``."""
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for analysis in analyses:
        key = _partition_key(analysis.article.published)
        for table, rows in analysis_rows(analysis).items():
            groups[table, key].extend(rows)
    for failure in failures:
        groups[FAILURES, _partition_key(failure.published)].append(
            {
                "article_id": failure.article_id,
                "source": failure.source,
                "stage": failure.stage,
                "reason": failure.reason,
            }
        )
    written: list[tuple[Path, Path]] = []
    for (table, key), rows in sorted(groups.items()):
        if not rows:
            continue
        folder = out / table / _folder_name(table, key)
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"part-{partition_id}.parquet"
        temp = folder / f".{final.name}{TEMP_SUFFIX}"
        schema = file_schema(table)
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), temp)
        written.append((temp, final))
    for temp, final in written:
        os.replace(temp, final)
    return [str(final.relative_to(out)) for _, final in written]


def remove_temporary_files(out: Path) -> int:
    """Delete what an interrupted run left half-written; how many files."""
    count = 0
    for name in dataset_names():
        for path in (out / name).glob(f"*/.*{TEMP_SUFFIX}"):
            path.unlink()
            count += 1
    return count


def read_dataset(out: Path, table: str) -> pa.Table:
    """A whole dataset as one Arrow table, ``published`` restored from the directories (null if unknown)."""
    schema = file_schema(table).append(pa.field(PARTITION_COLUMN, pa.date32()))
    folder = out / table
    if not folder.exists():
        return schema.empty_table()
    dataset = ds.dataset(folder, format="parquet", schema=schema, partitioning=_PARTITIONING)
    return dataset.to_table()


def _folder_name(table: str, key: str) -> str:
    """``published=2024-03-05``; for failures without a date the named folder ``undated``."""
    if table == FAILURES and key == NULL_PARTITION:
        return UNDATED_FAILURES
    return f"{PARTITION_COLUMN}={key}"


def _partition_key(published: date | None) -> str:
    return published.isoformat() if published else NULL_PARTITION
