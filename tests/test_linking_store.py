"""Links kept in the ledger: a new article joins its story, copies count once, the index survives reopening."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsledger.analyze import analyze
from newsledger.records import Analysis
from newsledger.store import open_store
from newsledger.store.links import Linker, claim, event, link_stories, story
from tests.test_corpus_stories import LOMBOK, VICTORIA
from tests.test_corpus_wire import REPUBLISHED, WIRE

STRIKE = (
    "Russia launched 120 missiles and 90 drones at Ukraine's energy grid overnight, the Ukrainian Air Force "
    "said on Sunday. Russian forces struck power plants in Lviv and Odesa, officials said."
)
STRIKE_LATER = (
    "President Volodymyr Zelensky confirmed on Monday that Russia launched 120 missiles and 90 drones at "
    "Ukraine's energy grid. Russian forces struck power plants in Lviv and Odesa, he said."
)


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    texts = {
        "lombok-0": (LOMBOK[0], "Jakarta Post", date(2024, 6, 1)),
        "lombok-1": (LOMBOK[1], "Antara", date(2024, 6, 2)),
        "victoria-0": (VICTORIA[0], "The Citizen", date(2024, 6, 1)),
        "wire": (WIRE, "Reuters", date(2024, 3, 4)),
        "republished": (REPUBLISHED, "Kyiv Daily", date(2024, 3, 4)),
        "strike": (STRIKE, "Kyiv Independent", date(2024, 11, 17)),
        "strike-later": (STRIKE_LATER, "Ukrainska Pravda", date(2024, 11, 18)),
    }
    return {k: analyze(t, outlet=o, published=d) for k, (t, o, d) in texts.items()}


def test_linking_in_the_ledger(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    with open_store(url) as store:
        for analysis in analyses.values():
            store.ingest(analysis)
        linker = Linker(store)
        for key in ("lombok-0", "victoria-0", "wire", "republished", "strike", "strike-later"):
            linker.link(analyses[key])

    # Reopened: the index comes back from the tables, and the last article joins its story incrementally.
    with open_store(url) as store:
        linker = Linker(store)
        assert linker.is_linked(analyses["lombok-0"].article.id)
        outcome = linker.link(analyses["lombok-1"])
        assert outcome.story_id == linker.stories.story_of(analyses["lombok-0"].article.id)

        lombok = story(store, outcome.story_id)
        assert lombok is not None
        assert {a.article_id for a in lombok.articles} == {
            analyses["lombok-0"].article.id,
            analyses["lombok-1"].article.id,
        }
        assert lombok.independent_sources == 2

        wire_story = story(store, linker.stories.story_of(analyses["wire"].article.id))
        assert wire_story is not None
        assert len(wire_story.articles) == 2
        assert wire_story.independent_sources == 1
        assert story(store, "no-such-story") is None
        by_article = story(store, analyses["lombok-1"].article.id)
        assert by_article is not None and by_article.story_id == outcome.story_id

        with store.engine.connect() as connection:
            stories = dict(
                connection.execute(
                    link_stories.select().with_only_columns(
                        link_stories.c.article_id, link_stories.c.story_id
                    )
                ).all()
            )
        assert stories[analyses["victoria-0"].article.id] != outcome.story_id


def test_event_and_claim_across_two_outlets(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    with open_store(f"sqlite:///{tmp_path / 'ledger.db'}") as store:
        linker = Linker(store)
        for key in ("strike", "strike-later"):
            store.ingest(analyses[key])
            linker.link(analyses[key])
        from newsledger.store.links import link_claims, link_events

        with store.engine.connect() as connection:
            events = connection.execute(link_events.select()).all()
            claims = connection.execute(link_claims.select()).all()
        shared_events = {
            r.cross_event_id for r in events if r.article_id == analyses["strike"].article.id
        } & {r.cross_event_id for r in events if r.article_id == analyses["strike-later"].article.id}
        assert shared_events, "the strike told by two outlets is one event"
        view = event(store, sorted(shared_events)[0])
        assert view is not None
        assert {t.outlet for t in view.tellings} == {"Kyiv Independent", "Ukrainska Pravda"}
        assert view.independent_sources == 2

        shared_claims = {r.thread_id for r in claims if r.article_id == analyses["strike"].article.id} & {
            r.thread_id for r in claims if r.article_id == analyses["strike-later"].article.id
        }
        assert shared_claims, "the same figures reported by two outlets are one claim"
        thread = claim(store, sorted(shared_claims)[0])
        assert thread is not None
        assert thread.first_seen.outlet == "Kyiv Independent"
        assert [e.published for e in thread.history] == [date(2024, 11, 17), date(2024, 11, 18)]


def test_event_and_claim_rows_carry_their_links_and_corroboration(
    tmp_path: Path, analyses: dict[str, Analysis]
) -> None:
    from newsledger.store import queries

    strike, later = analyses["strike"], analyses["strike-later"]
    with open_store(f"sqlite:///{tmp_path / 'ledger.db'}") as store:
        store.ingest(strike)
        assert {row.linked_event_id for row in queries.find_events(store)} == {None}  # not linked yet
        linker = Linker(store)
        linker.link(strike)
        store.ingest(later)
        linker.link(later)

        story_id = linker.stories.story_of(strike.article.id)
        events = queries.find_events(store)
        assert events and all(row.story_id == story_id for row in events)
        shared = [row for row in events if row.told_in == 2]
        assert shared, "the strike told by both outlets"
        for row in shared:
            found = event(store, row.linked_event_id or "")
            assert found is not None and found.independent_sources == row.independent_sources == 2
            assert (row.article_id, row.event_id) in {(t.article_id, t.event_id) for t in found.tellings}

        claims = queries.find_claims(store)
        assert all(row.linked_claim_id and row.independent_sources for row in claims)
        for claim_row in claims:
            thread = claim(store, claim_row.linked_claim_id or "")
            assert thread is not None
            assert claim_row.told_in == len({e.article_id for e in thread.history})
            assert claim_row.independent_sources == thread.independent_sources


NAMED_PRESIDENT = (
    "Ukrainian President Volodymyr Zelensky said on Tuesday that Russian drones had struck the Burshtyn "
    "power plant near Ivano-Frankivsk overnight, cutting electricity to thousands of homes. Repair crews "
    "were working to restore power to the Burshtyn plant, the energy ministry said."
)
DESCRIBED_PRESIDENT = (
    '"They want to leave us in the dark," the Ukrainian president said on Tuesday after Russian drones '
    "struck the Burshtyn power plant near Ivano-Frankivsk overnight. Electricity to thousands of homes was "
    "cut, and repair crews were working at the Burshtyn plant."
)


def test_a_described_source_is_linked_to_the_person_the_story_names(tmp_path: Path) -> None:
    from newsledger.store.links import link_entities

    named = analyze(NAMED_PRESIDENT, outlet="Kyiv Post", published=date(2024, 9, 3))
    described = analyze(DESCRIBED_PRESIDENT, outlet="Ukrinform", published=date(2024, 9, 3))
    with open_store(f"sqlite:///{tmp_path / 'ledger.db'}") as store:
        linker = Linker(store)
        for analysis in (described, named):
            store.ingest(analysis)
            linker.link(analysis)
        assert linker.stories.story_of(named.article.id) == linker.stories.story_of(described.article.id)
        with store.engine.connect() as connection:
            rows = connection.execute(link_entities.select()).all()
    zelensky = {r.canonical_id for r in rows if r.canonical_name == "Volodymyr Zelensky"}
    assert len(zelensky) == 1
    source = next(a for a in described.attributions if a.source and a.source.text == "the Ukrainian president")
    linked = {(r.article_id, r.entity_id): r.canonical_id for r in rows}
    assert linked[(described.article.id, f"{source.id}:source")] == zelensky.pop()
