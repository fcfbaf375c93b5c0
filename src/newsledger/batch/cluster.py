"""Where the work runs: a cluster named by address, or a local one sized to this machine.

The local cluster has one single-threaded worker process per core: spaCy's parser holds the GIL for most
of its work, so threads would queue behind each other, and each process keeps its own pipeline (about
300 MB), loaded on its first partition.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager

import dask
from distributed import Client, LocalCluster

# The dashboard's profiler samples each worker's stack every 10 ms by default; spaCy's stacks are deep and
# the sampling cost about a tenth of the CPU in a measurement here. Every 100 ms still draws the profile.
# The nanny also starts each worker with MALLOC_TRIM_THRESHOLD_=65536, to hand freed memory back to the
# system sooner. Setting it turns off glibc's sliding mmap threshold, so every array the parser and tok2vec
# allocate above 128 KiB is mapped and unmapped afresh, page faults and all: on 300 news articles, 27x the
# page faults and 14 ms more CPU per article (a sixth). Unset (None), workers allocate as one process does.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.interval": "100ms",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a new local cluster of ``workers`` processes."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    count = workers or os.cpu_count() or 1
    with (
        dask.config.set(LOCAL_WORKER_CONFIG),
        LocalCluster(n_workers=count, threads_per_worker=1, processes=True) as cluster,
        Client(cluster) as client,
    ):
        yield client


def dashboard_link(client: Client) -> str | None:
    """The scheduler's dashboard, or None when bokeh (which serves its pages) is not installed here:
    a link that answers 404 is worse than none. (A remote scheduler with bokeh is not seen from here;
    its address is printed anyway.)"""
    if importlib.util.find_spec("bokeh") is None:
        return None
    return str(client.dashboard_link)
