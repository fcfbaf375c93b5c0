"""Calendar expressions read slot by slot: "Sunday, 17 November", "9 a.m. Tuesday", "June last year",
"the third quarter", "last fall", "the 1990s".

Each token fills a slot (weekday, month, day, year, clock time, part of day, season, quarter, unit...);
"last", "this", "next", "that" attach a shift to the slot that follows. Word order is free, so "noon
Thursday" and "Thursday noon" read alike, and any token no reader knows rejects the whole expression.
:class:`CalendarBuilder` then turns the slots into a value at the finest granularity the text gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsledger.nlp.times.arithmetic import (
    add_months,
    add_quarters,
    infer_year,
    iso_date,
    iso_week,
    month_value,
    nth_weekday,
    quarter_of,
    season_year,
    weekday_date,
    weekend_of,
)
from newsledger.nlp.times.lexicon import Holiday, TimesLexicon
from newsledger.nlp.times.reading import (
    DAY_VALUE,
    QUARTER_VALUE,
    YEAR_VALUE,
    Timex,
    TimexContext,
    Tokens,
    longest,
    number_word_value,
)
from newsledger.records import TimeType


@dataclass
class Slots:
    """What a calendar expression says, filled token by token; ``shifts`` maps a slot to its this/last/next
    (0, -1, 1) or to ``None`` for "that"/"the same"/"the latest" (the reference)."""

    weekday: int | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    decade: int | None = None
    century: int | None = None
    quarter: int | None = None
    half: str | None = None
    season: str | None = None
    holiday: Holiday | None = None
    day_offset: int | None = None
    part: str | None = None
    clock: str | None = None
    unit: str | None = None
    boundary: str | None = None
    plural: bool = False
    determined: bool = False
    shifts: dict[str, int | None] = field(default_factory=dict)
    pending: list[int | None] = field(default_factory=list)

    def take_shift(self, slot: str) -> None:
        if self.pending:
            self.shifts[slot] = self.pending.pop()


def fill_slots(tokens: Tokens, lex: TimesLexicon) -> Slots | None:
    slots = Slots()
    index = 0
    while index < len(tokens):
        for reader in _READERS:
            after = reader(tokens, index, slots, lex)
            if after is not None:
                index = after
                break
        else:
            return None
    return None if slots.pending else slots


def _read_filler(tokens: Tokens, index: int, slots: Slots, lex: TimesLexicon) -> int | None:
    token = tokens[index]
    if token in lex.fillers or token in lex.timezones or (token in ("o", "clock") and slots.clock):
        slots.determined = slots.determined or token == "the"
        return index + 1
    return None


def _read_shift(tokens: Tokens, index: int, slots: Slots, lex: TimesLexicon) -> int | None:
    found = longest(tokens, index, lex.shift_words)
    if found is None or found[1] >= len(tokens) or slots.pending:
        return None
    slots.pending.append(lex.shift_words[found[0]])
    return found[1]


def _read_half(tokens: Tokens, index: int, slots: Slots, lex: TimesLexicon) -> int | None:
    found = longest(tokens, index, lex.halves)
    if found is None:
        return None
    slots.half = lex.halves[found[0]]
    return found[1]


def _read_holiday(tokens: Tokens, index: int, slots: Slots, lex: TimesLexicon) -> int | None:
    found = longest(tokens, index, lex.holidays)
    if found is None:
        return None
    slots.holiday = lex.holidays[found[0]]
    slots.take_shift("year")
    return found[1]


def _read_words(tokens: Tokens, index: int, slots: Slots, lex: TimesLexicon) -> int | None:
    """Weekdays, months, seasons, parts of day, day words ("yesterday") and named times ("noon")."""
    token = tokens[index]
    singular = token[:-1] if token.endswith("s") and len(token) > 3 else token
    if singular in lex.weekdays and slots.weekday is None:
        slots.weekday, slots.plural = lex.weekdays[singular], slots.plural or singular != token
        slots.take_shift("weekday")
    elif token in lex.months and slots.month is None:
        slots.month = lex.months[token]
        slots.take_shift("month")
    elif token in lex.seasons and slots.season is None:
        slots.season, slots.plural = lex.seasons[token], slots.plural or token.endswith("s")
        slots.take_shift("season")
    elif token in lex.day_words and slots.day_offset is None:
        slots.day_offset = lex.day_words[token]
        slots.part = lex.day_word_parts.get(token, slots.part)
    elif token in lex.named_times and slots.clock is None:
        slots.clock = lex.named_times[token]
    elif token in lex.parts_of_day and slots.part is None:
        slots.part, slots.plural = lex.parts_of_day[token], slots.plural or token.endswith("s")
        if slots.pending:
            shift = slots.pending.pop()
            slots.day_offset = -1 if shift == -1 and token in ("night", "evening") else 0
    else:
        return None
    return index + 1


def _read_unit(tokens: Tokens, index: int, slots: Slots, lex: TimesLexicon) -> int | None:
    """A bare calendar unit: "the year", "last week", "the weekend", "this quarter", "year end"."""
    token = tokens[index]
    if token in lex.boundary_words and index > 0:
        slots.boundary = lex.boundary_words[token]
        return index + 1
    kind = lex.calendar_units.get(token)
    if kind is None or (slots.unit is not None and kind != "year" and not (
            slots.unit == "year" and kind in ("quarter", "period"))):
        return None
    if slots.unit == "year" and kind in ("quarter", "period"):
        slots.unit = kind  # "last year's quarter": the year shift stays on the year
    elif slots.unit is None:
        slots.unit = kind
        slots.take_shift(kind)
    else:
        slots.take_shift("year")
        slots.shifts.setdefault("year", 0)
    return index + 1


def _read_ordinal(tokens: Tokens, index: int, slots: Slots, lex: TimesLexicon) -> int | None:
    """"third quarter", "fourth quarters", "20th century", "the 17th", "May fifth"."""
    found = longest(tokens, index, lex.ordinals)
    digits = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)", tokens[index])
    if found is None and digits is None:
        return None
    number, after = (lex.ordinals[found[0]], found[1]) if found else (int(tokens[index][:-2]), index + 1)
    following = tokens[after] if after < len(tokens) else ""
    if following in ("quarter", "quarters") and 1 <= number <= 4:
        slots.quarter, slots.plural = number, following == "quarters"
        slots.take_shift("year")
        return after + 1
    if following in ("century", "centuries"):
        slots.century = number - 1
        return after + 1
    if following in ("half",) and number in (1, 2):
        slots.half = f"H{number}"
        return after + 1
    if 1 <= number <= 31 and slots.day is None:
        slots.day = number
        return after
    return None


def _read_number(tokens: Tokens, index: int, slots: Slots, lex: TimesLexicon) -> int | None:
    """Digits: a full numeric date, a clock time, a decade ("1990s", "'80s"), a year or a day of the month."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    if token == "q" and re.fullmatch(r"[1-4]", following):
        slots.quarter = int(following)
        return index + 2
    if _read_numeric_date(token, slots):
        return index + 1
    clock = _clock(token, following)
    if clock is not None and slots.clock is None:
        slots.clock = clock
        return index + (2 if following in ("am", "pm") else 1)
    decade = re.fullmatch(r"(\d{3})0s|'(\d)0s|([1-9])0s", token)
    if decade:
        slots.decade = int(decade[1]) if decade[1] else 190 + int(decade[2] or decade[3])
        if decade[2] == "0":
            slots.decade = 200
        return index + 1
    if re.fullmatch(r"'\d\d", token) and slots.year is None:
        slots.year = _two_digit_year(int(token[1:]))
        return index + 1
    if not token.isdigit():
        return _read_spoken_year(tokens, index, slots, lex)
    number = int(token)
    if len(token) == 4 and 1000 <= number <= 2199 and slots.year is None:
        slots.year = number
        return index + 1
    if len(token) > 2:
        return None
    if slots.day is None and 1 <= number <= 31 and (slots.month is not None or following in lex.months
                                                  or following == "of"):
        slots.day = number
        return index + 1
    if slots.day is not None and slots.month is not None and slots.year is None:
        slots.year = _two_digit_year(number)
        return index + 1
    return None


