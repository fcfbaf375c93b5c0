"""Datelines: 'KHARKIV, Ukraine (Northstar Wire) —', 'BEIRUT (Levant Times) —',
'WASHINGTON, June 3 (Reuters) -'.

A dateline opens the body of wire and newspaper copy: the place the story was filed from, in capitals,
perhaps its region or country, perhaps the date, perhaps the outlet in parentheses, then a dash (not a
colon: 'PENCE: Well, …' opens a transcript's turn and 'NATO: …' a headline). It is not part of the first
sentence: read into it, it becomes the start of a claim or a quote, the place an ORG ('BEIRUT' in
capitals) and the outlet a PERSON. :func:`read_dateline` finds it by its form (capitals, parenthesis,
dash) at the start of one of the first lines; the ``newsledger_datelines`` component (before the parser)
makes the first word after it a sentence start and stores the parts on ``doc._.dateline`` for the entity
component (place GPE, outlet ORG) and the attribution finder (the outlet is a medium).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
TITLE_WORD = r"[A-Z][A-Za-z'’.\-]*"
DATELINE = re.compile(
    rf"(?P<place>{CAPS_WORD}(?:[ \t]+{CAPS_WORD}){{0,3}})"
    rf"(?:,[ \t]*(?!{MONTH}[ \t]+\d)(?P<region>{TITLE_WORD}(?:[ \t]+{TITLE_WORD}){{0,2}}))?"
    rf"(?:,[ \t]*(?P<date>{MONTH}[ \t]+\d{{1,2}}))?"
    r"(?:[ \t]*\((?P<outlet>[A-Z][^()\n]{1,48})\))?"
    r"[ \t]*(?P<mark>—|–|--|[ \t]-)[ \t]+"
)
FIRST_LINES = 4
"""A dateline opens the body: it is looked for at the start of the first few lines (after a headline)."""
BODY_WORDS = 30
"""A line this long that ends a sentence is the body's first paragraph (a standfirst is shorter)."""


@dataclass(frozen=True)
class Dateline:
    """Character spans ``[start, end)`` of the dateline's parts; ``end`` is where the story starts."""

    place: tuple[int, int]
    region: tuple[int, int] | None
    date: tuple[int, int] | None
    outlet: tuple[int, int] | None
    end: int

    def to_data(self) -> dict[str, Any]:
        """Plain data for the Doc extension (Docs cross processes as msgpack)."""
        return {"place": list(self.place), "region": _listed(self.region), "date": _listed(self.date),
                "outlet": _listed(self.outlet), "end": self.end}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Dateline:
        return cls(_pair(data["place"]) or (0, 0), _pair(data["region"]), _pair(data["date"]),
                   _pair(data["outlet"]), int(data["end"]))


def read_dateline(text: str) -> Dateline | None:
    """The dateline at the start of one of the first lines of ``text``, if there is one."""
    offset = 0
    for line in text.split("\n")[: FIRST_LINES * 2]:
        stripped = len(line) - len(line.lstrip())
        match = DATELINE.match(line, stripped)
        if match and sum(c.isalpha() for c in match["place"]) >= 2 and not match["place"].endswith("-"):
            base = offset

            def span(group: str, base: int = base, match: re.Match[str] = match) -> tuple[int, int] | None:
                return (base + match.start(group), base + match.end(group)) if match[group] else None

            place = span("place")
            assert place is not None
            return Dateline(place, span("region"), span("date"), span("outlet"), base + match.end())
        offset += len(line) + 1
        if line.strip() and offset > 0 and _is_body(line):
            return None  # a sentence of the body has begun: datelines come before it
    return None


def dateline_of(doc: Doc) -> Dateline | None:
    """The dateline the ``newsledger_datelines`` component found in ``doc``."""
    data = doc._.dateline
    return Dateline.from_data(data) if data else None


def mark_dateline(doc: Doc) -> Doc:
    """Store the dateline on the Doc and start a sentence after it (the parser keeps preset starts)."""
    dateline = read_dateline(doc.text)
    doc._.dateline = dateline.to_data() if dateline else None
    if dateline is not None:
        after = doc.char_span(dateline.end, len(doc.text), alignment_mode="expand")
        if after is not None and len(after):
            doc[after.start].is_sent_start = True
    return doc


def _is_body(line: str) -> bool:
    """A line of running text (a sentence ending in a full stop), not a headline or a byline."""
    return len(line.split()) > BODY_WORDS and line.rstrip().endswith((".", "”", '"'))


def _listed(span: tuple[int, int] | None) -> list[int] | None:
    return list(span) if span else None


def _pair(value: list[int] | None) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


if not Doc.has_extension("dateline"):
    Doc.set_extension("dateline", default=None)
