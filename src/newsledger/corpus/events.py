"""Event coreference across articles: one happening, every telling of it, the figures side by side.

Two events of one story are the same happening when their PLOVER type and mode agree and nothing known
about them clashes: the actor and target (as canonical entities across articles), the date (TIMEX value)
and the place. What one article leaves unsaid never blocks a match, but it cannot bridge two events that
clash either: an event joins a cluster only if it agrees with every member. Events are taken in a fixed
order, the best-described first, so the clusters are a function of the set and not of arrival order.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsledger.corpus.descriptions import ACTOR_KEY, TARGET_KEY
from newsledger.corpus.entities import CanonicalEntity
from newsledger.records import Analysis, Participant


@dataclass(frozen=True)
class TellingView:
    """One telling of a cross-article event: where, by whom, with which figures as written."""

    article_id: str
    event_id: str
    trigger_start: int
    trigger_end: int
    trigger: str
    source_name: str | None
    figures: tuple[str, ...]


@dataclass(frozen=True)
class LocalEvent:
    """One article's event, its participants already resolved across articles."""

    article_id: str
    event_id: str
    story: str
    type: str
    mode: str
    actor: str | None
    target: str | None
    date: str | None
    place: str | None
    tellings: tuple[TellingView, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event_id)

    @property
    def known(self) -> int:
        return sum(v is not None for v in (self.actor, self.target, self.date, self.place))

    def agrees_with(self, other: LocalEvent) -> bool:
        if (self.story, self.type, self.mode) != (other.story, other.type, other.mode):
            return False
        pairs = (
            (self.actor, other.actor),
            (self.target, other.target),
            (self.date, other.date),
            (self.place, other.place),
        )
        return all(a is None or b is None or a == b for a, b in pairs)


@dataclass
class CrossEvent:
    """One happening across articles, with every telling and every figure given for it."""

    id: str
    type: str
    story: str
    members: list[tuple[str, str]] = field(default_factory=list)
    tellings: list[TellingView] = field(default_factory=list)


def local_events(
    analysis: Analysis,
    story: str,
    entities: Mapping[tuple[str, str], CanonicalEntity],
    described: Mapping[tuple[str, str], CanonicalEntity] | None = None,
) -> list[LocalEvent]:
    """The events of one analysis, participants mapped to canonical entities where resolved: named ones
    through ``entities``, described ones ("the Ukrainian president") through ``described``, keyed
    ``(article_id, "<event id>:actor")`` (see :mod:`newsledger.corpus.descriptions`)."""
    article = analysis.article.id
    times = {t.id: t.value for t in analysis.times}
    places = {p.id: p.geonameid or p.name for p in analysis.places}
    quantities = {q.id: q.span.text for q in analysis.quantities}
    described = described or {}

    def who(participant: Participant | None, key: str) -> str | None:
        if participant is None:
            return None
        if (article, key) in described:  # the person an office names, before the office's country
            return described[(article, key)].id
        if participant.entity and (article, participant.entity) in entities:
            return entities[(article, participant.entity)].id
        return participant.name.casefold()

    found = []
    for event in analysis.events:
        tellings = tuple(
            TellingView(
                article,
                event.id,
                t.trigger.start,
                t.trigger.end,
                t.trigger.text,
                t.source_name,
                tuple(quantities[q] for q in t.quantities if q in quantities),
            )
            for t in event.tellings
        )
        found.append(
            LocalEvent(
                article_id=article,
                event_id=event.id,
                story=story,
                type=event.type,
                mode=event.mode,
                actor=who(event.actor, event.id + ACTOR_KEY),
                target=who(event.target, event.id + TARGET_KEY),
                date=times.get(event.date) if event.date else None,
                place=str(places[event.place]) if event.place in places else None,
                tellings=tellings,
            )
        )
    return found


def corefer_events(events: Iterable[LocalEvent]) -> dict[tuple[str, str], CrossEvent]:
    """``{(article_id, event_id): CrossEvent}``: each event in the one cluster it fully agrees with."""
    by_story: dict[tuple[str, str], list[LocalEvent]] = defaultdict(list)
    for event in events:
        by_story[(event.story, event.type)].append(event)
    resolved: dict[tuple[str, str], CrossEvent] = {}
    for _, group in sorted(by_story.items()):
        clusters: list[list[LocalEvent]] = []
        for event in sorted(group, key=lambda e: (-e.known, e.key)):
            home = next((c for c in clusters if all(event.agrees_with(m) for m in c)), None)
            if home is None:
                clusters.append([event])
            else:
                home.append(event)
        for cluster in clusters:
            first = min(e.key for e in cluster)
            cross = CrossEvent(
                id="evt-" + hashlib.sha1("|".join(first).encode()).hexdigest()[:12],
                type=cluster[0].type,
                story=cluster[0].story,
                members=sorted(e.key for e in cluster),
                tellings=sorted(
                    (t for e in cluster for t in e.tellings), key=lambda t: (t.article_id, t.trigger_start)
                ),
            )
            for event in cluster:
                resolved[event.key] = cross
    return resolved