def _read_spoken_year(tokens: Tokens, index: int, slots: Slots, lex: TimesLexicon) -> int | None:
    """"nineteen ninety-six" -> 1996, "two thousand" -> 2000 (broadcast transcripts spell years out)."""
    words = lex.number_words
    first = words.get(tokens[index])
    if first is None or slots.year is not None:
        return None
    tens = words.get(tokens[index + 1], 0) if index + 1 < len(tokens) else 0
    if 10 <= first <= 20 and tens in range(20, 100, 10):
        year, after = first * 100 + tens, index + 2
        if after < len(tokens) and words.get(tokens[after], 0) in range(1, 10):
            year, after = year + words[tokens[after]], after + 1
        slots.year = year
        return after
    spoken = number_word_value(tokens, index, lex)
    if spoken is not None and 1000 <= spoken[0] <= 2199:
        slots.year = spoken[0]
        return spoken[1]
    return None


def _read_numeric_date(token: str, slots: Slots) -> bool:
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", token)
    slashed = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", token)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    elif slashed:
        first, second, year = int(slashed[1]), int(slashed[2]), int(slashed[3])
        year = _two_digit_year(year) if year < 100 else year
        month, day = (second, first) if first > 12 else (first, second)
    else:
        return False
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    slots.year, slots.month, slots.day = year, month, day
    return True


