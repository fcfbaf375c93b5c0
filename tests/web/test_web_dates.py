"""Dates on the pages are written for people; the ISO value stays in the markup for machines."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.web.dates import human_day, human_timex


def test_a_day_reads_as_a_person_says_it() -> None:
    assert human_day(date(2025, 4, 7)) == "Mon 7 Apr 2025"
    assert human_day(None) == "undated"


@pytest.mark.parametrize(
    ("timex", "words"),
    [
        ("2025-04-07TEV", "Mon 7 Apr 2025, evening"),
        ("2025-03-09TNI", "Sun 9 Mar 2025, night"),
        ("2025-03-10T03:00", "Mon 10 Mar 2025, 03:00"),
        ("2025-03-10", "Mon 10 Mar 2025"),
        ("2025-W11", "2025-W11"),  # a week is not a day: kept as it is
        ("PRESENT_REF", "PRESENT_REF"),
        ("2025-02-30", "2025-02-30"),  # a day the calendar does not have
        (None, ""),
    ],
)
def test_timex_values_read_as_words_where_they_name_a_day(timex: str | None, words: str) -> None:
    assert human_timex(timex) == words
