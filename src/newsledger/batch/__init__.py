"""Corpus-scale runs on Dask: inputs in partitions, one Parquet dataset per table, resumable.

``run_batch`` is the library face; ``newsledger batch`` is a thin wrapper over it. A run reads its inputs
on the client, ships each partition of articles to a Dask worker (where the spaCy pipeline is loaded once
per process), and writes the partition's rows and failures on the client, atomically, before recording it
in the manifest. Work already in the manifest is skipped, so an interrupted run is finished by running it
again.
"""

from newsledger.batch.cluster import connect
from newsledger.batch.datasets import FAILURES, read_dataset
from newsledger.batch.partitions import Failure, Partition, plan_partitions
from newsledger.batch.runner import BatchSummary, PartitionDone, Reporter, run_batch
from newsledger.batch.task import PartitionResult, analyze_partition

__all__ = [
    "FAILURES",
    "BatchSummary",
    "Failure",
    "Partition",
    "PartitionDone",
    "PartitionResult",
    "Reporter",
    "analyze_partition",
    "connect",
    "plan_partitions",
    "read_dataset",
    "run_batch",
]
