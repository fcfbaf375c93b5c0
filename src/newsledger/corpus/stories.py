"""Story clustering, incremental and independent of arrival order.

A story is a cluster of the average-link clustering of all articles under :func:`story_similarity`. That
clustering never merges two groups of articles with no pair at or above the threshold between them, so
it can be computed separately inside each connected component of the graph whose edges are the pairs at
or above the threshold. An arriving article therefore only touches its own component: it is compared with
the articles it shares index keys with, joins (and may join up) components, and the clustering of that one
component is recomputed. The result is the clustering of the whole set, whatever order it arrived in, for
every component of up to ``EXACT_GROUP`` articles; a larger one has only the stories around the new article
clustered again (see ``EXACT_GROUP``).

Three things keep that cheap as the corpus grows. Articles published further apart than the window never
share a story, so the index files each article under its key words *and* a window-sized period of
publication, and looks only at its own period and the two next to it. Two articles are compared only
when two of their key words meet (see ``MIN_SHARED_KEYS``). And the clustering inside a
component runs over the kept similarities only (:func:`~newsledger.corpus.clustering.average_link` is
sparse), so a component of thousands of articles reclusters in milliseconds. Each addition reports which
articles changed story (:class:`StoryChange`), so that what hangs off a story is recomputed for those
stories alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsledger.corpus.clustering import average_link
from newsledger.corpus.features import ArticleFeatures
from newsledger.corpus.similarity import DEFAULT_WEIGHTS, StoryWeights, story_similarity

# Each article is filed under its 48 heaviest words; two articles are compared when at least two of
# their keys meet. One shared key is what a frequent name alone gives (every article of the month that
# names the same city): scoring those pairs costs one comparison per article of the city and they almost
# never share a story. The rule looks at the pair alone, so it cannot depend on arrival order. On ECB+
# dev it gives the stories that comparing every pair sharing one of 24 keys gave (B3 F1 92.3), with a
# quarter of the comparisons on the synthetic benchmark corpus (``benchmarks/linking.py --store``).
INDEX_KEYS = 48
MIN_SHARED_KEYS = 2
# Similarities below this are kept as 0: they cannot lift a cluster average over the threshold alone and
# storing them would cost memory for nothing.
KEEP_SIMILARITY = 0.05
# The period of an article without a publication date: it is compared with every period.
UNDATED = -1
# A connected group up to this many articles is clustered again whole when an article joins it: its
# stories are then those of clustering the whole corpus at once, whatever the arrival order. A larger
# group (a long-running topic chaining thousands of articles through shared names) has only the stories
# the new article is similar to clustered again, so that a link costs the same at any corpus size; the
# stories of such a group may then depend on the order its articles arrived in.
EXACT_GROUP = 500


@dataclass(frozen=True)
class StoryChange:
    """What adding articles did to the stories: every article whose story id changed (the new ones
    included), with its story before (None when new) and after."""

    moved: dict[str, tuple[str | None, str]] = field(default_factory=dict)

    def stories(self) -> set[str]:
        """Every story id touched, before or after: the stories whose members changed."""
        return {s for before, after in self.moved.values() for s in (before, after) if s is not None}


class StoryIndex:
    """Articles and the stories they form; add articles one at a time, in any order."""

    def __init__(self, weights: StoryWeights = DEFAULT_WEIGHTS) -> None:
        self.weights = weights
        self._features: dict[str, ArticleFeatures] = {}
        # key word -> publication period -> articles filed there
        self._postings: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._similar: dict[str, dict[str, float]] = defaultdict(dict)
        self._component: dict[str, str] = {}  # union-find parent over threshold edges
        self._members: dict[str, set[str]] = {}  # component root -> its articles
        self._story: dict[str, str] = {}  # article -> story id (the story's first article id)
        self._story_members: dict[str, set[str]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self._features)

    def add(self, features: ArticleFeatures) -> StoryChange:
        """Link one article: compare it with its candidates, update its component; returns what moved."""
        article = features.article_id
        if article in self._features:
            return StoryChange()
        self._features[article] = features
        self._component[article] = article
        self._members[article] = {article}
        for candidate in sorted(self.candidates(features)):
            score = story_similarity(features, self._features[candidate], self.weights)
            if score >= KEEP_SIMILARITY:
                self._similar[article][candidate] = score
                self._similar[candidate][article] = score
            if score >= self.weights.threshold:
                self._union(article, candidate)
        self._file(features)
        return StoryChange(self._recluster_around(article))

    def remove(self, article_id: str) -> StoryChange:
        """Forget an article (a version a correction replaced): its features, index keys, similarities
        and story, so that it is no one's candidate and holds no memory in a long-running linker. Its
        group is split again along the threshold pairs that remain and clustered again; returns the
        articles whose story changed (the removed one is not among them)."""
        features = self._features.pop(article_id, None)
        if features is None:
            return StoryChange()
        period = self._period(features)
        for key in features.top_keys(INDEX_KEYS):
            filed = self._postings.get(key, {}).get(period)
            if filed is not None:
                filed.discard(article_id)
                if not filed:
                    del self._postings[key][period]
                    if not self._postings[key]:
                        del self._postings[key]
        for other in self._similar.pop(article_id, {}):
            self._similar.get(other, {}).pop(article_id, None)
        story = self._story.pop(article_id, None)
        if story is not None:
            self._story_members[story].discard(article_id)
            if not self._story_members[story]:
                del self._story_members[story]
        rest = self._members.pop(self._find(article_id)) - {article_id}
        del self._component[article_id]
        if len(rest) > EXACT_GROUP:  # as on arrival: only the story it left is clustered again
            root = min(rest)
            self._component |= dict.fromkeys(rest, root)
            self._members[root] = rest
            return StoryChange(self._cluster(sorted(self._story_members.get(story or "", set()))))
        for article in rest:
            self._component[article] = article
            self._members[article] = {article}
        for article in sorted(rest):
            for other, score in self._similar.get(article, {}).items():
                if score >= self.weights.threshold and other in rest:
                    self._union(article, other)
        moved: dict[str, tuple[str | None, str]] = {}
        for root in sorted({self._find(a) for a in rest}):
            moved |= self._cluster(self._members[root])
        return StoryChange(moved)

    def restore(self, features: ArticleFeatures, similar: dict[str, float]) -> None:
        """Put back an article linked before, with its kept similarities, without recomputing anything.

        Call :meth:`finish_restore` once every article is back, with the stories they were in.
        """
        article = features.article_id
        self._features[article] = features
        self._component.setdefault(article, article)
        self._members.setdefault(article, {article})
        self._file(features)
        for other, score in similar.items():
            self._similar[article][other] = score
            self._similar[other][article] = score

    def finish_restore(self, stories: Mapping[str, str]) -> StoryChange:
        """Join the restored articles' groups and put them back in their stored stories (an article with
        none is clustered as if it had just arrived). Returns the articles whose story changed."""
        for article in sorted(self._features):
            for other, score in self._similar[article].items():
                if score >= self.weights.threshold and other in self._features:
                    self._union(article, other)
        moved: dict[str, tuple[str | None, str]] = {}
        for article, story in sorted(stories.items()):
            if article in self._features:
                moved |= self._assign(article, story)
        for article in sorted(set(self._features) - set(self._story)):
            moved |= self._recluster_around(article)
        return StoryChange(moved)

    def catch_up(
        self, restored: Iterable[tuple[ArticleFeatures, dict[str, float]]], stories: Mapping[str, str]
    ) -> StoryChange:
        """Put back articles linked elsewhere (another process) since this index was built, with their
        kept similarities, and take every story as that process stored it (``stories``: the stored
        story of every article)."""
        for features, similar in restored:
            if features.article_id not in self._features:
                self.restore(features, similar)
        return self.finish_restore(stories)

    def component_of(self, article_id: str) -> list[str]:
        """Every article whose story may change when this one's component changes."""
        return sorted(self._members[self._find(article_id)])

    def story_members(self, story_id: str) -> list[str]:
        """The articles of one story, in id order (none for a story id no longer in use)."""
        return sorted(self._story_members.get(story_id, ()))

    def similar_to(self, article_id: str) -> dict[str, float]:
        """The similarities kept for one article (those at or above ``KEEP_SIMILARITY``)."""
        return dict(self._similar.get(article_id, {}))

    def add_many(self, features: Iterable[ArticleFeatures]) -> None:
        for item in features:
            self.add(item)

    def candidates(self, features: ArticleFeatures) -> set[str]:
        """Articles already indexed that share at least ``MIN_SHARED_KEYS`` index keys with this one and
        were published close enough to share a story (or have no date)."""
        period = self._period(features)
        shared: Counter[str] = Counter()
        for key in features.top_keys(INDEX_KEYS):
            periods = self._postings.get(key)
            if not periods:
                continue
            near = periods.keys() if period == UNDATED else (period - 1, period, period + 1, UNDATED)
            for filed in (periods.get(p) for p in near):
                if filed:
                    shared.update(filed)
        shared.pop(features.article_id, None)
        return {article for article, count in shared.items() if count >= MIN_SHARED_KEYS}

    def _period(self, features: ArticleFeatures) -> int:
        """The window-sized period of publication an article is filed under: two articles more than one
        period apart were published more than the window apart, so their similarity is 0."""
        if features.published is None:
            return UNDATED
        return features.published.toordinal() // (self.weights.window_days + 1)

    def _file(self, features: ArticleFeatures) -> None:
        period = self._period(features)
        for key in features.top_keys(INDEX_KEYS):
            self._postings[key][period].add(features.article_id)

    def has(self, article_id: str) -> bool:
        return article_id in self._features

    def story_of(self, article_id: str) -> str:
        return self._story[article_id]

    def stories(self) -> dict[str, str]:
        """Every article's story id: ``{article_id: story_id}``."""
        return dict(self._story)

    def _find(self, article: str) -> str:
        root = article
        while self._component[root] != root:
            root = self._component[root]
        while self._component[article] != root:
            self._component[article], article = root, self._component[article]
        return root

    def _union(self, first: str, second: str) -> None:
        a, b = self._find(first), self._find(second)
        if a == b:
            return
        if len(self._members[a]) < len(self._members[b]):
            a, b = b, a
        self._component[b] = a
        self._members[a] |= self._members.pop(b)

    def _recluster_around(self, article: str) -> dict[str, tuple[str | None, str]]:
        """Cluster again what ``article``'s arrival can change: its whole group, or in a group larger than
        ``EXACT_GROUP`` the stories of the articles it is similar to at or above the threshold. Returns
        the articles whose story id changed, before and after."""
        group = self._members[self._find(article)]
        if len(group) <= EXACT_GROUP:
            return self._cluster(group)
        near = {article}
        for other, score in self._similar[article].items():
            if score >= self.weights.threshold and other in self._story:
                near |= self._story_members[self._story[other]]
        return self._cluster(near)

    def _cluster(self, articles: Iterable[str]) -> dict[str, tuple[str | None, str]]:
        moved: dict[str, tuple[str | None, str]] = {}
        for story in average_link(articles, self._similar, self.weights.threshold):
            for article in story:
                moved |= self._assign(article, story[0])
        return moved

    def _assign(self, article: str, story: str) -> dict[str, tuple[str | None, str]]:
        """Put one article in a story; returns ``{article: (before, after)}`` when that moved it."""
        before = self._story.get(article)
        if before == story:
            return {}
        if before is not None:
            self._story_members[before].discard(article)
            if not self._story_members[before]:
                del self._story_members[before]
        self._story[article] = story
        self._story_members[story].add(article)
        return {article: (before, story)}
