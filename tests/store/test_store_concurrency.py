"""Real processes at once, and a real kill -9: the ledger neither corrupts, duplicates nor loses.

Two writer processes ingest overlapping analyses into one SQLite file or one PostgreSQL database; a
``newsledger ingest`` process is killed with SIGKILL in the middle of a run and a second run finishes the
job. Afterwards every stored article has exactly the rows its analysis makes, and no article is there
twice.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.records import Analysis
from newsledger.store import Store, open_store, schema
from newsledger.tables import analysis_rows
from tests.store.articles import generated_articles
from tests.store.conftest import analyze_story

NEWSLEDGER = Path(sys.executable).with_name("newsledger")

# One writer: waits for the start file, so both processes ingest at the same moment, then ingests the
# analyses of its JSON-lines file in order and prints how many came out added, unchanged, new_version.
WRITER = """
import json, sys, time
from pathlib import Path
from collections import Counter
from newsledger.records import Analysis
from newsledger.store import open_store
url, analyses_path, start = sys.argv[1:]
analyses = [Analysis.model_validate_json(line) for line in Path(analyses_path).read_text().splitlines()]
store = open_store(url)
while not Path(start).exists():
    time.sleep(0.005)
print(json.dumps(Counter(store.ingest(a).status for a in analyses)))
"""


# One linker: the same, but links each article right after ingesting it, as `newsledger ingest` does.
LINKER = """
import sys, time
from pathlib import Path
from newsledger.records import Analysis
from newsledger.store import open_store
from newsledger.store.linker import Linker
url, analyses_path, start = sys.argv[1:]
analyses = [Analysis.model_validate_json(line) for line in Path(analyses_path).read_text().splitlines()]
store = open_store(url)
linker = Linker(store)
while not Path(start).exists():
    time.sleep(0.005)
for analysis in analyses:
    store.ingest(analysis)
    linker.link(analysis)
