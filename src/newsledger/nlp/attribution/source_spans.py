"""How far a source's noun phrase goes: the words that name who speaks, as written.

PolNeAR-style gold (and a reader) takes the source as the speaker's whole description — title,
name, apposed role, a relative clause that says which people ('the experts I interviewed', 'Schiff, who
has served on the committee') — and not what the sentence says *about* them: where they were ('Sanders at
a rally'), what they were doing ('Trump, speaking to veterans'), or anything after the verb they are
the subject of. The dependency subtree of the head is the starting point; the parser's attachments are not
trusted past the speaker's own verb. The words that decide are data in ``lexicons/source_spans.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsledger.nlp.cues import cue_lexicon
from newsledger.nlp.lexicons import load_json

NAMED_PLACES = frozenset({"ORG", "FAC"})
"""Entity types whose 'at'/'on' phrase names part of an organization ('the Center at the Urban Institute')."""


@dataclass(frozen=True)
class SpanWords:
    """The word lists of ``lexicons/source_spans.json``."""

    scene_preps: frozenset[str]
    floating: frozenset[str]
    breaks: frozenset[str]
    spaced_breaks: frozenset[str]
    adjunct_preps: frozenset[str]


@functools.cache
def span_words() -> SpanWords:
    raw = load_json("attribution", "source_spans.json")
    return SpanWords(*(frozenset(raw[key]) for key in SpanWords.__dataclass_fields__))


def noun_phrase(head: Token) -> tuple[int, int]:
    """The token span ``[start, end)`` of the source whose head is ``head`` (module docstring).

    It never crosses a dash, an unclosed parenthesis or a line break
    (datelines and timestamps stand before bylines), and it drops a possessive ending and edge punctuation.
    """
    doc = head.doc
    dropped = {t.i for child in head.children if _dropped(head, child) for t in child.subtree}
    tokens = [t for t in head.subtree if t.i not in dropped]
    start, end = tokens[0].i, tokens[-1].i + 1
    for cut in (
        _reporting_clause(head),
        _participle_aside(head),
        _inner_aside(head, end),
        _governor(head),
    ):
        if cut is not None and cut > head.i:
            end = min(end, cut)
    end = _breaks_after(doc, head, end)
    start = _breaks_before(doc, head, start)
    end = _parenthesis(doc, head, end)
    while end - 1 > head.i and doc[end - 1].text != ")" and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"
    ):
        end -= 1
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, _closing_dash_kept(doc, start, end)


def _dropped(head: Token, child: Token) -> bool:
    """A dependent after the head that says something about the speaker rather than who they are.

    Relative clauses and 'including …' phrases stay: they say which speaker ('Schiff, 56, who has served
    on the committee'; 'other unions, including the AFL-CIO'), and the gold takes them in."""
    if child.i < head.i:
        return False
    words = span_words()
    if child.lower_ in words.floating:
        return True
    if child.dep_ == "prep" and child.lower_ in words.scene_preps and head.pos_ == "PROPN":
        return not _names_a_body(head, child)  # 'Sanders at a rally', not 'the Center at the Institute'
    return False


def _names_a_body(head: Token, prep: Token) -> bool:
    """'The Commission on Presidential Debates', 'the Tax Policy Center at the Urban Institute': the
    phrase is inside the head's name, or names the organization the head belongs to."""
    if prep.ent_type_ and prep.ent_iob_ == "I":
        return True
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects or head.ent_type_ not in NAMED_PLACES | {""}:
        return False  # a person's 'at …', 'in …' is where they were
    named = objects[0]
    if named.ent_type_ in NAMED_PLACES:
        return True
    # capitalised words the tagger did not name: 'the Commission on Presidential Debates'
    return not head.ent_type_ and not named.ent_type_ and named.tag_ in {"NNP", "NNPS"}


def _participle_aside(head: Token) -> int | None:
    """Where a present participle set off by a comma starts ('Zelensky, speaking in Kyiv on Monday,
    said'): it says what the speaker was doing, not who they are, so the source stops before it. A past
    participle stays ('the poll, conducted in early September, found'): it says which one."""
    doc = head.doc
    for child in head.children:
        participle = child.dep_ in {"acl", "advcl"} and child.tag_ == "VBG" and child.i > head.i
        first = min(t.i for t in child.subtree)
        if participle and first > 0 and doc[first - 1].text == ",":
            return first - 1
    return None


def _reporting_clause(head: Token) -> int | None:
    """Where a relative clause that reports something itself starts ('said Mr. Kamin, who emphasized
    that her proposals would simplify returns'): that is an attribution of its own, with 'who' as its
    source, so it is not part of this one's source."""
    lexicon = cue_lexicon()
    for child in head.children:
        if child.dep_ != "relcl" or child.i < head.i or lexicon.verb(child) is None:
            continue
        if any(grandchild.dep_ == "ccomp" for grandchild in child.children):
            first = min(t.i for t in child.subtree)
            return first - 1 if head.doc[first - 1].text == "," else first
    return None


def _inner_aside(head: Token, end: int) -> int | None:
    """Where a comma opens a participle that hangs on an object deeper in the phrase ('Roy Cooper,
    McCrory's opponent in the election, called Friday for …'): it is a clause about that word (or the
    parser's misreading of the speaker's own verb), not part of who speaks. Appositions of inner words stay
    ('of Ashton, Md.'; 'Homeland Security Investigations, a division of ICE'). An aside between dashes
    is the writer's own and is left whole."""
    doc = head.doc
    for token in doc[head.i + 1 : end]:
        if _is_break(doc, token):
            return None
        described = token.head
        if token.dep_ != "acl" or described.dep_ not in {"pobj", "dobj"}:
            continue
        if described.i == head.i or described.i > token.i:
            continue
        first = min(t.i for t in token.subtree)
        if doc[first - 1].text == ",":
            return first - 1
    return None


def _governor(head: Token) -> int | None:
    """The verb the source is the subject of, when it follows: nothing after it is the source, whatever
    the parser hung on the subject ('A union representing attendants endorsed X, another example of…')."""
    governor = head.head
    if governor.i > head.i and governor.pos_ in {"VERB", "AUX"}:
        return governor.i
    return None


def _is_break(doc: Doc, token: Token) -> bool:
    """A dash, or a hyphen standing alone between spaces ('predictable - Donald J. Trump')."""
    words = span_words()
    if token.text in words.breaks:
        return True
    spaced = token.i > 0 and bool(doc[token.i - 1].whitespace_) and bool(token.whitespace_)
    return token.text in words.spaced_breaks and spaced


def _breaks_after(doc: Doc, head: Token, end: int) -> int:
    position = head.i + 1
    while position < end:
        token = doc[position]
        closing = _closing_dash(doc, token, end) if _is_break(doc, token) else None
        if closing is not None:  # 'Kall -- co-editor of a book on the debates -- said': an aside
            position = closing + 1
            continue
        unclosed = token.text == "(" and not _closes(doc, token, end)
        if _is_break(doc, token) or "\n" in token.text or unclosed:
            return token.i
        position += 1
    return end


def _breaks_before(doc: Doc, head: Token, start: int) -> int:
    for token in reversed(doc[start : head.i]):
        if _is_break(doc, token) or "\n" in token.text:
            return token.i + 1
    return start


def _parenthesis(doc: Doc, head: Token, end: int) -> int:
    """Keep a parenthesis closed just after the phrase ('Sen. Rand Paul (R-Ky.)'); a parenthesis that is a
    clause of its own ('Mr. Burman (a view echoed by everyone I interviewed)') is a remark, not the name."""
    opening = next((t for t in doc[head.i : end] if t.text == "("), None)
    if opening is None:
        return end
    closing = next((t.i for t in doc[opening.i : end + 3] if t.text == ")"), None)
    if closing is None:
        return end
    if any(t.pos_ == "VERB" for t in doc[opening.i : closing]):
        return opening.i if opening.i > head.i else end
    return max(end, closing + 1)


def _closing_dash_kept(doc: Doc, start: int, end: int) -> int:
    """'Kall -- co-editor of a book on the debates -- said': the aside's closing dash belongs to it."""
    if end < len(doc) and doc[end].text in span_words().breaks:
        opened = sum(1 for t in doc[start:end] if t.text == doc[end].text)
        if opened % 2 == 1:
            return end + 1
    return end


def _closing_dash(doc: Doc, dash: Token, end: int) -> int | None:
    """The dash that closes an aside opened by ``dash`` inside the phrase (or right after it), on the
    same line; None when the dash opens nothing (a dateline's, a break before a byline)."""
    for token in doc[dash.i + 1 : min(len(doc), end + 1)]:
        if "\n" in token.text:
            return None
        if token.text == dash.text:
            return token.i
    return None


def _closes(doc: Doc, bracket: Token, end: int) -> bool:
    """'Sen. Rand Paul (R-Ky.)' keeps its parenthesis; 'Armed Forces (AFU' cut by the parser does not."""
    return any(t.text == ")" for t in doc[bracket.i + 1 : min(len(doc), end + 1)])
