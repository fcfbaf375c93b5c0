"""Calendar arithmetic for TIMEX3 values: shifting an anchor, choosing the year of "in September" or the
day of "Friday", and writing ISO 8601 / TimeML value strings.

News conventions decide the ambiguous cases: a bare weekday or month in a past-tense sentence is the most
recent one on or before the publication date, in a future-tense sentence the next one on or after it, and
otherwise the nearest one (ties go to the past, where most reported events are).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

Tense = Literal["PAST", "PRESENT", "FUTURE"]


def iso_date(day: date) -> str:
    return day.isoformat()


def iso_week(day: date) -> str:
    """``2024-W46``: the ISO year and week holding ``day``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``months`` (negative goes back)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_quarters(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + quarters
    return index // 4, index % 4 + 1


def shift_date(day: date, months: int = 0, days: int = 0) -> date:
    """``day`` moved by whole months (clamped to the month's length) and then by days."""
    year, month = add_months(day.year, day.month, months)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last)) + timedelta(days=days)


def _pick(candidates: list[date], anchor: date, tense: Tense | None) -> date:
    """The candidate the tense points to: latest on/before the anchor for past tense (and for no tense:
    news mostly reports what happened), earliest on/after for future, nearest for present."""
    if tense in ("PAST", None):
        before = [c for c in candidates if c <= anchor]
        if before:
            return max(before)
    elif tense == "FUTURE":
        after = [c for c in candidates if c >= anchor]
        if after:
            return min(after)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def infer_year(month: int, day: int | None, anchor: date, tense: Tense | None) -> int:
    """The year of a month (and day) written without one, e.g. "in September", "Nov. 25"."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        last = calendar.monthrange(year, month)[1]
        if day is not None and day > last:
            continue
        # A bare month counts as its middle so "December" in early February is nearer last December.
        candidates.append(date(year, month, day if day is not None else min(15, last)))
    if day is None and month == anchor.month:
        return anchor.year
    chosen = _pick(candidates, anchor, tense)
    nearest = _pick(candidates, anchor, "PRESENT")
    # A day written without its year lies within months of the article; when the tense points over half a
    # year away and the other reading is within two months, the tense is the reporting's, not the date's
    # ("declared a dividend payable Dec. 1").
    if day is not None and abs((chosen - anchor).days) > 183 and abs((nearest - anchor).days) <= 62:
        return nearest.year
    return chosen.year


def weekday_date(weekday: int, anchor: date, tense: Tense | None, shift: int | None) -> date:
    """The date of a weekday (1 = Monday) named relative to the anchor.

    ``shift`` is -1 for "last Tuesday" (the most recent one strictly before the anchor), +1 for
    "next Tuesday" (the first one strictly after), 0 for "this Tuesday" (the one in the anchor's ISO
    week, unless a past or future tense says which side) and ``None`` for a bare "Tuesday", which the
    tense decides.
    """
    offset = weekday - anchor.isoweekday()
    if shift == 0 and tense not in ("PAST", "FUTURE"):
        return anchor + timedelta(days=offset)
    if shift == -1:
        return anchor + timedelta(days=offset - 7 if offset >= 0 else offset)
    if shift == 1:
        return anchor + timedelta(days=offset + 7 if offset <= 0 else offset)
    back = anchor + timedelta(days=offset - 7 if offset > 0 else offset)
    ahead = anchor + timedelta(days=offset + 7 if offset < 0 else offset)
    return _pick([back, ahead], anchor, tense)


def weekend_of(anchor: date, tense: Tense | None, shift: int | None) -> str:
    """``YYYY-Www-WE`` for "the weekend": the coming one in future-tense text, else the one just past."""
    saturday = weekday_date(6, anchor, "FUTURE" if tense == "FUTURE" else "PAST", shift)
    return f"{iso_week(saturday)}-WE"


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (1 = Monday) of a month; ``nth`` -1 is the last one."""
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    matching = [d for d in days if d.isoweekday() == weekday]
    return matching[nth - 1] if nth > 0 else matching[nth]


def season_year(season_month: int, anchor: date, tense: Tense | None, shift: int | None) -> int:
    """The year of "summer", "last fall", "next spring": a season belongs to the year it starts in.

    "last summer" is the most recent summer that is over, "next spring" the first one not yet begun.
    """
    starts = [date(year, season_month, 1) for year in range(anchor.year - 2, anchor.year + 2)]
    if shift == -1:
        return max(s for s in starts if shift_date(s, months=3) <= anchor).year
    if shift == 1:
        return min(s for s in starts if s > anchor).year
    if shift == 0 or tense in (None, "PRESENT"):
        return anchor.year
    return _pick(starts, anchor, tense).year


def duration_value(amount: Fraction | None, symbol: str, clock: bool) -> str:
    """``P3D``, ``PT5H30M``, ``P2Y6M`` or ``PXY`` for an amount of one unit (``None`` = unknown)."""
    prefix = "PT" if clock else "P"
    if amount is None:
        return f"{prefix}X{symbol}"
    whole = int(amount)
    rest = amount - whole
    if rest == 0:
        return f"{prefix}{whole}{symbol}"
    smaller = {"Y": ("M", 12, False), "M": ("D", 30, False), "W": ("D", 7, False), "D": ("H", 24, True),
               "H": ("M", 60, True), "Q": ("M", 3, False)}
    if symbol not in smaller or (symbol == "M" and clock):
        return f"{prefix}{float(amount):g}{symbol}"
    small_symbol, factor, small_clock = smaller[symbol]
    small = rest * factor
    head = f"{prefix}{whole}{symbol}" if whole else prefix
    separator = "T" if small_clock and not clock else ""
    amount_text = str(small) if small.denominator == 1 else f"{float(small):g}"
    return f"{head}{separator}{amount_text}{small_symbol}"
