"""The record types newsledger produces: plain data with character offsets, no spaCy objects.

Every span is half-open ``[start, end)`` into ``Article.text`` and carries its ``text`` so that a reader
(or a test) can check ``article.text[start:end] == span.text`` without re-running anything. The JSON Schema
printed by ``newsledger schema`` is generated from these models; ``SCHEMA_VERSION`` changes whenever a field
does, so stored records can be migrated.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "0.4.3"

EntityLabel = Literal[
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "LAW",
    "WORK_OF_ART",
    "LANGUAGE",
    "WEAPON",
]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
SourceKind = Literal["person", "organization", "media", "anonymous", "collective", "unknown"]
AttributionForm = Literal["direct", "indirect", "mixed"]
ClaimStatus = Literal[
    "asserted",
    "reported",
    "confirmed",
    "unconfirmed",
    "denied",
    "retracted",
    "hedged",
    "unattributed_opinion",
]
Polarity = Literal["positive", "negative"]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EventMode = Literal["actual", "planned", "hypothetical", "negated"]
Qualifier = Literal[
    "exact", "at_least", "more_than", "up_to", "at_most", "less_than", "about", "range", "vague"
]
Stance = Literal["affirms", "denies", "hedges", "reports", "retracts"]


class Record(BaseModel):
    """Base for all records: immutable once built, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A stretch of the article, ``text == article.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Article(Record):
    """One article as read: its text (NFC-normalized) and what we know about where it came from."""

    id: str = Field(
        description="sha256 of the text and of who ran it (outlet, else the URL's host), 16 hex digits: "
        "the same text from the same outlet gets the same id; a wire story two outlets ran is two articles"
    )
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code detected from the text")
    source: str | None = Field(default=None, description="the file (and line, for JSONL) it was read from")

    @staticmethod
    def make_id(text: str, outlet: str | None = None, url: str | None = None) -> str:
        """The id of ``text`` as run by ``outlet`` (else by the host of ``url``). Without either, the hash
        of the text alone, as before 0.4.2: a text says nothing of who ran it.

        Why the outlet: a wire story carried verbatim by two papers is two articles (two outlets, one
        independent source); hashing the text alone stored the second paper's copy as "unchanged" and
        lost its telling. The same text from the same outlet twice is still one article."""
        who = publisher_key(outlet, url)
        data = text if who is None else f"{who}\x00{text}"
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]

    @classmethod
    def from_text(cls, text: str, **metadata: Any) -> Article:
        return cls(
            id=cls.make_id(text, metadata.get("outlet"), metadata.get("url")), text=text, **metadata
        )

    def with_metadata(self, **update: Any) -> Article:
        """This article with some of its metadata replaced, its id following the outlet and URL."""
        changed = self.model_copy(update=update)
        return changed.model_copy(update={"id": self.make_id(changed.text, changed.outlet, changed.url)})


def publisher_key(outlet: str | None, url: str | None) -> str | None:
    """Who ran an article, for its id: the outlet case-folded, else the URL's host without ``www.``."""
    if outlet and outlet.strip():
        return " ".join(outlet.casefold().split())
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return None


class Entity(Record):
    """One thing the article names, under one canonical name, with every mention of it."""

    id: str
    name: str = Field(description="canonical name: titles, possessives and articles stripped")
    label: EntityLabel
    mentions: list[Span]


class TimeRef(Record):
    """A time expression, normalized TIMEX3-style against an anchor (usually the publication date).

    ``value`` is ``None`` when the expression cannot be resolved from the text alone; it is never guessed.
    """

    id: str
    span: Span
    type: TimeType
    value: str | None = Field(
        description="TIMEX3 value: 2024-11-17, 2024-09, 2024-W46-WE, P3D, PRESENT_REF, ..."
    )
    mod: str | None = Field(default=None, description="TIMEX3 mod: APPROX, BEFORE, AFTER, START, END, ...")
    relative: bool = Field(description="the value was computed from the anchor, not read off the text")
    anchor: date | None = Field(description="the date a relative expression was resolved against")


