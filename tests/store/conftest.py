"""The store suite runs every test on SQLite (a file in tmp_path) and on PostgreSQL (a throw-away
cluster started once per session on 127.0.0.1). If PostgreSQL cannot start, the PostgreSQL half fails
with the server's log: nothing is skipped."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.analyze import analyze
from newsledger.records import Analysis
from newsledger.store import Store, open_store
from newsledger.store.throwaway import ThrowawayPostgres
from tests.store.articles import KHARKIV_UPDATE, LEDGER, Story

DATABASES = ["sqlite", "postgresql"]
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[ThrowawayPostgres]:
    with ThrowawayPostgres() as cluster:
        yield cluster


@pytest.fixture(params=DATABASES)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty ledger: a fresh SQLite file, or a fresh database on the session's cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    cluster: ThrowawayPostgres = request.getfixturevalue("postgres_cluster")
    return cluster.create_database(f"ledger_{next(_database_numbers)}")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


def analyze_story(story: Story) -> Analysis:
    return analyze(
        story.text, published=story.published, outlet=story.outlet, url=story.url, title=story.title
    )


@pytest.fixture(scope="session")
def ledger_analyses(nlp: object) -> list[Analysis]:
    """The analyses of the small corpus, made once (``nlp`` loads the pipeline once for the session)."""
    return [analyze_story(story) for story in LEDGER]


@pytest.fixture(scope="session")
def kharkiv_update(nlp: object) -> Analysis:
    return analyze_story(KHARKIV_UPDATE)


@pytest.fixture
def filled_store(store: Store, ledger_analyses: list[Analysis], kharkiv_update: Analysis) -> Store:
    """A ledger holding the corpus, with the Kharkiv article in two versions."""
    for analysis in [*ledger_analyses, kharkiv_update]:
        store.ingest(analysis)
    return store
