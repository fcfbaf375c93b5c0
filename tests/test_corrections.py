"""Corrections: a new text under an article's URL replaces the old one in every link, the old one stays.

A corrected article is a new version (same URL, changed text). Its story, wire copies, entities, events and
claim threads are drawn from the new version alone, whatever order the versions are linked in and across a
reopened ledger; the old text stays readable, and the export's links point only at exported analyses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from newsledger.records import Analysis
from newsledger.store import Store, open_store
from newsledger.store.exports import export_jsonl
from newsledger.store.link_tables import link_claims, link_copies, link_entities, link_events, link_stories
from newsledger.store.linker import Linker, link_pending
from newsledger.store.links import story
from newsledger.store.queries import article_versions
from tests.store.articles import KHARKIV, KHARKIV_UPDATE, RUTTE, Story
from tests.store.conftest import analyze_story

# The Kharkiv report as a wire service ran it, word for word under its own dateline and URL.
WIRE_COPY = Story(
    text="KYIV, Nov 18 (Wire Europe) - " + KHARKIV.text,
    published=KHARKIV.published,
    outlet="Wire Europe",
    url="https://wire-europe.example/kharkiv",
    title="Russia fires 40 missiles at Kharkiv",
)
SECOND_COPY = Story(
    text=KHARKIV.text + " Wire Europe contributed reporting.",
    published=KHARKIV.published,
    outlet="Baltic Courier",
    url="https://courier.example/kharkiv-missiles",
    title="Kharkiv hit by 40 missiles",
)


@pytest.fixture(scope="module")
def texts(nlp: object) -> dict[str, Analysis]:
    stories = {
        "old": KHARKIV,
        "new": KHARKIV_UPDATE,
        "copy": WIRE_COPY,
        "second": SECOND_COPY,
        "rutte": RUTTE,
    }
    return {key: analyze_story(s) for key, s in stories.items()}


def _linked_ids(store: Store) -> dict[str, set[str]]:
    """Which articles each link table names."""
    with store.engine.connect() as connection:
        found = {
            table.name: set(connection.execute(select(table.c.article_id)).scalars())
            for table in (link_stories, link_entities, link_events, link_claims)
        }
        copies = connection.execute(select(link_copies.c.article_id, link_copies.c.other_id)).all()
    found["link_copies"] = {a for pair in copies for a in pair}
    return found


def _assert_replaced(store: Store, texts: dict[str, Analysis]) -> None:
    old, new = texts["old"].article.id, texts["new"].article.id
    linked = _linked_ids(store)
    for table, ids in linked.items():
        assert old not in ids, f"{table} still links the replaced version"
    for table in ("link_stories", "link_entities", "link_events", "link_claims", "link_copies"):
        assert new in linked[table], f"{table} does not link the correction"
    with store.engine.connect() as connection:
        story_id = connection.execute(
            select(link_stories.c.story_id).where(link_stories.c.article_id == new)
        ).scalar_one()
    view = story(store, story_id)
    assert view is not None
    members = {a.article_id for a in view.articles}
    assert old not in members and {new, texts["copy"].article.id} <= members
    assert store.analysis(old) is not None, "the replaced text stays readable as history"


def test_a_correction_replaces_its_predecessor_in_every_link(
    tmp_path: Path, texts: dict[str, Analysis]
) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    with open_store(url) as store:
        linker = Linker(store)
        for key in ("old", "copy", "rutte"):
            store.ingest(texts[key])
            linker.link(texts[key])
        assert texts["old"].article.id in _linked_ids(store)["link_copies"]
        assert store.ingest(texts["new"]).status == "new_version"
        linker.link(texts["new"])
        _assert_replaced(store, texts)

    # Reopened: the replaced version is back in the in-memory index, but a link that touches its story
    # must not write it back.
    with open_store(url) as store:
        linker = Linker(store)
        store.ingest(texts["second"])
        linker.link(texts["second"])
        _assert_replaced(store, texts)
        assert texts["second"].article.id in _linked_ids(store)["link_stories"]

        exported = tmp_path / "export"
        exported.mkdir()
        export_jsonl(store, exported)
        analyses = {
            json.loads(line)["article"]["id"]
            for line in (exported / "analyses.jsonl").read_text().splitlines()
        }
        for name in ("story_members", "entity_links", "event_links", "claim_links", "claim_history"):
            rows = [json.loads(line) for line in (exported / f"{name}.jsonl").read_text().splitlines()]
            assert rows, name
            assert {r["article_id"] for r in rows} <= analyses, f"{name} names an article not exported"

        versions = article_versions(store, texts["new"].article.id)
        assert [(v.version, v.current) for v in versions] == [(1, False), (2, True)]
        assert [v.article_id for v in versions] == [texts["old"].article.id, texts["new"].article.id]
        assert article_versions(store, texts["rutte"].article.id)[0].version == 1
        assert article_versions(store, "no-such-article") == []


def test_versions_linked_out_of_order_link_only_the_current_one(
    tmp_path: Path, texts: dict[str, Analysis]
) -> None:
    """Both versions ingested before any link (``ingest --no-link``), then linked in either order."""
    for order in (("new", "old"), ("old", "new")):
        url = f"sqlite:///{tmp_path / ('-'.join(order) + '.db')}"
        with open_store(url) as store:
            for key in ("old", "new", "copy"):
                store.ingest(texts[key])
            linker = Linker(store)
            for key in order:
                linker.link(texts[key])
            link_pending(store, linker)
            _assert_replaced(store, texts)


def test_a_long_running_linker_forgets_the_versions_corrections_replace(
    tmp_path: Path, texts: dict[str, Analysis]
) -> None:
    """The replaced version leaves the linker's memory (features, index keys, MinHash): it is no
    candidate for the articles that come after, and a reopened linker does not load it back."""
    from newsledger.corpus.features import features_of

    old, new = texts["old"].article.id, texts["new"].article.id
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    with open_store(url) as store:
        linker = Linker(store)
        for key in ("old", "copy", "rutte"):
            store.ingest(texts[key])
            linker.link(texts[key])
        assert old in linker.stories.candidates(features_of(texts["second"]))
        store.ingest(texts["new"])
        linker.link(texts["new"])
        assert not linker.stories.has(old) and linker.stories.has(new)
        assert len(linker.stories) == len(linker.wire) == 3  # new, copy, rutte
        assert old not in linker.stories.candidates(features_of(texts["second"]))
        assert all(old not in (c.first, c.second) for c in linker.wire.copies)
        assert linker.is_linked(old)  # linked before: linking it again changes nothing
        assert linker.link(texts["old"]).relinked == 0
        store.ingest(texts["second"])
        outcome = linker.link(texts["second"])
        assert old not in outcome.copies and new in outcome.copies
        _assert_replaced(store, texts)

    with open_store(url) as store:
        reopened = Linker(store)
        assert not reopened.stories.has(old) and len(reopened.stories) == 4
        assert reopened.stories.stories() == {a: s for a, s in linker.stories.stories().items()}
