"""The web ledger under test: a real SQLite ledger, the real server process, and Debian's Chromium.

The ledger holds the seed article (published 2024-11-18) and the example corpus, analyzed once per test
session. The server is ``newsledger serve`` in a subprocess on a free loopback port, exactly as a user
starts it. Chromium is driven by Playwright with the flags this machine's closed network needs (no
background connections); if it cannot start, the browser tests fail: nothing here is skipped.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, sync_playwright

from newsledger.analyze import analyze_many
from newsledger.errors import InputError
from newsledger.records import Analysis
from newsledger.sources import article_from_text, read_inputs
from newsledger.store import open_store
from newsledger.store.linker import Linker

REPO = Path(__file__).resolve().parents[2]
SEED_TEXT = REPO / "examples" / "seed-article" / "article.txt"
SEED_PUBLISHED = date(2024, 11, 18)
CORPUS = REPO / "examples" / "corpus" / "articles.jsonl"
SCREENSHOTS = REPO / "docs" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BODY_LIMIT = 200_000
STARTUP_SECONDS = 60


@dataclass(frozen=True)
class Ledger:
    """The test ledger on disk and what it holds."""

    url: str
    seed: Analysis
    corpus: list[Analysis]


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    token: str


@pytest.fixture(scope="session")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    """A SQLite ledger with the seed article and every example corpus article, analyzed for real."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'ledger.db'}"
    seed = article_from_text(
        SEED_TEXT.read_text(encoding="utf-8"), source=str(SEED_TEXT), published=SEED_PUBLISHED
    )
    articles = [seed]
    for item in read_inputs([str(CORPUS)]):
        assert not isinstance(item, InputError), item
        articles.append(item)
    analyses = list(analyze_many(articles))
    with open_store(url) as store:
        linker = Linker(store)
        for analysis in analyses:
            store.ingest(analysis)
            linker.link(analysis)  # as `newsledger ingest` does: the story pages read the links
    return Ledger(url=url, seed=analyses[0], corpus=analyses[1:])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(db_url: str, token: str, **settings: str) -> tuple[subprocess.Popen[bytes], str]:
    """``newsledger serve`` in a subprocess; returns once it answers, or fails with its stderr."""
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("NEWSLEDGER_")}
    env.update(NEWSLEDGER_TOKEN=token, NEWSLEDGER_MAX_BODY_BYTES=str(BODY_LIMIT), **settings)
    command = [sys.executable, "-m", "newsledger.cli", "serve", "--db", db_url, "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"newsledger serve exited with {process.returncode}: {err.decode()}")
        try:
            httpx.get(f"{base_url}/openapi.json", timeout=1.0)
            return process, base_url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"newsledger serve did not answer on {base_url} within {STARTUP_SECONDS} s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


@pytest.fixture(scope="session")
def live(ledger: Ledger) -> Iterator[LiveServer]:
    """The ledger served with open reads and a write token."""
    token = secrets.token_urlsafe(16)
    process, base_url = start_server(ledger.url, token)
    yield LiveServer(base_url, token)
    stop_server(process)


@pytest.fixture(scope="session")
def live_closed(ledger: Ledger) -> Iterator[LiveServer]:
    """The same ledger served with reads closed by the token (NEWSLEDGER_READ_TOKEN_REQUIRED=1)."""
    token = secrets.token_urlsafe(16)
    process, base_url = start_server(ledger.url, token, NEWSLEDGER_READ_TOKEN_REQUIRED="1")
    yield LiveServer(base_url, token)
    stop_server(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
