"""``newsledger evaluate casualties`` on a tiny FA-KES-format file written for these tests."""

from __future__ import annotations

import subprocess
import sys

from newsledger.evaluate.casualties import baseline_figures, evaluate_casualties, governorate_city
from tests.conftest import FIXTURES, REPO

TINY = FIXTURES / "casualties" / "tiny_fakes.jsonl"


def test_scores_tolls_places_and_the_regex_baseline() -> None:
    scores = evaluate_casualties(TINY)
    ours, regexes = scores.newsledger, scores.baseline
    assert ours.articles == 3  # the article with no toll is not scored
    assert (ours.found, ours.headline, ours.any_equal, ours.place) == (3, 2, 2, 2)
    # the war's running total (300000) is no event's toll; counted, it takes the headline of the first
    assert ours.headline_all == 1
    # "killed at least 12" and "Fifteen fighters were killed" are beyond the digits-before-"killed" regexes
    assert (regexes.found, regexes.headline, regexes.any_equal) == (1, 1, 1)
    assert any(line.startswith("test-raqqa-3 [toll place]") for line in scores.details())


def test_baseline_reads_the_three_patterns() -> None:
    text = "12 people were killed. Jets struck killing 4. The death toll rose to 17. 9 storey blocks."
    assert sorted(baseline_figures(text)) == [4.0, 12.0, 17.0]


def test_governorate_cities_are_found_in_the_gazetteer() -> None:
    for name in ("aleppo", "deir ezzor", "hasakeh", "quneitra", "daraa", "lattakia", "tartous"):
        assert governorate_city(name) is not None, name


def test_command_prints_both_readers() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsledger.cli", "evaluate", "casualties", str(TINY), "--half", "a"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "newsledger" in result.stdout and "3 regexes" in result.stdout
