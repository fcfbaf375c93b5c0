"""Events in the formats event-data tools read: PLOVER/POLECAT-style JSON and one CSV row per event.

Event data sets (POLECAT, ICEWS, ACLED, GDELT) give each event a date, a type, a source and a target
actor with a country, a location with coordinates, and the sentence it was coded from. newsledger adds
what they lack, under ``newsledger`` in the JSON and in the last CSV columns: the figures with their
hedges, every telling of the event with its source, and the status of the claims it rests on.

A field the article does not give is ``None`` in JSON and empty in CSV; nothing is filled in by default.
The date is the event's own when the article dates it to a day or a month, else the publication date,
and ``date_source`` says which.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from newsledger.nlp.lexicons import load_json
from newsledger.records import Analysis, Event, Participant, Place, Quantity

CALENDAR_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
SENTENCE_ENDS = (". ", "? ", "! ", "\n")
CSV_COLUMNS = (
    "article_id",
    "event_id",
    "date",
    "type",
    "mode",
    "actor",
    "actor_country",
    "target",
    "target_country",
    "place",
    "country",
    "lat",
    "lon",
    "figures",
    "killed",
    "injured",
    "sources",
    "status",
    "text",
    "stance",
    "casualties",
)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``[start, end)``: from the last sentence end or line break
    before it to the next one after it, stripped."""
    left = max(text.rfind(mark, 0, start) for mark in SENTENCE_ENDS)
    rights = [i for i in (text.find(mark, end) for mark in SENTENCE_ENDS) if i != -1]
    return text[left + 1 : min(rights, default=len(text)) + 1].strip()


class _Lookup:
    """The article's records by id, and the country of a participant, for one export."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.times = {t.id: t for t in analysis.times}
        self.places = {p.id: p for p in analysis.places}
        self.quantities = {q.id: q for q in analysis.quantities}
        self.attributions = {a.id: a for a in analysis.attributions}

    def country(self, participant: Participant | None) -> str | None:
        """The country code of a participant: of a place that is its entity, or that bears its name."""
        if participant is None:
            return None
        places = self.analysis.places
        linked = [p for p in places if participant.entity is not None and p.entity == participant.entity]
        named = [p for p in places if p.name.casefold() == participant.name.casefold()]
        return next((p.country for p in [*linked, *named] if p.country), None)

    def date(self, event: Event) -> tuple[str | None, str]:
        time = self.times.get(event.date or "")
        if time is not None and time.value and CALENDAR_DATE.match(time.value):
            return time.value, "event"
        published = self.analysis.article.published
        return (published.isoformat() if published else None), "published"

    def figures(self, ids: list[str]) -> list[Quantity]:
        return [self.quantities[i] for i in ids if i in self.quantities]


def events_to_plover(analysis: Analysis) -> list[dict[str, Any]]:
    """One PLOVER/POLECAT-style record per event, with newsledger's tellings, figures and status."""
    lookup = _Lookup(analysis)
    quad = load_json("events", "plover_mapping.json")["quad"]
    return [_plover_record(event, lookup, quad) for event in analysis.events]


def _plover_record(event: Event, lookup: _Lookup, quad: dict[str, int]) -> dict[str, Any]:
    text = lookup.analysis.article.text
    first = event.tellings[0].trigger
    date, date_source = lookup.date(event)
    return {
        "id": f"{lookup.analysis.article.id}-{event.id}",
        "date": date,
        "date_source": date_source,
        "event_type": event.type,
        "mode": event.mode,
        "quad_class": quad.get(event.type),
        "source_actor": _actor(event.actor, lookup),
        "target_actor": _actor(event.target, lookup),
        "event_text": first.text,
        "location": _location(lookup.places.get(event.place or "")),
        "sentence": sentence_around(text, first.start, first.end),
        "newsledger": {
            "article_id": lookup.analysis.article.id,
            "url": lookup.analysis.article.url,
            "outlet": lookup.analysis.article.outlet,
            "status": event.status,
            "confidence": event.confidence,
            "instruments": [p.name for p in event.instruments],
            "quantities": [_quantity(q) for q in lookup.figures(event.quantities)],
            "tellings": [
                _telling(t.trigger.text, t.source_name, t.attribution, t.quantities, lookup, t.stance)
                for t in event.tellings
            ],
        },
    }


def _actor(participant: Participant | None, lookup: _Lookup) -> dict[str, Any] | None:
    if participant is None:
        return None
    return {"text": participant.span.text, "name": participant.name, "country": lookup.country(participant)}


def _location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "text": place.span.text,
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
    }


def _quantity(quantity: Quantity) -> dict[str, Any]:
    return {
        "text": quantity.span.text,
        "value": quantity.value,
        "unit": quantity.unit,
        "qualifier": quantity.qualifier,
        "low": quantity.low,
        "high": quantity.high,
        "category": quantity.category,
    }