class Cue(Record):
    """The words that mark an attribution ("said", "according to", "told reporters") and their lemma."""

    span: Span
    lemma: str


class Attribution(Record):
    """Who said what: a source, the cue that attributes, and the content attributed.

    ``content`` is the whole extent; ``content_fragments`` are its pieces when the content is interrupted
    ("'We will win,' he said, 'whatever it takes.'") and equal ``[content]`` otherwise. ``source`` is the
    span as written (a pronoun, "the minister", "US officials"); ``source_entity`` is the id of the
    :class:`Entity` it was resolved to, where there is one. ``cue`` is ``None`` for a block quote that
    continues the previous speaker with no new cue. ``time`` is the id of a :class:`TimeRef` stated with
    the cue ("said on Sunday").
    """

    id: str
    source: Span | None
    source_entity: str | None = None
    source_name: str | None = Field(default=None, description="canonical name of the resolved entity")
    source_kind: SourceKind
    cue: Cue | None
    content: Span
    content_fragments: list[Span]
    form: AttributionForm
    time: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)


class Quantity(Record):
    """A figure as the article gives it: "at least 120 missiles" is 120, unit missile, qualifier at_least.

    ``low``/``high`` bound the true number as far as the words do: ``at_least 120`` is ``[120, None]``,
    ``up_to 3000`` is ``[None, 3000]``, "10 to 15" is ``[10, 15]`` with ``value`` None, "hundreds of" is
    vague, ``[200, 999]``. ``unit`` is the lemma of the thing counted ("missile", "people", "km") or a
    currency code; ``category`` is its class (munition, people, casualty, money, distance, ...).

    A figure of people harmed also says what happened to them (``outcome``: killed, injured, missing,
    detained, displaced, ..., a word of the quantities lexicon) and who they were (``victims``: the words
    "civilians", "children", "soldiers"), and a figure that counts part of another ("including 4
    children" of "12 killed") names the one it is part of. A toll of a whole war or period ("the conflict
    has killed 300,000") is ``cumulative``; the toll of an earlier event ("a bombing in February left 134
    dead") is ``background``; an addition to a toll ("two more bodies") is an ``increment``: none of them is
    the toll of the event the article reports.
    """

    id: str
    span: Span
    value: float | None
    unit: str | None
    qualifier: Qualifier
    low: float | None
    high: float | None
    category: str | None = None
    outcome: str | None = Field(
        default=None, description="what happened to the people counted: killed, injured, missing, ..."
    )
    victims: str | None = Field(default=None, description="who they were, as written: civilians, children")
    part_of: str | None = Field(default=None, description="id of the Quantity this figure is a part of")
    cumulative: bool = Field(
        default=False,
        description="a running total over a war or a period ('the war has killed 300,000 since 2011'), "
        "not the toll of one event",
    )
    background: bool = Field(
        default=False,
        description="the toll of an earlier event or period than the article's news ('a string of bombings "
        "in February left 134 dead'): its clause has a date that ended days before publication",
    )
    increment: bool = Field(
        default=False,
        description="an addition to a toll told before ('two more bodies were found', 'another 10 "
        "people'), not a toll",
    )


class Claim(Record):
    """A checkable statement (a clause, or the content of an attribution) and its epistemic status.

    ``status_cues`` are the spans that decided the status ("did not confirm", "were promptly deleted",
    "could have been"); they may lie in another sentence ("The reports have not been confirmed
    officially" changes the claim it refers back to). ``attribution`` is the id of the
    :class:`Attribution` the claim rests on, if any.
    """

    id: str
    span: Span
    attribution: str | None = None
    status: ClaimStatus
    status_cues: list[Span] = Field(default_factory=list)
    polarity: Polarity = "positive"
    checkworthiness: float = Field(ge=0.0, le=1.0)


