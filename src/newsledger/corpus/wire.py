"""Near-duplicates and wire copy: the same text run by several outlets, or lightly rewritten, is one source.

Each text becomes the set of its word 5-grams ("shingles"); ``datasketch`` MinHash signatures estimate how
much two sets overlap, and MinHash LSH finds the candidates without comparing every pair, so an arriving
article costs the same against a hundred thousand as against a hundred. A candidate is a copy when its
shingles overlap enough either way round: Jaccard for a light rewrite of a text of the same length,
containment for a wire story republished with a local paragraph added or its tail cut.

Copies are grouped by connected components, which do not depend on the order articles arrive in, and an
article with no copy is a group of its own. Corroboration counts groups: forty outlets running one wire
story are one independent source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from datasketch import MinHash, MinHashLSH

from newsledger.corpus.disjoint import DisjointSets

SHINGLE_WORDS = 5
PERMUTATIONS = 128
# Named, so that signatures kept in a store are read back under the scheme that made them.
SCHEME = "affine32"
# LSH finds pairs whose Jaccard is likely above this; low enough to catch a wire story inside a longer
# article (containment high, Jaccard low), then each candidate is checked.
CANDIDATE_JACCARD = 0.3
COPY_JACCARD = 0.5
COPY_CONTAINMENT = 0.7
# Texts shorter than this many shingles are too short to call copies of anything (a one-line brief).
MIN_SHINGLES = 20

TOKEN = re.compile(r"\w+")


@cache
def _permutations() -> Any:
    """The hash permutations of every signature (fixed by the seed; computing them per MinHash costs more
    than hashing a short text)."""
    return MinHash(num_perm=PERMUTATIONS, scheme=SCHEME).permutations


def _minhash(hashvalues: list[int] | None = None) -> MinHash:
    return MinHash(num_perm=PERMUTATIONS, scheme=SCHEME, hashvalues=hashvalues, permutations=_permutations())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The word n-grams of a text, lowercased, punctuation ignored."""
    tokens = TOKEN.findall(text.lower())
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


@dataclass(frozen=True)
class Copy:
    """Two articles found to share most of their text."""

    first: str
    second: str
    jaccard: float
    containment: float


class WireIndex:
    """Articles' MinHash signatures, their copies and copy groups; add articles in any order."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=PERMUTATIONS)
        self._signatures: dict[str, MinHash] = {}
        self._sizes: dict[str, int] = {}
        self._outlets: dict[str, str | None] = {}
        self._groups: DisjointSets[str] = DisjointSets()
        self.copies: list[Copy] = []

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, text: str, outlet: str | None = None) -> list[Copy]:
        """Index one article; returns the copies it makes with articles already indexed."""
        if article_id in self._signatures:
            return []
        grams = shingles(text)
        signature = _minhash()
        signature.update_batch([g.encode("utf-8") for g in grams])
        return self.add_signature(article_id, signature.hashvalues.tolist(), len(grams), outlet)

    def add_signature(
        self, article_id: str, hashvalues: list[int], size: int, outlet: str | None = None
    ) -> list[Copy]:
        """Index an article by its stored signature (``signature_of``) and shingle count."""
        if article_id in self._signatures:
            return []
        signature = self._keep(article_id, hashvalues, size, outlet)
        if size < MIN_SHINGLES:
            return []
        found = []
        for other in sorted(self._lsh.query(signature)):
            copy = self._compare(article_id, other)
            if copy is not None:
                found.append(copy)
                self._groups.union(article_id, other)
        self._lsh.insert(article_id, signature)
        self.copies.extend(found)
        return found

    def restore(self, article_id: str, hashvalues: list[int], size: int, outlet: str | None = None) -> None:
        """Put back an article indexed before, without looking for its copies: give them back with
        :meth:`restore_copy` (a store keeps them), so reopening a large index costs no LSH queries."""
        if article_id in self._signatures:
            return
        signature = self._keep(article_id, hashvalues, size, outlet)
        if size >= MIN_SHINGLES:
            self._lsh.insert(article_id, signature)

    def remove(self, article_id: str) -> None:
        """Forget an article (a version a correction replaced): its signature leaves the LSH index, its
        copies go, and the copy groups are rebuilt from the copies that remain."""
        if article_id not in self._signatures:
            return
        if article_id in self._lsh:
            self._lsh.remove(article_id)
        del self._signatures[article_id], self._sizes[article_id], self._outlets[article_id]
        self.copies = [c for c in self.copies if article_id not in (c.first, c.second)]
        self._groups = DisjointSets(self._signatures)
        for copy in self.copies:
            self._groups.union(copy.first, copy.second)

    def restore_copy(self, copy: Copy) -> None:
        """Put back a copy found before, between two restored articles."""
        self._groups.union(copy.first, copy.second)
        self.copies.append(copy)

    def _keep(self, article_id: str, hashvalues: list[int], size: int, outlet: str | None) -> MinHash:
        signature = _minhash(hashvalues)
        self._signatures[article_id] = signature
        self._sizes[article_id] = size
        self._outlets[article_id] = outlet
        self._groups.add(article_id)
        return signature

    def signature_of(self, article_id: str) -> tuple[list[int], int]:
        """What a store keeps to index the article again: the MinHash values and the shingle count."""
        return [int(v) for v in self._signatures[article_id].hashvalues], self._sizes[article_id]

    def _compare(self, first: str, second: str) -> Copy | None:
        jaccard = self._signatures[first].jaccard(self._signatures[second])
        size_a, size_b = self._sizes[first], self._sizes[second]
        # |A ∩ B| from J = |A ∩ B| / |A ∪ B| and |A ∪ B| = |A| + |B| - |A ∩ B|.
        common = jaccard * (size_a + size_b) / (1 + jaccard)
        containment = min(1.0, common / min(size_a, size_b))
        if jaccard >= COPY_JACCARD or containment >= COPY_CONTAINMENT:
            return Copy(first, second, round(jaccard, 3), round(containment, 3))
        return None

    def group_of(self, article_id: str) -> str:
        """The copy group of an article, named by its smallest article id whatever the arrival order."""
        return self._groups.find(article_id)

    def groups(self) -> dict[str, list[str]]:
        """Every group with more than one article: ``{group id: sorted article ids}``."""
        return {key: members for key, members in self._groups.groups().items() if len(members) > 1}

    def independent_sources(self, article_ids: Iterable[str]) -> int:
        """How many independent sources these articles are: copies count once, and so does one outlet.

        An article not in the index counts as a source of its own.
        """
        articles = set(article_ids)
        copies = [(article, self.group_of(article)) for article in articles if article in self._groups]
        return independent_sources({a: self._outlets.get(a) for a in articles}, copies)


def independent_sources(
    outlets: Mapping[str, str | None],
    copies: Iterable[tuple[str, str]],
    credited: Mapping[str, str] | None = None,
) -> int:
    """How many independent sources articles are, given their outlets and which are copies of which.

    Copies join (transitively), and so do articles of one outlet, and an article with the outlet it
    credits (``credited``, :mod:`newsledger.corpus.credits`: "according to Meridian Press"); each
    resulting group is one source.
    """
    sources: DisjointSets[str] = DisjointSets()
    for article, outlet in outlets.items():
        sources.add("a:" + article)
        if outlet:
            sources.union("a:" + article, "o:" + outlet.casefold())
        if credited and article in credited:
            sources.union("a:" + article, "o:" + credited[article].casefold())
    for first, second in copies:
        sources.union("a:" + first, "a:" + second)
    return len({sources.find("a:" + article) for article in outlets})
