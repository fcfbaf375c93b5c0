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

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "0.1.0"

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

    id: str = Field(description="sha256 of the text, first 16 hex digits: the same text gets the same id")
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code detected from the text")
    source: str | None = Field(default=None, description="the file (and line, for JSONL) it was read from")

    @staticmethod
    def make_id(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @classmethod
    def from_text(cls, text: str, **metadata: Any) -> Article:
        return cls(id=cls.make_id(text), text=text, **metadata)


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


class Analysis(Record):
    """Everything newsledger extracted from one article."""

    version: str = SCHEMA_VERSION
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeRef] = Field(default_factory=list)

    def spans(self) -> list[Span]:
        """Every span of every record, for offset checks and highlighting."""
        found = [m for e in self.entities for m in e.mentions]
        found.extend(t.span for t in self.times)
        return found


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an Analysis, with the schema version in it."""
    schema = Analysis.model_json_schema()
    schema["title"] = f"newsledger Analysis {SCHEMA_VERSION}"
    return schema
