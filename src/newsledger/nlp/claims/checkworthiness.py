"""Check-worthiness: a transparent score of how much a claim is worth checking.

The score is a sum a reader can redo by hand: a base, plus a weight for each feature the claim has (a
figure, a named actor, a date, a factual predicate, the past tense, no hedge), minus a weight for each one
that makes checking moot (a modal, the first person, a short fragment, the reporter's own judgement),
clipped to [0, 1]. Features and weights live in ``lexicons/checkworthiness.json`` so they can be retuned
without code; ``newsledger evaluate claims`` prints the ranking quality (precision at 10).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsledger.nlp.claims.units import Words
from newsledger.nlp.lexicons import load_json
from newsledger.records import ClaimStatus

PAST_TAGS = frozenset({"VBD", "VBN"})
PERFECT_AUX = frozenset({"have", "has", "had"})
FUTURE_WORDS = frozenset({"will", "'ll", "shall"})
SOFT_STATUSES = frozenset({"hedged", "unattributed_opinion"})


@dataclass(frozen=True)
class Weights:
    base: float
    weights: Mapping[str, float]
    short_tokens: int
    number_labels: frozenset[str]
    actor_labels: frozenset[str]
    time_labels: frozenset[str]
    first_person: frozenset[str]
    factual_verbs: frozenset[str]


@functools.cache
def checkworthiness_weights() -> Weights:
    raw = load_json("claims", "checkworthiness.json")
    return Weights(
        base=float(raw["base"]),
        weights={name: float(value) for name, value in raw["weights"].items()},
        short_tokens=int(raw["short_tokens"]),
        number_labels=frozenset(raw["number_labels"]),
        actor_labels=frozenset(raw["actor_labels"]),
        time_labels=frozenset(raw["time_labels"]),
        first_person=frozenset(raw["first_person"]),
        factual_verbs=frozenset(raw["factual_verbs"]),
    )


def features(doc: Doc, words: Words, tokens: tuple[int, ...], head: int, status: ClaimStatus) -> set[str]:
    """The names of the features a claim has, given its own tokens, its head and its status."""
    w = checkworthiness_weights()
    main = doc[head]
    found: set[str] = set()
    labels = {words.ent[i] for i in tokens if words.ent[i]}
    if labels & w.number_labels or any(
        words.like_num[i] and words.ent[i] not in w.time_labels for i in tokens
    ):
        found.add("number")
    if labels & w.actor_labels:
        found.add("named_actor")
    if labels & w.time_labels:
        found.add("date")
    if any(words.lemma[i] in w.factual_verbs for i in tokens if words.tag[i].startswith("VB")):
        found.add("factual_predicate")
    if _past(main):
        found.add("past_tense")
    if _modal(main):
        found.add("modal")
    if status not in SOFT_STATUSES and "modal" not in found:
        found.add("no_hedge")
    if status == "unattributed_opinion":
        found.add("opinion")
    if any(words.lower[i] in w.first_person and words.tag[i].startswith("PRP") for i in tokens):
        found.add("first_person")
    if sum(1 for i in tokens if not words.punct[i]) < w.short_tokens:
        found.add("short")
    return found


def _past(verb: Token) -> bool:
    if verb.tag_ in PAST_TAGS and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return True
    return any(
        c.dep_ in {"aux", "auxpass"} and (c.lower_ in PERFECT_AUX or c.tag_ == "VBD") for c in verb.children
    )


def _modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in FUTURE_WORDS) for c in verb.children)


def score(found: set[str]) -> float:
    """The check-worthiness of a claim with the features ``found``: base plus weights, clipped to [0, 1]."""
    w = checkworthiness_weights()
    total = w.base + sum(w.weights[name] for name in found)
    return round(min(1.0, max(0.0, total)), 3)


def checkworthiness(doc: Doc, words: Words, tokens: tuple[int, ...], head: int, status: ClaimStatus) -> float:
    return score(features(doc, words, tokens, head, status))
