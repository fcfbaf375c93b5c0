"""The founding acceptance case: the example article against its hand-made gold."""

from __future__ import annotations

import pytest

from newsledger import analyze
from newsledger.evaluate.seed import SectionScore, load_gold, published_of, score
from tests.conftest import SEED_DIR


@pytest.fixture(scope="module")
def sections() -> dict[str, SectionScore]:
    text, gold = load_gold(SEED_DIR)
    scores = score(analyze(text, published=published_of(gold)), gold)
    return {s.section: s for s in scores.sections}


def test_seed_entities_found_labelled_and_never_split(sections: dict[str, SectionScore]) -> None:
    entities = sections["entities"]
    assert entities.gold == 23
    assert entities.found >= 22, entities.misses
    assert entities.correct >= 21, entities.wrong
    assert entities.splits == []


def test_seed_dated_times_found_with_their_values(sections: dict[str, SectionScore]) -> None:
    times = sections["times (dated)"]
    assert times.gold == 3
    assert times.found == 3, times.misses
    assert times.correct == 3, times.wrong
