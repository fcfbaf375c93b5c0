"""Attitudes stated with an adjective: ``she was sure Trump would win``, ``officials are worried about the
vote``, ``he is determined to stay``.

PolNeAR annotates a source's belief, fear, hope or will as an attribution whatever the part of speech of
its cue. Verbs and nouns of attitude are lexicon entries handled in :mod:`.indirect`; this module adds the
predicative adjectives of the lexicon's ``adjectives`` table. The subject of the copula is the source; the
content is the adjective's that-clause, to-clause or content preposition's object. A bare adjective ('she
was worried') attributes nothing: without a content there is nothing to attribute.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.attribution.base import (
    ArticleText,
    Found,
    form_of,
    in_paragraph_of,
    source_of,
    subtrees,
    trimmed,
)
from newsledger.nlp.cues import CueEntry

PREDICATIVE = frozenset({"acomp", "oprd"})


def adjective_cues(text: ArticleText) -> list[Found]:
    """Predicative attitude adjectives with a content and the copula's subject as the source."""
    found = []
    for token in text.doc:
        if token.i in text.used or text.quoted(token) or token.pos_ != "ADJ" or token.dep_ not in PREDICATIVE:
            continue
        entry = text.lexicon.adjectives.get(token.lower_)
        if entry is None:
            continue
        content_tokens, prep = _content(token, entry)
        source = source_of(token.head) if content_tokens else None
        if source is None:
            continue
        content = trimmed(text, in_paragraph_of(text, token, content_tokens))
        if content is None:
            continue
        end = prep.idx + len(prep) if prep is not None and prep.i == token.i + 1 else token.idx + len(token)
        found.append(Found((token.idx, end), token.lower_, token.i, source, [content],
                           form_of(text, content), 0.6))
        text.used.add(token.i)
    return found


def _content(adjective: Token, entry: CueEntry) -> tuple[list[Token], Token | None]:
    """The adjective's clause ('sure [that] X'), to-clause ('eager to X') or preposition's object
    ('worried about X'); the parser may hang the clause on the copula instead ('was sure X would win')."""
    copula = adjective.head
    candidates = [*adjective.children, *(c for c in copula.children if c.i > adjective.i)]
    for child in candidates:
        if entry.takes_any("clause") and child.dep_ == "ccomp":
            return subtrees([child]), None
        if entry.takes_any("infinitive") and child.dep_ == "xcomp" and _has_to(child):
            return subtrees([child]), None
    for child in adjective.children:
        if child.dep_ == "prep" and child.lower_ in entry.preps:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return subtrees(objects), child
    return [], None


def _has_to(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
