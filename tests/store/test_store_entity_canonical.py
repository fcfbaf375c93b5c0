"""The entity timeline follows the canonical entity that linking gives a name, on both databases.

Two outlets spell the Ukrainian president differently in one story about a strike on the power grid (a
third piece there calls him only "Zelensky"); an article of another story, about talks in Brussels, names
him in full with a third spelling. Once linked, the timeline is the same whichever spelling is asked for;
unlinked, each spelling finds only itself, as before linking. A quote given to "the Ukrainian president"
counts as his once a link row ``(article_id, "<attribution_id>:source")`` resolves that source to him,
and so does an event whose actor is that description (``"<event_id>:actor"``). An article not linked yet
is found under any spelling the linked ones use; a footballer called "Zelensky", whom the linker keeps
apart, stays out of the president's timeline.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, select

from newsledger.corpus.descriptions import ACTOR_KEY, SOURCE_KEY
from newsledger.corpus.names import name_words
from newsledger.records import Analysis
from newsledger.store import Store, queries
from newsledger.store.link_tables import link_entities
from newsledger.store.links import Linker
from newsledger.store.results import TimelineItem
from tests.store.articles import Story
from tests.store.conftest import analyze_story

GRID_KYIV = Story(
    text=(
        "Russia struck Ukraine's power grid with 90 missiles and 60 drones overnight, cutting electricity "
        "to more than a million homes in Kyiv, Kharkiv and Odesa, the energy ministry said on Sunday. "
        "President Volodymyr Zelensky said the attack was one of the largest on the energy system since "
        "the invasion began and urged allies to speed up deliveries of air defence systems. "
        "Ukrenergo said emergency power cuts would continue in several regions on Monday."
    ),
    published=date(2024, 12, 1),
    outlet="Kyiv Courier",
    url="https://courier.example/2024/12/grid-strike",
    title="Russia pounds Ukraine's power grid",
)
GRID_WIRE = Story(
    text=(
        "Russia launched 90 missiles and 60 drones at Ukraine's power grid overnight, leaving more than a "
        "million homes in Kyiv, Kharkiv and Odesa without electricity, the energy ministry said on Sunday. "
        "Ukrainian President Volodymyr Zelenskiy said the strike was among the largest on the energy system "
        "since the invasion began. Grid operator Ukrenergo said emergency power cuts would continue in "
        "several regions on Monday."
    ),
    published=date(2024, 12, 1),
    outlet="Wire Service",
    url="https://wire.example/ukraine-grid-strike",
    title="Missiles and drones hit Ukraine's grid",
)
GRID_BRIEF = Story(
    text=(
        "Power cuts continued across Ukraine on Monday after Russia fired 90 missiles and 60 drones at the "
        "energy grid at the weekend. Zelensky said on Monday that repairs would take weeks."
    ),
    published=date(2024, 12, 2),
    outlet="Morning Brief",
    url="https://brief.example/2024-12-02",
    title="Power cuts go on",
)
BRUSSELS_TALKS = Story(
    text=(
        "Ukrainian President Volodymyr Zelenskyy held talks with Dutch Prime Minister Dick Schoof in "
        "Brussels on Thursday. Zelenskyy said Ukraine needed more artillery shells before the winter. "
        "Schoof said the Netherlands would send another 200 million euros of military aid."
    ),
    published=date(2024, 12, 12),
    outlet="Lowlands Post",
    url="https://lowlands.example/schoof-zelenskyy-talks",
    title="Schoof promises more aid",
)
AID_PACKAGE = Story(
    text=(
        "European Union leaders agreed a new package of military aid for Ukraine at a summit in Brussels on "
        "Friday. The Ukrainian president met Dutch Prime Minister Dick Schoof on the sidelines of the summit. "
        "The Ukrainian president said the package would help his forces hold the front through the winter. "
        "Ursula von der Leyen said the first deliveries would arrive within weeks."
    ),
    published=date(2024, 12, 13),
    outlet="Europe Daily",
    url="https://europe-daily.example/eu-aid-package",
    title="EU agrees military aid package",
)
REPAIRS = Story(
    text=(
        "Engineers restored power to most of Kyiv on Wednesday, three days after Russia's attack on the "
        "grid, the city administration said. President Volodymyr Zelensky thanked repair crews and said the "
        "government would help families left without heating."
    ),
    published=date(2024, 12, 4),
    outlet="Kyiv Courier",
    url="https://courier.example/2024/12/power-restored",
    title="Power back in most of Kyiv",
)
FOOTBALL = Story(
    text=(
        "Dnipro beat Vorskla 3-1 in Poltava on Saturday with two goals from midfielder Zelensky. Coach "
        "Oleksandr Kucher said Zelensky had earned his place in the starting line-up."
    ),
    published=date(2024, 12, 7),
    outlet="Sport Daily",
    url="https://sport.example/dnipro-vorskla",
    title="Zelensky double lifts Dnipro",
)
LINKED = (GRID_KYIV, GRID_WIRE, GRID_BRIEF, BRUSSELS_TALKS)
SPELLINGS = ("Volodymyr Zelensky", "Volodymyr Zelenskiy", "VOLODYMYR ZELENSKYY", "Zelensky")


@pytest.fixture(scope="module")
def analyses(nlp: object) -> dict[str, Analysis]:
    return {story.url: analyze_story(story) for story in (*LINKED, AID_PACKAGE, REPAIRS, FOOTBALL)}


def _is_him(name: str | None) -> bool:
    """Any spelling of the president's name, judged apart from the store: its surname folds to his."""
    return name is not None and name_words(name)[-1:] == name_words("Zelensky")


