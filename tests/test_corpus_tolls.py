"""The current toll of one event across its tellings: latest, highest, who gives each, disagreements."""

from __future__ import annotations

from datetime import date

from newsledger.corpus.tolls import Figure, GivenFigure, tolls


def given(value: float, by: str, day: int, outcome: str = "killed", **kw: object) -> GivenFigure:
    stance = str(kw.pop("stance", "affirms"))
    figure = Figure(value, "exact", outcome, kw.get("victims"), f"{value:g}", kw.get("part_of"))  # type: ignore[arg-type]
    return GivenFigure(figure, by, date(2025, 4, day), stance)


def test_latest_and_highest_with_who_gives_each_and_the_figures_that_disagree() -> None:
    found = tolls(
        [
            given(12, "Serhiy Lysak", 15),
            given(11, "city officials", 15),
            given(47, "Serhiy Lysak", 15, "injured"),
            given(15, "Serhiy Lysak", 16),
            given(3, "Serhiy Lysak", 15, part_of="q2", victims="children"),
        ]
    )
    killed, injured = found
    assert (killed.outcome, killed.latest, killed.highest, killed.latest_by) == (
        "killed",
        15,
        15,
        "Serhiy Lysak",
    )
    assert killed.latest_published == date(2025, 4, 16)
    assert killed.figures == (11, 12, 15)
    assert killed.disagreement == "11 / 12 / 15 killed"
    assert (injured.latest, injured.disagreement) == (47, None)


def test_a_later_lower_figure_is_the_latest_but_not_the_highest() -> None:
    (killed,) = tolls([given(15, "governor", 16), given(14, "police", 17)])
    assert (killed.latest, killed.latest_by, killed.highest, killed.highest_by) == (
        14,
        "police",
        15,
        "governor",
    )


def test_figures_of_different_people_are_set_side_by_side_by_source() -> None:
    (killed,) = tolls(
        [
            given(0, "Russian Defence Ministry", 15, victims="civilians", stance="denies"),
            given(3, "Ukraine's Energy Ministry", 15, victims="workers"),
        ]
    )
    assert (
        killed.disagreement
        == "Russian Defence Ministry: 0 civilians; Ukraine's Energy Ministry: 3 workers killed"
    )
    assert killed.latest == 3  # a denying telling's figure is shown, not taken as the toll
