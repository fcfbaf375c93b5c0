"""Requests per second and latency of the web ledger on loopback: the seed's article page and API queries.

Builds (or reuses) a SQLite ledger holding the seed article and the example corpus, starts the real
``newsledger serve`` process on a free port, and sends each target a bounded number of GET requests from
a few client threads, stopping early at a time bound. Prints one row per target; asserts nothing.

    python benchmarks/web.py [--db ledger.db] [--requests 400] [--clients 4] [--seconds 20]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx

from newsledger.analyze import analyze_many
from newsledger.errors import InputError
from newsledger.sources import article_from_text, read_inputs
from newsledger.store import open_store, queries

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "seed-article" / "article.txt"
CORPUS = REPO / "examples" / "corpus" / "articles.jsonl"


@dataclass(frozen=True)
class Figures:
    target: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000


def build_ledger(url: str) -> str:
    """Ingest the seed and the corpus unless the ledger holds them; returns the seed's article id."""
    seed = article_from_text(SEED.read_text(encoding="utf-8"), source=str(SEED), published=date(2024, 11, 18))
    with open_store(url) as store:
        if not store.has_article(seed.id):
            articles = [seed] + [a for a in read_inputs([str(CORPUS)]) if not isinstance(a, InputError)]
            for analysis in analyze_many(articles):
                store.ingest(analysis)
        count = len(queries.list_articles(store, limit=500))
    print(f"ledger: {url} ({count} articles)")
    return seed.id


def serve(url: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLEDGER_")}
    command = [sys.executable, "-m", "newsledger.cli", "serve", "--db", url, "--port", str(port)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{base}/openapi.json", timeout=1.0)
            return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server did not start on {base}")


def measure(base: str, path: str, total: int, clients: int, seconds: float) -> Figures:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    remaining = [total]

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as http:
            http.get(path)  # warm the connection
            while time.perf_counter() < deadline:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                started = time.perf_counter()
                status = http.get(path).status_code
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    errors += status != 200

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Figures(path, len(latencies), errors, time.perf_counter() - began, latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="ledger URL or SQLite path (default: a temporary file)")
    parser.add_argument("--requests", type=int, default=400, help="requests per target")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--seconds", type=float, default=20.0, help="time bound per target")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'ledger.db'}"
        seed_id = build_ledger(url)
        process, base = serve(url)
        try:
            targets = [
                f"/articles/{seed_id}",
                "/api/claims?status=reported",
                "/api/search?q=missiles",
                f"/api/articles/{seed_id}",
            ]
            results = [measure(base, t, args.requests, args.clients, args.seconds) for t in targets]
        finally:
            process.terminate()
            process.wait(timeout=10)

    print(
        f"{args.clients} clients, up to {args.requests} requests or {args.seconds:g} s per target, loopback"
    )
    print(
        f"{'target':<36} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    )
    for f in results:
        print(
            f"{f.target:<36} {f.requests:>8} {f.errors:>6} {f.per_second:>8.1f} {f.percentile(0.5):>8.1f} "
            f"{f.percentile(0.95):>8.1f} {max(f.latencies) * 1000 if f.latencies else 0:>8.1f}"
        )
    print(f"p50 of all: {statistics.median(x for f in results for x in f.latencies) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