def _ingest(store: Store, analyses: list[Analysis], *, link: bool) -> None:
    for analysis in analyses:
        store.ingest(analysis)
    if link:
        linker = Linker(store)
        for analysis in analyses:
            linker.link(analysis)


def _keys(timeline: list[TimelineItem]) -> set[tuple[str, str, str]]:
    return {(item.kind, item.article_id, item.record_id) for item in timeline}


def test_every_spelling_gives_the_same_timeline_once_linked(
    store: Store, analyses: dict[str, Analysis]
) -> None:
    linked = [analyses[story.url] for story in LINKED]
    _ingest(store, linked, link=True)

    timelines = {spelling: queries.entity_timeline(store, spelling) for spelling in SPELLINGS}
    first = timelines[SPELLINGS[0]]
    assert all(timeline == first for timeline in timelines.values()), {
        spelling: len(timeline) for spelling, timeline in timelines.items()
    }

    # said: every quote of his, under each outlet's spelling, and nobody else's
    expected_said = {
        ("said", a.article.id, x.id) for a in linked for x in a.attributions if _is_him(x.source_name)
    }
    assert {key for key in _keys(first) if key[0] == "said"} == expected_said
    assert {item.outlet for item in first if item.kind == "said"} == {story.outlet for story in LINKED}
    # said about: the talks, reported by nobody in particular; events: the talks, which he held
    talks = analyses[BRUSSELS_TALKS.url]
    about = [item for item in first if item.kind == "said_about"]
    assert about and all(item.article_id == talks.article.id for item in about)
    assert all("Zelenskyy" in item.text for item in about)
    consult = next(e for e in talks.events if e.type == "CONSULT")
    assert ("event", talks.article.id, consult.id) in _keys(first)
    assert next(i for i in first if i.record_id == consult.id and i.kind == "event").role == "actor"
    # oldest first, and the other people of these articles stay out
    assert [i.published for i in first] == sorted(i.published for i in first if i.published)
    assert not any(item.source_name in {"Dick Schoof", "Ukrenergo"} for item in first if item.kind == "said")

    # the date range and the limit apply to the whole entity, whatever its spelling
    later = queries.entity_timeline(store, "Volodymyr Zelenskiy", since=date(2024, 12, 10))
    assert later and {item.article_id for item in later} == {talks.article.id}
    assert queries.entity_timeline(store, "Volodymyr Zelenskyy", limit=2) == first[:2]


def test_an_unlinked_ledger_matches_the_name_alone(store: Store, analyses: dict[str, Analysis]) -> None:
    linked = [analyses[story.url] for story in LINKED]
    _ingest(store, linked, link=False)

    for story in LINKED:
        analysis = analyses[story.url]
        full_name = next(e.name for e in analysis.entities if _is_him(e.name))
        timeline = queries.entity_timeline(store, full_name.upper())
        assert {item.article_id for item in timeline} == {analysis.article.id}, full_name
        expected_said = {
            ("said", analysis.article.id, x.id) for x in analysis.attributions if x.source_name == full_name
        }
        assert expected_said and {key for key in _keys(timeline) if key[0] == "said"} == expected_said
    assert queries.entity_timeline(store, "Zelenskyy") == []


