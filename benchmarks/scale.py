"""Corpus-scale figures: newsledger batch on 1 and 2 Dask workers against bare spaCy and textacy.

Reads the BBC articles in ``../shared/data/news-corpus/articles.jsonl`` beside the repository (generated
articles when that folder is absent) and prints, for the same texts in the same run:

- the stock pipeline run bare (``nlp.pipe``, all its components), one process: the yardstick;
- textacy's ``extract.triples.direct_quotations`` over the stock parse (quotes only), one process, when
  textacy is installed (``pip install -e '.[bench]'``);
- ``newsledger.analyze_stream`` in this process (the whole extraction, records out);
- ``newsledger batch`` (``run_batch``) on a local cluster of 1 and 2 worker processes: reading the JSONL,
  shipping partitions, the whole extraction, Parquet out. Workers are warmed up first, so the time is
  the work, not the pipeline's loading.

Then peak memory per worker (RSS) and the hours 1M articles would take on N cores at the measured rate
per core. Asserts nothing; the machine's other load shows in the figures.

    python benchmarks/scale.py [--limit N] [--workers 1,2] [--partition-size N] [--batch-size N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.analyze import analyze_stream
from newsledger.batch import connect, run_batch
from newsledger.batch.task import warm_up
from newsledger.errors import AnalysisFailed
from newsledger.nlp.pipeline import load_bare_model, load_pipeline
from newsledger.sources import article_from_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "news-corpus" / "articles.jsonl"
GiB = 1 << 30


@dataclass(frozen=True)
class Row:
    name: str
    seconds: float  # wall clock
    cpu_seconds: float  # summed over the processes: what the machine's other load does not inflate
    processes: int
    peak_rss: list[int]  # bytes, one per process measured
    note: str = ""


def load_records(limit: int | None) -> tuple[str, list[dict[str, Any]]]:
    """The corpus records (``text``, ``published``, ...), or generated ones when the corpus is absent."""
    if CORPUS.exists():
        lines = CORPUS.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
        name = str(CORPUS.relative_to(REPO.parent))
    else:
        records = generated_records(limit or 500)
        name = "generated articles (news corpus not found)"
    return name, records[:limit] if limit else records


def generated_records(count: int) -> list[dict[str, Any]]:
    """About 500-word news-like articles from a fixed seed: attributions, dates, numbers, places."""
    rng = random.Random(10)
    people = ["the minister", "Ms Shah", "a police spokesman", "the chief executive", "Mr Collins"]
    places = ["Leeds", "Cardiff", "Glasgow", "Bristol", "Norwich", "Kyiv", "Berlin"]
    verbs = ["said", "told reporters", "announced", "warned", "added"]
    sentences = [
        "{p} {v} on {d} that {n} people had been moved from their homes in {c}.",
        '"We will not accept this," {p} {v}, speaking in {c}.',
        "Police in {c} arrested {n} men after the protest, {p} {v}.",
        "The council in {c} will spend {n} million pounds on new housing, {p} {v} on {d}.",
        "According to {p}, {n} flights were cancelled at the airport in {c} last week.",
    ]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    records = []
    for i in range(count):
        parts = [
            rng.choice(sentences).format(
                p=rng.choice(people),
                v=rng.choice(verbs),
                c=rng.choice(places),
                n=rng.randint(2, 900),
                d=rng.choice(days),
            )
            for _ in range(30)
        ]
        text = " ".join(parts).replace(". ", ".\n\n", 3)
        records.append({"text": text[:1].upper() + text[1:], "published": f"2024-03-{1 + i % 28:02d}"})
    return records


def peak_rss() -> int:
    """This process's peak resident memory, in bytes.

    Read from ``VmHWM`` where Linux gives it: ``ru_maxrss`` survives ``exec``, so a worker spawned by this
    benchmark's process (fork, then exec) would report this process's peak, not its own.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def cpu_seconds() -> float:
    """CPU time this process has used, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``run()``."""
    start, cpu = time.perf_counter(), cpu_seconds()
    run()
    return time.perf_counter() - start, cpu_seconds() - cpu


