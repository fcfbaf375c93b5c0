"""Quotation marks, read from the characters alone: which marks open, which close, and what they enclose.

Parsers and tokenizers get quotation marks wrong in ways that break attribution: a stray mark swallows
the rest of an article, an apostrophe (``shouldn‘t``) closes a quote, a quote running over three
paragraphs is cut at the first. This module decides from the text around each mark, not from its shape,
because news copy mixes every style (“ ” " ' ‘ ’ « » „ ‹ ›) and typesetting software swaps them:

- a mark is *opening-like* when whitespace, an opening bracket or a dash is before it and a non-space
  after it, *closing-like* in the mirror case; its shape only breaks the tie when both or neither hold;
- double marks make the quotations; single marks make one only at the top level (inside a double quote
  they are a quote within the quote, which belongs to it) and only when they close in the same paragraph
  (an unclosed single mark is an apostrophe: ``’90s``, ``the voters’ choice``);
- a quote is bounded by its paragraph. It continues into the next paragraph only when it is still open
  at the paragraph end and the next paragraph opens with a quotation mark, the newspaper convention for a
  quote running over paragraphs. An unclosed quote ends at its paragraph's end and says so (``closed``).

Everything here is pure string work, with offsets into the text: no spaCy, so it is fast and testable
on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

DOUBLE_MARKS = frozenset('"“”„‟«»')
SINGLE_MARKS = frozenset("'‘’‚‛‹›")
QUOTE_MARKS = DOUBLE_MARKS | SINGLE_MARKS
# The shape of a mark, used only when its surroundings do not decide.
GUILLEMETS = frozenset("«»‹›")
OPENING_SHAPES = frozenset("“„‟«‘‚‛‹")
CLOSING_SHAPES = frozenset("”»’›")
OPENERS_BEFORE = frozenset("([{—–-/") | QUOTE_MARKS
CLOSING_PUNCT = frozenset(",.;:!?)]}…")
CLOSERS_AFTER = CLOSING_PUNCT | frozenset("—–-/") | QUOTE_MARKS
PRIME_BEFORE = re.compile(r"\d['’]\d{1,2}$")
PARAGRAPH = re.compile(r"[^\n]+")

Role = Literal["open", "close", "either"]


@dataclass(frozen=True)
class Quote:
    """A quotation: ``[start, end)`` includes its marks; ``pieces`` are its parts, one per paragraph.

    ``closed`` is False when no closing mark was found and the quote was cut at its paragraph's end.
    """

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool

    def inner(self, text: str) -> tuple[int, int]:
        """The quoted words without the marks and the spaces next to them."""
        start, end = self.start, self.end
        while start < end and (text[start] in QUOTE_MARKS or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in QUOTE_MARKS or text[end - 1].isspace()):
            end -= 1
        return start, end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every non-blank line, stripped of surrounding spaces: news paragraphs."""
    found = []
    for match in PARAGRAPH.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            found.append((start, end))
    return found


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order, never overlapping and never crossing a paragraph whose
    predecessor did not leave it open (see the module docstring)."""
    quotes: list[Quote] = []
    carried: tuple[int, list[tuple[int, int]]] | None = None  # a quote left open, and its pieces so far
    for start, end in paragraphs(text):
        if carried is not None and not _opens_with_mark(text, start):
            quotes.append(_unclosed(text, carried))
            carried = None
        found, carried = _quotes_in_paragraph(text, start, end, carried)
        quotes.extend(found)
    if carried is not None:
        quotes.append(_unclosed(text, carried))
    return quotes


def _unclosed(text: str, carried: tuple[int, list[tuple[int, int]]]) -> Quote:
    start, pieces = carried
    return Quote(start, pieces[-1][1], tuple(pieces), closed=False)


def _opens_with_mark(text: str, start: int) -> bool:
    first = next(_marks(text, start, min(len(text), start + 2)), None)
    return first is not None and first.position == start and first.double and first.role != "close"


@dataclass(frozen=True)
class _Mark:
    """One quotation mark: where, how wide (``''`` is one double mark), and what it does."""

    position: int
    width: int
    double: bool
    role: Role
    style: str

    @property
    def end(self) -> int:
        return self.position + self.width


def _quotes_in_paragraph(
    text: str, start: int, end: int, carried: tuple[int, list[tuple[int, int]]] | None
) -> tuple[list[Quote], tuple[int, list[tuple[int, int]]] | None]:
    """The quotes closed in one paragraph, and the one still open at its end (if any).

    A ``carried`` quote continues here: the paragraph's opening mark is a reminder, not a new quote.
    Double marks of another style inside an open quote (``"“Shorty” is gone."``) nest in it, and so do
    marks of the same style around a term mid-clause (``“…what he calls “hell” than…”``).
    """
    quotes: list[Quote] = []
    # The outermost open double quote: where it started, its pieces in earlier paragraphs, where this
    # paragraph's piece started; and the opening marks still open inside it, outermost first.
    outer: tuple[int, list[tuple[int, int]], int] | None = None
    stack: list[_Mark] = []
    marks = list(_marks(text, start, end))
    if carried is not None and marks and marks[0].position == start and marks[0].double:
        outer, stack, marks = (carried[0], list(carried[1]), start), [marks[0]], marks[1:]
    open_single: int | None = None
    for mark in marks:
        if mark.double:
            if outer is None:
                if mark.role != "close":
                    outer, stack, open_single = (mark.position, [], mark.position), [mark], None
            elif mark.role != "open":
                stack.pop()
                if not stack:
                    quote_start, pieces, piece_start = outer
                    pieces = [*pieces, (piece_start, mark.end)]
                    quotes.append(Quote(quote_start, mark.end, tuple(pieces), closed=True))
                    outer = None
            elif mark.style != stack[-1].style or _inside_clause(text, mark.position):
                stack.append(mark)  # a quote within the quote: another style, or a term mid-clause
            elif outer[1] and len(stack) == 1:
                # A second opening mark of the same style: the carried quote ended with its paragraph.
                quotes.append(_unclosed(text, (outer[0], outer[1])))
                outer, stack = (mark.position, [], mark.position), [mark]
            else:
                # A second opening mark of the same style: the first was stray; start again here.
                stack[-1] = mark
                if len(stack) == 1:
                    outer = (mark.position, [], mark.position)
        elif outer is None:
            if open_single is None and mark.role == "open":
                open_single = mark.position
            elif open_single is not None and mark.role != "open":
                quotes.append(Quote(open_single, mark.end, ((open_single, mark.end),), closed=True))
                open_single = None
    if outer is None:
        return quotes, None
    quote_start, pieces, piece_start = outer
    return quotes, (quote_start, [*pieces, (piece_start, end)])


def _inside_clause(text: str, position: int) -> bool:
    """An opening mark right after a word ('what he calls “hell” than…') quotes a term inside the open
    quote; after a sentence end or at a clause boundary it starts a new quote and the open one was stray."""
    before = text[max(0, position - 2) : position]
    return len(before) == 2 and before[1] == " " and before[0].isalnum()


def _style(mark: str) -> str:
    """Straight, curly or guillemet: a mark of another style inside a quote is a quote within it."""
    if mark in "\"'":
        return "straight"
    return "guillemet" if mark in GUILLEMETS else "curly"


def _marks(text: str, start: int, end: int) -> Iterator[_Mark]:
    """The quotation marks in ``text[start:end]`` with their role; apostrophes and primes left out.
    Two straight apostrophes in a row (``''``, a typewriter convention) are one double mark."""
    position = start
    while position < end:
        char = text[position]
        width = 2 if char == "'" and text[position + 1 : position + 2] == "'" else 1
        double = char in DOUBLE_MARKS or width == 2
        skip = (
            char not in QUOTE_MARKS
            or (not double and _is_apostrophe(text, position))
            or (char in "\"'" and PRIME_BEFORE.search(text, max(0, position - 4), position) is not None)
        )
        role = None if skip else _role(text, position, width)
        if role is not None:
            yield _Mark(position, width, double, role, _style(char))
        position += width


def _is_apostrophe(text: str, position: int) -> bool:
    """``don’t``, ``shouldn‘t``, ``’90s``, ``rock ’n’ roll``: a single mark inside or before a word."""
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return after.isdigit() and text[position + 1 : position + 4].rstrip("s").isdigit()


def _role(text: str, position: int, width: int = 1) -> Role | None:
    """Whether the mark at ``position`` opens or closes, from its surroundings first, its shape second;
    ``None`` for a mark standing alone between spaces (a stray, except for spaced French guillemets)."""
    char = text[position]
    before = text[position - 1] if position > 0 else " "
    after = text[position + width] if position + width < len(text) else " "
    if before.isspace() and after.isspace() and char not in GUILLEMETS:
        return None
    open_before = before.isspace() or before in OPENERS_BEFORE
    opening = open_before and not (after.isspace() or after in CLOSING_PUNCT)
    closing = not open_before and (after.isspace() or after in CLOSERS_AFTER)
    if opening != closing:
        return "open" if opening else "close"
    if char in OPENING_SHAPES:
        return "open"
    if char in CLOSING_SHAPES:
        return "close"
    return "either"
