"""The story pages' data, read from the ledger's link tables: the example corpus, linked as it is
ingested, gives the same stories, events and claims to the web pages as to the CLI's queries."""

from __future__ import annotations

from pathlib import Path

from newsledger.store import open_store
from newsledger.store.links import claim, event, list_stories
from newsledger.web.story_view import stories, story_of_article, story_view
from tests.web.conftest import Ledger


def test_a_republished_wire_story_counts_once(ledger: Ledger) -> None:
    wire = [a.article for a in ledger.corpus if "(Meridian Wire)" in a.article.text]
    assert len(wire) == 2 and {a.outlet for a in wire} == {"Meridian Wire", "Harbour Gazette"}
    with open_store(ledger.url) as store:
        story_id = story_of_article(store, wire[0].id)
        assert story_id is not None and story_of_article(store, wire[1].id) == story_id
        view = story_view(store, story_id)
    assert view is not None
    by_id = view.by_id
    assert by_id[wire[0].id].copy_of == [wire[1].id]
    assert by_id[wire[1].id].copy_of == [wire[0].id]
    assert view.independent_sources < len(view.articles)
    published = [item.published for item in view.articles]
    assert published == sorted(published)  # type: ignore[type-var]


def test_the_pages_and_the_queries_tell_the_same_stories(ledger: Ledger) -> None:
    with open_store(ledger.url) as store:
        summaries = stories(store)
        assert summaries == list_stories(store)
        assert sum(s.articles for s in summaries) == 1 + len(ledger.corpus)
        for summary in summaries:
            view = story_view(store, summary.story_id)
            assert view is not None and len(view.articles) == summary.articles
            assert view.independent_sources == summary.independent_sources
            members = {item.article_id for item in view.articles}
            for found in view.events:
                assert {t.article_id for t in found.tellings} <= members
                # only articles whose tellings affirm it (and none denies it) corroborate it
                stances = [{t.stance for t in found.tellings if t.article_id == a} for a in members]
                affirmed = any("affirms" in s and "denies" not in s for s in stances)
                assert (1 if affirmed else 0) <= found.independent_sources <= found.articles
                assert all(t.detail for t in found.tellings)
                assert event(store, found.event_id) == found
            for thread in view.claims:
                told_in = {entry.article_id for entry in thread.history}
                assert len(told_in) > 1 and told_in <= members
                dates = [entry.published for entry in thread.history]
                assert dates == sorted(dates)  # type: ignore[type-var]
                assert claim(store, thread.claim_id) == thread


def test_an_unknown_story_has_no_view(ledger: Ledger) -> None:
    with open_store(ledger.url) as store:
        assert story_view(store, "0000000000000000") is None
        assert story_of_article(store, "0000000000000000") is None


def test_an_article_not_linked_is_in_no_story_until_it_is(ledger: Ledger, tmp_path: Path) -> None:
    from newsledger.store.linker import Linker, link_pending

    with open_store(f"sqlite:///{tmp_path / 'unlinked.db'}") as store:
        store.ingest(ledger.seed)
        assert story_of_article(store, ledger.seed.article.id) is None
        assert stories(store) == []
        assert link_pending(store, Linker(store)).linked == 1
        assert story_of_article(store, ledger.seed.article.id) == ledger.seed.article.id
