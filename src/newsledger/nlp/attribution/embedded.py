"""Reports embedded in another report's content, which PolNeAR-style gold keeps apart.

Two kinds of clause inside a reported sentence hold a report of their own:

- a relative clause of saying, whose content starts with its pronoun: 'Bamberg said the videos do not show
  whether Scott had anything in his hands, which he said were at his side', '…, amounting to what the
  senators said was economic gerrymandering';
- an adverbial clause of time, cause or concession with its own speaker: 'Lynch said the demands of
  government work erase the barriers, though she noted clients are beginning to demand diverse teams'.

Gold gives every word one role, so it does not nest the two: the outer content stops where the clause
(or the participle clause holding it: ', amounting to what …') begins, and the inner report stands on its
own. Without this cut the outer report would swallow the inner one, and the nesting rule in :mod:`.finder`
would drop the inner speaker.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from newsledger.nlp.attribution.base import CONTENT_TRIM, CharSpan, Found
from newsledger.nlp.lexicons import load_json

RELATIVE_PRONOUNS = frozenset({"WDT", "WP"})
# the clause that holds an embedded report and starts where the outer content must stop
CLAUSE_DEPS = frozenset({"relcl", "advcl", "acl"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@functools.cache
def subordinators() -> frozenset[str]:
    """Words that open an adverbial clause whose report is not the outer speaker's (lexicon)."""
    return frozenset(load_json("attribution", "embedded_reports.json")["subordinators"])


def with_embedded_reports(
    doc: Doc, found: Sequence[Found], settle: Callable[[list[Found]], list[Found]]
) -> list[Found]:
    """``settle`` the reports as usual (nesting, overlaps), then put back each embedded report it
    dropped, cutting the content of the report that holds it before its clause (module docstring).

    Settling first keeps the rest of the sentence nested in the outer report as before: in '…his hands,
    which he said were at his side when he was shot, the footage showed' the outer 'said' still hides
    the trailing 'the footage showed'. An embedded report that would overlap a kept one after the cut, or
    whose outer report would be left empty, stays out."""
    kept = settle(list(found))
    dropped = [f for f in found if f not in kept]
    string = doc.text
    for inner in (f for f in dropped if _is_relative_report(doc, f) or _is_subordinate_report(doc, f)):
        assert inner.cue is not None and inner.anchor is not None
        cut = _clause_start(doc[inner.anchor], inner.start)
        outers = [outer for outer in kept if _holds(outer, inner.cue)]
        cuts = [_cut_before(string, outer.content, cut) for outer in outers]
        if not all(cuts):
            continue
        for outer, content in zip(outers, cuts, strict=True):
            outer.content = content
        if not any(_overlaps(inner, other) for other in kept):
            kept.append(inner)
    return kept


def _is_relative_report(doc: Doc, attribution: Found) -> bool:
    """A report of a clause whose subject is the relative pronoun that starts its content, before the
    cue: 'which he said were …', 'what the senators said was …'. A pronoun that is the object of a verb
    of naming ('what he called tribalism') names a thing; it reports no statement and is left alone."""
    if attribution.cue is None or attribution.anchor is None or attribution.source is None:
        return False
    if attribution.start >= attribution.cue[0]:
        return False
    span = doc.char_span(attribution.start, attribution.content[0][1], alignment_mode="expand")
    if span is None or not len(span) or span[0].tag_ not in RELATIVE_PRONOUNS:
        return False
    pronoun = span[0]
    return any(clause.dep_ == "ccomp" and pronoun.head.i == clause.i and pronoun.dep_ in SUBJECTS
               for clause in doc[attribution.anchor].children)


def _is_subordinate_report(doc: Doc, attribution: Found) -> bool:
    """A report whose verb heads an adverbial clause opened by a subordinator ('though she noted …'),
    with a subject of its own and its content after the cue."""
    if attribution.cue is None or attribution.anchor is None or attribution.source is None:
        return False
    verb = doc[attribution.anchor]
    if verb.dep_ != "advcl" or attribution.start < attribution.cue[1]:
        return False
    children = list(verb.children)
    return (any(c.dep_ == "mark" and c.lower_ in subordinators() and c.i < verb.i for c in children)
            and any(c.dep_ in SUBJECTS and c.i < verb.i for c in children))


def _clause_start(verb: Token, content_start: int) -> int:
    """Where the clause holding the embedded report starts: the first clause head above the cue verb
    (itself, for 'which he said' and 'though she noted'; 'amounting' in ', amounting to what the
    senators said')."""
    node = verb
    while node.dep_ not in CLAUSE_DEPS and node.head.i != node.i:
        node = node.head
    start = node.left_edge.idx if node.dep_ in CLAUSE_DEPS else content_start
    return min(start, content_start)


def _holds(outer: Found, cue: CharSpan) -> bool:
    return any(start <= cue[0] and cue[1] <= end for start, end in outer.content)


def _overlaps(a: Found, b: Found) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.content for s2, e2 in b.content)


def _cut_before(text: str, content: list[CharSpan], cut: int) -> list[CharSpan]:
    """The fragments before ``cut``, the last one ending at it without trailing punctuation or space."""
    kept: list[CharSpan] = []
    for start, end in content:
        if start >= cut:
            break
        end = min(end, cut)
        while end > start and text[end - 1] in CONTENT_TRIM:
            end -= 1
        if end > start:
            kept.append((start, end))
    return kept