class SourcingProfile(Record):
    """How an article knows what it says: claims by status, attributions by kind of source."""

    claims_by_status: dict[str, int]
    attributions_by_source_kind: dict[str, int]
    anonymous_share: float = Field(
        ge=0.0, le=1.0, description="share of attributed claims on anonymous sources"
    )
    unsourced_judgement_share: float = Field(
        ge=0.0, le=1.0, description="share of claims that are unattributed_opinion"
    )


PlaceForm = Literal["name", "adjective", "embedded"]


class Place(Record):
    """A place the article names, geocoded offline from a gazetteer shipped in a pip package.

    ``country`` is the ISO 3166-1 alpha-2 code; coordinates are ``None`` when the name could not be
    placed (the mention is kept, with ``confidence`` 0).
    """

    id: str
    span: Span
    entity: str | None = Field(default=None, description="id of the Entity this mention belongs to")
    name: str = Field(description="the gazetteer's name for the place")
    kind: str = Field(description="country, admin1 (region/oblast/state), admin2, city, or other")
    country: str | None
    admin1: str | None = None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    form: PlaceForm = Field(
        default="name",
        description="how the text names the place: by its name, by a country adjective or demonym "
        "('Ukrainian forces'), or inside another name ('the Kansas City Police'); filter on it to keep "
        "only where things happen",
    )


class Participant(Record):
    """An actor, target or instrument of an event: the words as written and the entity they resolve to."""

    span: Span
    entity: str | None = Field(default=None, description="id of the Entity, where there is one")
    name: str = Field(description="the entity's canonical name, or the words when there is no entity")


class Telling(Record):
    """One report of an event inside the article: the words that tell it, who says so, and its figures."""

    trigger: Span
    attribution: str | None = Field(default=None, description="id of the Attribution that reports it")
    source_name: str | None = None
    quantities: list[str] = Field(default_factory=list, description="ids of the Quantity records it gives")
    stance: Stance | None = Field(
        default=None,
        description="what its source does with the event: affirms, denies, hedges or only reports it, or "
        "retracts it (its claim was taken back: a correction of the outlet's earlier version, a source "
        "withdrawing its statement)",
    )


class Event(Record):
    """Who did what to whom, where, when, how many, according to whom: one PLOVER event of the article.

    Mentions of one happening (same type, compatible actor, target, date and place) are merged: each is a
    :class:`Telling` in ``tellings``, so "the Defence Ministry reported a strike", "the Armed Forces said
    120 missiles and 90 drones" and "Zelensky confirmed" are one event with three sources.
    """

    id: str
    type: EventType
    mode: EventMode
    actor: Participant | None = None
    target: Participant | None = None
    instruments: list[Participant] = Field(default_factory=list)
    place: str | None = Field(default=None, description="id of the Place where it happened")
    date: str | None = Field(default=None, description="id of the TimeRef that dates it")
    quantities: list[str] = Field(default_factory=list, description="ids of every Quantity of every telling")
    status: ClaimStatus | None = Field(default=None, description="from the claims it rests on")
    tellings: list[Telling]
    confidence: float = Field(ge=0.0, le=1.0)


class Analysis(Record):
    """Everything newsledger extracted from one article."""

    version: str = SCHEMA_VERSION
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeRef] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    sourcing: SourcingProfile | None = None
    places: list[Place] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def spans(self) -> list[Span]:
        """Every span of every record, for offset checks and highlighting."""
        found = [m for e in self.entities for m in e.mentions]
        found.extend(t.span for t in self.times)
        for a in self.attributions:
            found.extend([a.content, *a.content_fragments])
            found.extend(s for s in (a.source, a.cue.span if a.cue else None) if s is not None)
        for c in self.claims:
            found.extend([c.span, *c.status_cues])
        found.extend(p.span for p in self.places)
        found.extend(q.span for q in self.quantities)
        for event in self.events:
            found.extend(t.trigger for t in event.tellings)
            participants = [event.actor, event.target, *event.instruments]
            found.extend(p.span for p in participants if p is not None)
        return found


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an Analysis, with the schema version in it."""
    schema = Analysis.model_json_schema()
    schema["title"] = f"newsledger Analysis {SCHEMA_VERSION}"
    return schema
