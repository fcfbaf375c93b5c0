"""Cutting the inputs into partitions whose ids a re-run finds again.

A partition is ``size`` consecutive items of one input (a file or folder as named on the command line): the
articles read there, and the read errors in their places. Its id is a hash of the input's absolute path,
the partition's position in that input and the size, so the same run over the same inputs maps the same
articles to the same ids, which is what lets the manifest say which partitions are done. Read errors keep
their place in the count, so a broken line does not shift the partitions after it.

Everything here crosses process boundaries (client to worker and back), so it is plain picklable data:
read errors become :class:`Failure` values, not exceptions, whose constructors take other arguments than
pickle would give them back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from newsledger.errors import InputError
from newsledger.records import Article
from newsledger.sources import read_inputs

Stage = Literal["read", "analysis"]


@dataclass(frozen=True)
class Failure:
    """An input that gave no analysis, and why: unreadable (``read``) or the pipeline raised on it."""

    source: str
    reason: str
    stage: Stage
    article_id: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Partition:
    """``items`` read from ``input``, starting at item ``start``; ``id`` is stable across runs."""

    id: str
    input: str
    index: int
    start: int
    items: tuple[Article | Failure, ...]

    @property
    def articles(self) -> list[Article]:
        return [item for item in self.items if isinstance(item, Article)]


def partition_id(input_path: str, index: int, size: int) -> str:
    """The id of partition ``index`` of ``input_path`` cut in partitions of ``size``: 16 hex digits."""
    key = f"{input_path}\n{index}\n{size}".encode()
    return hashlib.sha256(key).hexdigest()[:16]


def plan_partitions(inputs: Sequence[str], size: int) -> Iterator[Partition]:
    """The partitions of every input, in order, read lazily: a corpus of any length streams through."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, not {size}")
    for name in inputs:
        input_path = name if name == "-" else str(Path(name).resolve())
        items: list[Article | Failure] = []
        index = 0
        for item in read_inputs([name]):
            items.append(_failure(item) if isinstance(item, InputError) else item)
            if len(items) == size:
                yield _partition(input_path, index, size, items)
                index += 1
                items = []
        if items:
            yield _partition(input_path, index, size, items)


def _partition(input_path: str, index: int, size: int, items: list[Article | Failure]) -> Partition:
    return Partition(
        id=partition_id(input_path, index, size),
        input=input_path,
        index=index,
        start=index * size,
        items=tuple(items),
    )


def _failure(error: InputError) -> Failure:
    return Failure(source=error.source, reason=error.reason, stage="read")
