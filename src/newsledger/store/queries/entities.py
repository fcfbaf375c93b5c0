"""An entity's timeline (what it said, what was said about it, its events) and the names to ask for."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter

from newsledger.corpus.descriptions import ACTOR_KEY, SOURCE_KEY, TARGET_KEY
from newsledger.store import schema
from newsledger.store.ledger import Store
from newsledger.store.link_tables import link_entities
from newsledger.store.queries.common import (
    ARTICLE_COLUMNS,
    AnySelect,
    articles,
    attributions,
    claims,
    entities,
    events,
    first_telling,
    link_join,
    mentions,
    read_rows,
)
from newsledger.store.results import (
    EntityName,
    TimelineItem,
    TimelineKind,
)

_FIRST_PAGE_MIN = 10


def entity_timeline(
    store: Store,
    name: str,
    *,
    since: date | None = None,
    until: date | None = None,
    limit: int = 200,
) -> list[TimelineItem]:
    """What the entity named ``name`` said, what was said about it, and its events, oldest first.

    - said: attributions whose source is the entity;
    - said about: claims whose words hold a mention of the entity (and that the entity did not make);
    - events: events it is the actor or target of (named, or described and linked to it).

    Where articles are linked, the entity is the canonical entity (or entities) its name is linked to, so
    every spelling of it counts: see :func:`_entity_names`.
    """
    with store.engine.connect() as connection:
        keys, canonical = _entity_names(connection, schema.name_key(name))
        found = {"keys": keys, "canonical": canonical}
        pages, parts = _TIMELINE[bool(canonical)]
        # Items sort by (published, article_id, offset), so the items of the first N articles in that
        # order come before all others: read articles in growing pages until ``limit`` items are in hand,
        # instead of reading every item of an entity that is in thousands of articles. An article usually
        # gives several items, so the first page is a quarter of ``limit`` articles; each next one is as
        # many as the items per article read so far say are missing, half as many again to spare, and at
        # most twice the last one (the second page often needs only a few more articles).
        items: dict[tuple[str, str, str], dict[str, Any]] = {}
        offset, size = 0, max(_FIRST_PAGE_MIN, limit // 4)
        while len(items) < limit:
            holding = {**found, "since": since, "until": until, "offset": offset, "limit": size}
            page = list(connection.execute(pages, holding).scalars())
            if page:
                said: set[tuple[str, str]] = set()
                for kind, query in parts:
                    for row in connection.execute(query, {**found, "ids": page}).mappings():
                        record = dict(row)
                        if kind == "said":
                            said.add((record["article_id"], record["record_id"]))
                        # a claim the entity made is what it said, not what was said about it
                        if (record["article_id"], record.pop("claimed_by", None)) in said:
                            continue
                        # a claim holding two mentions, or an event whose actor and target are both the
                        # entity, comes back twice: one item per record
                        items[(kind, record["article_id"], record["record_id"])] = record
            if len(page) < size:
                break
            offset += size
            per_article = len(items) / offset
            wanted = math.ceil((limit - len(items)) / per_article * 1.5) if per_article else size * 2
            size = max(_FIRST_PAGE_MIN, min(wanted, size * 2))
    ordered = sorted(
        items.items(),
        key=lambda item: (item[1]["published"] or date.max, item[1]["article_id"], item[1]["start"]),
    )
    return [TimelineItem(kind=kind, **row) for (kind, _, _), row in ordered[:limit]]


def _entity_names(connection: Connection, key: str) -> tuple[list[str], list[str]]:
    """The name keys and canonical ids a timeline follows for the folded name ``key``.

    The canonical ids are those of the linked entities named ``key``; the keys are ``key`` and every name
    of every entity linked to those ids ("volodymyr zelensky" brings "zelenskiy" and "volodymyr
    zelenskyy"), so that articles not linked yet are found under any spelling the linked ones use. With
    nothing linked this is ``([key], [])``: the name alone, as before linking.

    Two statements, not one: given the canonical ids as values, the planner reads their links on the
    canonical_id index instead of guessing their number and scanning all entities (as PostgreSQL did).
    """
    canonical = sorted(connection.execute(_CANONICAL_OF_NAME, {"key": key}).scalars())
    if not canonical:
        return [key], []
    keys = {key, *connection.execute(_NAMES_OF_CANONICAL, {"canonical": canonical}).scalars()}
    return sorted(keys), canonical


def _name_statements() -> tuple[AnySelect, AnySelect]:
    """The canonical ids linked to the entities named ``key`` (on the name index, then the links' primary
    key), and the names of the entities linked to ``canonical`` (on the canonical_id index, then the
    entities' primary key)."""
    of_name = (
        select(link_entities.c.canonical_id)
        .join(
            entities,
            link_join(link_entities, entities.c.article_id, entities.c.entity_id),
        )
        .where(entities.c.name_key == bindparam("key"))
        .distinct()
    )
    names = (
        select(entities.c.name_key)
        .join(
            link_entities,
            link_join(link_entities, entities.c.article_id, entities.c.entity_id),
        )
        .where(
            link_entities.c.canonical_id.in_(bindparam("canonical", expanding=True)),
            entities.c.name_key.is_not(None),
        )
        .distinct()
    )
    return of_name, names


def _timeline_statements(linked: bool) -> tuple[AnySelect, list[tuple[TimelineKind, AnySelect]]]:
    """The timeline's statements, built once: a page of the articles that hold the entity, then each kind
    of item in those articles ("said" before "said_about", which leaves out what the entity said).

    Parameters: keys and canonical (from :func:`_entity_names`), since, until, offset, limit; ids (a page
    of article ids).

    ``linked``: for a name linked to canonical entities. An entity of an article is then the timeline's
    when its name is one of ``keys`` and it is linked to one of ``canonical`` or not linked at all: a
    "Zelensky" that the linker gave to another canonical entity (another person of that name, in another
    story) stays out. A name that no link holds (all of a ledger ingested with ``--no-link``) gets the
    statements without the links: none of its entities is linked, so they would only cost time.
    """
    keys: BindParameter[list[str]] = bindparam("keys", expanding=True)
    canonical: BindParameter[list[str]] = bindparam("canonical", expanding=True)
    # The articles that hold the entity: those naming it under one of its names, and those with a link to
    # it (which also holds a quote's source or an event's participant given only as a description).
    named_in = select(entities.c.article_id).where(entities.c.name_key.in_(keys))
    holds: ColumnElement[bool] = articles.c.article_id.in_(named_in)
    if linked:
        to_canonical = select(link_entities.c.article_id).where(link_entities.c.canonical_id.in_(canonical))
        holds = or_(holds, articles.c.article_id.in_(to_canonical))
    since, until = bindparam("since", type_=Date), bindparam("until", type_=Date)
    pages = (
        select(articles.c.article_id)
        .where(
            holds,
            articles.c.current,
            or_(since.is_(None), articles.c.published >= since),
            or_(until.is_(None), articles.c.published <= until),
        )
        .order_by(articles.c.published.asc().nulls_last(), articles.c.article_id)
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )
    ids: BindParameter[list[str]] = bindparam("ids", expanding=True)
    named = select(entities.c.article_id, entities.c.entity_id).where(
        entities.c.name_key.in_(keys), entities.c.article_id.in_(ids)
    )
    if linked:
        entity_link = link_entities.alias("entity_link")
        named = named.outerjoin(
            entity_link,
            link_join(entity_link, entities.c.article_id, entities.c.entity_id),
        ).where(or_(entity_link.c.canonical_id.is_(None), entity_link.c.canonical_id.in_(canonical)))
    found = named.cte("found")
    # An attribution is the entity's when its source entity is linked to it, or its source itself is
    # ("<attribution_id>:source": a source given only as a description, "the Ukrainian president", that
    # the linker resolved to a person), or when its source entity is not linked and is named one of keys.
    said = (
        select(
            *ARTICLE_COLUMNS,
            attributions.c.attribution_id.label("record_id"),
            attributions.c.content_text.label("text"),
            attributions.c.content_start.label("start"),
            attributions.c.content_end.label("end"),
            attributions.c.source_name,
            attributions.c.source_kind,
            attributions.c.cue_lemma.label("cue"),
        )
        .select_from(attributions)
        .join(articles, articles.c.article_id == attributions.c.article_id)
        .where(attributions.c.article_id.in_(ids))
    )
    if linked:
        by_entity = link_entities.alias("source_entity_link")
        by_source = link_entities.alias("source_link")
        said = (
            said.outerjoin(
                by_entity,
                link_join(by_entity, attributions.c.article_id, attributions.c.source_entity),
            )
            .outerjoin(
                by_source,
                link_join(by_source, attributions.c.article_id, attributions.c.attribution_id + SOURCE_KEY),
            )
            .where(
                or_(
                    by_source.c.canonical_id.in_(canonical),
                    by_entity.c.canonical_id.in_(canonical),
                    and_(by_entity.c.canonical_id.is_(None), attributions.c.source_key.in_(keys)),
                )
            )
        )
    else:
        said = said.where(attributions.c.source_key.in_(keys))
    # ``claimed_by``: the claim's attribution, for leaving out the claims the entity made itself (those of
    # its "said" items), which the loop in entity_timeline drops: a link can make it the source of a claim
    # whatever name the claim's attribution gives.
    source = attributions.alias("source")
    said_about = (
        select(
            *ARTICLE_COLUMNS,
            claims.c.claim_id.label("record_id"),
            claims.c.span_text.label("text"),
            claims.c.span_start.label("start"),
            claims.c.span_end.label("end"),
            claims.c.status,
            source.c.source_name,
            source.c.source_kind,
            source.c.cue_lemma.label("cue"),
            claims.c.attribution_id.label("claimed_by"),
        )
        .select_from(found)
        .join(
            mentions,
            and_(mentions.c.article_id == found.c.article_id, mentions.c.entity_id == found.c.entity_id),
        )
        .join(
            claims,
            and_(
                claims.c.article_id == mentions.c.article_id,
                claims.c.span_start <= mentions.c.start,
                claims.c.span_end >= mentions.c.end,
            ),
        )
        .join(articles, articles.c.article_id == claims.c.article_id)
        .outerjoin(
            source,
            and_(
                source.c.article_id == claims.c.article_id,
                source.c.attribution_id == claims.c.attribution_id,
            ),
        )
    )
    if not linked:
        # no link makes anyone else the source: the claims made under the entity's name are its own
        said_about = said_about.where(or_(source.c.source_key.is_(None), source.c.source_key.not_in(keys)))
    first = first_telling()
    is_actor = events.c.actor_entity == found.c.entity_id
    event = (
        select(*_timeline_event_columns(first, is_actor))
        .select_from(found)
        .join(
            events,
            and_(
                events.c.article_id == found.c.article_id,
                or_(is_actor, events.c.target_entity == found.c.entity_id),
            ),
        )
        .join(articles, articles.c.article_id == events.c.article_id)
        .join(first, and_(first.c.article_id == events.c.article_id, first.c.event_id == events.c.event_id))
    )
    parts: list[tuple[TimelineKind, AnySelect]] = [
        ("said", said),
        ("said_about", said_about),
        ("event", event),
    ]
    if linked:
        parts.append(("event", _described_events(ids, canonical)))
    return pages, parts


def _timeline_event_columns(first: Any, is_actor: ColumnElement[bool]) -> tuple[Any, ...]:
    """The columns of an event item of a timeline; ``first`` is the event's first telling."""
    return (
        *ARTICLE_COLUMNS,
        events.c.event_id.label("record_id"),
        first.c.trigger_text.label("text"),
        first.c.trigger_start.label("start"),
        first.c.trigger_end.label("end"),
        events.c.status,
        first.c.source_name,
        events.c.type.label("event_type"),
        case((is_actor, "actor"), else_="target").label("role"),
        events.c.actor_name.label("actor"),
        events.c.target_name.label("target"),
    )


def _described_events(ids: BindParameter[list[str]], canonical: BindParameter[list[str]]) -> AnySelect:
    """The events whose actor or target is given only as a description ("the Ukrainian president") that
    the linker resolved to one of ``canonical``: link rows ``(article_id, "<event_id>:actor")`` and
    ``":target"``."""
    first = first_telling()
    described = link_entities.alias("described")
    as_actor = described.c.entity_id == events.c.event_id + ACTOR_KEY
    return (
        select(*_timeline_event_columns(first, as_actor))
        .select_from(events)
        .join(
            described,
            and_(
                described.c.article_id == events.c.article_id,
                or_(as_actor, described.c.entity_id == events.c.event_id + TARGET_KEY),
            ),
        )
        .join(articles, articles.c.article_id == events.c.article_id)
        .join(first, and_(first.c.article_id == events.c.article_id, first.c.event_id == events.c.event_id))
        .where(events.c.article_id.in_(ids), described.c.canonical_id.in_(canonical))
    )


def entity_names(store: Store, fragment: str, *, limit: int = 20) -> list[EntityName]:
    """Canonical names holding ``fragment`` (case-folded), most written-about first: "zelensky" finds
    "Volodymyr Zelensky", the name to give :func:`entity_timeline`."""
    key = schema.name_key(fragment).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    articles_count = func.count(func.distinct(entities.c.article_id))
    query = (
        select(entities.c.name, entities.c.label, articles_count.label("articles"))
        .join(articles, articles.c.article_id == entities.c.article_id)
        .where(entities.c.name_key.like(f"%{key}%", escape="\\"), articles.c.current)
        .group_by(entities.c.name, entities.c.label)
        .order_by(articles_count.desc(), entities.c.name)
        .limit(limit)
    )
    return [EntityName(**row) for row in read_rows(store, query)]


# "RSF", "IDF", "UNHCR": what an analyst types for a name the articles spell out.
_ACRONYM = re.compile(r"^[A-Z]{2,8}$")
# "Russia's Defence Ministry": an owner and the thing owned, which articles write as "the Russian Defence
# Ministry" or just "the Defence Ministry".
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s\s+(?P<owned>.+)$")
# Words an acronym skips: "Rapid Support Forces" is RSF, "Office of the UN High Commissioner" is not OUHC.
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "de", "la", "al", "&"})
# How many candidate names are read to find an acronym's expansion.
_ACRONYM_CANDIDATES = 5_000
# Letters of an owner that stand for it in a derived word: "Russia" → "Russian", "Israel" → "Israeli".
_STEM = 4


