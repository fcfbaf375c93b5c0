"""The claim status lexicon (``lexicons/claim_status.json``) as typed, read-once data.

The lexicon is the linguist's side of claim status: which words confirm, deny, retract or hedge, how a
negation turns them, which nouns stand for a claim ("the reports", "the footage") and which words are the
reporter's own judgement. The status rules ask this module, never the JSON, so that a malformed entry fails
once, at load, with the entry named.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, get_args

from newsledger.nlp.lexicons import load_json
from newsledger.records import ClaimStatus

STATUSES: tuple[ClaimStatus, ...] = get_args(ClaimStatus)


@dataclass(frozen=True)
class StatusWord:
    """A verb or noun that decides a status through its syntax: its negation and what it is about."""

    status: ClaimStatus
    negated: ClaimStatus | None
    claim_only: bool


@dataclass(frozen=True)
class Phrase:
    """Words matched in sequence, each on a token's lower-case form or its lemma."""

    words: tuple[str, ...]
    status: ClaimStatus


@dataclass(frozen=True)
class EarlierVersions:
    """A source that is an earlier state of the text itself ('an earlier version of this article'):
    a version noun (``heads``) with a word that puts it before the present text (``modifiers``)."""

    heads: frozenset[str]
    modifiers: frozenset[str]


@dataclass(frozen=True)
class ClaimLexicon:
    precedence: tuple[ClaimStatus, ...]
    confirm_at_least: float
    deny_at_most: float
    words: Mapping[str, StatusWord]
    negators: frozenset[str]
    negative_determiners: frozenset[str]
    report_nouns: frozenset[str]
    deed_nouns: frozenset[str]
    negated_affirmations: frozenset[str]
    back_pronouns: frozenset[str]
    definite_determiners: frozenset[str]
    modals: Mapping[str, StatusWord]
    denial_words: frozenset[str]
    phrases_by_first_word: Mapping[str, tuple[Phrase, ...]]
    earlier_versions: EarlierVersions

    @property
    def word_heads(self) -> frozenset[str]:
        """The lemmas that start a status word's key ('take' for 'take down'): a quick first filter."""
        return _word_heads(tuple(self.words))

    def rank(self, status: ClaimStatus) -> int:
        """Lower ranks win when several cues touch one claim."""
        return self.precedence.index(status)


@functools.cache
def _word_heads(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(key.split()[0] for key in keys)


def _status(value: Any, where: str) -> ClaimStatus:
    if value not in STATUSES:
        raise ValueError(f"claim_status.json: {where}: unknown status {value!r}")
    status: ClaimStatus = value
    return status


def _word(key: str, raw: Mapping[str, Any]) -> StatusWord:
    negated = raw.get("negated")
    return StatusWord(
        status=_status(raw["status"], key),
        negated=_status(negated, key) if negated is not None else None,
        claim_only=bool(raw.get("claim_only", False)),
    )


def _phrase_index(raw: Mapping[str, list[str]]) -> dict[str, tuple[Phrase, ...]]:
    """Phrases keyed by their first word, longest first, so the scan tries the fullest match first."""
    index: dict[str, list[Phrase]] = {}
    for status, phrases in raw.items():
        for text in phrases:
            words = tuple(text.lower().replace("-", " - ").split())  # the tokenizer splits hyphens too
            index.setdefault(words[0], []).append(Phrase(words, _status(status, text)))
    return {first: tuple(sorted(found, key=lambda p: -len(p.words))) for first, found in index.items()}


def _lower_set(values: list[str]) -> frozenset[str]:
    return frozenset(value.lower() for value in values)


@functools.cache
def claim_lexicon() -> ClaimLexicon:
    """The packaged status lexicon, parsed and checked once per process."""
    raw = load_json("claims", "claim_status.json")
    precedence = tuple(_status(s, "precedence") for s in raw["precedence"])
    if set(precedence) != set(STATUSES):
        raise ValueError("claim_status.json: precedence must list every status once")
    return ClaimLexicon(
        precedence=precedence,
        confirm_at_least=float(raw["attribution"]["confirm_at_least"]),
        deny_at_most=float(raw["attribution"]["deny_at_most"]),
        words={key: _word(key, entry) for key, entry in raw["words"].items()},
        negators=_lower_set(raw["negators"]),
        negative_determiners=_lower_set(raw["negative_determiners"]),
        report_nouns=_lower_set(raw["report_nouns"]),
        deed_nouns=_lower_set(raw["deed_nouns"]),
        negated_affirmations=_lower_set(raw["negated_affirmations"]),
        back_pronouns=_lower_set(raw["back_pronouns"]),
        definite_determiners=_lower_set(raw["definite_determiners"]),
        modals={word: _word(word, entry) for word, entry in raw["modals"].items()},
        denial_words=_lower_set(raw["denial_words"]),
        phrases_by_first_word=_phrase_index(raw["phrases"]),
        earlier_versions=EarlierVersions(
            heads=_lower_set(raw["earlier_versions"]["heads"]),
            modifiers=_lower_set(raw["earlier_versions"]["modifiers"]),
        ),
    )
