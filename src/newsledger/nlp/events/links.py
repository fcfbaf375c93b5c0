"""Linking event mentions to the article's other records: entities, figures, dates, places, sources.

The events component stores each mention as character offsets (its trigger, roles, clause, and the
places its clause names with a locative preposition). Here they meet the records of the other
extractors, by offsets only:

- a participant's name comes from the entity whose mention overlaps the words that name it; a
  nationality ('Russian troops') is named by its country, so that 'Russian troops' and 'Russia' are one
  actor;
- a figure, a date or a weapon belongs to the mention with the smallest clause that contains it, so a
  sentence with two events gives each its own figures (a date outside what the mention's source said
  dates the saying, not the event); a toll outside every event's clause ("The death
  toll rose to 17.") goes to the event told before it;
- the telling's source is the attribution whose content holds the trigger, its status the claim that
  holds it, and its stance (:func:`stance_of`) what that source does with the event: affirms, denies,
  hedges, or only reports it; a telling that limits the deed to its own target ("had only targeted
  military positions") denies the target others report.
"""

from __future__ import annotations

import functools
import re
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
    Stance,
    TimeRef,
)

EVENT_TYPES: frozenset[str] = frozenset(get_args(EventType))
EVENT_MODES: frozenset[str] = frozenset(get_args(EventMode))
DATED = frozenset({"DATE", "TIME"})
_WORD = re.compile(r"[^\W\d_]+")

# What a telling's claim status says about the event, before who says it is looked at. "reported" (a
# source said it, with a neutral cue) and "asserted" (the outlet's own voice) are decided by the source.
STANCE_OF_STATUS: dict[str, Stance] = {
    "confirmed": "affirms",
    "denied": "denies",
    "retracted": "retracts",
    "hedged": "hedges",
    "unconfirmed": "hedges",
    "unattributed_opinion": "reports",
}
# A mode that says the event did not or may not happen, whatever the claim around it.
STANCE_OF_MODE: dict[str, Stance] = {"negated": "denies", "hypothetical": "hedges", "planned": "reports"}
# Sources that pass on what others said ("state media reported", "according to reports"): a telling
# resting on one of them only reports the event. Unnamed officials ("city officials said") still vouch.
RELAYING_SOURCES = frozenset({"media", "unknown"})


class Spanned(Protocol):
    @property
    def span(self) -> Span: ...


@dataclass(frozen=True)
class Scope:
    """Where one mention's clause lies, for handing out the records found in it."""

    start: int
    end: int
    trigger: int
    apart: tuple[tuple[int, int], ...] = ()
    """Phrases of the clause that tell another happening ('following an ambush that killed nine')."""

    def holds(self, span: Span) -> bool:
        return self.start <= span.start and span.end <= self.end and not self.sets_apart(span)

    def sets_apart(self, span: Span) -> bool:
        return any(start <= span.start and span.end <= end for start, end in self.apart)

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
        scopes = [
            Scope(i["scope"][0], i["scope"][1], i["trigger"][0], tuple(map(tuple, i.get("apart", []))))
            for i in items
        ]
        mentions = [self._mention(item) for item in items]
        quantities = [q for q in self.quantities if not rejected_figure(self.text, q)]
        for index, quantity in _hand_out(quantities, scopes) + _hand_out_tolls(quantities, scopes):
            mentions[index].quantities.append(quantity)
        for index, time in _hand_out(self.times, scopes):
            if mentions[index].date is None and not _time_of_saying(time, mentions[index].attribution):
                mentions[index].date = time
        for mention, item in zip(mentions, items, strict=True):
            mention.place = self._place(item, mention)
        return mentions

    def _mention(self, item: dict[str, Any]) -> Mention:
        start, end = item["trigger"]
        trigger = Span(start=start, end=end, text=self.text[start:end])
        mention = Mention(
            type=item["type"],
            mode=item["mode"],
            trigger=trigger,
            actor=self.participant(item["actor"]),
            target=self.participant(item["target"]),
            instruments=[p for p in (self.participant(i) for i in item["instruments"]) if p is not None],
            specific=bool(item["specific"]),
            sentence=item["sentence"][0],
            anchor=bool(item.get("anchor", False)),
            attribution=_smallest_holding(
                trigger, self.attributions, lambda a: [a.content, *a.content_fragments]
            ),
        )
        claim = _claim_at(trigger, self.claims)
        if claim is not None:
            mention.status = claim.status
        mention.stance = stance_of(
            mention.mode,
            mention.status,
            mention.attribution,
            mention.actor,
            _own_status(claim, mention.attribution),
        )
        if mention.stance in ("affirms", "reports") and restricts(self.text, trigger, mention.target):
            mention.stance = "denies"
        return mention

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
        happens where its target is (an attack on a country), the target's place. A nationality word in
        the phrase ('in the attack, which the Sudanese army blamed on ...') names no place: it put the
        UN's 75 wounded in Sudan and apart from the strike on the market in El Fasher."""
        for start, end in item["where"]:
            place = next(
                (
                    p
                    for p in self.places
                    if p.span.start < end and start < p.span.end and p.form != "adjective"
                ),
                None,
            )
            if place is not None:
                return place
        target = mention.target
        if target is None or mention.type not in self.place_from_target:
            return None
        return next(
            (p for p in self.places if target.span.start <= p.span.start and p.span.end <= target.span.end),
            None,
        )


