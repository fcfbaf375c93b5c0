"""The batch runner on a real cluster: a ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1.

One worker is killed with SIGKILL while it analyzes a partition; the run must still write every article
exactly once, and its datasets must be the same, row for row and file for file, as a run on one worker.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from newsledger.batch import FAILURES, Partition, PartitionDone, Reporter, read_dataset, run_batch
from newsledger.batch.datasets import dataset_names
from newsledger.batch.task import pipeline_loads
from tests.test_batch_runner import article_ids, corpus_records, dataset_rows, write_corpus

HOST = "127.0.0.1"


def dask_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "dask", *args]


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """A scheduler and two single-threaded workers without nannies, so a killed worker stays dead."""
    scheduler_file = tmp_path / "scheduler.json"
    log = (tmp_path / "cluster.log").open("wb")
    processes = [
        subprocess.Popen(
            dask_command(
                "scheduler", "--host", HOST, "--port", "0", "--dashboard-address", f"{HOST}:0",
                "--scheduler-file", str(scheduler_file),
            ),
            stdout=log, stderr=log,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() or not scheduler_file.read_text().strip():
            assert time.monotonic() < deadline, "the scheduler did not start"
            assert processes[0].poll() is None, "the scheduler exited"
            time.sleep(0.1)
        time.sleep(0.2)  # the file is written in one go, but give it a moment to be complete
        address = json.loads(scheduler_file.read_text())["address"]
        for _ in range(2):
            processes.append(
                subprocess.Popen(
                    dask_command(
                        "worker", address, "--host", HOST, "--nworkers", "1", "--nthreads", "1",
                        "--no-nanny", "--dashboard-address", f"{HOST}:0",
                    ),
                    stdout=log, stderr=log,
                )
            )
        yield address, processes
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


class KillOneWorkerMidRun(Reporter):
    """After the first partition is done, SIGKILLs a worker that has a partition in hand."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.killed: str | None = None
        self.in_hand: list[str] = []
        self.submitted_ids: list[str] = []

    def submitted(self, partition: Partition) -> None:
        self.submitted_ids.append(partition.id)

    def finished(self, done: PartitionDone) -> None:
        if self.killed is not None:
            return
        pids: dict[str, int] = self.client.run(os.getpid)
        for address, keys in self.client.processing().items():
            if keys and address in pids:
                os.kill(pids[address], signal.SIGKILL)
                self.killed = address
                self.in_hand = [str(key) for key in keys]
                return


def test_a_cluster_run_survives_a_killed_worker_and_matches_a_one_worker_run(
    tmp_path: Path, cluster: tuple[str, list[subprocess.Popen[bytes]]]
) -> None:
    address, processes = cluster
    records = corpus_records(40)
    broken_line = '{"text": 42}'
    corpus = write_corpus(tmp_path / "corpus.jsonl.gz", records, extra_lines=[broken_line])
    out = tmp_path / "cluster-out"

    with Client(address) as client:
        client.wait_for_workers(2, timeout=60)
        killer = KillOneWorkerMidRun(client)
        summary = run_batch([str(corpus)], out, client, partition_size=4, reporter=killer)
        assert killer.killed is not None, "no worker had a partition in hand to be killed"
        assert killer.in_hand, "the killed worker was idle"
        assert summary.lost == {}
        survivors = client.run(pipeline_loads)
    assert list(survivors.values()) == [1]  # one pipeline load for all the partitions it ran
    assert sum(p.poll() == -signal.SIGKILL for p in processes[1:]) == 1

    # Complete: every article exactly once, the broken line among the failures.
    assert summary.written == 11 and summary.articles == 40 and summary.failures == 1
    written = [a["article_id"] for a in read_dataset(out, "articles").to_pylist()]
    assert sorted(written) == sorted(article_ids(records))
    failures = read_dataset(out, FAILURES).to_pylist()
    assert [(f["stage"], f["source"]) for f in failures] == [("read", f"{corpus}:14")]

    # The same as one worker in one process, row for row and file for file.
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as local,
        Client(local) as local_client,
    ):
        reference = tmp_path / "local-out"
        run_batch([str(corpus)], reference, local_client, partition_size=4)
    assert dataset_rows(out) == dataset_rows(reference)
    for name in dataset_names():
        files = sorted(p.relative_to(out) for p in (out / name).rglob("*.parquet"))
        assert files == sorted(p.relative_to(reference) for p in (reference / name).rglob("*.parquet"))
        for file in files:
            assert (out / file).read_bytes() == (reference / file).read_bytes(), file
