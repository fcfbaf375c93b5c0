"""The batch loop on the client: plan partitions, keep the cluster busy, write and record what comes back.

Reading happens here, lazily, so a corpus of any size streams: at most ``window`` partitions are out on the
cluster at a time (two per worker thread by default: one running, one queued so no worker waits on the
client). Results are written as they come back, in whatever order, by this one process, which keeps the
manifest and the store single-writer; the output folder need only be visible to the client.

A worker that dies takes its running partition with it; the scheduler gives that partition to another
worker (and ``retries`` covers a task that raised), so the cost is that partition's time. A partition that
still cannot be done is reported and left out of the manifest, so the next run tries it again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from distributed import Client, Future, as_completed

from newsledger.batch.datasets import remove_temporary_files, write_partition
from newsledger.batch.manifest import Manifest, ManifestEntry
from newsledger.batch.partitions import Partition, plan_partitions
from newsledger.batch.task import PartitionResult, analyze_partition
from newsledger.records import Analysis

DEFAULT_PARTITION_SIZE = 100
DEFAULT_RETRIES = 2


class AnalysisSink(Protocol):
    """Where analyses go besides Parquet: the store (``newsledger.store.Store``) has this shape."""

    def ingest(self, analysis: Analysis) -> object: ...

    def record_failure(self, source: str, reason: str, article_id: str | None = None) -> None: ...


@dataclass(frozen=True)
class PartitionDone:
    """One partition written and recorded."""

    partition: str
    input: str
    index: int
    articles: int
    failures: int


@dataclass
class BatchSummary:
    """What a run did: partitions written, skipped as already done, and lost (with the reason)."""

    written: int = 0
    skipped: int = 0
    articles: int = 0
    failures: int = 0
    lost: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


class Reporter:
    """Hears about a run as it goes; the CLI's progress bar is one, tests use others. Does nothing itself."""

    def started(self, client: Client) -> None:
        """The run is about to submit its first partition."""

    def planned(self, total: int) -> None:
        """Reading is over: ``total`` partitions are to run in this call."""

    def submitted(self, partition: Partition) -> None:
        """``partition`` went to the cluster."""

    def finished(self, done: PartitionDone) -> None:
        """A partition's files are in place and it is in the manifest."""

    def lost(self, partition_id: str, reason: str) -> None:
        """A partition could not be done in this run (the next run tries it again)."""


def run_batch(
    inputs: Sequence[str],
    out: Path,
    client: Client,
    *,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    sink: AnalysisSink | None = None,
    reporter: Reporter | None = None,
    retries: int = DEFAULT_RETRIES,
    window: int | None = None,
) -> BatchSummary:
    """Analyze every article of ``inputs`` on ``client``'s cluster into Parquet datasets under ``out``."""
    report = reporter or Reporter()
    summary = BatchSummary()
    started = time.perf_counter()
    manifest = Manifest(out, partition_size)
    remove_temporary_files(out)
    limit = window or 2 * max(1, sum(client.nthreads().values()))
    todo = _not_done(plan_partitions(inputs, partition_size), manifest, summary)
    partitions: dict[str, Partition] = {}
    pending = as_completed()
    planned = 0

    def submit_one() -> bool:
        nonlocal planned
        partition = next(todo, None)
        if partition is None:
            return False
        key = f"newsledger-partition-{partition.id}"
        future = client.submit(analyze_partition, partition, key=key, retries=retries)
        partitions[key] = partition
        pending.add(future)
        planned += 1
        report.submitted(partition)
        return True

    exhausted = False

    def fill() -> None:
        nonlocal exhausted
        while not exhausted and len(partitions) < limit:
            if not submit_one():
                exhausted = True
                report.planned(planned)

    report.started(client)
    fill()
    for future in pending:
        _collect(future, partitions.pop(str(future.key)), out, manifest, sink, summary, report)
        fill()
    summary.seconds = time.perf_counter() - started
    return summary


def _not_done(plan: Iterator[Partition], manifest: Manifest, summary: BatchSummary) -> Iterator[Partition]:
    for partition in plan:
        if partition.id in manifest.done:
            summary.skipped += 1
        else:
            yield partition


def _collect(
    future: Future[PartitionResult],
    partition: Partition,
    out: Path,
    manifest: Manifest,
    sink: AnalysisSink | None,
    summary: BatchSummary,
    report: Reporter,
) -> None:
    """Write one finished partition, feed the sink, then (only then) record it in the manifest."""
    try:
        result = future.result()
    except Exception as error:  # lost past its retries (or its worker died too often): next run retries
        reason = f"{type(error).__name__}: {error}"
        summary.lost[partition.id] = reason
        report.lost(partition.id, reason)
        return
    finally:
        future.release()
    files = write_partition(out, partition.id, result.analyses, result.failures)
    if sink is not None:
        for analysis in result.analyses:
            sink.ingest(analysis)
        for failure in result.failures:
            sink.record_failure(failure.source, failure.reason, failure.article_id)
    done = PartitionDone(
        partition=partition.id,
        input=partition.input,
        index=partition.index,
        articles=len(result.analyses),
        failures=len(result.failures),
    )
    manifest.record(
        ManifestEntry(
            partition=done.partition,
            input=done.input,
            index=done.index,
            articles=done.articles,
            failures=done.failures,
            files=files,
        )
    )
    summary.written += 1
    summary.articles += done.articles
    summary.failures += done.failures
    report.finished(done)
