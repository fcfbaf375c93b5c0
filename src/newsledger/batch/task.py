"""What a Dask worker does with one partition: analyze its articles, never fail on one of them.

``analyze_partition`` is a module-level function, so Dask ships it by reference (module and name), not by
value: the worker imports this module and calls ``analyze_stream``, whose pipeline is cached per process by
``load_pipeline``. The first partition a worker gets loads the spaCy pipeline; every later one reuses it.
Nothing spaCy crosses the wire: the partition goes out as articles, the result comes back as records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsledger.analyze import analyze_stream
from newsledger.batch.partitions import Failure, Partition
from newsledger.errors import AnalysisFailed
from newsledger.nlp.pipeline import load_pipeline
from newsledger.records import Analysis
from newsledger.sources import article_from_text

BATCH_SIZE = 16  # articles per nlp.pipe batch inside a partition
WARM_UP_TEXT = (
    "Police in Leeds arrested two men on Sunday after 300 people marched to the town hall, the force said. "
    '"We will not be intimidated," the mayor, Sarah Collins, told reporters in Yorkshire on Monday.'
)


@dataclass(frozen=True)
class PartitionResult:
    """The analyses of a partition's articles, in input order, and its failures (read and analysis)."""

    partition: Partition
    analyses: tuple[Analysis, ...]
    failures: tuple[Failure, ...]


def analyze_partition(partition: Partition, batch_size: int = BATCH_SIZE) -> PartitionResult:
    """Analyze every article of ``partition``; an article the pipeline raises on becomes a Failure."""
    articles = partition.articles
    analyses: list[Analysis] = []
    failures = [item for item in partition.items if isinstance(item, Failure)]
    # spaCy adds every new word of a text to the pipeline's vocabulary and string store for good, so a worker
    # that reads a million articles grows without end; a memory zone hands back what a partition added.
    # Nothing spaCy leaves the zone: the analyses are plain records.
    with load_pipeline().memory_zone():
        results = list(analyze_stream(articles, batch_size=batch_size))
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, AnalysisFailed):
            failures.append(
                Failure(
                    source=result.source,
                    reason=result.reason,
                    stage="analysis",
                    article_id=article.id,
                    published=article.published,
                )
            )
        else:
            analyses.append(result)
    return PartitionResult(partition=partition, analyses=tuple(analyses), failures=tuple(failures))


def pipeline_loads() -> int:
    """How many times this process has loaded the pipeline: 1 on a worker that has run any partition.

    Run it on every worker with ``client.run(pipeline_loads)`` to check that partitions reuse the pipeline.
    """
    return load_pipeline.cache_info().misses


def warm_up() -> int:
    """Ready this process for work now rather than on its first partition; the pipeline's component count.

    Loading the pipeline is half of it: the first article through it also loads what the components read
    lazily (gazetteers, lexicons, date parsers). ``client.run(warm_up)`` readies every worker of a cluster
    at once, so benchmarks time the work, not the loading; a run does not need it.
    """
    nlp = load_pipeline()
    article = article_from_text(WARM_UP_TEXT, source="<warm-up>", published=date(2024, 3, 5))
    analyze_partition(Partition(id="warm-up", input="<warm-up>", index=0, start=0, items=(article,)))
    return len(nlp.pipe_names)
