"""The record of finished partitions, ``OUT/manifest.jsonl``, which makes a batch resumable.

A partition is appended here (one JSON line, flushed to disk) only after its files are in place, so
every line names a partition whose output is complete; a run skips the partitions listed. The first line
states the partition size: ids depend on it, so resuming with another size would redo every partition
beside the old output, and is refused instead. A last line cut short by a crash is ignored (its partition
is simply done again).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsledger.errors import NewsledgerError

MANIFEST_NAME = "manifest.jsonl"
FORMAT = 1


class ManifestMismatch(NewsledgerError):
    """The output folder holds a run made with other settings."""


@dataclass(frozen=True)
class ManifestEntry:
    partition: str
    input: str
    index: int
    articles: int
    failures: int
    files: list[str] = field(default_factory=list)


class Manifest:
    """Appends finished partitions to ``manifest.jsonl`` in ``out`` and knows which are done."""

    def __init__(self, out: Path, partition_size: int) -> None:
        self.path = out / MANIFEST_NAME
        self.partition_size = partition_size
        self.done: set[str] = set()
        if self.path.exists():
            self._load()
        else:
            out.mkdir(parents=True, exist_ok=True)
            self._append({"format": FORMAT, "partition_size": partition_size})

    def _load(self) -> None:
        lines = self.path.read_text(encoding="utf-8").splitlines()
        records: list[dict[str, Any]] = []
        for line in lines:
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a line cut short by a crash: its partition is not done
        header = records[0] if records else {}
        if header.get("partition_size") != self.partition_size:
            raise ManifestMismatch(
                f"{self.path}: this output was made with partitions of {header.get('partition_size')} "
                f"articles, not {self.partition_size}; use the same --partition-size or another --out"
            )
        self.done = {r["partition"] for r in records[1:] if "partition" in r}

    def record(self, entry: ManifestEntry) -> None:
        """Mark a partition done; call only once its files are in place."""
        self._append(asdict(entry))
        self.done.add(entry.partition)

    def _append(self, record: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            stream.flush()
            os.fsync(stream.fileno())
