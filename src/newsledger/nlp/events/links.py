"""Linking event mentions to the article's other records: entities, figures, dates, places, sources.

The events component stores each mention as character offsets (its trigger, roles, clause, and the
places its clause names with a locative preposition). Here they meet the records of the other
extractors, by offsets only:

- a participant's name comes from the entity whose mention overlaps the words that name it; a
  nationality ('Russian troops') is named by its country, so that 'Russian troops' and 'Russia' are one
  actor;
- a figure, a date or a weapon belongs to the mention with the smallest clause that contains it, so a
  sentence with two events gives each its own figures; a toll outside every event's clause ("The death
  toll rose to 17.") goes to the event told before it;
- the telling's source is the attribution whose content holds the trigger, its status the claim that
  holds it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, get_args

from newsledger.nlp.events.merge import Mention
from newsledger.records import (
    Attribution,
    Claim,
    ClaimStatus,
    Entity,
    EventMode,
    EventType,
    Participant,
    Place,
    Quantity,
    Span,
    TimeRef,
)

EVENT_TYPES: frozenset[str] = frozenset(get_args(EventType))
EVENT_MODES: frozenset[str] = frozenset(get_args(EventMode))
DATED = frozenset({"DATE", "TIME"})


class Spanned(Protocol):
    @property
    def span(self) -> Span: ...


@dataclass(frozen=True)
class Scope:
    """Where one mention's clause lies, for handing out the records found in it."""

    start: int
    end: int
    trigger: int

    def holds(self, span: Span) -> bool:
        return self.start <= span.start and span.end <= self.end

    def rank(self, span: Span) -> tuple[int, int]:
        """Smaller clause first, then the trigger nearer the span."""
        return self.end - self.start, abs(self.trigger - span.start)


@functools.cache
def demonym_countries() -> dict[str, str]:
    """'russian' -> 'Russia': nationality words to country names, from the places gazetteer."""
    from newsledger.nlp.places.gazetteer import load_gazetteer
    from newsledger.nlp.places.names import name_key

    gazetteer = load_gazetteer()
    countries = {}
    for demonym, code in gazetteer.demonyms.items():
        feature = gazetteer.countries.get(code)
        if feature is not None:
            countries[name_key(demonym)] = feature.name
    return countries


def country_of_nationality(name: str) -> str | None:
    from newsledger.nlp.places.names import name_key

    key = name_key(name)
    table = demonym_countries()
    return table.get(key) or table.get(key.removesuffix("s"))