@functools.cache
def _rejecting_words() -> tuple[str, ...]:
    from newsledger.nlp.lexicons import load_json

    words: list[str] = load_json("events", "rejected_figures.json")["words_before"]
    return tuple(sorted(words, key=len, reverse=True))


def rejected_figure(text: str, quantity: Quantity) -> bool:
    """Whether the text sets this figure aside as the wrong one ('14 people were killed, *not 41*'): a
    correction names the wrong figure beside the right one, and the wrong one is no figure of the event
    (``lexicons/rejected_figures.json``)."""
    before = text[max(0, quantity.span.start - 24) : quantity.span.start].casefold().split()
    return any(before[-len(w.split()) :] == w.split() for w in _rejecting_words() if before)


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
    before it. A running total of a war (``cumulative``) reports no event and is left alone, and so is a
    toll of days before (``background``) or in a phrase an event's clause sets apart ('following an
    ambush that killed nine')."""
    given: list[tuple[int, Quantity]] = []
    with_toll: set[int] = set()
    for quantity in quantities:
        if quantity.outcome is None:
            continue
        holding = [index for index, scope in enumerate(scopes) if scope.holds(quantity.span)]
        if holding:
            with_toll.update(holding)
            continue
        apart = any(scope.sets_apart(quantity.span) for scope in scopes)
        if quantity.cumulative or quantity.background or apart:
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


def _time_of_saying(time: TimeRef, attribution: Attribution | None) -> bool:
    """Whether a date in the mention's clause is outside what its source said, so it dates the saying:
    in "a strike hit the village on Sunday, killing 21, officials said on Monday" the parser may hang
    "said on Monday" under "killing", but Monday is when the officials spoke, not when people died."""
    if attribution is None:
        return False
    return not any(
        s.start <= time.span.start and time.span.end <= s.end
        for s in (attribution.content, *attribution.content_fragments)
    )


def _smallest_holding(
    trigger: Span, attributions: list[Attribution], spans_of: Callable[[Attribution], list[Span]]
) -> Attribution | None:
    holding = [
        (min(s.end - s.start for s in spans_of(a)), a)
        for a in attributions
        if any(s.start <= trigger.start and trigger.end <= s.end for s in spans_of(a))
    ]
    return min(holding, key=lambda pair: pair[0])[1] if holding else None


def _claim_at(trigger: Span, claims: list[Claim]) -> Claim | None:
    holding = [c for c in claims if c.span.start <= trigger.start and trigger.end <= c.span.end]
    return min(holding, key=lambda c: c.span.end - c.span.start) if holding else None


