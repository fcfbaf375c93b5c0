"""The entity page's data: its timeline from the store, split three ways, and the places of its events."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsledger.records import Analysis
from newsledger.store import Store, queries
from newsledger.store.results import EntityName, TimelineItem
from newsledger.web.geo import Located, MapView, map_view


@dataclass(frozen=True)
class EntityView:
    name: str
    said: list[TimelineItem]
    said_about: list[TimelineItem]
    events: list[TimelineItem]
    places: list[Located]
    map: MapView | None
    # the name asked for when the page shows what it stands for ("RSF" → Rapid Support Forces)
    asked: str | None = None
    # names that hold the words, when nothing is found under the name itself (as the CLI suggests)
    suggestions: list[EntityName] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.said or self.said_about or self.events)


def event_places(store: Store, events: list[TimelineItem]) -> list[Located]:
    """Where the entity's events happened, read from each article's analysis (one load per article)."""
    analyses: dict[str, Analysis | None] = {}
    counts: dict[str, Located] = {}
    for item in events:
        if item.article_id not in analyses:
            analyses[item.article_id] = store.analysis(item.article_id)
        analysis = analyses[item.article_id]
        if analysis is None:
            continue
        event = next((e for e in analysis.events if e.id == item.record_id), None)
        place = next((p for p in analysis.places if event and p.id == event.place), None)
        if place is None or place.lat is None or place.lon is None:
            continue
        known = counts.get(place.name)
        count = known.count + 1 if known else 1
        counts[place.name] = Located(place.name, place.lat, place.lon, place.country, count)
    return list(counts.values())


def entity_view(store: Store, name: str, *, limit: int = 300) -> EntityView:
    """The page of ``name``; a short form ("RSF") shows the entity it stands for, and a name with
    nothing under it lists the names that hold its words."""
    asked = None
    timeline = queries.entity_timeline(store, name, limit=limit)
    short = [] if timeline else queries.entity_short_forms(store, name, limit=1)
    if short:
        asked, name = name, short[0].name
        timeline = queries.entity_timeline(store, name, limit=limit)
    suggestions = [] if timeline else queries.entity_names(store, name, limit=8)
    events = [item for item in timeline if item.kind == "event"]
    places = event_places(store, events)
    return EntityView(
        name=name,
        said=[item for item in timeline if item.kind == "said"],
        said_about=[item for item in timeline if item.kind == "said_about"],
        events=events,
        places=places,
        map=map_view(places),
        asked=asked,
        suggestions=suggestions,
    )
