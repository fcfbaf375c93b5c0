"""The clustering and coreference scores, checked against values worked out by hand."""

from __future__ import annotations

import pytest

from newsledger.evaluate.clustering_metrics import adjusted_rand_index, b_cubed, ceaf_e, coref_scores, muc

KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_b_cubed() -> None:
    scores = b_cubed(KEY, RESPONSE)
    assert scores.precision == pytest.approx(11 / 15)
    assert scores.recall == pytest.approx(11 / 15)


def test_muc() -> None:
    scores = muc(KEY, RESPONSE)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.precision == pytest.approx(2 / 3)


def test_ceaf_e() -> None:
    scores = ceaf_e(KEY, RESPONSE)
    assert scores.precision == pytest.approx(0.8)
    assert scores.recall == pytest.approx(0.8)


def test_conll_is_the_mean_of_three_f1() -> None:
    scores = coref_scores(KEY, RESPONSE)
    assert scores.conll_f1 == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)


def test_items_only_one_side_has_count_against_that_side() -> None:
    scores = b_cubed({"a": 1, "b": 1}, {"a": 7, "b": 7, "extra": 7})
    assert scores.recall == pytest.approx(1.0)
    assert scores.precision == pytest.approx(4 / 9)


def test_perfect_response_scores_one() -> None:
    scores = coref_scores(KEY, KEY)
    assert (scores.muc.f1, scores.b_cubed.f1, scores.ceaf_e.f1) == (1.0, 1.0, 1.0)
    assert adjusted_rand_index(KEY, KEY) == 1.0


def test_adjusted_rand_index() -> None:
    # The worked example of Hubert & Arabie's index also used in scikit-learn's documentation.
    assert adjusted_rand_index({0: 0, 1: 0, 2: 1, 3: 2}, {0: 0, 1: 0, 2: 1, 3: 1}) == pytest.approx(4 / 7)
