"""Gerund complements the parser took for adjectives: 'Moscow denied striking residential buildings'.

``en_core_web_sm`` reads 'striking residential buildings' after 'denied' as a noun phrase ('striking'
an adjective of 'buildings', the phrase the object of 'denied'), while it reads 'denied striking the bus
station' right (the gerund an ``xcomp`` with its own object). In the first reading the strike is no verb:
no event is told and the denial is lost. Before triggers are looked for, a gerund that opens the object
of a verb listed in ``gerund_complements.json`` is made that verb's complement, and the noun its object:
the tree the parser gives the second phrasing, so the trigger, its target and its negated mode are read
the same way for both. Only the events component sees it: it runs last.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsledger.nlp.lexicons import load_json


def gerund_verbs() -> frozenset[str]:
    return frozenset(load_json("events", "gerund_complements.json")["verbs"])


def misread_gerund(token: Token, verbs: frozenset[str]) -> bool:
    """A gerund read as an adjective at the start of the object of one of ``verbs``."""
    noun = token.head
    return (
        token.tag_ == "VBG"
        and token.dep_ == "amod"
        and noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in verbs
        and noun.head.i < token.i
        and token.i == noun.left_edge.i
    )


def reattach_gerund_complements(doc: Doc, verbs: frozenset[str]) -> Doc:
    """The Doc with each misread gerund made its verb's ``xcomp`` and its noun the gerund's ``dobj``."""
    for token in [t for t in doc if misread_gerund(t, verbs)]:
        noun, verb = token.head, token.head.head
        token.head, token.dep_ = verb, "xcomp"
        noun.head = token
    return doc
