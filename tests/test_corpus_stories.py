"""Story clustering: same happening together, same kind of happening elsewhere apart, any arrival order."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest

from newsledger.analyze import analyze
from newsledger.corpus.clustering import average_link
from newsledger.corpus.features import ArticleFeatures, features_of, unit
from newsledger.corpus.similarity import story_similarity
from newsledger.corpus.stories import StoryIndex

LOMBOK = [
    (
        "Indonesian rescuers pulled 31 survivors from the sea after the ferry KM Bahari Nusantara capsized off "
        "Lombok on Saturday, the national search and rescue agency Basarnas said. Agency spokesman Yusuf "
        "Latif said at least 12 passengers drowned and that divers were searching the hull near Lembar port."
    ),
    (
        "The death toll from the sinking of the KM Bahari Nusantara off Lombok rose to 14 on Sunday, Basarnas "
        "said. Yusuf Latif told reporters the ferry had been carrying more passengers than its permit allowed "
        "when high waves struck it outside Lembar harbour."
    ),
    (
        "Police in Mataram questioned the captain of the KM Bahari Nusantara on Monday over the ferry disaster "
        "off Lombok. Basarnas spokesman Yusuf Latif said two passengers were still missing."
    ),
]
VICTORIA = [
    (
        "A passenger boat sank on Lake Victoria near Mwanza on Thursday, Tanzanian police said. Regional "
        "commissioner Adam Malima said 40 people were rescued and that the MV Nyamagana had been overloaded "
        "with maize sacks when it overturned close to Ukerewe island."
    ),
    (
        "Divers recovered nine more bodies from the wreck of the MV Nyamagana in Lake Victoria, commissioner "
        "Adam Malima said on Friday, bringing the toll to 23. The boat overturned off Ukerewe island while "
        "travelling from Mwanza."
    ),
]


@pytest.fixture(scope="module")
def features() -> dict[str, ArticleFeatures]:
    texts = {f"lombok-{i}": t for i, t in enumerate(LOMBOK)} | {
        f"victoria-{i}": t for i, t in enumerate(VICTORIA)
    }
    found = {}
    for key, text in texts.items():
        analysis = analyze(text, published=date(2024, 6, 1))
        found[key] = features_of(analysis)
    return found


def _partition(index: StoryIndex, features: dict[str, ArticleFeatures]) -> set[frozenset[str]]:
    names = {f.article_id: key for key, f in features.items()}
    groups: dict[str, set[str]] = {}
    for article, story in index.stories().items():
        groups.setdefault(story, set()).add(names[article])
    return {frozenset(g) for g in groups.values()}


def test_two_ferry_disasters_are_two_stories(features: dict[str, ArticleFeatures]) -> None:
    index = StoryIndex()
    index.add_many(features.values())
    assert _partition(index, features) == {
        frozenset({"lombok-0", "lombok-1", "lombok-2"}),
        frozenset({"victoria-0", "victoria-1"}),
    }


def test_stories_do_not_depend_on_arrival_order(features: dict[str, ArticleFeatures]) -> None:
    partitions = set()
    for order in itertools.permutations(features):
        index = StoryIndex()
        index.add_many(features[key] for key in order)
        partitions.add(frozenset(_partition(index, features)))
    assert len(partitions) == 1


def test_a_new_article_joins_its_story(features: dict[str, ArticleFeatures]) -> None:
    index = StoryIndex()
    first = index.add(features["lombok-0"])
    index.add(features["victoria-0"])
    joined = index.add(features["lombok-1"])
    lombok = index.story_of(features["lombok-0"].article_id)
    assert index.story_of(features["lombok-1"].article_id) == lombok
    # The change names the new article (and any article whose story id moved), before and after.
    assert joined.moved[features["lombok-1"].article_id] == (None, lombok)
    assert lombok in joined.stories()
    assert set(index.story_members(lombok)) >= {
        features["lombok-0"].article_id,
        features["lombok-1"].article_id,
    }
    assert first.moved == {features["lombok-0"].article_id: (None, features["lombok-0"].article_id)}
    assert index.add(features["lombok-1"]).moved == {}
    assert index.story_of(features["victoria-0"].article_id) != lombok


def test_names_outweigh_shared_vocabulary(features: dict[str, ArticleFeatures]) -> None:
    same = story_similarity(features["lombok-0"], features["lombok-1"])
    different = story_similarity(features["lombok-0"], features["victoria-1"])
    assert same > 2 * different


def test_articles_far_apart_in_time_never_share_a_story() -> None:
    text = LOMBOK[0]
    early = features_of(analyze(text, published=date(2024, 6, 1)))
    late = features_of(analyze(text + " ", published=date(2025, 6, 1)))
    assert story_similarity(early, late) == 0.0


def test_average_link_is_deterministic_and_respects_the_threshold() -> None:
    table = {("a", "b"): 0.9, ("c", "d"): 0.8, ("a", "c"): 0.3, ("b", "d"): 0.3}
    similarity: dict[str, dict[str, float]] = {}
    for (x, y), value in table.items():
        similarity.setdefault(x, {})[y] = similarity.setdefault(y, {})[x] = value

    assert average_link(["d", "c", "b", "a"], similarity, 0.5) == [["a", "b"], ["c", "d"]]
    # a+b against c+d averages (0.3 + 0 + 0 + 0.3) / 4 = 0.15
    assert average_link("abcd", similarity, 0.15) == [["a", "b", "c", "d"]]
    assert average_link("abcd", similarity, 0.16) == [["a", "b"], ["c", "d"]]
    # Neighbours outside the items are ignored; an item with no neighbour stays alone.
    assert average_link("abe", similarity, 0.5) == [["a", "b"], ["e"]]


def _dense_average_link(
    items: list[str], table: dict[str, dict[str, float]], threshold: float
) -> list[list[str]]:
    """The textbook algorithm, as a reference: full matrix, merge the best pair, average the rows."""
    clusters = [[item] for item in sorted(items)]

    def mean(a: list[str], b: list[str]) -> float:
        return sum(table.get(x, {}).get(y, 0.0) for x in a for y in b) / (len(a) * len(b))

    while len(clusters) > 1:
        best, pair = max(
            ((mean(a, b), (i, j)) for i, a in enumerate(clusters) for j, b in enumerate(clusters) if i < j),
            key=lambda scored: (scored[0], -scored[1][0], -scored[1][1]),
        )
        if best < threshold:
            break
        i, j = pair
        clusters[i] = sorted(clusters[i] + clusters.pop(j))
    return sorted(clusters, key=lambda cluster: cluster[0])


def test_sparse_average_link_matches_the_textbook_algorithm() -> None:
    rng = random.Random(5)
    for trial in range(60):
        items = [f"x{i:02d}" for i in range(rng.randint(2, 14))]
        table: dict[str, dict[str, float]] = {}
        for i, first in enumerate(items):
            for second in items[i + 1 :]:
                if rng.random() < 0.4:
                    value = rng.randint(3, 64) / 64  # exact in binary: sums do not depend on order
                    table.setdefault(first, {})[second] = table.setdefault(second, {})[first] = value
        threshold = rng.choice([0.1, 0.25, 0.4])
        assert average_link(items, table, threshold) == _dense_average_link(items, table, threshold), trial


def _article(article_id: str, words: dict[str, float], day: int = 1) -> ArticleFeatures:
    return ArticleFeatures(
        article_id=article_id, published=date(2024, 6, day), words=unit(words), names=unit(words)
    )


def test_a_large_group_reclusters_only_the_stories_around_the_new_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past EXACT_GROUP articles, a link touches the stories its article is similar to, not the group."""
    import newsledger.corpus.stories as stories

    ferry = {"ferry": 1.0, "lombok": 1.0, "basarnas": 1.0, "lembar": 1.0}
    storm = {"storm": 1.0, "lombok": 1.0, "mataram": 1.0, "flooding": 1.0}
    bridge = {"ferry": 1.0, "lombok": 1.0, "storm": 1.0, "mataram": 1.0}
    group = [
        _article("a-ferry-1", ferry),
        _article("a-ferry-2", ferry | {"divers": 0.5}),
        _article("b-storm-1", storm),
        _article("b-storm-2", storm | {"roofs": 0.5}),
        _article("c-bridge", bridge),
    ]
    newcomer = _article("a-ferry-3", ferry | {"captain": 0.5})
    exact = StoryIndex()
    exact.add_many([*group, newcomer])

    monkeypatch.setattr(stories, "EXACT_GROUP", 3)
    local = StoryIndex()
    local.add_many(group)
    assert len(local.component_of("c-bridge")) == 5  # one connected group, larger than EXACT_GROUP
    change = local.add(newcomer)
    assert set(change.moved) <= set(local.story_members(local.story_of("a-ferry-3")))
    assert not any(a.startswith("b-storm") for a in change.moved)
    assert local.stories() == exact.stories()
