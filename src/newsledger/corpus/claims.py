"""Claim matching and claim history: the same statement across articles, and what became of it.

Two claims are the same when they are in the same story, their weighted words mostly agree (background
IDF, so "the" counts for nothing and "Patriot" for much) and the figures they state do not differ: "120
missiles were launched" and "Russia launched 120 missiles" match, "90 drones" and "60 drones" do not.
Matches are grouped by connected components, which do not depend on arrival order. A claim's history is
its tellings in date order: first seen where and by whom, then each change of status (reported ->
confirmed / denied / retracted) with its date.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from newsledger.corpus.disjoint import DisjointSets
from newsledger.corpus.features import Vector, cosine, word_vector
from newsledger.records import Analysis

SAME_CLAIM = 0.6
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class LocalClaim:
    article_id: str
    claim_id: str
    story: str
    text: str
    status: str
    published: date | None
    source_name: str | None
    outlet: str | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.claim_id)

    @property
    def figures(self) -> frozenset[str]:
        return frozenset(n.replace(",", "") for n in NUMBER.findall(self.text))


@dataclass(frozen=True)
class HistoryEntry:
    """One telling of the claim: when, where, by whom, with which status."""

    published: date | None
    article_id: str
    outlet: str | None
    source_name: str | None
    status: str
    text: str


@dataclass
class ClaimThread:
    """One claim across articles: its tellings in date order and the changes of status among them."""

    id: str
    story: str
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def first_seen(self) -> HistoryEntry:
        return self.history[0]

    def status_changes(self) -> list[HistoryEntry]:
        """The first telling and every later one whose status differs from the one before it."""
        changes = [self.history[0]]
        for entry in self.history[1:]:
            if entry.status != changes[-1].status:
                changes.append(entry)
        return changes


def local_claims(analysis: Analysis, story: str) -> list[LocalClaim]:
    sources = {a.id: a.source_name or (a.source.text if a.source else None) for a in analysis.attributions}
    article = analysis.article
    return [
        LocalClaim(
            article.id,
            c.id,
            story,
            c.span.text,
            c.status,
            article.published,
            sources.get(c.attribution) if c.attribution else None,
            article.outlet,
        )
        for c in analysis.claims
    ]


def same_claim(first: LocalClaim, second: LocalClaim) -> bool:
    if first.story != second.story:
        return False
    return _same(
        first, second, first.figures, second.figures, word_vector(first.text), word_vector(second.text)
    )


def _same(
    first: LocalClaim,
    second: LocalClaim,
    first_figures: frozenset[str],
    second_figures: frozenset[str],
    first_words: Vector,
    second_words: Vector,
) -> bool:
    """:func:`same_claim` for two claims of one story, given their figures and word vectors: a story's
    claims are compared pairwise, so these are computed once per claim, not once per pair."""
    if first.article_id == second.article_id:
        return False
    if first_figures and second_figures and not first_figures & second_figures:
        return False
    return cosine(first_words, second_words) >= SAME_CLAIM


def match_claims(claims: Iterable[LocalClaim]) -> dict[tuple[str, str], ClaimThread]:
    """``{(article_id, claim_id): ClaimThread}``; claims are compared within their story only."""
    by_story: dict[str, list[LocalClaim]] = {}
    for claim in sorted(claims, key=lambda c: c.key):
        by_story.setdefault(claim.story, []).append(claim)
    threads: dict[tuple[str, str], ClaimThread] = {}
    for story, members in sorted(by_story.items()):
        sets = DisjointSets(range(len(members)))
        figures = [c.figures for c in members]
        vectors = [word_vector(c.text) for c in members]
        for i, first in enumerate(members):
            for j in range(i + 1, len(members)):
                if _same(first, members[j], figures[i], figures[j], vectors[i], vectors[j]):
                    sets.union(i, j)
        groups = {root: [members[i] for i in group] for root, group in sets.groups().items()}
        for group in groups.values():
            thread = ClaimThread(
                id="clm-" + hashlib.sha1("|".join(group[0].key).encode()).hexdigest()[:12],
                story=story,
                history=[
                    HistoryEntry(c.published, c.article_id, c.outlet, c.source_name, c.status, c.text)
                    for c in sorted(group, key=lambda c: (c.published or date.max, c.article_id))
                ],
            )
            for claim in group:
                threads[claim.key] = thread
    return threads
