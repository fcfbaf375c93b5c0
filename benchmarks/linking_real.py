"""Linking real copy, not synthetic analyses: ms per ``Linker.link`` by stage, median and p95 (issue 16).

The articles are the BBC corpus (``../shared/data/news-corpus/articles.jsonl``: 2,225 articles of
2004-2005, which carry no publication date, so they are taken in file order, undated), then the
multi-outlet conflict copy of ``tests/fixtures/one-event`` in publication order. Analyses are computed once
and cached as JSON lines (``--cache``; analysing is not what is timed). Then every article is ingested
into a fresh SQLite ledger (not timed) and linked with ``Linker.link`` (timed), the call ``newsledger
ingest`` makes; each stage of the link is timed by wrapping the function that does it:

- ``features``: the article's story features (``features_of``, before the transaction);
- ``catch_up``: the link lock and catching the in-memory index up with other processes;
- ``stories``: the story index (``StoryIndex.add``); ``wire``: the wire-copy index (``WireIndex.add``);
- ``read``: reading back the analyses of the stories the article changed;
- ``entities``, ``descriptions``, ``events``, ``claims``: resolving those stories (events: the
  cross-article event coreference);
- ``write``: what is left of the transaction (the link rows written).

    .venv/bin/python benchmarks/linking.py --real --limit 500 --cache out/bench/bbc-500.jsonl
    .venv/bin/python benchmarks/linking.py --real --category politics --limit 150 \
        --cache out/bench/politics.jsonl
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "news-corpus" / "articles.jsonl"
CONFLICT = REPO / "tests" / "fixtures" / "one-event" / "articles.jsonl"
STAGES = (
    "features",
    "catch_up",
    "stories",
    "wire",
    "read",
    "entities",
    "descriptions",
    "events",
    "claims",
    "write",
)


def source_articles(limit: int, category: str | None = None) -> Iterator[Any]:
    """BBC articles in file order (undated; of one ``category`` if given), then the conflict copy in
    publication order."""
    from newsledger.sources import article_from_text

    taken = 0
    with BBC.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            row = json.loads(line)
            if taken >= limit:
                break
            if category and row.get("category") != category:
                continue
            taken += 1
            yield article_from_text(
                row["text"], source=f"{BBC}:{number + 1}", title=row["title"], outlet="BBC"
            )
    rows = [json.loads(line) for line in CONFLICT.read_text(encoding="utf-8").splitlines()]
    for number, row in enumerate(sorted(rows, key=lambda r: r["published"])):
        yield article_from_text(
            row["text"],
            source=f"{CONFLICT}:{number + 1}",
            title=row["title"],
            outlet=row["outlet"],
            url=row["url"],
            published=date.fromisoformat(row["published"]),
        )


def cached_analyses(limit: int, cache: Path, category: str | None = None) -> list[Any]:
    """The analyses, from ``cache`` when it holds them (one JSON line each), else computed and cached."""
    from newsledger.analyze import analyze_stream
    from newsledger.records import Analysis

    found: list[Analysis] = []
    if cache.exists():
        found = [
            Analysis.model_validate_json(line) for line in cache.read_text(encoding="utf-8").splitlines()
        ]
    wanted = list(source_articles(limit, category))
    if [a.article.id for a in found] == [a.id for a in wanted]:
        return found
    cache.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    found = [a for a in analyze_stream(wanted) if isinstance(a, Analysis)]
    print(f"analysed {len(found)} articles in {time.perf_counter() - began:.0f} s (cached in {cache})")
    cache.write_text("".join(a.model_dump_json() + "\n" for a in found), encoding="utf-8")
    return found


class StageClock:
    """Time spent in each wrapped function during the current link."""

    def __init__(self) -> None:
        self.current: dict[str, float] = defaultdict(float)

    def wrap(self, owner: Any, name: str, stage: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.current[stage] += time.perf_counter() - began

        setattr(owner, name, timed)


def instrument() -> StageClock:
    from newsledger.corpus import resolution
    from newsledger.corpus.stories import StoryIndex
    from newsledger.corpus.wire import WireIndex
    from newsledger.store import linker

    clock = StageClock()
    clock.wrap(linker, "features_of", "features")
    clock.wrap(linker.Linker, "_catch_up", "catch_up")
    clock.wrap(StoryIndex, "add", "stories")
    clock.wrap(WireIndex, "add", "wire")
    clock.wrap(linker, "analysis_on", "read")
    clock.wrap(resolution, "resolve_entities", "entities")
    clock.wrap(resolution, "resolve_descriptions", "descriptions")
    clock.wrap(resolution, "corefer_events", "events")
    clock.wrap(resolution, "match_claims", "claims")
    return clock


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_real_benchmark(limit: int, cache: Path, category: str | None = None) -> None:
    from newsledger.store import open_store
    from newsledger.store.linker import Linker

    analyses = cached_analyses(limit, cache, category)
    clock = instrument()
    per_stage: dict[str, list[float]] = {stage: [] for stage in (*STAGES, "total")}
    relinked = []
    with tempfile.TemporaryDirectory() as folder, open_store(f"sqlite:///{folder}/ledger.db") as store:
        linker = Linker(store)
        for analysis in analyses:
            store.ingest(analysis)
            clock.current.clear()
            began = time.perf_counter()
            outcome = linker.link(analysis)
            total = time.perf_counter() - began
            relinked.append(outcome.relinked)
            measured = sum(clock.current.values())
            clock.current["write"] = max(0.0, total - measured)
            for stage in STAGES:
                per_stage[stage].append(clock.current.get(stage, 0.0) * 1000)
            per_stage["total"].append(total * 1000)
        words = sum(len(a.article.text.split()) for a in analyses) / len(analyses)
    print(
        f"linked {len(analyses)} real articles ({limit} BBC + {len(analyses) - min(limit, len(analyses))} "
        f"conflict copy; {words:.0f} words on average) into a fresh SQLite ledger; articles re-resolved "
        f"per link: median {statistics.median(relinked):.0f}, max {max(relinked)}"
    )
    print(f"{'stage':<13} {'median ms':>10} {'p95 ms':>10} {'mean ms':>10}")
    for stage, values in per_stage.items():
        print(
            f"{stage:<13} {statistics.median(values):>10.2f} {percentile(values, 0.95):>10.2f} "
            f"{statistics.fmean(values):>10.2f}"
        )
