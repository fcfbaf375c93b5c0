"""Links across articles, read from the ledger's ``link_*`` tables: stories, events told across
articles, claim threads, and how many independent sources stand behind each.

The CLI (``newsledger query stories|story|event|claim``), the web story pages and ``queries.find_events``
/ ``find_claims`` all read links here, so they agree; nothing is re-linked to answer. Linking itself is
``newsledger.store.linker`` (re-exported here); the tables are in ``newsledger.store.link_tables``.
An article that is not linked yet (``newsledger ingest --no-link``) is in no story until it is.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, Table, and_, func, select

from newsledger.corpus.wire import independent_sources
from newsledger.store import schema
from newsledger.store.event_credits import read_credits
from newsledger.store.event_views import (
    CasualtyFigure,
    EventTelling,
    EventView,
    TollView,
    article_stance,
    casualty,
    event_view,
)
from newsledger.store.ledger import Store
from newsledger.store.link_tables import (
    link_claims,
    link_copies,
    link_entities,
    link_events,
    link_features,
    link_similarities,
    link_stories,
)
from newsledger.store.linker import Linker, LinkOutcome, PendingOutcome, link_pending, unlinked_articles

__all__ = [
    "CasualtyFigure",
    "ClaimEntry",
    "ClaimView",
    "Corroboration",
    "EventTelling",
    "EventView",
    "LinkOutcome",
    "Linker",
    "PendingOutcome",
    "StoryArticle",
    "StorySummary",
    "StoryView",
    "TollView",
    "article_stance",
    "claim",
    "claim_corroboration",
    "event",
    "event_corroboration",
    "event_tolls",
    "link_claims",
    "link_copies",
    "link_entities",
    "link_events",
    "link_features",
    "link_pending",
    "link_similarities",
    "link_stories",
    "linked_events",
    "list_stories",
    "story",
    "story_claims",
    "story_events",
    "unlinked_articles",
]

articles = schema.articles


class LinkRow(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StoryArticle(LinkRow):
    article_id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None
    copy_of: list[str] = Field(description="articles with the same text (wire copies): one source")


class StoryView(LinkRow):
    story_id: str
    independent_sources: int
    articles: list[StoryArticle]


class StorySummary(LinkRow):
    story_id: str
    title: str | None = Field(description="the title (else outlet) of the story's first article")
    articles: int
    independent_sources: int
    first: date | None
    last: date | None


class ClaimEntry(LinkRow):
    article_id: str
    outlet: str | None
    published: date | None
    source_name: str | None
    status: str
    text: str


class ClaimView(LinkRow):
    claim_id: str
    story_id: str
    independent_sources: int
    first_seen: ClaimEntry
    status_changes: list[ClaimEntry]
    history: list[ClaimEntry]


@dataclass(frozen=True)
class Corroboration:
    """Where one article's event or claim sits across the ledger: the cross-article id, its story, and
    how many articles and independent sources tell it."""

    linked_id: str
    story_id: str | None
    articles: int
    independent_sources: int


# --- stories ------------------------------------------------------------------------------------------


def story(store: Store, story_id: str) -> StoryView | None:
    """The articles of one story, oldest first, which are copies of which, and the independent count.

    ``story_id`` may also be the id of any article of the story.
    """
    members = _members(store, link_stories.c.story_id == story_id)
    if not members:
        found = _story_ids(store, [story_id])
        if not found:
            return None
        story_id = found[story_id]
        members = _members(store, link_stories.c.story_id == story_id)
    info = _articles(store, members)
    copies = _copies(store, members)
    copy_of: dict[str, list[str]] = defaultdict(list)
    for first, second in copies:
        copy_of[first].append(second)
        copy_of[second].append(first)
    return StoryView(
        story_id=story_id,
        independent_sources=independent_sources({a: r.outlet for a, r in info.items()}, copies),
        articles=[
            StoryArticle(**vars(info[a]), copy_of=sorted(copy_of.get(a, [])))
            for a in sorted(info, key=lambda a: (info[a].published or date.max, a))
        ],
    )


def list_stories(store: Store, *, limit: int = 200, offset: int = 0) -> list[StorySummary]:
    """Every story: most articles first, then the most recent, with its independent sources and dates."""
    query = select(
        link_stories.c.story_id,
        articles.c.article_id,
        articles.c.title,
        articles.c.outlet,
        articles.c.published,
    ).join(articles, articles.c.article_id == link_stories.c.article_id)
    members: dict[str, list[Any]] = defaultdict(list)
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            members[row.story_id].append(row)
        copies = [(r.article_id, r.other_id) for r in connection.execute(select(link_copies))]
    story_of = {row.article_id: s for s, rows in members.items() for row in rows}
    copies_in: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for first, second in copies:
        if story_of.get(first) is not None and story_of.get(first) == story_of.get(second):
            copies_in[story_of[first]].append((first, second))
    found = []
    for story_id, rows in members.items():
        rows.sort(key=lambda r: (r.published or date.max, r.article_id))
        days = [r.published for r in rows if r.published]
        found.append(
            StorySummary(
                story_id=story_id,
                title=rows[0].title or rows[0].outlet,
                articles=len(rows),
                independent_sources=independent_sources(
                    {r.article_id: r.outlet for r in rows}, copies_in[story_id]
                ),
                first=min(days) if days else None,
                last=max(days) if days else None,
            )
        )
    found.sort(key=lambda s: (-s.articles, -(s.last or date.min).toordinal(), s.story_id))
    return found[offset : offset + limit]


# --- events -------------------------------------------------------------------------------------------


def event(store: Store, cross_event_id: str) -> EventView | None:
    """One event across articles with every telling, its source and its figures as written."""
    found = _events(store, link_events.c.cross_event_id == cross_event_id)
    return found[0] if found else None


def story_events(store: Store, story_id: str) -> list[EventView]:
    """The events of one story, the best corroborated first."""
    members = _members(store, link_stories.c.story_id == story_id)
    found = _events(store, link_events.c.article_id.in_(members)) if members else []
    return sorted(found, key=lambda e: (-e.independent_sources, -len(e.tellings), e.type, e.event_id))


def event_corroboration(
    store: Store, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Corroboration]:
    """For each (article_id, event_id), its cross-article event, the articles that tell it and the
    independent sources whose telling affirms it (a denial is no corroboration)."""
    return {key: _corroborated(view) for key, view in linked_events(store, keys).items()}


def linked_events(store: Store, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], EventView]:
    """For each (article_id, event_id) that is linked, the cross-article event it belongs to."""
    wanted = set(keys)
    if not wanted:
        return {}
    with store.engine.connect() as connection:
        own = select(link_events).where(link_events.c.article_id.in_(sorted({a for a, _ in wanted})))
        ids = {(r.article_id, r.event_id): r.cross_event_id for r in connection.execute(own)}
    ids = {key: value for key, value in ids.items() if key in wanted}
    views = {
        v.event_id: v for v in _events(store, link_events.c.cross_event_id.in_(sorted(set(ids.values()))))
    }
    return {key: views[cross] for key, cross in ids.items() if cross in views}


def _corroborated(view: EventView) -> Corroboration:
    return Corroboration(view.event_id, view.story_id or None, view.articles, view.independent_sources)


def event_tolls(store: Store, cross_event_ids: Iterable[str]) -> dict[str, dict[str, float]]:
    """``{cross_event_id: {outcome: current toll}}`` for these events (those with a casualty figure)."""
    wanted = sorted(set(cross_event_ids))
    if not wanted:
        return {}
    found = _events(store, link_events.c.cross_event_id.in_(wanted))
    return {v.event_id: {t.outcome: t.latest for t in v.tolls} for v in found if v.tolls}


def _events(store: Store, condition: ColumnElement[bool]) -> list[EventView]:
    """Cross-article events holding a link_events row that meets ``condition``, built from the stored
    tellings (and their quantities) of every member."""
    with store.engine.connect() as connection:
        wanted = select(link_events.c.cross_event_id).where(condition).distinct()
        linked = list(connection.execute(select(link_events).where(link_events.c.cross_event_id.in_(wanted))))
        if not linked:
            return []
        member_articles = sorted({r.article_id for r in linked})
        rows = _event_rows(connection, member_articles)
        figures = _quantities(connection, member_articles)
    info = _articles(store, member_articles)
    with store.engine.connect() as connection:
        credits, datelines = read_credits(connection, rows, {a: i.outlet for a, i in info.items()})
    cross_of = {(r.article_id, r.event_id): r.cross_event_id for r in linked}
    stories = _story_ids(store, member_articles)
    copies = _copies(store, member_articles)
    tellings: dict[str, list[EventTelling]] = defaultdict(list)
    wheres: dict[str, list[tuple[str | None, str | None]]] = defaultdict(list)
    types: dict[str, str] = {}
    for row in rows:
        cross = cross_of.get((row.article_id, row.event_id))
        if cross is None:
            continue
        types[cross] = row.type
        given = [
            f for q in json.loads(row.quantity_ids or "[]") if (f := figures[(row.article_id, q)]) is not None
        ]
        tellings[cross].append(
            EventTelling(
                article_id=row.article_id,
                event_id=row.event_id,
                outlet=info[row.article_id].outlet,
                published=info[row.article_id].published,
                start=row.trigger_start,
                end=row.trigger_end,
                trigger=row.trigger_text,
                actor=row.actor_name,
                target=row.target_name,
                place=row.place,
                day=row.date,
                mode=row.mode,
                source_name=row.source_name,
                stance=row.stance,
                credits=_other(
                    credits.get((row.article_id, row.event_id, row.trigger_start))
                    or datelines.get(row.article_id),
                    info[row.article_id].outlet,
                ),
                figures=[g.text for g in given],
                casualties=[casualty(g) for g in given if g.outcome],
            )
        )
        wheres[cross].append((row.place, row.date))
    views = []
    for cross, told in tellings.items():
        told.sort(key=lambda t: (t.published or date.max, t.article_id, t.start))
        outlets = {a: i.outlet for a, i in info.items()}
        story_id = stories.get(told[0].article_id, "")
        views.append(
            event_view(
                cross,
                types[cross],
                told,
                story_id,
                outlets,
                copies,
                wheres[cross],
                attributed={k: c for k, c in credits.items() if k[0] in outlets},
                datelines=datelines,
            )
        )
    return sorted(views, key=lambda v: v.event_id)


def _other(outlet: str | None, own: str | None) -> str | None:
    """The outlet a telling credits, unless it is its article's own."""
    return outlet if outlet and outlet.casefold() != (own or "").casefold() else None


