"""The ledger store's speed on SQLite and PostgreSQL: ingest throughput and query latency.

1. Ingest, analysis excluded: analyses built beforehand (variants of one real analysis, each a distinct
   text under its own URL) stored one transaction each through ``Store.ingest``.
2. Ingest, analysis included: ~100 articles of ``../shared/data/news-corpus/articles.jsonl`` beside the
   repository (generated strike reports when it is absent) analyzed once, then stored in each database;
   the rate counts the analysis time plus that database's ingest time.
3. Query latency: ledgers of synthetic records (about 46 rows per article across the record tables,
   written with bulk inserts, not through ``ingest``) at each ``--scale``; median and p95 over
   ``--repeat`` runs of an entity timeline (a name in about 5% of the articles) and of claims by status,
   through the public query functions (so including building the result rows).

PostgreSQL is a throw-away cluster (``newsledger.store.throwaway``) with fsync on, as a real server runs.
Prints figures, asserts nothing.

    python benchmarks/store.py [--scale 10000,1000000] [--repeat 30] [--ingest 300] [--analyze 100]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from newsledger.records import Analysis, Article
from newsledger.store import Store, open_store, queries, schema
from newsledger.store.throwaway import ThrowawayPostgres
from newsledger.tables import TABLES, analysis_rows

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "news-corpus" / "articles.jsonl"
ROWS_PER_ARTICLE = 46  # 1 article + 8 entities + 12 mentions + 5 attributions + 6 claims + 3 events
#                        + 3 tellings + 3 places + 2 quantities + 3 times
TIMELINE_NAME = "Volodymyr Zelensky"
CLAIM_STATUS = "denied"
STATUSES = {
    "reported": 40,
    "asserted": 25,
    "confirmed": 8,
    "denied": 7,
    "hedged": 8,
    "unconfirmed": 7,
    "retracted": 2,
    "unattributed_opinion": 3,
}
EVENT_TYPES = ("ASSAULT", "ACCUSE", "CONSULT", "PROTEST", "REQUEST", "SANCTION", "COERCE", "AID")
COUNTRIES = ("UA", "RU", "SD", "GE", "IL", "PS", "SY", "YE", "MM", "CD")


# --- 1 and 2: ingest -----------------------------------------------------------------------------------


def variants(analysis: Analysis, count: int) -> list[Analysis]:
    """``count`` distinct analyses from one: the text gets a unique tail (every offset stays valid), so
    each is a new article under its own URL."""
    made = []
    for number in range(count):
        body = f"{analysis.article.text}\n\n(Variant {number}.)"
        article = analysis.article.model_copy(
            update={"id": Article.make_id(body), "text": body, "url": f"https://bench.example/{number}"}
        )
        made.append(analysis.model_copy(update={"article": article}))
    return made


def ingest_rate(store: Store, analyses: list[Analysis]) -> tuple[float, float]:
    """Seconds to ingest ``analyses`` one transaction each, and articles per second."""
    start = time.perf_counter()
    for analysis in analyses:
        store.ingest(analysis)
    seconds = time.perf_counter() - start
    return seconds, len(analyses) / seconds


def corpus_articles(limit: int) -> tuple[str, list[Article]]:
    from newsledger.sources import article_from_text

    if CORPUS.exists():
        lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [json.loads(line)["text"] for line in lines[:limit]]
        name = str(CORPUS.relative_to(REPO.parent))
    else:
        texts = [
            f"Russian forces struck the city overnight with {n + 3} drones, the regional governor said. "
            f"At least {n % 7 + 1} people were wounded, officials said. Moscow did not comment."
            for n in range(limit)
        ]
        name = "generated strike reports (news corpus not found)"
    return name, [article_from_text(t, source=f"bench:{i}") for i, t in enumerate(texts)]


# --- 3: synthetic ledgers and query latency ------------------------------------------------------------


def synthetic_rows(
    articles: int, first_seen: object, seed: int = 7
) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    """Rows for ``articles`` synthetic articles, table by table, in chunks of 1,000 articles.

    Names follow a Zipf-like popularity over 2,000 people, with ``TIMELINE_NAME`` in about 5% of the
    articles; claims and mentions overlap so that "said about" has something to find.
    """
    rng = random.Random(seed)
    people = [f"Person {n} Surname{n % 97}" for n in range(2000)]
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(people))]
    statuses, status_weights = list(STATUSES), list(STATUSES.values())
    chunk: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    for number in range(articles):
        aid = f"{number:016x}"
        published = date(2020, 1, 1) + timedelta(days=number % 1800)
        body = " ".join(
            f"Sentence {k} of synthetic report {number} about the war and politics." for k in range(8)
        )
        chunk["articles"].append(
            (aid, f"Report {number}", published, f"Outlet {number % 40}", f"https://synthetic.example/{number}",
             "en", "synthetic", "0.3.0", body, 1, True, first_seen)
        )  # fmt: skip
        names = list(dict.fromkeys(rng.choices(people, weights, k=8)))
        if rng.random() < 0.05 and TIMELINE_NAME not in names:
            names[0] = TIMELINE_NAME
        names = list(dict.fromkeys(names))
        for e, name in enumerate(names):
            chunk["entities"].append((aid, f"e{e}", name, "PERSON", 1, schema.name_key(name)))
            chunk["mentions"].append((aid, f"e{e}", e * 60 + 5, e * 60 + 20, name))
        for e in range(12 - len(names)):  # second mentions of the first entities
            chunk["mentions"].append(
                (aid, f"e{e % len(names)}", e * 60 + 30, e * 60 + 45, names[e % len(names)])
            )
        for a in range(5):
            source = names[a % len(names)]
            chunk["attributions"].append(
                (aid, f"a{a}", a * 60, a * 60 + 20, source, f"e{a % len(names)}", source, "person",
                 a * 60 + 21, a * 60 + 25, "said", "say", a * 60 + 26, a * 60 + 58, "content",
                 "[]", "indirect", None, 0.9, schema.name_key(source))
            )  # fmt: skip
        for c in range(6):
            chunk["claims"].append(
                (aid, f"c{c}", c * 60, c * 60 + 58, f"claim {c} of report {number}",
                 f"a{c}" if c < 5 else None, rng.choices(statuses, status_weights)[0], "[]", "positive", 0.5)
            )  # fmt: skip
        for p in range(3):
            country = COUNTRIES[rng.randrange(len(COUNTRIES))]
            chunk["places"].append(
                (aid, f"p{p}", p * 50, p * 50 + 6, "Place", None, f"Place {p}", "city", country, None,
                 48.0, 35.0, 1000 + p, 0.9, "name", f"place {p}")
            )  # fmt: skip
        for v in range(3):
            chunk["events"].append(
                (aid, f"v{v}", EVENT_TYPES[rng.randrange(len(EVENT_TYPES))], "actual",
                 names[0], "e0", 0, 10, names[0], names[-1], f"e{len(names) - 1}", 20, 30, names[-1],
                 "[]", f"p{v}", None, None, "[]", "reported", 0.8, published)
            )  # fmt: skip
            chunk["tellings"].append(
                (aid, f"v{v}", 0, v * 60 + 11, v * 60 + 17, "struck", "a0", names[0], "[]")
            )
        for q in range(2):
            chunk["quantities"].append((aid, f"q{q}", q * 40, q * 40 + 3, "120", 120.0, "missile", "exact",
                                        120.0, 120.0, "munition"))  # fmt: skip
        for t in range(3):
            chunk["times"].append((aid, f"t{t}", t * 30, t * 30 + 6, "Sunday", "DATE", published.isoformat(),
                                   None, True, published))  # fmt: skip
        if (number + 1) % 1000 == 0 or number + 1 == articles:
            yield chunk
            chunk = {name: [] for name in TABLES}


def column_names(table: str) -> list[str]:
    """The columns of a synthetic row, in the order ``synthetic_rows`` writes them."""
    names = [c.name for c in TABLES[table]]
    extra = {
        "articles": ["version", "current", "first_seen"],
        "entities": ["name_key"],
        "attributions": ["source_key"],
        "places": ["name_key"],
        "events": ["day"],
    }
    return names + extra.get(table, [])


def bulk_load(engine: Engine, articles: int) -> None:
    """Write the synthetic ledger straight into the tables: executemany on SQLite, COPY on PostgreSQL."""
    now = datetime.now(UTC)
    # SQLite gets the text SQLAlchemy itself would write; PostgreSQL a timestamptz.
    first_seen = now.strftime("%Y-%m-%d %H:%M:%S.%f") if engine.dialect.name == "sqlite" else now
    raw = engine.raw_connection()
    try:
        for chunk in synthetic_rows(articles, first_seen):
            if engine.dialect.name == "sqlite":
                cursor = raw.cursor()
                cursor.execute("BEGIN")
                for table, rows in chunk.items():
                    columns = column_names(table)
                    quoted = ", ".join(f'"{c}"' for c in columns)
                    marks = ", ".join("?" for _ in columns)
                    cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)
                cursor.execute("COMMIT")
            else:
                connection = raw.driver_connection
                assert connection is not None
                with connection.cursor() as cursor:
                    for table, rows in chunk.items():
                        quoted = ", ".join(f'"{c}"' for c in column_names(table))
                        with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row(row)
                connection.commit()
    finally:
        raw.close()
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()


def latency(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and p95 of ``run`` in milliseconds, after one warm-up run."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


# --- the run --------------------------------------------------------------------------------------------


def databases(folder: Path, cluster: ThrowawayPostgres, name: str) -> dict[str, str]:
    return {"sqlite": f"sqlite:///{folder / f'{name}.db'}", "postgresql": cluster.create_database(name)}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", default="10000,1000000", help="record counts for the query ledgers")
    parser.add_argument("--repeat", type=int, default=30, help="runs of each query")
    parser.add_argument("--ingest", type=int, default=300, help="pre-built analyses to ingest")
    parser.add_argument("--analyze", type=int, default=100, help="articles to analyze, then ingest")
    args = parser.parse_args()
    scales = [int(s) for s in args.scale.split(",")]

    from newsledger.analyze import analyze_stream

    corpus_name, articles = corpus_articles(args.analyze)
    start = time.perf_counter()
    analyses = [a for a in analyze_stream(articles) if isinstance(a, Analysis)]
    analysis_seconds = time.perf_counter() - start
    richest = max(analyses, key=lambda a: len(a.claims) + len(a.events) + len(a.attributions))
    prebuilt = variants(richest, args.ingest)
    rows_each = sum(len(rows) for rows in analysis_rows(richest).values())
    print(f"analysis: {len(analyses)} articles of {corpus_name} in {analysis_seconds:.1f} s")
    print(f"pre-built analyses: {args.ingest} variants of one article with {rows_each} rows\n")

    with (
        tempfile.TemporaryDirectory(prefix="newsledger-bench-") as folder,
        ThrowawayPostgres(durable=True) as cluster,
    ):
        print(f"{'database':<11} {'ingest, analysis excluded':>27} {'ingest, analysis included':>27}")
        for dialect, url in databases(Path(folder), cluster, "ingest").items():
            with open_store(url) as store:
                _, excluded = ingest_rate(store, prebuilt)
                seconds, _ = ingest_rate(store, analyses)
            included = len(analyses) / (analysis_seconds + seconds)
            print(f"{dialect:<11} {excluded:>18,.1f} art/s {included:>18,.1f} art/s")

        print(
            f"\n{'database':<11} {'records':>10} {'articles':>9} {'load s':>7}"
            f" {'timeline ms (median / p95)':>27} {'items':>6} {'claims ms (median / p95)':>25} {'rows':>5}"
        )
        for records in scales:
            count = max(1, records // ROWS_PER_ARTICLE)
            for dialect, url in databases(Path(folder), cluster, f"q{records}").items():
                with open_store(url) as store:
                    start = time.perf_counter()
                    bulk_load(store.engine, count)
                    load = time.perf_counter() - start
                    items = len(queries.entity_timeline(store, TIMELINE_NAME))
                    rows = len(queries.find_claims(store, status=CLAIM_STATUS))
                    timeline = latency(lambda: queries.entity_timeline(store, TIMELINE_NAME), args.repeat)
                    claims = latency(lambda: queries.find_claims(store, status=CLAIM_STATUS), args.repeat)
                print(
                    f"{dialect:<11} {records:>10,} {count:>9,} {load:>7.1f} "
                    f"{timeline[0]:>14.1f} / {timeline[1]:>8.1f} {items:>6} "
                    f"{claims[0]:>13.1f} / {claims[1]:>7.1f} {rows:>5}"
                )


if __name__ == "__main__":
    main()