def entity_short_forms(store: Store, name: str, *, limit: int = 5) -> list[EntityName]:
    """The entities a short form stands for, most written-about first: an acronym ("RSF" → "Rapid
    Support Forces"), or a possessive ("Russia's Defence Ministry" → "Russian Defence Ministry", then
    "Defence Ministry"). Empty when ``name`` is neither, or nothing in the ledger fits; the caller asks
    the timeline of the first, and says so."""
    text = " ".join(name.split())
    if _ACRONYM.match(text):
        found = _acronym_expansions(store, text)
    elif match := _POSSESSIVE.match(text):
        found = _possessive_readings(store, match["owner"], match["owned"])
    else:
        return []
    return found[:limit]


def _acronym_expansions(store: Store, acronym: str) -> list[EntityName]:
    first = acronym[0].lower()
    candidates = entity_names_starting(store, first, limit=_ACRONYM_CANDIDATES)
    return [n for n in candidates if _initials(n.name) == acronym]


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.casefold() not in _ACRONYM_SKIPS]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _possessive_readings(store: Store, owner: str, owned: str) -> list[EntityName]:
    """Names ending in the owned words, those that name the owner (or a word derived from it) first."""
    ending = entity_names(store, owned, limit=200)
    key = schema.name_key(owned)
    stem = schema.name_key(owner)[:_STEM]
    fitting = [n for n in ending if schema.name_key(n.name).endswith(key)]
    return sorted(fitting, key=lambda n: stem not in schema.name_key(n.name))


def entity_names_starting(store: Store, prefix: str, *, limit: int = 20) -> list[EntityName]:
    """Names whose folded form starts with ``prefix``, most written-about first."""
    key = schema.name_key(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    articles_count = func.count(func.distinct(entities.c.article_id))
    query = (
        select(entities.c.name, entities.c.label, articles_count.label("articles"))
        .join(articles, articles.c.article_id == entities.c.article_id)
        .where(entities.c.name_key.like(f"{key}%", escape="\\"), articles.c.current)
        .group_by(entities.c.name, entities.c.label)
        .order_by(articles_count.desc(), entities.c.name)
        .limit(limit)
    )
    return [EntityName(**row) for row in read_rows(store, query)]


_CANONICAL_OF_NAME, _NAMES_OF_CANONICAL = _name_statements()
_TIMELINE = {linked: _timeline_statements(linked) for linked in (False, True)}