def test_a_described_source_or_actor_linked_to_him_counts_as_his(
    store: Store, analyses: dict[str, Analysis]
) -> None:
    linked = [analyses[story.url] for story in LINKED]
    _ingest(store, linked, link=True)
    # the aid article is in the ledger but not linked: its quote is given only to "the Ukrainian president"
    described = analyses[AID_PACKAGE.url]
    _ingest(store, [described], link=False)
    quote = next(
        x
        for x in described.attributions
        if x.source is not None and x.source.text.casefold() == "the ukrainian president"
    )
    meeting = next(e for e in described.events if e.type == "CONSULT")
    before = queries.entity_timeline(store, "Volodymyr Zelensky")
    assert described.article.id not in {item.article_id for item in before}

    talks = analyses[BRUSSELS_TALKS.url]
    him = next(e for e in talks.entities if _is_him(e.name))
    with store.engine.begin() as connection:
        canonical = connection.execute(
            select(link_entities.c.canonical_id, link_entities.c.canonical_name).where(
                link_entities.c.article_id == talks.article.id, link_entities.c.entity_id == him.id
            )
        ).one()
        # what the linker writes for a described source or event actor it resolves to a person
        connection.execute(
            insert(link_entities),
            [
                {
                    "article_id": described.article.id,
                    "entity_id": entity_id,
                    "canonical_id": canonical.canonical_id,
                    "canonical_name": canonical.canonical_name,
                    "label": "PERSON",
                }
                for entity_id in (
                    f"{quote.id}{SOURCE_KEY}",
                    f"{meeting.id}{ACTOR_KEY}",
                )
            ],
        )

    for spelling in SPELLINGS:
        after = queries.entity_timeline(store, spelling)
        added = [item for item in after if item.article_id == described.article.id]
        assert sorted((item.kind, item.record_id) for item in added) == [
            ("event", meeting.id),
            ("said", quote.id),
        ], spelling
        said = next(item for item in added if item.kind == "said")
        assert (said.text, said.source_name) == (quote.content.text, quote.source_name)
        assert next(item for item in added if item.kind == "event").role == "actor"
        assert _keys(after) == _keys(before) | {
            ("said", described.article.id, quote.id),
            ("event", described.article.id, meeting.id),
        }
    # the other quote of that article, by someone else, stays out
    other = [x for x in described.attributions if x.id != quote.id]
    assert other and not {("said", described.article.id, x.id) for x in other} & _keys(after)


def test_an_article_not_yet_linked_is_found_under_any_spelling_the_linked_ones_use(
    store: Store, analyses: dict[str, Analysis]
) -> None:
    """Linked articles spell him three ways; an article ingested later and not linked yet ("--no-link")
    spells him as one of them, and is in the timeline whichever of the three is asked for."""
    _ingest(store, [analyses[story.url] for story in LINKED], link=True)
    repairs = analyses[REPAIRS.url]
    _ingest(store, [repairs], link=False)

    expected_said = {x.id for x in repairs.attributions if _is_him(x.source_name)}
    # a claim he made that names him is what he said, not what was said about him
    his_claims = {c.id for c in repairs.claims if c.attribution in expected_said}
    assert expected_said and his_claims
    for spelling in SPELLINGS:
        timeline = queries.entity_timeline(store, spelling)
        found = [item for item in timeline if item.article_id == repairs.article.id]
        assert {i.record_id for i in found if i.kind == "said"} == expected_said, spelling
        assert any(item.kind == "event" for item in found), spelling
        assert not {i.record_id for i in found if i.kind == "said_about"} & his_claims, spelling


def test_a_namesake_the_linker_keeps_apart_stays_out(store: Store, analyses: dict[str, Analysis]) -> None:
    """A footballer called only "Zelensky", in a sports story, is not the president: the linker gives him
    an entity of his own, so the president's timeline leaves him out though "Zelensky" is one of the
    president's spellings. The bare surname, asked for, finds both: it is both men's name."""
    linked = [analyses[story.url] for story in LINKED]
    football = analyses[FOOTBALL.url]
    _ingest(store, [*linked, football], link=True)
    footballer = next(e for e in football.entities if _is_him(e.name))
    about_him = [
        c for c in football.claims if any(c.span.start <= m.start < c.span.end for m in footballer.mentions)
    ]
    assert about_him, "the coach's words name the footballer"

    president = queries.entity_timeline(store, "Volodymyr Zelensky")
    assert president and football.article.id not in {item.article_id for item in president}
    assert president == queries.entity_timeline(store, "Volodymyr Zelenskiy")
    both = queries.entity_timeline(store, "Zelensky")
    assert _keys(both) == _keys(president) | {("said_about", football.article.id, c.id) for c in about_him}