class RecordLinker:
    """Turns the component's plain data into :class:`Mention` objects linked to the article's records."""

    def __init__(
        self,
        text: str,
        *,
        entities: list[Entity],
        times: list[TimeRef],
        places: list[Place],
        quantities: list[Quantity],
        attributions: list[Attribution],
        claims: list[Claim],
        place_from_target: frozenset[str],
    ) -> None:
        self.text = text
        self.entity_mentions = [(m.start, m.end, e) for e in entities for m in e.mentions]
        self.times = [t for t in times if t.type in DATED]
        self.places = places
        self.quantities = quantities
        self.attributions = attributions
        self.claims = claims
        self.place_from_target = place_from_target

    def mentions(self, items: list[dict[str, Any]]) -> list[Mention]:
        """One :class:`Mention` per stored item whose type and mode are known, figures and dates handed
        out by clause."""
        items = [i for i in items if i["type"] in EVENT_TYPES and i["mode"] in EVENT_MODES]
        scopes = [Scope(i["scope"][0], i["scope"][1], i["trigger"][0]) for i in items]
        mentions = [self._mention(item) for item in items]
        for index, quantity in _hand_out(self.quantities, scopes) + _hand_out_tolls(self.quantities, scopes):
            mentions[index].quantities.append(quantity)
        for index, time in _hand_out(self.times, scopes):
            if mentions[index].date is None:
                mentions[index].date = time
        for mention, item in zip(mentions, items, strict=True):
            mention.place = self._place(item, mention)
        return mentions

    def _mention(self, item: dict[str, Any]) -> Mention:
        start, end = item["trigger"]
        trigger = Span(start=start, end=end, text=self.text[start:end])
        return Mention(
            type=item["type"],
            mode=item["mode"],
            trigger=trigger,
            actor=self.participant(item["actor"]),
            target=self.participant(item["target"]),
            instruments=[p for p in (self.participant(i) for i in item["instruments"]) if p is not None],
            specific=bool(item["specific"]),
            attribution=_smallest_holding(
                trigger, self.attributions, lambda a: [a.content, *a.content_fragments]
            ),
            status=_claim_status(trigger, self.claims),
        )

    def participant(self, data: dict[str, int] | None) -> Participant | None:
        if data is None:
            return None
        start, end = data["start"], data["end"]
        name_start, name_end = data.get("name_start", start), data.get("name_end", end)
        entity = self._entity_at(name_start, name_end)
        name = self.text[name_start:name_end]
        if entity is not None:
            name = entity.name
            if entity.label == "NORP":
                name = country_of_nationality(entity.name) or entity.name
        return Participant(
            span=Span(start=start, end=end, text=self.text[start:end]),
            entity=entity.id if entity is not None else None,
            name=name,
        )

    def _entity_at(self, start: int, end: int) -> Entity | None:
        overlapping = [
            (min(e, end) - max(s, start), entity)
            for s, e, entity in self.entity_mentions
            if s < end and start < e
        ]
        if not overlapping:
            return None
        return max(overlapping, key=lambda pair: pair[0])[1]

    def _place(self, item: dict[str, Any], mention: Mention) -> Place | None:
        """A place its clause names with a locative preposition ('in Kursk region'); for a type that
        happens where its target is (an attack on a country), the target's place."""
        for start, end in item["where"]:
            place = next((p for p in self.places if p.span.start < end and start < p.span.end), None)
            if place is not None:
                return place
        target = mention.target
        if target is None or mention.type not in self.place_from_target:
            return None
        return next(
            (p for p in self.places if target.span.start <= p.span.start and p.span.end <= target.span.end),
            None,
        )


def _hand_out(records: Sequence[Spanned], scopes: list[Scope]) -> list[tuple[int, Any]]:
    """Each record to the mention with the smallest clause that contains it (none if no clause does)."""
    given = []
    for record in records:
        holding = [
            (scope.rank(record.span), index) for index, scope in enumerate(scopes) if scope.holds(record.span)
        ]
        if holding:
            given.append((min(holding)[1], record))
    return given


def _hand_out_tolls(quantities: Sequence[Quantity], scopes: list[Scope]) -> list[tuple[int, Quantity]]:
    """A toll no clause of an event holds ("The death toll rose to 17." after the sentence that tells the
    strike) to the event told last before it that already gives a toll, else to the event told last
    before it. A running total of a war (``cumulative``) reports no event and is left alone."""
    given: list[tuple[int, Quantity]] = []
    with_toll: set[int] = set()
    for quantity in quantities:
        if quantity.outcome is None:
            continue
        holding = [index for index, scope in enumerate(scopes) if scope.holds(quantity.span)]
        if holding:
            with_toll.update(holding)
            continue
        if quantity.cumulative:
            continue
        before = [
            (scope.trigger, index)
            for index, scope in enumerate(scopes)
            if scope.trigger < quantity.span.start
        ]
        if not before:
            continue
        tolled = [pair for pair in before if pair[1] in with_toll]
        index = max(tolled or before)[1]
        with_toll.add(index)
        given.append((index, quantity))
    return given


def _smallest_holding(
    trigger: Span, attributions: list[Attribution], spans_of: Callable[[Attribution], list[Span]]
) -> Attribution | None:
    holding = [
        (min(s.end - s.start for s in spans_of(a)), a)
        for a in attributions
        if any(s.start <= trigger.start and trigger.end <= s.end for s in spans_of(a))
    ]
    return min(holding, key=lambda pair: pair[0])[1] if holding else None


def _claim_status(trigger: Span, claims: list[Claim]) -> ClaimStatus | None:
    holding = [c for c in claims if c.span.start <= trigger.start and trigger.end <= c.span.end]
    if not holding:
        return None
    return min(holding, key=lambda c: c.span.end - c.span.start).status
