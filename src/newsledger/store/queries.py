"""Questions to the ledger, one function each, for the CLI, the web UI and the API alike.

Every function takes the Store first and returns rows from ``newsledger.store.results``. Only the current
version of each article is searched: an old version stays in the ledger (``Store.analysis`` gives it
back), but its records would repeat the new version's. Names are matched case-folded and whole
(``schema.name_key``), and an entity's timeline follows the canonical entity that linking gives its name
(every spelling of it, and descriptions of it resolved to it); dates are publication dates, inclusive,
except for events, which are filed under their own day where the article gives one.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any, TypeAlias

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    case,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.sql.elements import BindParameter

from newsledger.corpus.descriptions import ACTOR_KEY, SOURCE_KEY, TARGET_KEY
from newsledger.store import schema
from newsledger.store.ledger import Store
from newsledger.store.link_tables import link_entities
from newsledger.store.links import Corroboration, claim_corroboration, event_corroboration
from newsledger.store.results import (
    ArticleSummary,
    ClaimRow,
    EntityName,
    EventRow,
    FailureRow,
    SearchHit,
    TimelineItem,
    TimelineKind,
)

articles = schema.articles
entities = schema.entities
mentions = schema.mentions
attributions = schema.attributions
claims = schema.claims
events = schema.events
tellings = schema.tellings
places = schema.places

AnySelect: TypeAlias = Select[*tuple[Any, ...]]

ARTICLE_COLUMNS = (
    articles.c.article_id,
    articles.c.title,
    articles.c.published,
    articles.c.outlet,
    articles.c.url,
)
_SNIPPET_WORDS = 16
_FIRST_PAGE_MIN = 10


def list_articles(store: Store, *, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
    """The current articles, newest first, with how many records of each kind they hold."""

    def count(records: Any) -> Any:
        query = select(func.count()).where(records.c.article_id == articles.c.article_id)
        return query.scalar_subquery()

    query = (
        select(
            *ARTICLE_COLUMNS,
            articles.c.version,
            articles.c.current,
            articles.c.first_seen,
            articles.c.language,
            count(entities).label("entities"),
            count(attributions).label("attributions"),
            count(claims).label("claims"),
            count(events).label("events"),
        )
        .where(articles.c.current)
        .order_by(articles.c.published.desc().nulls_last(), articles.c.first_seen.desc())
        .limit(limit)
        .offset(offset)
    )
    return [ArticleSummary(**row) for row in _rows(store, query)]


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
            _link_join(link_entities, entities.c.article_id, entities.c.entity_id),
        )
        .where(entities.c.name_key == bindparam("key"))
        .distinct()
    )
    names = (
        select(entities.c.name_key)
        .join(
            link_entities,
            _link_join(link_entities, entities.c.article_id, entities.c.entity_id),
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
            _link_join(entity_link, entities.c.article_id, entities.c.entity_id),
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
                _link_join(by_entity, attributions.c.article_id, attributions.c.source_entity),
            )
            .outerjoin(
                by_source,
                _link_join(by_source, attributions.c.article_id, attributions.c.attribution_id + SOURCE_KEY),
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
    first = _first_telling()
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


def _link_join(
    link: Any, article_id: ColumnElement[Any], entity_id: ColumnElement[Any]
) -> ColumnElement[bool]:
    """The join of a ``link_entities`` alias to the record whose article and entity (or ``:source`` /
    ``:actor`` key) are given."""
    return and_(link.c.article_id == article_id, link.c.entity_id == entity_id)


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
    first = _first_telling()
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
    return [EntityName(**row) for row in _rows(store, query)]


def find_claims(
    store: Store,
    *,
    status: str | None = None,
    source_kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    text: str | None = None,
    limit: int = 200,
) -> list[ClaimRow]:
    """Claims, newest article first, filtered by status, the kind of their source, date and words."""
    query = (
        select(
            *ARTICLE_COLUMNS,
            claims.c.claim_id,
            claims.c.span_text.label("text"),
            claims.c.span_start.label("start"),
            claims.c.span_end.label("end"),
            claims.c.status,
            claims.c.polarity,
            claims.c.checkworthiness,
            claims.c.attribution_id,
            attributions.c.source_name,
            attributions.c.source_kind,
            attributions.c.cue_lemma.label("cue"),
        )
        .select_from(claims)
        .join(articles, articles.c.article_id == claims.c.article_id)
        .outerjoin(
            attributions,
            and_(
                attributions.c.article_id == claims.c.article_id,
                attributions.c.attribution_id == claims.c.attribution_id,
            ),
        )
    )
    if status:
        query = query.where(claims.c.status == status)
    if source_kind:
        query = query.where(attributions.c.source_kind == source_kind)
    if text:
        matched = _claims_matching(store, text)
        if matched is None:
            return []
        query = query.where(
            claims.c.article_id == matched.c.article_id, claims.c.claim_id == matched.c.claim_id
        )
    query = _current_between(query, since, until).order_by(
        articles.c.published.desc().nulls_last(), articles.c.article_id, claims.c.span_start
    )
    rows = _rows(store, query.limit(limit))
    linked = claim_corroboration(store, [(row["article_id"], row["claim_id"]) for row in rows])
    return [
        ClaimRow(**row, **_linked(linked.get((row["article_id"], row["claim_id"])), "claim")) for row in rows
    ]


def find_events(
    store: Store,
    *,
    type: str | None = None,
    place: str | None = None,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 200,
) -> list[EventRow]:
    """Events, latest first, by PLOVER type, place name, country code (ISO 3166-1 alpha-2) and day."""
    first = _first_telling()
    query = (
        select(
            *ARTICLE_COLUMNS,
            events.c.event_id,
            events.c.type,
            events.c.mode,
            events.c.actor_name.label("actor"),
            events.c.target_name.label("target"),
            places.c.name.label("place"),
            places.c.country,
            places.c.lat,
            places.c.lon,
            events.c.date,
            events.c.status,
            events.c.confidence,
            first.c.trigger_text.label("text"),
            first.c.trigger_start.label("start"),
            first.c.trigger_end.label("end"),
        )
        .select_from(events)
        .join(articles, articles.c.article_id == events.c.article_id)
        .outerjoin(
            places, and_(places.c.article_id == events.c.article_id, places.c.place_id == events.c.place_id)
        )
        .outerjoin(
            first, and_(first.c.article_id == events.c.article_id, first.c.event_id == events.c.event_id)
        )
        .where(articles.c.current)
    )
    if type:
        query = query.where(events.c.type == type.upper())
    if place:
        query = query.where(places.c.name_key == schema.name_key(place))
    if country:
        query = query.where(places.c.country == country.upper())
    if since:
        query = query.where(events.c.day >= since)
    if until:
        query = query.where(events.c.day <= until)
    query = query.order_by(events.c.day.desc().nulls_last(), events.c.article_id, events.c.event_id)
    rows = _rows(store, query.limit(limit))
    sources = _event_sources(store, [(row["article_id"], row["event_id"]) for row in rows])
    linked = event_corroboration(store, [(row["article_id"], row["event_id"]) for row in rows])
    return [
        EventRow(
            **row,
            sources=sources.get((row["article_id"], row["event_id"]), []),
            **_linked(linked.get((row["article_id"], row["event_id"])), "event"),
        )
        for row in rows
    ]


def search(store: Store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Articles (title and text) and claims holding ``text``: words must all appear (stemmed, so
    "strikes" finds "strike"), "quoted words" as a phrase, ``OR`` between alternatives, ``-word`` not."""
    if store.dialect == "sqlite":
        hits = _search_sqlite(store, text, limit)
    else:
        hits = _search_postgresql(store, text, limit)
    hits = [hit.model_copy(update={"snippet": " ".join(hit.snippet.split())}) for hit in hits]
    return sorted(hits, key=lambda hit: -hit.rank)[:limit]