def _clock(token: str, following: str) -> str | None:
    """``HH:MM`` from "9" + "am", "9:30", "10" + "pm"."""
    match = re.fullmatch(r"(\d{1,2})(?::(\d\d))?", token)
    if match is None or (match[2] is None and following not in ("am", "pm", "o")):
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if following == "pm" and hour < 12:
        hour += 12
    elif following == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _two_digit_year(number: int) -> int:
    return 2000 + number if number < 50 else 1900 + number


_READERS = (_read_filler, _read_half, _read_holiday, _read_shift, _read_words, _read_ordinal, _read_unit,
            _read_number)


def set_value(slots: Slots) -> Timex | None:
    """A recurring calendar point: ``XXXX-WXX-4``, ``XXXX-07``, ``XXXX-SU``, ``XXXX-XX-XXTMO``."""
    if slots.weekday is not None:
        value = f"XXXX-WXX-{slots.weekday}"
    elif slots.month is not None:
        value = f"XXXX-{slots.month:02d}" + (f"-{slots.day:02d}" if slots.day else "")
    elif slots.season is not None:
        value = f"XXXX-{slots.season}"
    elif slots.quarter is not None:
        value = f"XXXX-Q{slots.quarter}"
    elif slots.part is not None or slots.clock is not None:
        value = "XXXX-XX-XX"
    else:
        return None
    if slots.clock is not None:
        value += f"T{slots.clock}"
    elif slots.part is not None:
        value += f"T{slots.part}"
    return Timex("SET", value)


def calendar(tokens: Tokens, lex: TimesLexicon, context: TimexContext) -> Timex | None:
    slots = fill_slots(tokens, lex)
    if slots is None:
        return None
    if slots.plural:
        return set_value(slots)
    return CalendarBuilder(slots, lex, context).build()


