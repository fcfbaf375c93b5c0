"""One event, many tellings: mentions of the same happening within an article become one :class:`Event`.

"Russian troops carried out a large-scale strike" (the Defence Ministry), "the Russian military struck
with 120 missiles and 90 drones" (the Armed Forces) and "the target of the strike" (Zelensky) tell one
strike three times. A mention joins the latest event before it that has the same type and mode and
nothing that contradicts it: each participant absent or without a name on one side ('12 people' may be
the people of Kyiv), or the same entity or name on both; the dates equal where both are known, the
places in one country where both are known; and not one mention ordered against the other in their
sentence ('killed four on Wednesday, three days after a strike killed 27'). Each mention stays a
:class:`Telling` with its own source and figures; the event gathers the figures of all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsledger.records import (
    Attribution,
    ClaimStatus,
    Event,
    EventMode,
    EventType,
    Participant,
    Place,
    Quantity,
    Span,
    Stance,
    Telling,
    TimeRef,
)


@dataclass
class Mention:
    """One telling of an event while the article's records are linked: plain records, no spaCy."""

    type: EventType
    mode: EventMode
    trigger: Span
    actor: Participant | None
    target: Participant | None
    instruments: list[Participant]
    specific: bool
    date: TimeRef | None = None
    place: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    attribution: Attribution | None = None
    status: ClaimStatus | None = None
    stance: Stance | None = None
    sentence: int = 0
    """Where the mention's sentence starts (a character offset)."""
    anchor: bool = False
    """Told as what another happening of its sentence came after or before ('three days after a strike
    that killed 27'): never one event with that sentence's other mentions."""


@dataclass
class EventDraft:
    """An event being gathered: its tellings and what they say together."""

    mentions: list[Mention]

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def actor(self) -> Participant | None:
        return next((m.actor for m in self.mentions if m.actor is not None), None)

    def target(self) -> Participant | None:
        return next((m.target for m in self.mentions if m.target is not None), None)

    def date(self) -> TimeRef | None:
        return next((m.date for m in self.mentions if m.date is not None), None)

    def place(self) -> Place | None:
        return next((m.place for m in self.mentions if m.place is not None), None)

    def accepts(self, mention: Mention) -> bool:
        """Same type and mode, and nothing that says it is another happening."""
        return (
            mention.type == self.first.type
            and mention.mode == self.first.mode
            and same_participant(self.actor(), mention.actor)
            and same_participant(self.target(), mention.target)
            and _same_date(self.date(), mention.date)
            and _same_country(self.place(), mention.place)
            and not any(
                m.sentence == mention.sentence and (m.anchor or mention.anchor) for m in self.mentions
            )
            and not (self.told_as_anchor() and mention.sentence != self.first.sentence)
        )

    def told_as_anchor(self) -> bool:
        """Told only as what another happening came after or before: a reference point that gathers no
        tellings from other sentences ('the drone hit shortly before noon' after 'four were killed on
        Wednesday, three days after a strike killed 27' is the Wednesday attack)."""
        return all(m.anchor for m in self.mentions)


def same_participant(one: Participant | None, other: Participant | None) -> bool:
    """Nothing says they differ: absent on either side, a description without a name on either side
    ('12 people' may be the people of Kyiv), or the same entity or name."""
    if one is None or other is None or one.entity is None or other.entity is None:
        return True
    return one.entity == other.entity or one.name.casefold() == other.name.casefold()


def _same_date(one: TimeRef | None, other: TimeRef | None) -> bool:
    if one is None or other is None or one.value is None or other.value is None:
        return True
    return one.value == other.value


def _same_country(one: Place | None, other: Place | None) -> bool:
    if one is None or other is None or one.country is None or other.country is None:
        return True
    return one.country == other.country


def merge_mentions(mentions: list[Mention]) -> list[EventDraft]:
    """Group mentions, in text order, into events (see the module doc)."""
    drafts: list[EventDraft] = []
    for mention in mentions:
        home = next((draft for draft in reversed(drafts) if draft.accepts(mention)), None)
        if home is None:
            drafts.append(EventDraft([mention]))
        else:
            home.mentions.append(mention)
    return drafts


def build_event(draft: EventDraft, number: int, status_order: tuple[ClaimStatus, ...]) -> Event:
    """The :class:`Event` record of a draft, id ``v{number}``."""
    mentions = draft.mentions
    quantities = list(dict.fromkeys(q.id for m in mentions for q in m.quantities))
    date, place = draft.date(), draft.place()
    return Event(
        id=f"v{number}",
        type=draft.first.type,
        mode=draft.first.mode,
        actor=draft.actor(),
        target=draft.target(),
        instruments=_instruments(mentions),
        place=place.id if place is not None else None,
        date=date.id if date is not None else None,
        quantities=quantities,
        status=_status(mentions, status_order),
        tellings=[_telling(m) for m in mentions],
        confidence=_confidence(draft),
    )


def _telling(mention: Mention) -> Telling:
    attribution = mention.attribution
    source_name = None
    if attribution is not None:
        source_name = attribution.source_name or (attribution.source.text if attribution.source else None)
    return Telling(
        trigger=mention.trigger,
        attribution=attribution.id if attribution is not None else None,
        source_name=source_name,
        quantities=[q.id for q in mention.quantities],
        stance=mention.stance,
    )


def _instruments(mentions: list[Mention]) -> list[Participant]:
    seen: dict[str, Participant] = {}
    for mention in mentions:
        for instrument in mention.instruments:
            seen.setdefault(instrument.entity or instrument.name, instrument)
    return list(seen.values())


def _status(mentions: list[Mention], order: tuple[ClaimStatus, ...]) -> ClaimStatus | None:
    statuses = {m.status for m in mentions if m.status is not None}
    return next((status for status in order if status in statuses), None)


def _confidence(draft: EventDraft) -> float:
    """A rough score of how much the words pin the event down: a specific trigger entry, an actor, a
    target, and more than one telling each add to it."""
    first = draft.first
    score = (
        0.4 + 0.1 * first.specific + 0.2 * (draft.actor() is not None) + 0.2 * (draft.target() is not None)
    )
    score += 0.1 * (len(draft.mentions) > 1)
    return round(min(score, 1.0), 2)
