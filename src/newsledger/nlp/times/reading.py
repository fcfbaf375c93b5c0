"""The vocabulary level of time normalization: the result types, the tokenizer, and readers of phrases and
quantities that the duration and the calendar readers share.

Tokens are lower case; hyphens and commas split words, the dots of abbreviations and possessive ``'s``
are dropped, and "a.m."/"p.m." become ``am``/``pm``, so that "the year-ago quarter" reads as
``("the", "year", "ago", "quarter")`` and the lexicon needs one spelling per word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

from newsledger.nlp.times.arithmetic import Tense
from newsledger.nlp.times.lexicon import Holiday, TimesLexicon
from newsledger.records import TimeType

Tokens = tuple[str, ...]
VAGUE: Literal["X"] = "X"
Amount = Fraction | Literal["X"]

QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
YEAR_VALUE = re.compile(r"^(\d{4})")
_AM_PM = re.compile(r"\b([ap])\.?\s?m\b\.?")
_TOKEN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d\d|\d+\.\d+|\d+/\d+|'\d\ds?"
    r"|\d+(?:st|nd|rd|th|s)?|[a-z]+"
)


@dataclass(frozen=True)
class TimexContext:
    """What the text of an expression alone does not say.

    ``anchor`` is the publication date; ``tense`` the tense of the governing verb, which decides whether a
    bare "Friday" is the last or the next one; ``reference`` the last calendar value named before the
    expression, which "that day" and "the quarter ended Sept. 30" lean on; ``quarter`` the last quarter
    named, which "a year earlier" and "the latest period" mean in earnings reports.
    """

    anchor: date | None = None
    tense: Tense | None = None
    reference: str | None = None
    quarter: str | None = None


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 annotation; ``relative`` is true when the value had to be computed from the context."""

    type: TimeType
    value: str | None
    mod: str | None = None
    relative: bool = False


def tokenize(text: str) -> Tokens:
    """Lower-case word and number tokens; hyphens and commas split, abbreviation dots and possessives go."""
    lowered = text.lower().replace("’", "'").replace("‘", "'")
    lowered = re.sub(r"(\d)'s\b", r"\1s", lowered)
    lowered = re.sub(r"'s\b", " ", lowered)
    lowered = _AM_PM.sub(r" \1m ", lowered)
    return tuple(_TOKEN.findall(lowered))


def longest(tokens: Tokens, start: int, phrases: dict[str, str] | dict[str, int] | frozenset[str]
             | dict[str, Holiday] | dict[str, int | None]) -> tuple[str, int] | None:
    """The longest phrase of ``phrases`` starting at ``start``, and the index after it."""
    for length in range(min(4, len(tokens) - start), 0, -1):
        phrase = " ".join(tokens[start:start + length])
        if phrase in phrases:
            return phrase, start + length
    return None


def number_word_value(tokens: Tokens, start: int, lex: TimesLexicon) -> tuple[int, int] | None:
    """"twenty six" -> 26, "two hundred" -> 200, "a" -> 1; and the index after it."""
    total, current, index = 0, 0, start
    if tokens[start] in ("a", "an") and start + 1 < len(tokens) and lex.number_words.get(
            tokens[start + 1], 0) not in (0, 1, 100, 1000):
        index += 1  # "a three-year period", "a dozen"
    while index < len(tokens) and tokens[index] in lex.number_words:
        word = tokens[index]
        value = lex.number_words[word]
        if word in ("a", "an") and index > start:
            break
        if value in (100, 1000):
            current = max(current, 1) * value
            if value == 1000:
                total, current = total + current, 0
        else:
            current += value
        index += 1
        if index < len(tokens) and tokens[index] == "of" and word in ("couple", "dozen"):
            index += 1
    if index == start:
        return None
    return total + current, index


def read_amount(tokens: Tokens, start: int, lex: TimesLexicon) -> tuple[Amount, int] | None:
    """A quantity: "3", "2.5", "2 1/2", "twenty six", "a", "half a", "several", "12 to 18" (vague)."""
    if start >= len(tokens):
        return None
    vague = longest(tokens, start, lex.vague_quantities)
    if vague is not None:
        return VAGUE, vague[1]
    token = tokens[start]
    amount: Fraction | None = None
    index = start + 1
    if re.fullmatch(r"\d+(\.\d+)?", token):
        amount = Fraction(token)
    elif re.fullmatch(r"\d+/\d+", token):
        numerator, denominator = token.split("/")
        amount = Fraction(int(numerator), int(denominator)) if int(denominator) else None
    elif token == "half":
        amount = Fraction(1, 2)
        index += 1 if index < len(tokens) and tokens[index] in ("a", "an") else 0
    else:
        words = number_word_value(tokens, start, lex)
        if words is not None:
            amount, index = Fraction(words[0]), words[1]
    if amount is None:
        return None
    if index < len(tokens) and re.fullmatch(r"\d+/\d+", tokens[index]):
        numerator, denominator = tokens[index].split("/")
        amount += Fraction(int(numerator), int(denominator))
        index += 1
    following = read_amount(tokens, index + 1, lex) if index + 1 < len(tokens) else None
    if following is not None and tokens[index] in ("to", "or", "and"):
        return VAGUE, following[1]  # "12 to 18 months"
    return amount, index