def _event_rows(connection: Any, article_ids: list[str]) -> list[Any]:
    events, tellings, places = schema.events, schema.tellings, schema.places
    query = (
        select(
            tellings.c.article_id,
            tellings.c.event_id,
            tellings.c.trigger_start,
            tellings.c.trigger_end,
            tellings.c.trigger_text,
            tellings.c.source_name,
            tellings.c.attribution_id,
            tellings.c.stance,
            tellings.c.quantity_ids,
            events.c.type,
            events.c.mode,
            events.c.actor_name,
            events.c.target_name,
            events.c.date,
            places.c.name.label("place"),
        )
        .join(
            events,
            and_(events.c.article_id == tellings.c.article_id, events.c.event_id == tellings.c.event_id),
        )
        .outerjoin(
            places, and_(places.c.article_id == events.c.article_id, places.c.place_id == events.c.place_id)
        )
        .where(tellings.c.article_id.in_(article_ids))
        .order_by(tellings.c.article_id, tellings.c.event_id, tellings.c.position)
    )
    return list(connection.execute(query))


@dataclass(frozen=True)
class _Figure:
    text: str
    value: float | None
    qualifier: str | None
    outcome: str | None
    victims: str | None
    part_of: str | None
    aside: bool
    """A running or period total, an increment ('two more bodies') or a toll of days before: it is told,
    but it is not this event's toll."""


