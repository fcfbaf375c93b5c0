"""What the ledger's queries return: flat, typed rows that the CLI prints, the web API serves as its
response models, and CSV writes column for column.

Every row that comes from an article carries the article's id, title, outlet, URL and publication date,
and the ``[start, end)`` offsets of its words in the article's text, so that any answer can be checked
against the text it came from.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ResultRow(BaseModel):
    """Base of the query results: immutable, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class FromArticle(ResultRow):
    """Where a row comes from."""

    article_id: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


class ArticleSummary(FromArticle):
    """One article of the ledger and how many records it holds."""

    version: int
    current: bool
    first_seen: datetime
    language: str | None = None
    entities: int
    attributions: int
    claims: int
    events: int


TimelineKind = Literal["said", "said_about", "event"]


class TimelineItem(FromArticle):
    """One entry of an entity's timeline.

    ``said``: an attribution whose source is the entity (``text`` is what it said, ``cue`` how);
    ``said_about``: a claim whose words mention the entity (``source_name`` is who made it, if anyone);
    ``event``: an event it is the actor or target of (``role``), ``text`` the words that first tell it.
    """

    kind: TimelineKind
    record_id: str
    text: str
    start: int
    end: int
    status: str | None = Field(default=None, description="the claim's or the event's status")
    source_name: str | None = None
    source_kind: str | None = None
    cue: str | None = None
    event_type: str | None = None
    role: Literal["actor", "target"] | None = None
    actor: str | None = None
    target: str | None = None


class ClaimRow(FromArticle):
    """A claim, with the attribution it rests on (if any)."""

    claim_id: str
    text: str
    start: int
    end: int
    status: str
    polarity: str | None = None
    checkworthiness: float | None = None
    attribution_id: str | None = None
    source_name: str | None = None
    source_kind: str | None = None
    cue: str | None = None
    linked_claim_id: str | None = Field(
        default=None,
        description="the claim (thread) across articles this one belongs to (None: not linked yet)",
    )
    story_id: str | None = Field(default=None, description="the story of the article, once linked")
    told_in: int | None = Field(default=None, description="articles of the ledger that tell it")
    independent_sources: int | None = Field(
        default=None,
        description="corroboration: independent sources that tell it (wire copies and one outlet count once)",
    )


class EventRow(FromArticle):
    """An event with its participants, place and date; ``text`` is the words that first tell it."""

    event_id: str
    type: str
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = Field(
        default=None, description="the event's own TIMEX3 value, if the article dates it"
    )
    status: str | None = None
    confidence: float | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    sources: list[str] = Field(default_factory=list, description="who reports it, one per telling")
    linked_event_id: str | None = Field(
        default=None, description="the event across articles this one belongs to (None: not linked yet)"
    )
    story_id: str | None = Field(default=None, description="the story of the article, once linked")
    told_in: int | None = Field(default=None, description="articles of the ledger that tell it")
    independent_sources: int | None = Field(
        default=None,
        description="corroboration: independent sources that tell it (wire copies and one outlet count once)",
    )
    killed: float | None = Field(default=None, description="the linked event's current toll of dead")
    injured: float | None = Field(default=None, description="the linked event's current toll of injured")


class SearchHit(FromArticle):
    """A full-text match: in an article's title or text, or in a claim (``claim_id`` set).

    ``snippet`` is the matching passage with the matched words between ``[`` and ``]``; ``rank`` orders
    hits, best first, and is comparable only within one search.
    """

    kind: Literal["article", "claim"]
    claim_id: str | None = None
    snippet: str
    rank: float


class FailureRow(ResultRow):
    """An input that could not be read or analyzed, and why."""

    id: int
    source: str
    reason: str
    article_id: str | None = None
    at: datetime


class EntityName(ResultRow):
    """A canonical entity name in the ledger, for finding the exact name a timeline needs."""

    name: str
    label: str | None = None
    articles: int
