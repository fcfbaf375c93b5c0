"""``newsledger batch``: a corpus on Dask, through ``newsledger.batch``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsledger.cli.common import app, fail, plural, stderr


@app.command()
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Folders and JSONL files (.jsonl, .jsonl.gz, .jsonl.zst) to analyze.")
    ],
    out: Annotated[
        Path, typer.Option(help="Output folder: a Parquet dataset per table, failures/, manifest.jsonl.")
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes of the local cluster; default: one per core.")
    ] = None,
    db: Annotated[
        str | None, typer.Option(help="Also ingest every analysis into this ledger (database URL).")
    ] = None,
    partition_size: Annotated[
        int, typer.Option(min=1, help="Articles per partition: the unit of work, retry and resumption.")
    ] = 100,
) -> None:
    """Analyze a corpus on Dask into Parquet, resumably: a re-run skips the partitions already done.

    Example: newsledger batch archive.jsonl.zst --out ledger/ --workers 2
    """
    from newsledger.batch import connect, run_batch
    from newsledger.batch.progress import ProgressReporter

    sink = None
    if db is not None:
        from newsledger.store import open_store

        sink = open_store(db)
    try:
        with connect(scheduler, workers) as client, ProgressReporter(stderr) as reporter:
            summary = run_batch(
                inputs, out, client, partition_size=partition_size, sink=sink, reporter=reporter
            )
    finally:
        if sink is not None:
            sink.close()
    stderr.print(
        f"{plural(summary.written, 'partition')} written ({plural(summary.articles, 'article')}, "
        f"{plural(summary.failures, 'failure')} in {out / 'failures'}), "
        f"{summary.skipped:,} already done, in {summary.seconds:,.1f} s",
        highlight=False,
        soft_wrap=True,
    )
    if summary.lost:
        fail(f"{len(summary.lost):,} partitions could not be done; run the same command again to retry them")
        raise typer.Exit(1)