def _own_status(claim: Claim | None, attribution: Attribution | None) -> bool:
    """Whether the claim's status is the telling's own source's doing ("the ministry denied that ..."),
    not a later word of someone else's ("The RSF denied the claim" after "the army said ...")."""
    if claim is None or attribution is None or attribution.cue is None or not claim.status_cues:
        return True
    cue = attribution.cue.span
    return any(s.start < cue.end and cue.start < s.end for s in claim.status_cues)


def stance_of(
    mode: str,
    status: ClaimStatus | None,
    attribution: Attribution | None,
    actor: Participant | None,
    own_status: bool = True,
) -> Stance:
    """What the telling's source does with the event.

    A negated or hypothetical mode, and a denied, retracted, hedged or unconfirmed claim, decide it
    (``STANCE_OF_MODE``, ``STANCE_OF_STATUS``); a confirmed claim affirms. A retracted claim "retracts"
    whoever retracted it: a correction or a withdrawn statement takes a telling back without denying
    the event. A status that someone else
    gave the claim later (``own_status`` false: "the army said ...; the RSF denied the claim") is not the
    stance of the telling's source: the army still affirms what it said. Otherwise the source decides:
    the actor telling its own deed affirms it ("the Defence Ministry said its forces struck"), and so does
    a source that vouches for it (a person, an organization, officials named or not, or the outlet in
    its own voice); a source that only passes on what others said ("media reports") reports it.
    """
    if mode in STANCE_OF_MODE:
        return STANCE_OF_MODE[mode]
    if status == "retracted":
        # Taken back, whoever's word it was ('an earlier version of this article said', 'the ministry
        # withdrew its statement'): no longer anyone's account, and no denial that the event happened.
        return "retracts"
    if status in STANCE_OF_STATUS and own_status:
        return STANCE_OF_STATUS[status]
    if attribution is None:
        return "affirms"
    if _own_deed(attribution, actor):
        return "affirms"
    return "reports" if attribution.source_kind in RELAYING_SOURCES else "affirms"


@functools.cache
def _restrictive() -> tuple[frozenset[str], int, frozenset[str], frozenset[str]]:
    from newsledger.nlp.lexicons import load_json

    lexicon = load_json("events", "contrastive.json")
    return (
        frozenset(lexicon["restrictive"]),
        int(lexicon["words_before_trigger"]),
        frozenset(lexicon["determiners"]),
        frozenset(lexicon["time_words"]),
    )


def restricts(text: str, trigger: Span, target: Participant | None) -> bool:
    """Whether the telling says the deed was limited to its target: "its forces had only targeted
    military positions", "struck solely military facilities". Said by one side of a strike that another
    telling puts on a market or a residential block, that is a denial of the reported target, not an
    affirmation of the strike (the side affirms only the target it names)."""
    words, reach, determiners, time_words = _restrictive()
    before = _WORD.findall(text[max(0, trigger.start - 40) : trigger.start].casefold())
    for index in range(max(0, len(before) - reach), len(before)):
        if before[index] in words and (index == 0 or before[index - 1] not in determiners):
            return True
    if target is None:  # "had hit only military targets" with no target read: the words right after
        after = _WORD.findall(text[trigger.end : trigger.end + 40].casefold())[:2]
        return bool(after) and after[0] in words and not (len(after) > 1 and after[1] in time_words)
    if target.span.start < trigger.end:
        return False
    between = text[trigger.end : target.span.start] + " " + " ".join(target.span.text.split()[:1])
    return bool(words & set(_WORD.findall(between.casefold())))


def _own_deed(attribution: Attribution, actor: Participant | None) -> bool:
    """The source is the actor, or speaks for it ("Russia's Defence Ministry" for Russia)."""
    if actor is None:
        return False
    if actor.entity is not None and actor.entity == attribution.source_entity:
        return True
    source = (attribution.source_name or (attribution.source.text if attribution.source else "")).casefold()
    words = source.replace("’s", "").replace("'s", "").split()
    name = actor.name.casefold()
    return bool(name) and (name in words or any(country_of_nationality(w) == actor.name for w in words))
