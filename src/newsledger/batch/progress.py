"""The client's view of a run on stderr: where the dashboard is, and a progress bar over partitions.

The bar's length is unknown while the inputs are still being read (reading streams, a partition ahead of
the cluster), so it pulses until the last partition is planned and counts from then on.
"""

from __future__ import annotations

from types import TracebackType

from distributed import Client
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from newsledger.batch.cluster import dashboard_link
from newsledger.batch.runner import PartitionDone, Reporter


class ProgressReporter(Reporter):
    """A rich progress bar over partitions (articles and failures counted beside it); use as a context."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("partitions · {task.fields[articles]:,} articles · {task.fields[failures]:,} failed"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> ProgressReporter:
        self.progress.start()
        self.task = self.progress.add_task("analyzing", total=None, articles=0, failures=0)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.progress.stop()

    def started(self, client: Client) -> None:
        address = client.scheduler_info().get("address", "?")
        self.console.print(f"cluster: {address}, {len(client.nthreads())} workers")
        link = dashboard_link(client)
        if link is not None:
            self.console.print(f"dashboard: {link}", soft_wrap=True)

    def planned(self, total: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, total=total)

    def finished(self, done: PartitionDone) -> None:
        if self.task is None:
            return
        fields = self.progress.tasks[self.task].fields
        self.progress.update(
            self.task,
            advance=1,
            articles=fields["articles"] + done.articles,
            failures=fields["failures"] + done.failures,
        )

    def lost(self, partition_id: str, reason: str) -> None:
        self.console.print(f"partition {partition_id} not done (the next run retries it): {reason}")