def failures(store: Store, *, limit: int = 200) -> list[FailureRow]:
    """The inputs that could not be read or analyzed, latest first."""
    failed = schema.failures
    query = select(failed).order_by(failed.c.at.desc(), failed.c.id.desc()).limit(limit)
    return [FailureRow(**row) for row in _rows(store, query)]


# --- pieces shared by the queries -------------------------------------------------------------------


def _rows(store: Store, query: AnySelect) -> list[RowMapping]:
    with store.engine.connect() as connection:
        return list(connection.execute(query).mappings())


def _current_between(query: AnySelect, since: date | None, until: date | None) -> AnySelect:
    query = query.where(articles.c.current)
    if since:
        query = query.where(articles.c.published >= since)
    if until:
        query = query.where(articles.c.published <= until)
    return query


def _linked(found: Corroboration | None, kind: str) -> dict[str, Any]:
    """The link fields of an event or claim row; empty (left None) while its article is not linked."""
    if found is None:
        return {}
    return {
        f"linked_{kind}_id": found.linked_id,
        "story_id": found.story_id,
        "told_in": found.articles,
        "independent_sources": found.independent_sources,
    }


def _first_telling() -> Any:
    """The first telling of each event: the words that tell it first, and who says so."""
    return select(tellings).where(tellings.c.position == 0).subquery("first_telling")


