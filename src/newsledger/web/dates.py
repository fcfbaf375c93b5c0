"""Dates as a reader says them: "Mon 7 Apr 2025", and TIMEX values ("2025-04-07TEV") in words.

The ledger keeps ISO dates and TIMEX values (exact, sortable); a page prints them for people. Anything
this module does not recognise is printed as it is, never dropped.
"""

from __future__ import annotations

import re
from datetime import date

# TIMEX3 parts of the day (TempEval): what "on Monday evening" normalizes to.
PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
_TIMEX_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(?:(MO|MI|AF|EV|NI|DT)|(\d{2}:\d{2})))?$")


def human_day(value: date | None) -> str:
    """``Mon 7 Apr 2025``; ``undated`` for None."""
    if value is None:
        return "undated"
    return f"{value:%a} {value.day} {value:%b %Y}"


def human_timex(value: str | None) -> str:
    """``2025-04-07TEV`` → ``Mon 7 Apr 2025, evening``; ``2025-04-07T05:00`` → ``Mon 7 Apr 2025, 05:00``;
    any other value (a week, a month, ``PRESENT_REF``) as it is."""
    if not value:
        return ""
    match = _TIMEX_DAY.match(value)
    if match is None:
        return value
    try:
        day = human_day(date.fromisoformat(match.group(1)))
    except ValueError:  # a day the calendar does not have
        return value
    part, clock = match.group(2), match.group(3)
    if part:
        return f"{day}, {PARTS_OF_DAY[part]}"
    return f"{day}, {clock}" if clock else day
