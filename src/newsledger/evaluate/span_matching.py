"""Comparing character spans the way attribution scores need: normalised, intersected, paired.

Span normalisation (used by every role-level metric and by the pairing of attributions)
--------------------------------------------------------------------------------------
A role span is a set of fragments (``Fragments``); the empty tuple means "role absent". Before comparing,
each span is normalised by :func:`normalise_span`:

1. empty fragments are dropped, the rest are sorted and overlapping/touching fragments merged;
2. two consecutive fragments are merged when the text between them consists only of *ignorable*
   characters (so a content annotated as two pieces split by a line break or a bare comma is one span);
3. each resulting run is trimmed at both ends of every ignorable character; runs that become empty are
   dropped. A span with nothing left is treated as absent.

Ignorable characters (``IGNORABLE``) are whitespace and the marks ``“ ” " ‘ ’ ' , . : —``. Annotators and
extractors disagree about whether a quote's closing comma or its quotation marks belong to the content,
and that disagreement says nothing about who said what, so it is not allowed to break an exact match.
``?`` and ``!`` are *not* ignorable: they change what was said. The trimming is only at the ends of runs;
punctuation inside a span is kept, so a discontinuous quote ``“A,” he said, “B.”`` stays two runs
(``A`` and ``B``) and does not match a single-fragment prediction covering ``A,” he said, “B``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

Fragments = tuple[tuple[int, int], ...]
"""Character fragments ``(start, end)`` (end-exclusive, ``str`` offsets); ``()`` means the role is absent."""

IGNORABLE = frozenset(" \t\n\r\f\v\u00a0\u2009\u202f“”\"‘’',.:—")
"""Characters trimmed from the ends of a span before comparison (see the module docstring)."""

WORD = re.compile(r"\w+")




def normalise_span(text: str, fragments: Fragments) -> Fragments:
    """Canonical form of a span for comparison: merged, gap-joined, trimmed runs (module docstring)."""
    runs = _merge_touching(fragments)
    runs = _join_ignorable_gaps(text, runs)
    return tuple(run for run in (_trim(text, start, end) for start, end in runs) if run[0] < run[1])


def _merge_touching(fragments: Fragments) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(f for f in fragments if f[0] < f[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _join_ignorable_gaps(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in runs:
        if joined and all(char in IGNORABLE for char in text[joined[-1][1] : start]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in IGNORABLE:
        start += 1
    while end > start and text[end - 1] in IGNORABLE:
        end -= 1
    return start, end


def intersection(a: Fragments, b: Fragments) -> Fragments:
    """The fragments covered by both normalised spans (both inputs sorted and non-overlapping)."""
    shared: list[tuple[int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            shared.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(shared)


def span_length(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


def span_text(text: str, fragments: Fragments) -> str:
    return " ".join(text[start:end] for start, end in fragments)


@dataclass(frozen=True)
class Tokens:
    """Word-token boundaries of one document, searched by bisection to count tokens under a span."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Tokens:
        matches = list(WORD.finditer(text))
        return cls(tuple(m.start() for m in matches), tuple(m.end() for m in matches))

    def count(self, fragments: Fragments) -> int:
        """Number of tokens with at least one character inside ``fragments``."""
        hit: set[int] = set()
        for start, end in fragments:
            index = bisect_right(self.ends, start)
            while index < len(self.starts) and self.starts[index] < end:
                hit.add(index)
                index += 1
        return len(hit)


def greedy_pairs(gold: Sequence[Fragments], predicted: Sequence[Fragments]) -> list[tuple[int, int, int]]:
    """One-to-one pairs ``(gold index, predicted index, shared characters)``, largest overlap first.

    Greedy rather than optimal on purpose: it is what the PARC/Citron partial-match scores do, and spans
    within one role rarely overlap more than one counterpart, so the two almost never differ.
    """
    candidates = sorted(
        (-span_length(intersection(g, p)), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if intersection(g, p)
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs: list[tuple[int, int, int]] = []
    for negative_overlap, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gi, pi, -negative_overlap))
    return pairs
