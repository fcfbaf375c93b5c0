"""What an article is about, as fixed vectors: weighted words, named things, years, event types.

Everything is computed from the article's own records and the fixed background weights of
:mod:`newsledger.corpus.background`, never from the rest of the corpus, so an article's features are the
same whenever it arrives. Vectors are sparse dicts normalised to unit length, so that a cosine is a dot
product.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from newsledger.corpus.background import STOP_ZIPF, ZIPF_CEILING, word_weight, words
from newsledger.records import Analysis

Vector = dict[str, float]

# Labels whose names say which happening an article is about (dates and amounts are handled apart).
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "WEAPON"}
)
YEAR = re.compile(r"^(1[89]|20)\d\d")
# Name words must be weighted words of the text too (see STOP_ZIPF), so that a name of one article can be
# looked up among the words of another.
MIN_NAME_WORD_WEIGHT = ZIPF_CEILING - STOP_ZIPF


@dataclass(frozen=True)
class ArticleFeatures:
    """The linking view of one article; plain data, so a store can keep it and rebuild it cheaply."""

    article_id: str
    published: date | None
    words: Vector
    names: Vector
    years: frozenset[int] = field(default_factory=frozenset)
    event_types: frozenset[str] = field(default_factory=frozenset)

    def top_keys(self, count: int) -> list[str]:
        """The ``count`` heaviest words of the text, ties by spelling: the keys an index files it under.

        Two articles are compared only if their key lists meet, a rule that looks at both articles alone
        and so cannot depend on which came first.
        """
        ranked = sorted(self.words.items(), key=lambda kv: (-kv[1], kv[0]))
        return [word for word, _ in ranked[:count]]


def features_of(analysis: Analysis) -> ArticleFeatures:
    """The features of one analysed article."""
    return ArticleFeatures(
        article_id=analysis.article.id,
        published=analysis.article.published,
        words=word_vector(analysis.article.text),
        names=name_vector(analysis),
        years=stated_years(analysis),
        event_types=frozenset(event.type for event in analysis.events),
    )


def word_vector(text: str) -> Vector:
    """Sublinear term frequency times background IDF, unit length."""
    counts = Counter(words(text))
    weighted = {w: (1 + math.log(n)) * word_weight(w) for w, n in counts.items() if word_weight(w) > 0}
    return unit(weighted)


def name_vector(analysis: Analysis) -> Vector:
    """The words of the article's names, weighted by how often they are mentioned and how rare they are.

    Names are split into words so that "Lohan", "Lindsay Lohan" and "Ms Lohan" meet on "lohan".
    """
    counts: Counter[str] = Counter()
    for entity in analysis.entities:
        if entity.label not in NAME_LABELS:
            continue
        for word in set(words(entity.name)):
            if word_weight(word) >= MIN_NAME_WORD_WEIGHT:
                counts[word] += len(entity.mentions)
    return unit({w: (1 + math.log(n)) * word_weight(w) for w, n in counts.items()})


def stated_years(analysis: Analysis) -> frozenset[int]:
    """Years the article states outright (not computed from an anchor) plus its publication year."""
    years = {
        int(t.value[:4])
        for t in analysis.times
        if t.value and not t.relative and t.type == "DATE" and YEAR.match(t.value)
    }
    if analysis.article.published:
        years.add(analysis.article.published.year)
    return frozenset(years)


def unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)