def _event_sources(store: Store, keys: list[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """Who reports each event, once each, in the order of its tellings."""
    if not keys:
        return {}
    article_ids = sorted({article_id for article_id, _ in keys})
    query = (
        select(tellings.c.article_id, tellings.c.event_id, tellings.c.source_name)
        .where(tellings.c.article_id.in_(article_ids), tellings.c.source_name.is_not(None))
        .order_by(tellings.c.article_id, tellings.c.event_id, tellings.c.position)
    )
    found: dict[tuple[str, str], list[str]] = {}
    for row in _rows(store, query):
        names = found.setdefault((row["article_id"], row["event_id"]), [])
        if row["source_name"] not in names:
            names.append(row["source_name"])
    return found


# --- full text ----------------------------------------------------------------------------------------

_QUERY_TERMS = re.compile(r'(-?)"([^"]*)"|(-?)([\w]+)')
_ARTICLES_FTS = table(schema.SQLITE_ARTICLES_FTS, column("article_id"), column("title"), column("text"))
_CLAIMS_FTS = table(schema.SQLITE_CLAIMS_FTS, column("article_id"), column("claim_id"), column("text"))


def fts5_query(text: str) -> str | None:
    """The user's words as an FTS5 query with the same reading as PostgreSQL's websearch_to_tsquery:
    terms all required, "quoted" phrases, OR between terms, -term excluded. None when no word is left.

    Every term is quoted, so FTS5 operators and punctuation in the user's text are just words.
    """
    required: list[str] = []
    excluded: list[str] = []
    alternative = False
    for match in _QUERY_TERMS.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        words = re.findall(r"\w+", match.group(2) if match.group(2) is not None else match.group(4))
        if not words:
            continue
        if match.group(4) == "OR" and required:
            alternative = True
            continue
        term = '"' + " ".join(words) + '"'
        if negated:
            excluded.append(term)
        elif alternative:
            required[-1] = f"({required[-1]} OR {term})"
            alternative = False
        else:
            required.append(term)
    if not required:
        return None
    return " AND ".join(required) + "".join(f" NOT {term}" for term in excluded)


def _claims_matching(store: Store, text: str) -> Any:
    """The (article_id, claim_id) of the claims holding ``text``, as a subquery; None if ``text`` has
    no word to look for."""
    if store.dialect == "sqlite":
        expression = fts5_query(text)
        if expression is None:
            return None
        fts = _CLAIMS_FTS
        return (
            select(fts.c.article_id, fts.c.claim_id)
            .where(literal_column(schema.SQLITE_CLAIMS_FTS).op("MATCH")(expression))
            .subquery("matched")
        )
    query = func.websearch_to_tsquery(literal_column("'english'"), text)
    return (
        select(claims.c.article_id, claims.c.claim_id)
        .where(literal_column(schema.PG_CLAIM_DOCUMENT).op("@@")(query))
        .subquery("matched")
    )


def _search_sqlite(store: Store, text: str, limit: int) -> list[SearchHit]:
    expression = fts5_query(text)
    if expression is None:
        return []
    fts_articles: ColumnElement[Any] = literal_column(schema.SQLITE_ARTICLES_FTS)
    article_hits = (
        select(
            *ARTICLE_COLUMNS,
            literal("article").label("kind"),
            func.snippet(fts_articles, -1, "[", "]", "…", _SNIPPET_WORDS).label("snippet"),
            (-func.bm25(fts_articles)).label("rank"),
        )
        .select_from(_ARTICLES_FTS)
        .join(articles, articles.c.article_id == _ARTICLES_FTS.c.article_id)
        .where(fts_articles.op("MATCH")(expression), articles.c.current)
        .order_by(func.bm25(fts_articles))
        .limit(limit)
    )
    fts_claims: ColumnElement[Any] = literal_column(schema.SQLITE_CLAIMS_FTS)
    claim_hits = (
        select(
            *ARTICLE_COLUMNS,
            literal("claim").label("kind"),
            _CLAIMS_FTS.c.claim_id,
            func.snippet(fts_claims, 2, "[", "]", "…", _SNIPPET_WORDS).label("snippet"),
            (-func.bm25(fts_claims)).label("rank"),
        )
        .select_from(_CLAIMS_FTS)
        .join(articles, articles.c.article_id == _CLAIMS_FTS.c.article_id)
        .where(fts_claims.op("MATCH")(expression), articles.c.current)
        .order_by(func.bm25(fts_claims))
        .limit(limit)
    )
    return [SearchHit(**row) for query in (article_hits, claim_hits) for row in _rows(store, query)]


def _search_postgresql(store: Store, text: str, limit: int) -> list[SearchHit]:
    tsquery = func.websearch_to_tsquery(literal_column("'english'"), text)
    document: ColumnElement[Any] = literal_column(schema.PG_ARTICLE_DOCUMENT)
    options = f"StartSel=[, StopSel=], MaxWords={_SNIPPET_WORDS}, MinWords=6, MaxFragments=1"
    best_articles = (
        select(articles.c.article_id, func.ts_rank(document, tsquery).label("rank"))
        .where(document.op("@@")(tsquery), articles.c.current)
        .order_by(literal_column("rank").desc())
        .limit(limit)
        .subquery("best")
    )
    article_hits = select(
        *ARTICLE_COLUMNS,
        literal("article").label("kind"),
        func.ts_headline(
            literal_column("'english'"),
            func.coalesce(articles.c.title, "") + " " + articles.c.text,
            tsquery,
            options,
        ).label("snippet"),
        best_articles.c.rank,
    ).join(best_articles, best_articles.c.article_id == articles.c.article_id)
    claim_document: ColumnElement[Any] = literal_column(schema.PG_CLAIM_DOCUMENT)
    best_claims = (
        select(claims.c.article_id, claims.c.claim_id, func.ts_rank(claim_document, tsquery).label("rank"))
        .join(articles, articles.c.article_id == claims.c.article_id)
        .where(claim_document.op("@@")(tsquery), articles.c.current)
        .order_by(literal_column("rank").desc())
        .limit(limit)
        .subquery("best")
    )
    claim_hits = (
        select(
            *ARTICLE_COLUMNS,
            literal("claim").label("kind"),
            claims.c.claim_id,
            func.ts_headline(literal_column("'english'"), claims.c.span_text, tsquery, options).label(
                "snippet"
            ),
            best_claims.c.rank,
        )
        .select_from(best_claims)
        .join(
            claims,
            and_(
                claims.c.article_id == best_claims.c.article_id, claims.c.claim_id == best_claims.c.claim_id
            ),
        )
        .join(articles, articles.c.article_id == claims.c.article_id)
    )
    return [SearchHit(**row) for query in (article_hits, claim_hits) for row in _rows(store, query)]


_CANONICAL_OF_NAME, _NAMES_OF_CANONICAL = _name_statements()
_TIMELINE = {linked: _timeline_statements(linked) for linked in (False, True)}
