"""Words per second of ``newsledger.analyze_many`` against the bare spaCy pipeline, in the same run.

Reads the BBC articles in ``../shared/data/news-corpus/articles.jsonl`` beside the repository (the seed
article, repeated, when that folder is absent). Both sides get the same texts and the same batch size;
ours includes the reader's gate (normalization, language check) and the conversion to records. Prints
figures, asserts nothing.

    python benchmarks/speed.py [--limit N] [--batch-size N]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable
from pathlib import Path

from newsledger.analyze import analyze_many, analyze_stream
from newsledger.errors import AnalysisFailed
from newsledger.nlp.pipeline import load_bare_model, load_pipeline
from newsledger.sources import article_from_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "news-corpus" / "articles.jsonl"
SEED = REPO / "examples" / "seed-article" / "article.txt"


def load_texts(limit: int | None) -> tuple[str, list[str]]:
    if CORPUS.exists():
        lines = CORPUS.read_text(encoding="utf-8").splitlines()
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
        name = f"{CORPUS.relative_to(REPO.parent)}"
    else:
        texts = [SEED.read_text(encoding="utf-8")] * 200
        name = f"{SEED.relative_to(REPO)} x200 (news corpus not found)"
    return name, texts[:limit] if limit else texts


def timed(run: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    count = run()
    return time.perf_counter() - start, count


def rates(seconds: float, words: int, articles: int) -> str:
    return f"  {seconds:8.1f} s  {words / seconds:10,.0f} words/s  {articles / seconds:6.1f} articles/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    name, texts = load_texts(args.limit)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {name}: {len(texts):,} articles, {words:,} words")

    bare = load_bare_model()
    ours = load_pipeline()
    warm = texts[: min(len(texts), 8)]
    list(bare.pipe(warm))
    list(analyze_many(article_from_text(t, source="warm-up") for t in warm))

    def run_bare() -> int:
        return sum(len(doc) for doc in bare.pipe(texts, batch_size=args.batch_size))

    failed: list[AnalysisFailed] = []

    def run_ours() -> int:
        articles = (article_from_text(t, source=f"article {i}") for i, t in enumerate(texts))
        records = 0
        for result in analyze_stream(articles, batch_size=args.batch_size):
            if isinstance(result, AnalysisFailed):
                failed.append(result)
            else:
                records += len(result.spans())
        return records

    bare_seconds, tokens = timed(run_bare)
    our_seconds, records = timed(run_ours)
    print(f"bare spaCy ({', '.join(bare.pipe_names)}):")
    print(rates(bare_seconds, words, len(texts)))
    print(f"newsledger.analyze_stream ({', '.join(ours.pipe_names)}), {records:,} record spans:")
    print(rates(our_seconds, words, len(texts)))
    print(f"ratio ours / bare: {our_seconds / bare_seconds:.2f}x  ({tokens:,} tokens)")
    print(f"articles the pipeline failed on: {len(failed)}" + "".join(f"\n  {f}" for f in failed[:10]))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
