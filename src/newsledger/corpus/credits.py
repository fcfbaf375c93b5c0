"""Whose telling an article's telling is: the outlet a rewrite credits is its source, not the rewrite.

A paper that writes "at least 21 people died …, according to a local official quoted by Meridian Press",
"a volunteer told Northstar Wire", or opens on "WASHINGTON (Reuters) —" tells the event as another outlet
told it: counted as a source of its own, one wire story rewritten by three papers looked like four
independent confirmations. Copy detection (:mod:`newsledger.corpus.wire`) misses such rewrites, because
their words are their own; what gives them away is the credit.

A credit is read from what the records already carry: the dateline's parenthesised outlet, and each
telling's attribution — its source when the attribution finder found a news medium ("according to
Reuters"), or an outlet of the ledger named in the attribution's frame (the source, the cue and the few
words after the cue that are not the content: "told Northstar Wire", "quoted by Meridian Press"). An
article's own outlet named there ("the chief told Radio Kankan") is its own reporting, not a credit.

An article is another outlet's telling when its dateline credits that outlet, or when its lead (the first
telling that has an attribution) credits it: what follows the lead of a rewrite ("Residents said the drone
returned") is the wire's too. A telling credited to the article's own outlet ("the chief told Radio
Kankan") keeps it independent, and so does a lead with no outlet between (an official, its reporter).
Pure functions of plain data: the store reads the rows and :mod:`newsledger.store.event_views` counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A dateline's outlet: "BAMAKO, Mali (Meridian Press) —", "WASHINGTON, June 3 (Reuters) -".
DATELINE_OUTLET = re.compile(
    r"^[A-Z][A-Z'’.\- ]*[A-Z.](?:,[^()\n—–]{0,40})?"  # the place in capitals, its region or date
    r"\s*\((?P<outlet>[A-Z][^()\n]{1,48})\)\s*(?:—|–|--|-)\s"  # "(Meridian Press) —"
)
# How many lines a dateline may sit below (a headline or a byline above the body).
DATELINE_LINES = 4
# How far past the cue a credited outlet may stand ("told Northstar Wire by telephone"), in characters.
AFTER_CUE = 40
# Where a frame ends: the end of a sentence or a line.
SENTENCE_END = re.compile(r"[.!?]\s|\n")


@dataclass(frozen=True)
class Frame:
    """What an attribution says of who speaks through whom: its spans in the article's text."""

    source: tuple[int, int] | None
    source_kind: str | None
    source_name: str | None
    cue: tuple[int, int] | None
    content: tuple[int, int] | None


def dateline_outlet(text: str) -> str | None:
    """The outlet in parentheses in the dateline of ``text`` ("BAMAKO, Mali (Meridian Press) —")."""
    for line in text.split("\n")[: DATELINE_LINES * 2]:
        found = DATELINE_OUTLET.match(line.strip())
        if found:
            return found["outlet"].strip()
        if len(line.split()) > 12:  # the body has begun
            return None
    return None


def frame_text(text: str, frame: Frame) -> str:
    """The words of an attribution that are not its content: the source, the cue and up to
    ``AFTER_CUE`` characters after the cue, within its sentence, up to where the content starts."""
    pieces = []
    if frame.source is not None:
        pieces.append(text[frame.source[0] : frame.source[1]])
    if frame.cue is not None:
        start, end = frame.cue
        tail = text[end : end + AFTER_CUE]
        if (stop := SENTENCE_END.search(tail)) is not None:
            tail = tail[: stop.start()]
        if frame.content is not None and end <= frame.content[0] < end + len(tail):
            tail = tail[: frame.content[0] - end]
        pieces.append(text[start:end] + tail)
    return " … ".join(pieces)


def _names(outlet: str) -> re.Pattern[str]:
    words = re.escape(" ".join(outlet.split())).replace(r"\ ", r"\s+")
    return re.compile(r"(?<!\w)" + words + r"(?!\w)", re.IGNORECASE)


def credited_outlet(text: str, frame: Frame, own: str | None, outlets: Iterable[str]) -> str | None:
    """The other outlet an attribution credits, if any: a news medium as its source, or an outlet of
    ``outlets`` named in its frame. ``own`` (the article's outlet) is never a credit."""
    own_key = (own or "").casefold().strip()
    if frame.source_kind == "media" and frame.source is not None:
        name = frame.source_name or text[frame.source[0] : frame.source[1]]
        if name.casefold().strip() != own_key:
            return name.strip()
    words = frame_text(text, frame)
    for outlet in sorted(set(outlets), key=lambda o: (-len(o), o)):
        if outlet.casefold().strip() != own_key and _names(outlet).search(words):
            return outlet
    return None


def article_credit(dateline: str | None, own: str | None, credits: list[str | None]) -> str | None:
    """The outlet whose telling an article is: its dateline's outlet when that is not its own; else the
    outlet its lead credits — ``credits`` are what its attributed tellings credit, in the order of the
    text, ``None`` for a source with no outlet between — unless a telling credits its own outlet
    ("the chief told Radio Kankan": reporting of its own)."""
    own_key = (own or "").casefold().strip()
    if dateline and dateline.casefold().strip() != own_key:
        return dateline
    if not credits or any(c is not None and c.casefold().strip() == own_key for c in credits):
        return None
    return credits[0]
