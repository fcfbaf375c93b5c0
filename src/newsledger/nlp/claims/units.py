"""Cutting a parsed Doc into claim units: the checkable statements of each sentence.

A unit is one clause, found on the dependency parse:

- **The content of an attribution** is its own unit ("US officials said *the missiles were likely to be
  used …*"): the claim rests on the source. A content that is only a noun phrase ("did not confirm
  *authorisation for the strike*", "admitting *the damage*") states nothing by itself, so there the unit is
  the whole clause of the cue, source and cue included.
- **The frame** of an attribution with clausal content ("some European media reported", "according to the
  ministry") is not a claim, but it is kept aside: "the rebels said …, but *provided no evidence*" leaves
  the content unconfirmed.
- **Coordinated clauses with different subjects** are separate units ("…, but *the articles were promptly
  deleted*"); coordinated verbs sharing a subject stay one unit, since they make one statement about it.

Attributions are read from ``doc._.attributions`` (plain data the attribution component stored), so that
this works on a Doc that crossed a process boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, TAG
from spacy.tokens import Doc, Token

CharSpan = tuple[int, int]
UnitKind = Literal["content", "cue_clause", "plain", "frame"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
CLAUSE_LINKS = frozenset({"conj", "parataxis"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
AUX_DEPS = frozenset({"aux", "auxpass"})
COMPLEMENTIZERS = frozenset({"that", "whether", "if"})
NO_GROUP = -1


@dataclass(frozen=True)
class Words:
    """The token attributes the claim rules read, taken off the Doc once as plain lists.

    Indexing a Doc builds a new Python object each time; the rules look at every word several times, so
    they read these lists instead and build a Token only for the few words that need their syntax.
    """

    lower: list[str]
    lemma: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    ent: list[str]
    like_num: list[bool]
    punct: list[bool]
    space: list[bool]
    starts: frozenset[int]
    """coordinated or juxtaposed clauses with a subject of their own: each starts a new claim"""

    @classmethod
    def of(cls, doc: Doc) -> Words:
        """Read with one ``Doc.to_array``: string ids and flags for every token, no Token objects."""
        array = doc.to_array([HEAD, LOWER, LEMMA, TAG, DEP, ENT_TYPE, LIKE_NUM, IS_PUNCT, IS_SPACE])
        array = array.reshape(len(doc), 9)
        # stored unsigned: a head to the left is a negative offset
        heads = [i + offset for i, offset in enumerate(array[:, 0].astype("int64").tolist())]
        lower_ids, lemma_ids, tag_ids, dep_ids, ent_ids, like_num, punct, space = array[:, 1:].T.tolist()
        strings = doc.vocab.strings
        lemma_of = {lemma_id: strings[lemma_id].lower() for lemma_id in set(lemma_ids)}
        lower = [strings[i] for i in lower_ids]
        lemma = [lemma_of[i] for i in lemma_ids]
        tag = [strings[i] for i in tag_ids]
        dep = [strings[i] for i in dep_ids]
        ent = [strings[i] for i in ent_ids]
        with_subject = {heads[i] for i, d in enumerate(dep) if d in SUBJECT_DEPS}
        starts = frozenset(i for i, d in enumerate(dep) if d in CLAUSE_LINKS and i in with_subject)
        return cls(
            lower, lemma, tag, dep, heads, ent, _bools(like_num), _bools(punct), _bools(space), starts
        )

    def is_verb(self, i: int) -> bool:
        return self.tag[i].startswith("VB") or self.tag[i] == "MD"


def _bools(flags: list[int]) -> list[bool]:
    return [bool(flag) for flag in flags]


@dataclass(frozen=True)
class Said:
    """One attribution as the attribution component stored it: character offsets and labels."""

    cue: CharSpan | None
    lemma: str | None
    source: CharSpan | None
    content: tuple[CharSpan, ...]
    form: str
    kind: str

    @property
    def extent(self) -> CharSpan:
        return self.content[0][0], self.content[-1][1]


@dataclass(frozen=True)
class Unit:
    """A claim before its status: its own tokens, its token span, its head and the attribution it rests on.

    ``tokens`` are the words that belong to this clause and no other; ``start``/``end`` is the token span
    shown to the reader, which may enclose a nested clause (a relative clause with its own cue). A
    ``frame`` unit is the source-and-cue clause of an attribution ("the rebels said, but provided no
    evidence"): never a claim itself, it is kept because its words can decide the content's status.
    """

    tokens: tuple[int, ...]
    start: int
    end: int
    head: int
    said: int | None
    kind: UnitKind
    sentence: int


def read_attributions(doc: Doc) -> list[Said]:
    """The attributions stored on ``doc._.attributions``, in the order stored."""
    return [_said(item) for item in (doc._.attributions or [])]


def _said(item: dict[str, Any]) -> Said:
    return Said(
        cue=_pair(item["cue"]),
        lemma=item["lemma"],
        source=_pair(item["source"]),
        content=tuple((int(start), int(end)) for start, end in item["content"]),
        form=item["form"],
        kind=item["kind"],
    )


def _pair(value: list[int] | None) -> CharSpan | None:
    return (int(value[0]), int(value[1])) if value else None


def claim_units(doc: Doc, words: Words, said: list[Said]) -> list[Unit]:
    """Every claim unit of ``doc`` in text order (module docstring); ``words`` are its :class:`Words`."""
    content_tokens = [_content_tokens(doc, item) for item in said]
    clausal = [_is_clausal(doc, item, tokens) for item, tokens in zip(said, content_tokens, strict=True)]
    region = [NO_GROUP] * len(doc)
    for index in sorted(range(len(said)), key=lambda i: -len(content_tokens[i])):
        if clausal[index]:
            for i in content_tokens[index]:
                region[i] = index
    bounds = {i: (min(tokens), max(tokens)) for i, tokens in enumerate(content_tokens) if tokens}
    anchors = cue_anchors(doc, said)
    anchors = {i: a for i, a in anchors.items() if not _joins_frame(words, i, a, anchors, clausal)}
    units: list[Unit] = []
    for number, sentence in enumerate(doc.sents):
        if _is_question(sentence.text):
            continue
        groups: dict[tuple[int, int], list[int]] = {}
        for i in range(sentence.start, sentence.end):
            if not words.space[i]:
                groups.setdefault(_group_of(words, i, region, bounds, anchors), []).append(i)
        for (owner, head), tokens in groups.items():
            unit = _unit(doc, words, owner, head, tokens, anchors, clausal, number)
            if unit is not None:
                units.append(unit)
    return sorted(units, key=lambda u: (u.start, u.end))


def _content_tokens(doc: Doc, item: Said) -> list[int]:
    found: list[int] = []
    for start, end in item.content:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None:
            found.extend(t.i for t in span if not t.is_space)
    return found


def _is_clausal(doc: Doc, item: Said, tokens: list[int]) -> bool:
    """Content that states something by itself: a quotation, or a clause with a finite verb at its top."""
    if item.form == "direct":
        return True
    inside = set(tokens)
    tops = [doc[i] for i in tokens if doc[i].head.i not in inside or doc[i].head.i == i]
    return any(_finite(token) for token in tops)


def _finite(token: Token) -> bool:
    if token.tag_ in FINITE_TAGS:
        return True
    return any(child.dep_ in AUX_DEPS and child.tag_ in FINITE_TAGS for child in token.children)


def cue_anchors(doc: Doc, said: list[Said]) -> dict[int, int]:
    """Token index of each attribution's cue word -> the attribution's index."""
    anchors: dict[int, int] = {}
    for index, item in enumerate(said):
        if item.cue is None:
            continue
        span = doc.char_span(item.cue[0], item.cue[1], alignment_mode="expand")
        if span is not None and len(span):
            anchors[span.root.i] = index
    return anchors


def _joins_frame(words: Words, cue: int, index: int, anchors: dict[int, int], clausal: list[bool]) -> bool:
    """'The militia said …, *but offered no evidence*': a noun-phrase cue coordinated with a clausal cue,
    sharing its subject, comments on what the source said; it is part of that frame, not a claim."""
    head = words.head[cue]
    return (
        not clausal[index]
        and words.dep[cue] == "conj"
        and head in anchors
        and clausal[anchors[head]]
        and cue not in words.starts
    )


def _is_question(text: str) -> bool:
    return text.rstrip().rstrip("\"'”’»)").endswith("?")


def _group_of(
    words: Words, token: int, region: list[int], bounds: dict[int, tuple[int, int]], anchors: dict[int, int]
) -> tuple[int, int]:
    """The clause a token belongs to: ``(attribution, head)`` inside a content, ``(NO_GROUP, head)`` outside.

    A word outside every content that hangs from one joins it only when it lies within the content's
    extent (the comma of an interrupted quote), not when the parser glued a heading or a frame to it.
    """
    current = token
    while region[current] == NO_GROUP:
        head = words.head[current]
        if current in anchors or current in words.starts or head == current:
            return NO_GROUP, current
        if region[head] != NO_GROUP:
            first, last = bounds[region[head]]
            if not first <= token <= last:
                return NO_GROUP, current
        current = head
    owner = region[current]
    while True:
        if current in words.starts:
            return owner, current
        head = words.head[current]
        if head == current or region[head] != owner:
            return owner, NO_GROUP
        current = head


def _unit(
    doc: Doc,
    words: Words,
    owner: int,
    head: int,
    tokens: list[int],
    anchors: dict[int, int],
    clausal: list[bool],
    sentence: int,
) -> Unit | None:
    said: int | None = owner if owner != NO_GROUP else anchors.get(head)
    kind: UnitKind = "content" if owner != NO_GROUP else ("cue_clause" if said is not None else "plain")
    if kind == "cue_clause" and said is not None and clausal[said]:
        kind = "frame"  # "some European media reported": not a claim, but its words may hedge the content
    elif not _has_predicate(doc, words, tokens, head):
        return None  # a heading, a byline, a fragment
    start, end = _trimmed(doc, tokens)
    if end - start < 2:
        return None
    top = head if head != NO_GROUP else _top(words, tokens)
    return Unit(tuple(tokens), start, end, top, said, kind, sentence)


def _has_predicate(doc: Doc, words: Words, tokens: list[int], head: int) -> bool:
    """A verb, or a head with a subject or object (the tagger sometimes takes 'undermines' for a noun)."""
    if any(words.is_verb(i) for i in tokens):
        return True
    heads = [doc[head]] if head != NO_GROUP else [doc[i] for i in tokens if doc[i].dep_ == "ROOT"]
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "dobj" for h in heads for c in h.children)


def _top(words: Words, tokens: list[int]) -> int:
    """The head of a content: its highest word, a verb if there is one."""
    inside = set(tokens)
    tops = [i for i in tokens if words.head[i] not in inside or words.head[i] == i]
    verbs = [i for i in tops if words.is_verb(i)]
    return (verbs or tops or tokens)[0]


def _trimmed(doc: Doc, tokens: list[int]) -> tuple[int, int]:
    """The unit's token span without edge punctuation, conjunctions or a leading complementizer."""
    start, end = tokens[0], tokens[-1] + 1
    while start < end and _edge(doc[start], leading=True):
        start += 1
    while end > start and _edge(doc[end - 1], leading=False):
        end -= 1
    return start, end


def _edge(token: Token, *, leading: bool) -> bool:
    if token.is_quote:
        return False  # a quotation mark stays with its quotation
    if token.is_space or token.is_punct or token.dep_ == "cc":
        return True
    return leading and token.dep_ == "mark" and token.lower_ in COMPLEMENTIZERS
