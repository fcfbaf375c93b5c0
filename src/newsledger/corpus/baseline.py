"""The reference point for story clustering: corpus TF-IDF cosine and average link, nothing else.

It is deliberately plain (IDF from the corpus being clustered, all articles at once, no names, no dates)
and untuned: the threshold is the conventional cosine 0.3, fixed before looking at any score.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

from newsledger.corpus.background import words
from newsledger.corpus.clustering import average_link
from newsledger.corpus.features import Vector, cosine, unit

BASELINE_THRESHOLD = 0.3


def tfidf_average_link(texts: Mapping[str, str], threshold: float = BASELINE_THRESHOLD) -> dict[str, str]:
    """``{item: cluster id}`` for texts keyed by id; a cluster's id is its first item."""
    counts = {key: Counter(words(text)) for key, text in texts.items()}
    document_frequency: Counter[str] = Counter()
    for bag in counts.values():
        document_frequency.update(bag.keys())
    total = len(texts)
    vectors: dict[str, Vector] = {
        key: unit({w: (1 + math.log(n)) * math.log(total / document_frequency[w]) for w, n in bag.items()})
        for key, bag in counts.items()
    }
    keys = sorted(vectors)
    neighbours: dict[str, dict[str, float]] = {key: {} for key in keys}
    for i, first in enumerate(keys):
        for second in keys[i + 1 :]:
            neighbours[first][second] = neighbours[second][first] = cosine(vectors[first], vectors[second])
    clusters = average_link(keys, neighbours, threshold)
    return {item: cluster[0] for cluster in clusters for item in cluster}