class CalendarBuilder:
    """Turns filled slots into a value, from the finest granularity the text gives to the coarsest."""

    def __init__(self, slots: Slots, lex: TimesLexicon, context: TimexContext) -> None:
        self.slots = slots
        self.lex = lex
        self.context = context
        self.relative = False

    def build(self) -> Timex | None:
        s = self.slots
        if s.day is not None and s.month is None and s.holiday is None:
            return None
        if self._bare_unit():
            return None
        try:
            value = self._day() or self._week() or self._month() or self._coarse()
        except _Unresolvable:
            return Timex(self._type(), None, relative=True)
        if value is None:
            return self._time_only()
        if s.clock is not None or s.part is not None:
            if not DAY_VALUE.match(value):
                return None
            value += f"T{s.clock or s.part}"
        return Timex(self._type(), value, mod=s.boundary and {"END": "END", "START": "START"}.get(s.boundary),
                     relative=self.relative)

    def _bare_unit(self) -> bool:
        """"year" alone ("quarter-century", "Third-period") is not an expression; "the year" is."""
        s = self.slots
        named = (s.weekday, s.month, s.day, s.year, s.decade, s.century, s.quarter, s.half, s.season,
                 s.holiday, s.day_offset, s.part, s.clock)
        return (s.unit is not None and all(slot is None for slot in named) and not s.shifts
                and not s.determined and s.boundary is None)

    def _type(self) -> TimeType:
        return "TIME" if self.slots.clock is not None or self.slots.part is not None else "DATE"

    def _anchor(self) -> date:
        self.relative = True
        if self.context.anchor is None:
            raise _Unresolvable
        return self.context.anchor

    def _reference(self) -> str | None:
        self.relative = True
        return self.context.reference

    def _year(self, month: int | None = None, day: int | None = None) -> int:
        s = self.slots
        if s.year is not None:
            return s.year
        if "year" in s.shifts:
            shift = s.shifts["year"]
            if shift is None:
                found = YEAR_VALUE.match(self._reference() or "")
                return int(found[1]) if found else self._anchor().year
            return self._anchor().year + shift
        if month is not None:
            return infer_year(month, day, self._anchor(), self.context.tense)
        return self._anchor().year

    def _day(self) -> str | None:
        s = self.slots
        if s.month is not None and s.day is not None:
            year = self._year(s.month, s.day)
            try:
                return iso_date(date(year, s.month, s.day))
            except ValueError:
                return None
        if s.holiday is not None:
            return self._holiday(s.holiday)
        if s.day_offset is not None:
            return iso_date(self._anchor() + timedelta(days=s.day_offset))
        if s.weekday is not None and s.month is None:
            day = weekday_date(s.weekday, self._anchor(), self.context.tense, s.shifts.get("weekday"))
            return iso_date(day)
        if s.unit == "day" and "day" in s.shifts:
            reference = self._reference() or ""
            if not DAY_VALUE.match(reference):
                raise _Unresolvable
            return reference[:10]
        return None

    def _holiday(self, holiday: Holiday) -> str:
        def on(year: int) -> date:
            if holiday.day is not None:
                return date(year, holiday.month, holiday.day)
            assert holiday.weekday is not None and holiday.nth is not None
            return nth_weekday(year, holiday.month, holiday.weekday, holiday.nth)

        if self.slots.year is not None or "year" in self.slots.shifts:
            return iso_date(on(self._year()))
        anchor = self._anchor()
        year = infer_year(holiday.month, on(anchor.year).day, anchor, self.context.tense)
        return iso_date(on(year))

    def _week(self) -> str | None:
        s = self.slots
        if s.unit == "weekend":
            return weekend_of(self._anchor(), self.context.tense, s.shifts.get("weekend"))
        if s.unit == "week" and "week" in s.shifts:
            anchor = self._anchor()
            # A Sunday paper's "last week" is the week that just ended, as in the US calendar.
            start = anchor + timedelta(days=1) if anchor.isoweekday() == 7 else anchor
            return iso_week(start + timedelta(weeks=s.shifts["week"] or 0))
        return None

    def _month(self) -> str | None:
        s = self.slots
        if s.month is not None:
            shift = s.shifts.get("month")
            if shift is None:
                return month_value(self._year(s.month), s.month)
            anchor = self._anchor()
            if shift == 0:
                return month_value(anchor.year, s.month)
            later = s.month > anchor.month if shift == 1 else s.month < anchor.month
            return month_value(anchor.year if later else anchor.year + shift, s.month)
        if s.unit == "month" and "month" in s.shifts:
            anchor = self._anchor()
            return month_value(*add_months(anchor.year, anchor.month, s.shifts["month"] or 0))
        if s.season is not None:
            start = self.lex.season_start_month[s.season]
            year = s.year if s.year is not None else (
                self._year() if "year" in s.shifts
                else season_year(start, self._anchor(), self.context.tense, s.shifts.get("season")))
            return f"{year}-{s.season}"
        return None

    def _coarse(self) -> str | None:
        s = self.slots
        quarter = self._quarter()
        if quarter is not None:
            return quarter
        if s.half is not None:
            if s.decade is not None:
                s.boundary = "END" if s.half == "H2" else "START"
                return f"{s.decade:03d}"
            return f"{self._year()}-{s.half}"
        if s.year is not None or (s.unit in ("year", "period") and s.decade is None):
            return f"{self._year():04d}"
        if s.decade is not None:
            return f"{s.decade:03d}"
        if s.unit == "decade" and "decade" in s.shifts:
            return f"{self._anchor().year // 10 + (s.shifts['decade'] or 0):03d}"
        if s.century is not None:
            return f"{s.century:02d}"
        if s.unit == "century" and "century" in s.shifts:
            return f"{self._anchor().year // 100 + (s.shifts['century'] or 0):02d}"
        return None

    def _quarter(self) -> str | None:
        s = self.slots
        reference = None
        if s.quarter is None and s.unit in ("quarter", "period"):
            reference = self._reference_quarter()
        if s.quarter is not None:
            if s.year is None and "year" not in s.shifts:
                anchor = self._anchor()
                late = s.quarter > quarter_of(anchor) and self.context.tense == "PAST"
                return f"{anchor.year - 1 if late else anchor.year}-Q{s.quarter}"
            return f"{self._year()}-Q{s.quarter}"
        if s.unit == "quarter" and s.shifts.get("quarter", "none") not in ("none", None):
            anchor = self._anchor()
            year, quarter = add_quarters(anchor.year, quarter_of(anchor), s.shifts["quarter"] or 0)
            return f"{year}-Q{quarter}"
        if reference is not None:
            year = self._year() if s.year is not None or "year" in s.shifts else int(reference[1])
            return f"{year}-Q{reference[2]}"
        if s.unit == "quarter":
            anchor = self._anchor()
            shift = -1 if "quarter" in s.shifts else 0
            year, quarter = add_quarters(anchor.year, quarter_of(anchor), shift)
            return f"{year}-Q{quarter}"
        return None

    def _reference_quarter(self) -> re.Match[str] | None:
        """The quarter "that quarter" or "the latest period" means: the last quarter named, else the one
        holding the date named last."""
        named = QUARTER_VALUE.match(self.context.quarter or "")
        if named:
            return named
        reference = self._reference() or ""
        if DAY_VALUE.match(reference):
            day = date.fromisoformat(reference[:10])
            reference = f"{day.year}-Q{quarter_of(day)}"
        return QUARTER_VALUE.match(reference)

    def _time_only(self) -> Timex | None:
        """"10 p.m." or "this morning": a clock time or part of day on the anchor's own day."""
        s = self.slots
        if s.clock is None and not (s.part is not None and s.day_offset is not None):
            return None
        try:
            anchor = self._anchor()
        except _Unresolvable:
            return Timex("TIME", None, relative=True)
        day = anchor + timedelta(days=s.day_offset or 0)
        return Timex("TIME", f"{iso_date(day)}T{s.clock or s.part}", relative=True)


class _Unresolvable(Exception):
    """Raised inside the builder when a relative expression lacks its anchor or reference."""
