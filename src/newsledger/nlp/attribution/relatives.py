"""Reports in a relative clause inside another report: 'Bamberg said the videos do not show whether Scott
had anything in his hands, which he said were at his side'.

The relative clause is a second speaker's report (or the same speaker's second one) whose content starts
with its pronoun ('which …were at his side', 'what …was economic gerrymandering'). PolNeAR-style gold gives
every word one role, so it does not nest the two: the outer content stops where the relative clause (or the
participle clause holding it: ', amounting to what the senators said was …') begins, and the inner report
stands on its own. Without this cut the outer report would swallow the inner one, and the nesting rule in
:mod:`.finder` would drop the inner speaker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from newsledger.nlp.attribution.base import CONTENT_TRIM, CharSpan, Found

RELATIVE_PRONOUNS = frozenset({"WDT", "WP"})
# the clause that holds a relative report and starts where the outer content must stop
CLAUSE_DEPS = frozenset({"relcl", "advcl", "acl"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def with_relative_reports(
    doc: Doc, found: Sequence[Found], settle: Callable[[list[Found]], list[Found]]
) -> list[Found]:
    """``settle`` the other reports as usual (nesting, overlaps), then put each relative report back,
    cutting the content of the report that holds it before the relative clause (module docstring).

    Settling first keeps the rest of the sentence nested in the outer report as before: in '…his hands,
    which he said were at his side when he was shot, the footage showed' the outer 'said' still hides
    the trailing 'the footage showed'. A relative report that would overlap a kept one after the cut, or
    whose outer report would be left empty, stays out."""
    relative = [f for f in found if _is_relative_report(doc, f)]
    kept = settle([f for f in found if f not in relative])
    string = doc.text
    for inner in relative:
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


def _clause_start(verb: Token, pronoun_char: int) -> int:
    """Where the clause holding the relative report starts: the first clause head above the cue verb
    (itself, for 'which he said'; 'amounting' in ', amounting to what the senators said')."""
    node = verb
    while node.dep_ not in CLAUSE_DEPS and node.head.i != node.i:
        node = node.head
    start = node.left_edge.idx if node.dep_ in CLAUSE_DEPS else pronoun_char
    return min(start, pronoun_char)


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
