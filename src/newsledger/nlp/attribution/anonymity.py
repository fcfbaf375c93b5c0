"""Anonymity clauses: 'who spoke on condition of anonymity', 'who asked not to be named'.

Such a clause hangs on a source and says why it has no name. It is not an attribution of its own (its
verb 'spoke' or 'asked' reports nothing, and its subject 'who' is not a speaker), and it makes the source
before it anonymous whatever its head noun ('two residents, who asked not to be named' are anonymous,
not a collective). The clause is recognised by what it says (anonymity, a withheld name, a missing
authorization), not by listing sentences, so it carries to wordings not seen before; the words are in
``lexicons/anonymity.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.nlp.lexicons import load_json

CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})
"""How the verb of an anonymity clause hangs on what it is about."""
SOURCE_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos"})
"""How an anonymity clause hangs on its source ('a diplomat, who declined to be named')."""
CUE_MODIFIER_DEPS = frozenset({"advcl", "prep", "advmod", "npadvmod"})
"""How it hangs on a cue verb ('said on condition of anonymity', '…, speaking anonymously, said')."""


@dataclass(frozen=True)
class AnonymityLexicon:
    words: frozenset[str]
    naming_verbs: frozenset[str]
    withholding_verbs: frozenset[str]
    permission_words: frozenset[str]


@functools.cache
def anonymity_lexicon() -> AnonymityLexicon:
    raw = load_json("attribution", "anonymity.json")
    return AnonymityLexicon(*(frozenset(raw[key]) for key in
                              ("words", "naming_verbs", "withholding_verbs", "permission_words")))


def says_anonymity(head: Token) -> bool:
    """Whether the phrase or clause under ``head`` withholds a name: anonymity words, a negated or
    declined passive 'named'/'identified', or a negated 'authorized (to speak)'."""
    lexicon = anonymity_lexicon()
    for token in head.subtree:
        lemma = token.lemma_.lower()
        if lemma in lexicon.words or token.lower_ in lexicon.words:
            return True
        if lemma in lexicon.naming_verbs and _passive(token) and (
            _negated(token) or token.head.lemma_.lower() in lexicon.withholding_verbs
        ):
            return True
        permission = lemma in lexicon.permission_words or token.lower_ in lexicon.permission_words
        if permission and _negated(token):
            return True
    return False


def is_anonymity_clause(verb: Token) -> bool:
    """A cue verb that heads (or sits in) a clause saying the source is anonymous: no attribution."""
    token = verb
    for _ in range(3):
        if token.dep_ in CLAUSE_DEPS and says_anonymity(token):
            return True
        if token.dep_ not in {"xcomp", "conj"} or token.head.i == token.i:
            return False
        token = token.head
    return False


def is_anonymous_source(head: Token, cue: Token | None) -> bool:
    """The source is anonymous by a clause on its head ('a diplomat, who declined to be named') or on the
    cue verb after the source ('said on condition of anonymity', '…, speaking anonymously, said')."""
    if any(child.dep_ in SOURCE_CLAUSE_DEPS and says_anonymity(child) for child in head.children):
        return True
    if cue is None:
        return False
    return any(child.dep_ in CUE_MODIFIER_DEPS and child.i > head.i and says_anonymity(child)
               for child in cue.children)


def _passive(token: Token) -> bool:
    auxiliaries = [c for c in token.children if c.dep_ in {"auxpass", "aux"}]
    return token.tag_ == "VBN" and any(c.lemma_ == "be" for c in auxiliaries)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for word in (token, token.head) for c in word.children)