def _quantities(connection: Any, article_ids: list[str]) -> defaultdict[tuple[str, str], _Figure | None]:
    """Each quantity of these articles (``None`` for an id not stored)."""
    q = schema.quantities
    query = select(
        q.c.article_id,
        q.c.quantity_id,
        q.c.span_text,
        q.c.value,
        q.c.qualifier,
        q.c.outcome,
        q.c.victims,
        q.c.part_of,
        q.c.cumulative,
        q.c.increment,
        q.c.background,
    ).where(q.c.article_id.in_(article_ids))
    found: defaultdict[tuple[str, str], _Figure | None] = defaultdict(lambda: None)
    for r in connection.execute(query):
        found[(r.article_id, r.quantity_id)] = _Figure(
            r.span_text,
            r.value,
            r.qualifier,
            r.outcome,
            r.victims,
            r.part_of,
            bool(r.cumulative or r.increment or r.background),
        )
    return found


# --- claims -------------------------------------------------------------------------------------------


def claim(store: Store, thread_id: str) -> ClaimView | None:
    """One claim across articles: first seen where and by whom, then each change of status."""
    found = _claims(store, link_claims.c.thread_id == thread_id)
    return found[0] if found else None


def story_claims(store: Store, story_id: str, *, told_more_than_once: bool = True) -> list[ClaimView]:
    """The claims of one story (by default those told in more than one article): those whose status
    changed first, then the best corroborated."""
    members = _members(store, link_stories.c.story_id == story_id)
    found = _claims(store, link_claims.c.article_id.in_(members)) if members else []
    if told_more_than_once:
        found = [c for c in found if len({e.article_id for e in c.history}) > 1]
    return sorted(found, key=lambda c: (len(c.status_changes) <= 1, -c.independent_sources, c.claim_id))


def claim_corroboration(
    store: Store, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Corroboration]:
    """For each (article_id, claim_id), its claim thread and how many independent sources tell it."""
    return _corroboration(store, link_claims, "claim_id", "thread_id", keys)


