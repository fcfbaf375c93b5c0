"""Figures read from news text written for these tests: value, unit, qualifier, bounds, category."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from newsledger.nlp.quantities import quantity_records
from newsledger.records import Quantity

Parse = Callable[..., Doc]


def figures(parse: Parse, text: str) -> dict[str, Quantity]:
    doc = parse(text)
    found = quantity_records(doc)
    for quantity in found:
        assert text[quantity.span.start : quantity.span.end] == quantity.span.text
    return {q.span.text: q for q in found}


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "qualifier", "low", "high", "category"),
    [
        ("Russia launched at least 120 missiles overnight.", "at least 120 missiles", 120, "missile", "at_least", 120, None, "munition"),
        ("The air force said about 90 drones were shot down.", "about 90 drones", 90, "drone", "about", None, None, "munition"),
        ("Up to 3,000 troops were moved to the border.", "Up to 3,000 troops", 3000, "troop", "up_to", None, 3000, "people"),
        ("More than a dozen tanks were destroyed, the army said.", "More than a dozen tanks", 12, "tank", "more_than", 12, None, "vehicle"),
        ("Two shells hit the school on Monday.", "Two shells", 2, "shell", "exact", 2, 2, "munition"),
        ("Hundreds of civilians fled the town.", "Hundreds of civilians", None, "civilian", "vague", 200, 999, "people"),
        ("The front moved 10 to 15 km in a week.", "10 to 15 km", None, "km", "range", 10, 15, "distance"),
        ("The strike killed at least four people, officials said.", "at least four people", 4, "people", "at_least", 4, None, "casualty"),
        ("Washington approved $1.2bn in new aid.", "$1.2bn", 1.2e9, "USD", "exact", 1.2e9, 1.2e9, "money"),
        ("The repairs will cost £600m.", "£600m", 6e8, "GBP", "exact", 6e8, 6e8, "money"),
    ],
)
def test_figure_is_read_with_its_qualifier_and_unit(
    parse: Parse,
    text: str,
    span: str,
    value: float | None,
    unit: str,
    qualifier: str,
    low: float | None,
    high: float | None,
    category: str,
) -> None:
    quantity = figures(parse, text)[span]
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)
    assert (quantity.low, quantity.high, quantity.category) == (low, high, category)


def test_two_figures_in_one_clause_are_two_quantities(parse: Parse) -> None:
    found = figures(parse, "The Armed Forces said Russia struck with 120 missiles and 90 drones.")
    assert [(q.value, q.unit) for q in found.values()] == [(120, "missile"), (90, "drone")]


def test_a_number_that_counts_nothing_is_not_a_quantity(parse: Parse) -> None:
    found = figures(parse, "The minister described the attack as one of the largest of the war.")
    assert found == {}


def test_dates_and_ages_are_not_figures(parse: Parse) -> None:
    found = figures(parse, "On 17 November 2024, a 45-year-old man was arrested in Kyiv.")
    assert all(q.unit not in {None, "november"} for q in found.values())
    assert not any("2024" in text or "17" in text for text in found)


def test_digit_strings_that_are_no_single_number_do_not_break_the_reader(parse: Parse) -> None:
    found = figures(parse, "The firm shipped version 3.817.69 to 2,000 customers and 1.2.3 to none.")
    assert all(q.value != 3.81769 for q in found.values())
    assert found["2,000 customers"].value == 2000