def _telling(
    trigger: str,
    source: str | None,
    attribution: str | None,
    quantities: list[str],
    lookup: _Lookup,
    stance: str | None = None,
) -> dict[str, Any]:
    return {
        "trigger": trigger,
        "source": source,
        "attribution": attribution,
        "stance": stance,
        "quantities": [figure_text(q) for q in lookup.figures(quantities)],
        "casualties": casualty_figures(lookup.figures(quantities)),
    }


def casualty_figures(quantities: Iterable[Quantity]) -> list[dict[str, Any]]:
    """The figures of people harmed as ``{value, qualifier, outcome, victims}``: what a toll is made of,
    so that a reader of the export can tell "at least 11 killed" from "12 injured" without the text."""
    return [
        {"value": q.value, "qualifier": q.qualifier or "exact", "outcome": q.outcome, "victims": q.victims}
        for q in quantities
        if q.outcome
    ]


def figure_text(quantity: Quantity) -> str:
    """'120 missile', '10-15 people', 'at least 4 people': a figure as event data writes it; a vague one
    ('hundreds of civilians') keeps its words."""
    if quantity.qualifier == "range" and quantity.low is not None and quantity.high is not None:
        number = f"{_number(quantity.low)}-{_number(quantity.high)}"
    elif quantity.value is not None:
        number = _number(quantity.value)
    else:
        return quantity.span.text
    qualifier = "" if quantity.qualifier in {"exact", "range"} else quantity.qualifier.replace("_", " ") + " "
    unit = f" {quantity.unit}" if quantity.unit else ""
    return f"{qualifier}{number}{unit}"


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def events_to_csv_rows(
    analysis: Analysis, tolls: dict[str, dict[str, float]] | None = None
) -> list[dict[str, str]]:
    """One row per event, in the ACLED/GDELT habit; every value a string (empty when unknown).

    ``killed`` and ``injured`` are the toll: ``tolls[event_id]`` where the ledger holds one for the event
    across its tellings, else the largest figure of that outcome this article gives (never a subset)."""
    lookup = _Lookup(analysis)
    return [_csv_row(event, lookup, (tolls or {}).get(event.id)) for event in analysis.events]


def _article_stance(event: Event) -> str:
    """The article's stance on the event from its tellings': a denial outweighs the rest, then affirms,
    hedges, reports (as the ledger reads one article's stance); tellings taken back decide only an
    event told by nothing else ("retracts")."""
    found = {t.stance for t in event.tellings}
    if found and found <= {"retracts"}:
        return "retracts"
    return next((s for s in ("denies", "affirms", "hedges") if s in found), "reports")


def _own_toll(event: Event, lookup: _Lookup) -> dict[str, float]:
    """The article's highest figure per outcome; a figure only a retracting telling gives (a corrected
    or withdrawn one) is not the article's toll."""
    standing = {q for t in event.tellings if t.stance != "retracts" for q in t.quantities}
    withdrawn = {q for t in event.tellings if t.stance == "retracts" for q in t.quantities} - standing
    toll: dict[str, float] = {}
    for quantity in lookup.figures([q for q in event.quantities if q not in withdrawn]):
        if quantity.outcome and quantity.value is not None and quantity.part_of is None:
            toll[quantity.outcome] = max(toll.get(quantity.outcome, 0.0), quantity.value)
    return toll


def _csv_row(event: Event, lookup: _Lookup, toll: dict[str, float] | None = None) -> dict[str, str]:
    toll = toll if toll is not None else _own_toll(event, lookup)
    killed, injured = toll.get("killed"), toll.get("injured")
    place = lookup.places.get(event.place or "")
    date, _ = lookup.date(event)
    sources = dict.fromkeys(t.source_name for t in event.tellings if t.source_name)
    first = event.tellings[0].trigger
    row = {
        "article_id": lookup.analysis.article.id,
        "event_id": event.id,
        "date": date,
        "type": event.type,
        "mode": event.mode,
        "actor": event.actor.name if event.actor else None,
        "actor_country": lookup.country(event.actor),
        "target": event.target.name if event.target else None,
        "target_country": lookup.country(event.target),
        "place": place.name if place else None,
        "country": place.country if place else None,
        "lat": f"{place.lat:.5f}" if place and place.lat is not None else None,
        "lon": f"{place.lon:.5f}" if place and place.lon is not None else None,
        "figures": "; ".join(figure_text(q) for q in lookup.figures(event.quantities)),
        "killed": _number(killed) if killed is not None else None,
        "injured": _number(injured) if injured is not None else None,
        "sources": "; ".join(sources),
        "status": event.status,
        "text": sentence_around(lookup.analysis.article.text, first.start, first.end),
        "stance": _article_stance(event),
        "casualties": json.dumps(
            casualty_figures(lookup.figures(event.quantities)), ensure_ascii=False, separators=(",", ":")
        )
        if any(q.outcome for q in lookup.figures(event.quantities))
        else None,
    }
    return {column: row[column] or "" for column in CSV_COLUMNS}
