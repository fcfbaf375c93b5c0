"""Events by type, place, country and day, with who reports them and their corroboration."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    and_,
    select,
)

from newsledger.store import schema
from newsledger.store.ledger import Store
from newsledger.store.links import Corroboration, linked_events
from newsledger.store.queries.common import (
    ARTICLE_COLUMNS,
    articles,
    events,
    first_telling,
    link_fields,
    places,
    read_rows,
    tellings,
)
from newsledger.store.results import (
    EventRow,
)


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
    first = first_telling()
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
    rows = read_rows(store, query.limit(limit))
    sources = _event_sources(store, [(row["article_id"], row["event_id"]) for row in rows])
    linked = linked_events(store, [(row["article_id"], row["event_id"]) for row in rows])
    found = []
    for row in rows:
        key = (row["article_id"], row["event_id"])
        view = linked.get(key)
        corroboration = (
            Corroboration(view.event_id, view.story_id or None, view.articles, view.independent_sources)
            if view is not None
            else None
        )
        found.append(
            EventRow(
                **row,
                sources=sources.get(key, []),
                **link_fields(corroboration, "event"),
                killed=view.toll("killed") if view is not None else None,
                injured=view.toll("injured") if view is not None else None,
            )
        )
    return found


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
    for row in read_rows(store, query):
        names = found.setdefault((row["article_id"], row["event_id"]), [])
        if row["source_name"] not in names:
            names.append(row["source_name"])
    return found