"""


@pytest.fixture(scope="module")
def volume(nlp: object) -> list[Analysis]:
    """Analyses of 24 distinct generated articles, plus two texts of one URL (two versions)."""
    stories = generated_articles(24)
    analyses = [analyze_story(story) for story in stories]
    later = stories[0].__class__(**{**stories[0].__dict__, "text": stories[0].text + " Rescue work went on."})
    return [*analyses, analyze_story(later)]


def race(
    script: str, store_url: str, parts: tuple[list[Analysis], ...], tmp_path: Path, timeout: float
) -> list[tuple[str, str]]:
    """Run ``script`` in one process per part of the analyses, all released at the same moment once they
    have imported and opened the store; returns each process's (stdout, stderr), every one exited 0."""
    start = tmp_path / "start"
    processes = []
    for number, part in enumerate(parts):
        path = tmp_path / f"analyses-{number}.jsonl"
        path.write_text("".join(a.model_dump_json() + "\n" for a in part), encoding="utf-8")
        processes.append(
            subprocess.Popen(
                [sys.executable, "-c", script, store_url, str(path), str(start)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    time.sleep(1.0)  # all have imported and opened the store
    start.touch()
    outputs = [process.communicate(timeout=timeout) for process in processes]
    assert [process.returncode for process in processes] == [0] * len(parts), [err for _, err in outputs]
    return outputs


def assert_complete_and_unique(store: Store) -> int:
    """Every stored article has all of its rows, exactly once; returns how many articles there are."""
    with store.engine.connect() as connection:
        ids = connection.execute(select(schema.articles.c.article_id)).scalars().all()
        for article_id in ids:
            analysis = store.analysis(article_id)
            assert analysis is not None
            for name, rows in analysis_rows(analysis).items():
                table = schema.metadata.tables[name]
                count = connection.execute(
                    select(func.count()).select_from(table).where(table.c.article_id == article_id)
                ).scalar_one()
                assert count == len(rows), (article_id, name)
        current = connection.execute(
            select(schema.articles.c.url, func.count())
            .where(schema.articles.c.current)
            .group_by(schema.articles.c.url)
            .having(func.count() > 1)
        ).all()
        assert current == [], "one current version per URL"
        if store.dialect == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    return len(ids)


def test_two_processes_ingesting_overlapping_inputs_store_each_article_once(
    store_url: str, volume: list[Analysis], tmp_path: Path
) -> None:
    open_store(store_url).close()  # the schema exists before the race; opening races are tested below
    first, second = volume[:18], volume[6:][::-1]  # 12 in common, met in opposite orders
    outputs = race(WRITER, store_url, (first, second), tmp_path, timeout=120)
    counts = sum((Counter(json.loads(out)) for out, _ in outputs), Counter())
    distinct = {a.article.id for a in volume}
    assert counts["added"] + counts["new_version"] == len(distinct)
    assert counts["unchanged"] == len(first) + len(second) - len(distinct)
    with open_store(store_url) as store:
        assert assert_complete_and_unique(store) == len(distinct)
        query = select(schema.articles.c.version).where(schema.articles.c.url == volume[0].article.url)
        with store.engine.connect() as connection:
            assert sorted(connection.execute(query).scalars()) == [1, 2]


def test_two_processes_opening_a_new_ledger_at_once_both_migrate_it_safely(
    store_url: str, tmp_path: Path
) -> None:
    opener = "import sys; from newsledger.store import open_store; open_store(sys.argv[1]).close()"
    openers = [
        subprocess.Popen([sys.executable, "-c", opener, store_url], stderr=subprocess.PIPE) for _ in range(3)
    ]
    errors = [opener.communicate(timeout=60)[1] for opener in openers]
    assert [opener.returncode for opener in openers] == [0, 0, 0], errors
    with open_store(store_url) as store, store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


def test_kill_9_mid_ingest_loses_nothing_committed_and_a_rerun_finishes(
    store_url: str, tmp_path: Path, nlp: object
) -> None:
    stories = generated_articles(24)
    corpus = tmp_path / "night.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"text": s.text, "published": s.published.isoformat(), "url": s.url, "title": s.title})
            + "\n"
            for s in stories
        ),
        encoding="utf-8",
    )
    open_store(store_url).close()
    ingest = subprocess.Popen(
        [str(NEWSLEDGER), "ingest", str(corpus), "--db", store_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open_store(store_url) as store:
        deadline = time.monotonic() + 120
        stored = 0
        while stored == 0 and time.monotonic() < deadline and ingest.poll() is None:
            time.sleep(0.02)
            with store.engine.connect() as connection:
                stored = connection.execute(select(func.count()).select_from(schema.articles)).scalar_one()
        os.kill(ingest.pid, signal.SIGKILL)
        ingest.wait()
        assert ingest.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
        survived = assert_complete_and_unique(store)
        assert 0 < survived < len(stories)

    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert f"{len(stories) - survived} added, {survived} unchanged, 0 new versions, 0 failed" in result.output
    with open_store(store_url) as store:
        assert assert_complete_and_unique(store) == len(stories)
        # linked too, including what the killed run had stored but not yet linked
        from newsledger.store.linker import unlinked_articles

        assert unlinked_articles(store) == []


def link_snapshot(store: Store) -> dict[str, Any]:
    """Every link the ledger holds, in a form that does not depend on the order links were written."""
    from newsledger.store.link_tables import (
        link_claims,
        link_copies,
        link_entities,
        link_events,
        link_stories,
    )

    with store.engine.connect() as connection:
        return {
            "stories": dict(
                connection.execute(select(link_stories.c.article_id, link_stories.c.story_id)).all()
            ),
            "copies": {
                frozenset(pair)
                for pair in connection.execute(select(link_copies.c.article_id, link_copies.c.other_id))
            },
            "entities": {tuple(r) for r in connection.execute(select(link_entities))},
            "events": {tuple(r) for r in connection.execute(select(link_events))},
            "claims": {tuple(r) for r in connection.execute(select(link_claims))},
        }


def test_two_processes_linking_at_once_leave_the_links_one_process_would(
    store_url: str, volume: list[Analysis], tmp_path: Path
) -> None:
    from newsledger.store.linker import Linker, unlinked_articles

    open_store(store_url).close()
    race(LINKER, store_url, (volume[:18], volume[6:][::-1]), tmp_path, timeout=300)
    # The two texts of one URL raced too: the one stored second is the current version, and a correction
    # replaces its predecessor in every link, so the lone run stores them in the order the race did.
    with open_store(store_url) as store, store.engine.connect() as connection:
        query = select(schema.articles.c.article_id).where(schema.articles.c.current)
        current = set(connection.execute(query).scalars())
    in_order = sorted([volume[0], volume[-1]], key=lambda a: a.article.id in current)

    with open_store(f"sqlite:///{tmp_path / 'alone.db'}") as alone:
        linker = Linker(alone)
        for analysis in [*in_order, *volume[1:-1]]:
            alone.ingest(analysis)
            linker.link(analysis)
        expected = link_snapshot(alone)
    with open_store(store_url) as store:
        assert unlinked_articles(store) == []
        found = link_snapshot(store)
    assert len(set(expected["stories"].values())) < len(volume)
    assert found == expected


def test_links_written_story_by_story_equal_links_resolved_all_at_once(
    volume: list[Analysis], tmp_path: Path
) -> None:
    """Each link re-resolves only the stories it changes; whatever the order, the rows left behind are
    those of resolving every story of the final clustering from scratch."""
    import random

    from newsledger.store.link_tables import link_claims, link_entities, link_events
    from newsledger.store.linker import Linker, resolved_rows

    snapshots = []
    for seed in (1, 2, 3):
        order = list(volume)
        random.Random(seed).shuffle(order)
        # the two texts of one URL keep their order: the later text is the correction in every run
        first, second = order.index(volume[0]), order.index(volume[-1])
        if first > second:
            order[first], order[second] = order[second], order[first]
        with open_store(f"sqlite:///{tmp_path / f'order-{seed}.db'}") as store:
            linker = Linker(store)
            for analysis in order:
                store.ingest(analysis)
                linker.link(analysis)
            snapshots.append(link_snapshot(store))
            # the replaced first text is in no link: resolve the current articles only
            story_of = {a: s for a, s in linker.stories.stories().items() if a != volume[0].article.id}
            current = [a for a in (store.analysis(i) for i in story_of) if a is not None]
    assert snapshots[0] == snapshots[1] == snapshots[2]
    from_scratch = resolved_rows(current, story_of)
    for name, table in (("entities", link_entities), ("events", link_events), ("claims", link_claims)):
        rows = {tuple(row[c.name] for c in table.columns) for row in from_scratch[table]}
        assert snapshots[0][name] == rows, name
    assert len(set(story_of.values())) < len(story_of)