def _claims(store: Store, condition: ColumnElement[bool]) -> list[ClaimView]:
    claims, attributions = schema.claims, schema.attributions
    with store.engine.connect() as connection:
        wanted = select(link_claims.c.thread_id).where(condition).distinct()
        query = (
            select(
                link_claims.c.thread_id,
                claims.c.article_id,
                claims.c.claim_id,
                claims.c.span_text,
                claims.c.status,
                func.coalesce(attributions.c.source_name, attributions.c.source_text).label("source_name"),
            )
            .join(
                claims,
                and_(
                    claims.c.article_id == link_claims.c.article_id,
                    claims.c.claim_id == link_claims.c.claim_id,
                ),
            )
            .outerjoin(
                attributions,
                and_(
                    attributions.c.article_id == claims.c.article_id,
                    attributions.c.attribution_id == claims.c.attribution_id,
                ),
            )
            .where(link_claims.c.thread_id.in_(wanted))
        )
        rows = list(connection.execute(query))
    if not rows:
        return []
    member_articles = sorted({r.article_id for r in rows})
    info = _articles(store, member_articles)
    stories = _story_ids(store, member_articles)
    copies = _copies(store, member_articles)
    threads: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        threads[row.thread_id].append(row)
    views = []
    for thread_id, told in threads.items():
        told.sort(key=lambda r: (info[r.article_id].published or date.max, r.article_id, r.claim_id))
        history = [
            ClaimEntry(
                article_id=r.article_id,
                outlet=info[r.article_id].outlet,
                published=info[r.article_id].published,
                source_name=r.source_name,
                status=r.status or "",
                text=r.span_text or "",
            )
            for r in told
        ]
        changes = [history[0]]
        for entry in history[1:]:
            if entry.status != changes[-1].status:
                changes.append(entry)
        views.append(
            ClaimView(
                claim_id=thread_id,
                story_id=stories.get(told[0].article_id, ""),
                independent_sources=_independent(info, copies, {r.article_id for r in told}),
                first_seen=history[0],
                status_changes=changes,
                history=history,
            )
        )
    return sorted(views, key=lambda v: v.claim_id)


# --- shared pieces ------------------------------------------------------------------------------------


def _corroboration(
    store: Store, table: Table, record: str, linked: str, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Corroboration]:
    wanted = set(keys)
    if not wanted:
        return {}
    with store.engine.connect() as connection:
        own = select(table).where(table.c.article_id.in_(sorted({a for a, _ in wanted})))
        ids = {(r.article_id, r[record]): r[linked] for r in connection.execute(own).mappings()}
        ids = {key: value for key, value in ids.items() if key in wanted}
        if not ids:
            return {}
        members: dict[str, set[str]] = defaultdict(set)
        rows = select(table.c.article_id, table.c[linked]).where(
            table.c[linked].in_(sorted(set(ids.values())))
        )
        for row in connection.execute(rows):
            members[row[1]].add(row[0])
    every = sorted({a for group in members.values() for a in group})
    info = _articles(store, every)
    copies = _copies(store, every)
    stories = _story_ids(store, every)
    counts = {value: _independent(info, copies, group) for value, group in members.items()}
    return {
        key: Corroboration(value, stories.get(key[0]), len(members[value]), counts[value])
        for key, value in ids.items()
    }


def _independent(info: dict[str, _Article], copies: list[tuple[str, str]], told_in: set[str]) -> int:
    """Independent sources among ``told_in``: copies count once, and so does one outlet."""
    return independent_sources(
        {a: info[a].outlet if a in info else None for a in told_in},
        [(a, b) for a, b in copies if a in told_in and b in told_in],
    )


def _members(store: Store, condition: ColumnElement[bool]) -> list[str]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(link_stories.c.article_id).where(condition).distinct())
        return sorted(r.article_id for r in rows)


def _story_ids(store: Store, article_ids: Iterable[str]) -> dict[str, str]:
    with store.engine.connect() as connection:
        query = select(link_stories.c.article_id, link_stories.c.story_id).where(
            link_stories.c.article_id.in_(list(article_ids))
        )
        return {r.article_id: r.story_id for r in connection.execute(query)}


@dataclass(frozen=True)
class _Article:
    article_id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None


def _articles(store: Store, article_ids: list[str]) -> dict[str, _Article]:
    with store.engine.connect() as connection:
        query = select(
            articles.c.article_id, articles.c.title, articles.c.outlet, articles.c.published, articles.c.url
        ).where(articles.c.article_id.in_(article_ids))
        return {r.article_id: _Article(*r) for r in connection.execute(query)}


def _copies(store: Store, article_ids: list[str]) -> list[tuple[str, str]]:
    with store.engine.connect() as connection:
        query = select(link_copies.c.article_id, link_copies.c.other_id).where(
            link_copies.c.article_id.in_(article_ids) | link_copies.c.other_id.in_(article_ids)
        )
        return [(r.article_id, r.other_id) for r in connection.execute(query)]
