"""Event coreference across articles: one happening, every telling of it, the figures side by side.

Two events of one story are the same happening when their PLOVER type agrees, their modes are those of
one happening (a denial, mode ``negated``, is a telling of the event it denies) and nothing known about
them clashes: the actor and target (as canonical entities across articles; a description without a name,
"at least 11 people", "its forces", says nothing), the date (as the days it covers, so "Monday evening"
and "Monday's strike" agree, :mod:`newsledger.corpus.event_match`), the place (the city, or a place
inside it) and the publication date (no article tells what happened after it was published). What one
article leaves unsaid never blocks a match, but it cannot bridge two events that clash either: an event
joins a cluster only if it agrees with every member, and among those the one it shares the most with
(equal actor, target, day, place, figures, instruments). Events are taken in a fixed order, the
best-described first and denials last, so the clusters are a function of the set and not of arrival
order.

A target that is a place ("struck Djiguibombo") says where, not whom: it is compared as a place. A place
the gazetteer could not map ("the village of Djiguibombo near Bandiagara") is unknown, not different: it
joins a mapped place when the two are dated on days that meet or give a figure in common, and otherwise
stays apart (an unknown name must not bridge two places). Before, the wire's village kept its 21 killed
apart from every telling that placed the strike "near Bandiagara".

Why one strike was five events before: the TIMEX values of one day differ in their part of day
("2025-04-14TEV", "2025-04-14"), a target given only as the victims ("at least 11 people") clashed with
the named city, and the denial's mode kept it apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsledger.corpus.descriptions import ACTOR_KEY, TARGET_KEY
from newsledger.corpus.entities import CanonicalEntity
from newsledger.corpus.event_match import (
    PlaceView,
    dates_agree,
    days_of,
    denied_after,
    place_fit,
    possible_by,
)
from newsledger.records import Analysis, Participant

# Modes of one happening: "struck" and "did not strike" are tellings of one strike, the second denying it.
MODE_FAMILY = {"negated": "actual"}


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
    stance: str | None = None


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
    published: dt.date | None = None
    where: PlaceView | None = None
    instruments: frozenset[str] = frozenset()
    figures: frozenset[float] = frozenset()
    target_where: PlaceView | None = None
    """The target when it is a place ("struck Djiguibombo"): it says where, and is compared as a place."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event_id)

    @property
    def known(self) -> int:
        return sum(v is not None for v in (self.actor, self.target, self.date, self.place))

    @property
    def family(self) -> str:
        return MODE_FAMILY.get(self.mode, self.mode)

    @property
    def day(self) -> str | None:
        """The day (or week, month) the date covers, without its part of day."""
        days = days_of(self.date)
        return f"{days.first}/{days.last}" if days is not None else None

    def agrees_with(self, other: LocalEvent) -> bool:
        if (self.story, self.type, self.family) != (other.story, other.type, other.family):
            return False
        pairs = ((self.actor, other.actor), (self.whom, other.whom))
        if not (
            all(a is None or b is None or a == b for a, b in pairs)
            and _dates_fit(self, other)
            and possible_by(self.date, other.published)
            and possible_by(other.date, self.published)
        ):
            return False
        fit = _places_fit(self, other)
        return _other_evidence(self, other) if fit is None else fit

    @property
    def whom(self) -> str | None:
        """The target as a participant: a place target is no one ("struck Djiguibombo" says where)."""
        return None if self.target_where is not None else self.target

    @property
    def wheres(self) -> tuple[PlaceView, ...]:
        return tuple(p for p in (self.where, self.target_where) if p is not None)

    def shares(self, other: LocalEvent) -> int:
        """How much two agreeing events have in common: equal known participants, day and place, and each
        figure or instrument both give."""
        equal = sum(
            a is not None and a == b
            for a, b in (
                (self.actor, other.actor),
                (self.target, other.target),
                (self.day, other.day),
                (self.place, other.place),
            )
        )
        return equal + len(self.figures & other.figures) + len(self.instruments & other.instruments)


def _dates_fit(one: LocalEvent, other: LocalEvent) -> bool:
    """Dates that meet; or a denial dated on or in the days after the event it denies."""
    if dates_agree(one.date, other.date):
        return True
    if one.mode == "negated" and other.mode != "negated":
        return denied_after(one.date, other.date)
    if other.mode == "negated" and one.mode != "negated":
        return denied_after(other.date, one.date)
    return False


def _same(one: LocalEvent, other: LocalEvent) -> bool:
    return one.place is None or other.place is None or one.place == other.place


def _places_fit(one: LocalEvent, other: LocalEvent) -> bool | None:
    """Whether the places (and place targets) of two events can be one place: any pair that cannot
    vetoes, any pair that can settles it, and only unmapped names (``None``) leave it open."""
    fits = [place_fit(a, b) for a in one.wheres for b in other.wheres]
    if not fits:
        return _same(one, other)
    if False in fits:
        return False
    return True if True in fits else None


def _other_evidence(one: LocalEvent, other: LocalEvent) -> bool:
    """What lets an unmapped place join a mapped one: both dated, on days that meet (a strike on "the
    village near Bandiagara" on Sunday and one "near Bandiagara" on Sunday), or a figure both give.
    Without it an unknown name stays apart rather than bridge two places."""
    return (one.day is not None and other.day is not None) or bool(one.figures & other.figures)


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
    places = {
        p.id: PlaceView(str(p.geonameid or p.name), p.kind, p.country, p.lat, p.lon) for p in analysis.places
    }
    place_of_entity = {p.entity: places[p.id] for p in analysis.places if p.entity and p.form == "name"}
    quantities = {q.id: q.span.text for q in analysis.quantities}
    values = {q.id: q.value for q in analysis.quantities if q.value is not None}
    described = described or {}

    def who(participant: Participant | None, key: str) -> str | None:
        """The canonical entity, else the name; a description without an entity ("at least 11 people",
        "its forces", "the missile") names no one, so it clashes with no one."""
        if participant is None:
            return None
        if (article, key) in described:  # the person an office names, before the office's country
            return described[(article, key)].id
        if participant.entity and (article, participant.entity) in entities:
            return entities[(article, participant.entity)].id
        return participant.name.casefold() if participant.entity else None

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
                t.stance,
            )
            for t in event.tellings
        )
        where = places.get(event.place) if event.place else None
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
                place=where.key if where is not None else None,
                tellings=tellings,
                published=analysis.article.published,
                where=where,
                instruments=frozenset(i.entity or i.name.casefold() for i in event.instruments),
                figures=frozenset(values[q] for q in event.quantities if q in values),
                target_where=place_of_entity.get(event.target.entity or "") if event.target else None,
            )
        )
    return found


def corefer_events(events: Iterable[LocalEvent]) -> dict[tuple[str, str], CrossEvent]:
    """``{(article_id, event_id): CrossEvent}``: each event in the one cluster it fully agrees with."""
    by_story: dict[tuple[str, str, str], list[LocalEvent]] = defaultdict(list)
    for event in events:
        by_story[(event.story, event.type, event.family)].append(event)
    resolved: dict[tuple[str, str], CrossEvent] = {}
    for _, group in sorted(by_story.items()):
        clusters: list[list[LocalEvent]] = []
        for event in sorted(group, key=lambda e: (e.mode != e.family, -e.known, e.key)):
            homes = [
                (-sum(event.shares(m) for m in c), index)
                for index, c in enumerate(clusters)
                if all(event.agrees_with(m) for m in c)
            ]
            home = clusters[min(homes)[1]] if homes else None
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
