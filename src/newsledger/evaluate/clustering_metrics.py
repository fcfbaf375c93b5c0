"""Scores for clusterings and coreference chains: B³, MUC, CEAF-e, CoNLL F1 and the adjusted Rand index.

A clustering is a mapping from item to cluster label. For coreference the key (gold) and the response
(system) may hold different items: an item only one side has counts against that side's precision or
recall as in the CoNLL-2012 reference scorer (Pradhan et al. 2014), so scoring extracted mentions end to
end needs no special case.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from math import comb
from typing import TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment

from newsledger.evaluate.metrics import f1, ratio

K = TypeVar("K", bound=Hashable)
Clustering = Mapping[K, Hashable]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def clusters_of(clustering: Clustering[K]) -> list[frozenset[K]]:
    """The clusters of a clustering as sets of items, in a fixed order."""
    groups: dict[Hashable, set[K]] = defaultdict(set)
    for item, label in clustering.items():
        groups[label].add(item)
    return [frozenset(group) for _, group in sorted(groups.items(), key=lambda kv: str(kv[0]))]


def b_cubed(key: Clustering[K], response: Clustering[K]) -> PRF:
    """B³ (Bagga & Baldwin 1998): per item, the share of its cluster that the other side agrees on."""
    return PRF(_b_cubed_side(response, key), _b_cubed_side(key, response))


def _b_cubed_side(side: Clustering[K], other: Clustering[K]) -> float:
    """B³ recall of ``side`` against ``other`` (precision is the same with the roles swapped)."""
    total = 0.0
    for cluster in clusters_of(side):
        overlap = Counter(other[item] for item in cluster if item in other)
        total += sum(count * count for count in overlap.values()) / len(cluster)
    return total / len(side) if side else 0.0


def muc(key: Clustering[K], response: Clustering[K]) -> PRF:
    """MUC (Vilain et al. 1995): links needed to rebuild one side's chains from the other's partition."""
    return PRF(_muc_side(response, key), _muc_side(key, response))


def _muc_side(side: Clustering[K], other: Clustering[K]) -> float:
    found = needed = 0
    for cluster in clusters_of(side):
        parts = {other.get(item, ("missing", item)) for item in cluster}
        found += len(cluster) - len(parts)
        needed += len(cluster) - 1
    return ratio(found, needed)


def ceaf_e(key: Clustering[K], response: Clustering[K]) -> PRF:
    """Entity-based CEAF (Luo 2005): the best one-to-one alignment of chains under φ4 similarity."""
    key_clusters = clusters_of(key)
    response_clusters = clusters_of(response)
    if not key_clusters or not response_clusters:
        return PRF(0.0, 0.0)
    similarity = np.zeros((len(key_clusters), len(response_clusters)))
    for i, k in enumerate(key_clusters):
        for j, r in enumerate(response_clusters):
            common = len(k & r)
            if common:
                similarity[i, j] = 2 * common / (len(k) + len(r))
    rows, cols = linear_sum_assignment(-similarity)
    best = float(similarity[rows, cols].sum())
    return PRF(best / len(response_clusters), best / len(key_clusters))


@dataclass(frozen=True)
class CorefScores:
    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF

    @property
    def conll_f1(self) -> float:
        """The CoNLL-2012 figure: the unweighted mean of MUC, B³ and CEAF-e F1."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


def coref_scores(key: Clustering[K], response: Clustering[K]) -> CorefScores:
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


def adjusted_rand_index(key: Clustering[K], response: Clustering[K]) -> float:
    """Hubert & Arabie's adjusted Rand index over the items both sides hold: 1 is identical, 0 is chance."""
    items = [item for item in key if item in response]
    pairs = Counter((key[item], response[item]) for item in items)
    same_pair = sum(comb(n, 2) for n in pairs.values())
    same_key = sum(comb(n, 2) for n in Counter(key[item] for item in items).values())
    same_response = sum(comb(n, 2) for n in Counter(response[item] for item in items).values())
    all_pairs = comb(len(items), 2)
    if all_pairs == 0:
        return 1.0
    expected = same_key * same_response / all_pairs
    best = (same_key + same_response) / 2
    if best == expected:
        return 1.0
    return (same_pair - expected) / (best - expected)
