"""The attribution cue lexicon (``lexicons/attribution_cues.json``) as typed, read-once data.

The lexicon is the linguist's side of attribution: which verbs, nouns and phrases attribute, what each one
takes as its content, and how strongly it commits the source to that content (the *epistemic weight* the
claims stage starts from). The extractor asks this module, never the JSON.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from spacy.tokens import Token

from newsledger.nlp.lexicons import load_json

Takes = Literal["clause", "quote", "object", "infinitive"]


@dataclass(frozen=True)
class CueEntry:
    """One cue word: its epistemic weight, the kinds of content it takes, and content prepositions."""

    weight: float
    takes: frozenset[str]
    preps: frozenset[str] = frozenset()

    def takes_any(self, *kinds: Takes) -> bool:
        return any(kind in self.takes for kind in kinds)


@dataclass(frozen=True)
class CueLexicon:
    """Verbs, nouns and adjectives by lemma, multi-word phrases, set-layout marks, and object prepositions."""

    verbs: Mapping[str, CueEntry]
    nouns: Mapping[str, CueEntry]
    adjectives: Mapping[str, CueEntry]
    phrases: Mapping[str, float]
    marks: Mapping[str, str]
    object_preps: frozenset[str]
    source_preps: Mapping[str, frozenset[str]]
    evidentials: Mapping[str, float]
    passive_evidentials: frozenset[str]
    evidential_adverbs: frozenset[str]
    lemma_fixes: Mapping[str, str]

    def lemma(self, token: Token) -> str:
        """The token's lemma, corrected where the statistical lemmatizer is wrong ('hopes' -> 'hop')."""
        return self.lemma_fixes.get(token.lower_) or token.lemma_.lower()

    def verb(self, token: Token) -> CueEntry | None:
        """The entry of a cue verb, if ``token`` is one (by its corrected lemma)."""
        return self.verbs.get(self.lemma(token))

    def weight(self, lemma: str) -> float | None:
        """The default epistemic weight of a cue lemma (verb, noun or phrase), ``None`` if unknown."""
        for table in (self.verbs, self.nouns, self.adjectives):
            if lemma in table:
                return table[lemma].weight
        return self.phrases.get(lemma, self.evidentials.get(lemma))


def _entry(raw: Mapping[str, Any]) -> CueEntry:
    return CueEntry(
        weight=float(raw["weight"]), takes=frozenset(raw["takes"]), preps=frozenset(raw.get("preps", ()))
    )


@functools.cache
def cue_lexicon() -> CueLexicon:
    """The packaged cue lexicon, parsed once per process."""
    raw = load_json("attribution", "attribution_cues.json")
    return CueLexicon(
        verbs={lemma: _entry(entry) for lemma, entry in raw["verbs"].items()},
        nouns={lemma: _entry(entry) for lemma, entry in raw["nouns"].items()},
        adjectives={lemma: _entry(entry) for lemma, entry in raw["adjectives"].items()},
        phrases={phrase: float(entry["weight"]) for phrase, entry in raw["phrases"].items()},
        marks=dict(raw["marks"]),
        object_preps=frozenset(raw["object_preps"]),
        source_preps={prep: frozenset(heads) for prep, heads in raw["source_preps"].items()},
        evidentials={lemma: float(entry["weight"]) for lemma, entry in raw["evidentials"].items()},
        passive_evidentials=frozenset(raw["passive_evidentials"]),
        evidential_adverbs=frozenset(raw["evidential_adverbs"]),
        lemma_fixes=dict(raw["lemma_fixes"]),
    )


def cue_weight(lemma: str) -> float | None:
    """The default epistemic weight of ``lemma`` as a cue: 1.0 confirms, 0.5 reports, 0.0 denies."""
    return cue_lexicon().weight(lemma)
