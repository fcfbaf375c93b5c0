"""spaCy's token Matcher, run only over the stretches of a Doc where one of its patterns can match.

spaCy's ``Matcher`` starts every pattern at every token, so its cost is tokens x patterns even when the
patterns name a few dozen words ('yesterday', 'last', a weapon's name). Every token of a match satisfies
one of the patterns' token specs, so a match lies inside a maximal run of tokens that could satisfy some
spec; and it holds a token for each spec its pattern requires (no ``?`` or ``*``), so a run with no
token meeting any pattern's *anchor* (one required spec per pattern, preferably a word) holds none.
:class:`RunMatcher` finds the runs that qualify from arrays of token attributes (one ``Doc.to_array``
and a few ``numpy.isin``), runs the Matcher over each as a ``Span`` and shifts the offsets back: the
same ``(match_id, start, end)`` tuples, in the same order, at a small part of the cost.

A spec's condition is one of its conjuncts: an exact value or ``IN`` list of ``ORTH``/``TEXT``,
``LOWER``, ``NORM``, ``SHAPE``, ``POS`` or ``ENT_TYPE``, or a boolean flag (``LIKE_NUM``, ``IS_TITLE``,
...). A spec with none of these (a wildcard ``{}``, only a ``REGEX``) or a negated spec (``"OP": "!"``)
could match any token; the whole Doc is then matched, as the plain Matcher would.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

Match = tuple[int, int, int]
# Attributes whose pattern values are strings (stored in token arrays as string-store ids).
VALUE_ATTRS = ("ORTH", "LOWER", "NORM", "SHAPE", "POS", "ENT_TYPE")
# Attributes that name words: the rarest kind of condition, so the preferred anchor.
WORD_ATTRS = frozenset({"ORTH", "LOWER", "NORM"})
# Boolean lexeme flags a spec may require (``{"LIKE_NUM": true}``).
FLAG_ATTRS = ("IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "LIKE_NUM", "IS_STOP")
# Quantifiers under which a spec matches at least one token.
REQUIRED_OPS = frozenset({None, "1", "+"})

Condition = tuple[str, frozenset[int] | bool]


@dataclass
class Conditions:
    """A union of token conditions, tested on the columns of ``Doc.to_array``."""

    values: dict[str, set[int]] = field(default_factory=dict)
    flags: set[tuple[str, bool]] = field(default_factory=set)
    arrays: dict[str, npt.NDArray[np.uint64]] = field(default_factory=dict)

    def add(self, condition: Condition) -> None:
        attr, wanted = condition
        if isinstance(wanted, bool):
            self.flags.add((attr, wanted))
        else:
            self.values.setdefault(attr, set()).update(wanted)

    def finish(self) -> None:
        """Turn the value sets into the arrays ``mask`` looks tokens up in."""
        self.arrays = {
            attr: np.fromiter(ids, dtype=np.uint64, count=len(ids)) for attr, ids in self.values.items()
        }

    def attrs(self) -> list[str]:
        return [*self.values, *(attr for attr, _ in self.flags)]

    def mask(self, columns: dict[str, npt.NDArray[np.uint64]], length: int) -> npt.NDArray[np.bool_]:
        """Which tokens meet at least one of the conditions."""
        met = np.zeros(length, dtype=bool)
        for attr, ids in self.arrays.items():
            met |= np.isin(columns[attr], ids)
        for attr, wanted in self.flags:
            met |= columns[attr] == int(wanted)
        return met


class RunMatcher:
    """Calls ``matcher`` on the runs of tokens that may hold a match of ``patterns``.

    ``patterns`` are the token patterns ``matcher`` holds; they alone decide where to look, so a
    Matcher holding patterns not listed would miss their matches: pass them all.
    """

    def __init__(self, vocab: Vocab, matcher: Matcher, patterns: Iterable[Sequence[dict[str, Any]]]) -> None:
        self.matcher = matcher
        self.possible = Conditions()
        self.anchors = Conditions()
        self.everywhere = False
        for pattern in patterns:
            conditions = [_condition(vocab, spec) for spec in pattern]
            known = [condition for condition in conditions if condition is not None]
            if len(known) < len(conditions):
                self.everywhere = True
                return
            for condition in known:
                self.possible.add(condition)
            required = [c for c, spec in zip(known, pattern, strict=True) if spec.get("OP") in REQUIRED_OPS]
            words = [c for c in required if c[0] in WORD_ATTRS]
            anchor = words[-1] if words else required[-1] if required else None
            if anchor is None:  # every spec optional: any possible token may be a match
                self.anchors = self.possible
            elif self.anchors is not self.possible:
                self.anchors.add(anchor)
        self.possible.finish()
        self.anchors.finish()
        self.attrs = list(dict.fromkeys([*self.possible.attrs(), *self.anchors.attrs()]))

    def __call__(self, doc: Doc) -> list[Match]:
        """What ``matcher(doc)`` returns, found by matching only the runs that may hold a match."""
        if self.everywhere or len(doc) == 0:
            return list(self.matcher(doc))
        matches: list[Match] = []
        for start, end in self.runs(doc):
            found = self.matcher(doc[start:end])
            matches.extend((match_id, start + first, start + last) for match_id, first, last in found)
        return matches

    def runs(self, doc: Doc) -> list[tuple[int, int]]:
        """The maximal ``(start, end)`` stretches of possible tokens that hold an anchor token."""
        array = doc.to_array([IDS[attr] for attr in self.attrs])
        table: npt.NDArray[np.uint64] = np.asarray(array, dtype=np.uint64).reshape(len(doc), len(self.attrs))
        columns = {attr: table[:, i] for i, attr in enumerate(self.attrs)}
        possible = self.possible.mask(columns, len(doc))
        anchored = np.zeros(len(doc) + 1, dtype=np.int64)  # anchored[i]: anchor tokens before token i
        np.cumsum(self.anchors.mask(columns, len(doc)) & possible, out=anchored[1:])
        bounds = np.zeros(len(doc) + 2, dtype=np.int8)
        bounds[1:-1] = possible
        edges = np.flatnonzero(np.diff(bounds))  # where runs of possible tokens start and end
        return [
            (int(start), int(end))
            for start, end in zip(edges[::2], edges[1::2], strict=True)
            if anchored[end] > anchored[start]
        ]


def _condition(vocab: Vocab, spec: dict[str, Any]) -> Condition | None:
    """One condition every token matching ``spec`` meets (a word condition if it has one); else None."""
    if spec.get("OP") == "!":
        return None
    found: list[Condition] = []
    for key, value in spec.items():
        attr = "ORTH" if key.upper() == "TEXT" else key.upper()
        words = _words(value) if attr in VALUE_ATTRS else None
        if words is not None:
            found.append((attr, frozenset(vocab.strings[w] for w in words)))
        elif attr in FLAG_ATTRS and isinstance(value, bool):
            found.append((attr, value))
    found.sort(key=lambda condition: condition[0] not in WORD_ATTRS)
    return found[0] if found else None


def _words(value: Any) -> list[str] | None:
    """The strings a spec value allows: ``"x"`` or ``{"IN": [...]}``; None for anything else."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        words = value["IN"]
        return words if all(isinstance(w, str) for w in words) else None
    return None
