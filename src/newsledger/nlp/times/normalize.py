"""Normalize one time expression to a TIMEX3 type, value and mod: a pure function of text and context.

``normalize("last Tuesday", TimexContext(anchor=date(2024, 11, 18)))`` gives
``Timex(type="DATE", value="2024-11-12", relative=True)``. The text is split into lower-case tokens, TimeML
modifiers ("about", "early", "the end of", "or later") are peeled off into ``mod``, and what remains is
tried, in order, as a fixed reference ("now" -> ``PRESENT_REF``), a SET ("every Thursday", "daily"), a
duration or an offset ("three years", "two weeks ago"), and a calendar expression read slot by slot
("Sunday, 17 November", "9 a.m. Tuesday", "June last year", "the third quarter"; see :mod:`.slots`).
``None`` means the text is not a time expression at all, which lets the tagger drop "6-year-old" or
"80486"; a ``Timex`` whose ``value`` is ``None`` is a time expression that cannot be resolved (no anchor,
or no earlier date for "that day"), never guessed.

The vocabulary lives in ``lexicons/times_lexicon.json``; calendar arithmetic in :mod:`.arithmetic`.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

from newsledger.nlp.times.arithmetic import (
    Tense,
    add_months,
    add_quarters,
    duration_value,
    iso_date,
    month_value,
    quarter_of,
)
from newsledger.nlp.times.lexicon import TimesLexicon, Unit, times_lexicon
from newsledger.nlp.times.reading import (
    QUARTER_VALUE,
    VAGUE,
    Amount,
    Timex,
    TimexContext,
    Tokens,
    longest,
    read_amount,
    tokenize,
)
from newsledger.nlp.times.slots import calendar, fill_slots, set_value

__all__ = ["Tense", "Timex", "TimexContext", "normalize", "tokenize"]


@functools.lru_cache(maxsize=8192)
def normalize(text: str, context: TimexContext) -> Timex | None:
    """The TIMEX3 reading of ``text``, or ``None`` when it is not a time expression."""
    lex = times_lexicon()
    tokens = tokenize(text)
    if not tokens or tokens[-1] in lex.non_time_followers:
        return None
    found = _reference(tokens, lex)
    if found is not None:
        return found
    core, mod = _strip_mods(tokens, lex)
    if not core:
        return None
    for recognize in _RECOGNIZERS:
        found = recognize(core, lex, context)
        if found is not None:
            return found if found.mod or mod is None else replace(found, mod=mod)
    return None


def _reference(tokens: Tokens, lex: TimesLexicon, context: TimexContext | None = None) -> Timex | None:
    """A fixed reference: "now", "currently", "the near future", "recently"."""
    value = lex.reference_phrases.get(" ".join(tokens))
    return Timex("DATE", value) if value else None


def _strip_mods(tokens: Tokens, lex: TimesLexicon) -> tuple[Tokens, str | None]:
    """Peel TimeML modifiers off both ends: ("about", "two", "weeks") -> (("two", "weeks"), "APPROX")."""
    mod = None
    while True:
        prefix = longest(tokens, 0, lex.mod_prefixes)
        if prefix is not None and prefix[1] < len(tokens):
            mod, tokens = lex.mod_prefixes[prefix[0]], tokens[prefix[1]:]
            continue
        if len(tokens) > 1 and tokens[0] in lex.numeric_mod_prefixes and read_amount(tokens, 1, lex):
            mod, tokens = lex.numeric_mod_prefixes[tokens[0]], tokens[1:]
            continue
        break
    for suffix, suffix_mod in lex.mod_suffixes.items():
        words = tuple(suffix.split())
        if len(tokens) > len(words) and tokens[-len(words):] == words:
            return tokens[:-len(words)], suffix_mod
    return tokens, mod


# --- SET --------------------------------------------------------------------------------------------


def _set_expression(tokens: Tokens, lex: TimesLexicon, context: TimexContext) -> Timex | None:
    """"daily", "every Thursday", "each year", "twice a week", "Tuesday nights"."""
    if len(tokens) == 1 and tokens[0] in lex.set_adverbs:
        return Timex("SET", lex.set_adverbs[tokens[0]])
    rest = tokens
    if tokens[0] in lex.frequency_words or (len(tokens) > 2 and tokens[1] == "times"):
        rest = tokens[1:] if tokens[0] in lex.frequency_words else tokens[2:]
        if not rest or rest[0] not in lex.set_quantifiers:
            return None
    if rest[0] not in lex.set_quantifiers or (rest[0] in ("a", "an") and rest is tokens):
        return None
    rest = rest[1:]
    if not rest:
        return None
    if rest[0] == "other" and len(rest) == 2 and rest[1] in lex.units:
        return Timex("SET", _unit_duration(Fraction(2), lex.units[rest[1]]))
    if len(rest) == 1 and rest[0] in lex.units:
        return Timex("SET", _unit_duration(Fraction(1), lex.units[rest[0]]))
    amount = read_amount(rest, 0, lex)
    if amount is not None and amount[1] == len(rest) - 1 and rest[-1] in lex.units:
        return Timex("SET", _unit_duration(amount[0], lex.units[rest[-1]]))
    slots = fill_slots(rest, lex)
    if slots is None:
        return None
    slots.plural = True
    return set_value(slots)


def _unit_duration(amount: Amount, unit: Unit) -> str:
    if amount == VAGUE:
        return duration_value(None, unit.symbol, unit.clock)
    return duration_value(amount * unit.count, unit.symbol, unit.clock)


def _duration_or_offset(tokens: Tokens, lex: TimesLexicon, context: TimexContext) -> Timex | None:
    """"three years", "the past 20 years", "2 1/2 hours", "weeks or months", "two weeks ago", "year-ago"."""
    if tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    index = 1 if tokens[0] in lex.duration_leads else 0
    lead = tokens[0] if index else None
    head_period = index < len(tokens) and tokens[index] in ("quarter", "period") and "ago" in tokens[index:]
    index += 1 if head_period else 0
    amount_read = read_amount(tokens, index, lex)
    amount: Amount | None = amount_read[0] if amount_read else None
    index = amount_read[1] if amount_read else index
    if amount is not None and index < len(tokens) and tokens[index] in lex.duration_adjectives:
        index += 1  # "an additional year"
    if index >= len(tokens) or tokens[index] not in lex.units:
        return None
    unit_word = tokens[index]
    unit = lex.units[unit_word]
    index += 1
    if tokens[index:index + 3] == ("and", "a", "half") and isinstance(amount, Fraction):
        amount, index = amount + Fraction(1, 2), index + 3
    if index + 1 < len(tokens) and tokens[index] == "or" and tokens[index + 1] in lex.units:
        amount, index = VAGUE, index + 2
    plural = unit_word.endswith("s")
    tail = tokens[index:]
    if amount is None:
        if plural:
            amount = VAGUE
        elif lead is None and (longest(tokens, index, lex.ago_words) or tail == ("long",)):
            amount = Fraction(1)  # "year-ago", "day-long"
        else:
            return None
    ago = longest(tail, 0, lex.ago_words)
    if ago is not None:
        rest = tail[ago[1]:]
        if rest and rest not in (("quarter",), ("period",)):
            return None
        quarterly = head_period or bool(rest)
        return _offset(amount, unit, lex.ago_words[ago[0]], quarterly, context)
    if tail and not all(word in lex.duration_nouns for word in tail):
        return None
    return Timex("DURATION", _unit_duration(amount, unit))


def _offset(amount: Amount, unit: Unit, direction: int, quarterly: bool, context: TimexContext) -> Timex:
    """A date some units away from the anchor: "two weeks ago" -> a day, "five months ago" -> a month.

    In earnings reports "a year earlier" and "the year-ago quarter" mean the same quarter of the previous
    year, so a year offset keeps the quarter of the quarter last mentioned (``context.reference``).
    """
    if amount == VAGUE:
        return Timex("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
    anchor = context.anchor
    if anchor is None:
        return Timex("DATE", None, relative=True)
    count = amount * unit.count * direction
    reference = QUARTER_VALUE.match(context.quarter or "")
    if unit.symbol == "Y" and unit.count == 1 and (reference or quarterly):
        year, quarter = (int(reference[1]), int(reference[2])) if reference else add_quarters(
            anchor.year, quarter_of(anchor), -1)
        return Timex("DATE", f"{year + int(count)}-Q{quarter}", relative=True)
    return Timex("DATE", _offset_value(anchor, count, unit), relative=True)


def _offset_value(anchor: date, count: Fraction, unit: Unit) -> str:
    if unit.clock or unit.symbol in ("D", "W"):
        days = count * (7 if unit.symbol == "W" else 1)
        return iso_date(anchor + timedelta(days=int(days) if not unit.clock else 0))
    if unit.symbol == "Q":
        year, quarter = add_quarters(anchor.year, quarter_of(anchor), int(count))
        return f"{year}-Q{quarter}"
    months = count * (12 if unit.symbol == "Y" else 1)
    if unit.symbol == "M" or months.denominator != 1 or months % 12:
        year, month = add_months(anchor.year, anchor.month, int(months))
        return month_value(year, month)
    year = anchor.year + int(months) // 12
    if unit.count >= 100:
        return f"{year // 100:02d}"
    if unit.count >= 10:
        return f"{year // 10:03d}"
    return f"{year:04d}"


_RECOGNIZERS = (_reference, _set_expression, _duration_or_offset, calendar)