def in_process_rows(texts: list[str], batch_size: int) -> tuple[list[Row], list[str]]:
    """Bare spaCy, textacy (if installed) and analyze_stream, one after the other in this process."""
    bare = load_bare_model()
    load_pipeline()
    warm = texts[:8]
    list(bare.pipe(warm))
    list(analyze_stream(article_from_text(t, source="warm-up") for t in warm))
    notes: list[str] = []

    rows = [
        Row(
            f"bare spaCy ({', '.join(bare.pipe_names)})",
            *timed(lambda: list(bare.pipe(texts, batch_size=batch_size))),
            1,
            [],
        )
    ]

    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        notes.append("textacy: not installed (pip install -e '.[bench]'), no quote-only comparison")
    else:
        quotes = 0
        refused = 0

        def run_textacy() -> None:
            nonlocal quotes, refused
            for doc in bare.pipe(texts, batch_size=batch_size):
                try:
                    quotes += sum(1 for _ in direct_quotations(doc))
                except ValueError:  # it refuses a text with an odd number of quotation marks
                    refused += 1

        seconds, cpu = timed(run_textacy)
        note = f"{quotes:,} quotes; {refused:,} articles refused (unbalanced quotation marks)"
        rows.append(Row("textacy direct_quotations (stock parse + quotes)", seconds, cpu, 1, [], note))

    failed = 0
    attributions = 0

    def run_ours() -> None:
        nonlocal failed, attributions
        articles = (article_from_text(t, source=f"article {i}") for i, t in enumerate(texts))
        for result in analyze_stream(articles, batch_size=batch_size):
            if isinstance(result, AnalysisFailed):
                failed += 1
            else:
                attributions += sum(a.form != "indirect" for a in result.attributions)

    seconds, cpu = timed(run_ours)
    note = f"{attributions:,} direct/mixed attributions" + (f", {failed} failed" if failed else "")
    rows.append(Row("newsledger analyze_stream (whole extraction)", seconds, cpu, 1, [peak_rss()], note))
    return rows, notes


def cluster_row(corpus: Path, workers: int, partition_size: int) -> Row:
    """``run_batch`` over ``corpus`` on the local cluster ``newsledger batch --workers N`` runs, warm."""
    with connect(workers=workers) as client, tempfile.TemporaryDirectory() as out:
        client.run(warm_up)
        cpu_before = client.run(cpu_seconds)
        started, client_cpu = time.perf_counter(), cpu_seconds()
        summary = run_batch([str(corpus)], Path(out), client, partition_size=partition_size)
        seconds = time.perf_counter() - started
        client_cpu = cpu_seconds() - client_cpu
        cpu_after = client.run(cpu_seconds)
        cpu = client_cpu + sum(cpu_after[w] - cpu_before[w] for w in cpu_after)
        rss = list(client.run(peak_rss).values())
    note = (
        f"{summary.articles:,} articles, {summary.failures} failures, partitions of {partition_size}; "
        f"client (reading, Parquet) {client_cpu:.1f} CPU s"
    )
    name = f"newsledger batch, {workers} worker{'s' if workers > 1 else ''}"
    return Row(name, seconds, cpu, workers, rss, note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", default="1,2", help="cluster sizes to run, comma-separated")
    parser.add_argument("--partition-size", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    name, records = load_records(args.limit)
    texts = [r["text"] for r in records]
    articles, words = len(texts), sum(len(t.split()) for t in texts)
    print(f"corpus: {name}: {articles:,} articles, {words:,} words ({words / articles:,.0f} per article)")

    rows, notes = in_process_rows(texts, args.batch_size)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        for count in (int(n) for n in args.workers.split(",")):
            rows.append(cluster_row(corpus, count, args.partition_size))

    bare_cpu = rows[0].cpu_seconds
    print()
    print(
        f"{'run':50} {'wall s':>7} {'art/s':>6} {'words/s':>8} {'CPU s':>7} {'art/CPU s':>9} "
        f"{'x bare':>6} {'peak RSS':>12}"
    )
    for row in rows:
        rss = "/".join(f"{b / GiB:.2f}" for b in row.peak_rss) + " GiB" if row.peak_rss else ""
        print(
            f"{row.name[:50]:50} {row.seconds:7.1f} {articles / row.seconds:6.1f} "
            f"{words / row.seconds:8,.0f} {row.cpu_seconds:7.1f} {articles / row.cpu_seconds:9.1f} "
            f"{row.cpu_seconds / bare_cpu:5.2f}x {rss:>12}"
        )
        if row.note:
            print(f"{'':4}{row.note}")
    print(
        "wall: elapsed; CPU s: summed over the processes (workers and client), which the machine's other "
        "load does not inflate;\nart/CPU s: articles per second of one core; x bare: CPU over the bare "
        "pipeline's; peak RSS: per process"
    )
    for note in notes:
        print(note)

    batches = [r for r in rows if r.name.startswith("newsledger batch")]
    if not batches:
        return
    best = max(batches, key=lambda r: articles / r.cpu_seconds)
    per_core = articles / best.cpu_seconds
    print()
    print(f"1M articles at {per_core:.1f} articles/s per core ({best.name}, this corpus's mean length):")
    for cores in (1, 2, 8, 32, 128):
        print(f"  {cores:4} cores: {1_000_000 / (per_core * cores) / 3600:8.1f} h")


if __name__ == "__main__":
    main()
