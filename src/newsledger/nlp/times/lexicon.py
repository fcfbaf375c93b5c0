"""The word lists and Matcher patterns behind time expressions, read once from ``nlp/lexicons/times_*``.

They are data so that a linguist can add a month abbreviation, a holiday or a pattern without touching
Python. ``times_lexicon.json`` holds the vocabulary the normalizer reads; ``times_patterns.jsonl`` holds
spaCy token-Matcher patterns for expressions the statistical NER misses. A pattern may write
``{"LOWER": {"IN": "@months"}}``: the ``@name`` is replaced by the keys of that lexicon table, so word
lists live in one place; a ``note`` field on a pattern line is for the reader.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from newsledger.nlp.lexicons import load_json, load_jsonl

LEXICON_FILE = "times_lexicon.json"
PATTERNS_FILE = "times_patterns.jsonl"


@dataclass(frozen=True)
class Unit:
    """A calendar or clock unit: ``symbol`` is its ISO 8601 letter, ``count`` how many of it one word means
    (a decade is 10 years), ``clock`` whether it goes after the ``T`` of a duration."""

    symbol: str
    count: int
    clock: bool


@dataclass(frozen=True)
class Holiday:
    """A named day: either a fixed ``month``/``day`` or the ``nth`` ``weekday`` of ``month`` (-1 = last)."""

    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None


@dataclass(frozen=True)
class TimesLexicon:
    """Every table of ``times_lexicon.json``, typed."""

    months: dict[str, int]
    weekdays: dict[str, int]
    parts_of_day: dict[str, str]
    day_words: dict[str, int]
    day_word_parts: dict[str, str]
    named_times: dict[str, str]
    seasons: dict[str, str]
    season_start_month: dict[str, int]
    timezones: frozenset[str]
    number_words: dict[str, int]
    ordinals: dict[str, int]
    vague_quantities: frozenset[str]
    units: dict[str, Unit]
    set_adverbs: dict[str, str]
    set_quantifiers: frozenset[str]
    reference_phrases: dict[str, str]
    shift_words: dict[str, int | None]
    mod_prefixes: dict[str, str]
    numeric_mod_prefixes: dict[str, str]
    mod_suffixes: dict[str, str]
    ago_words: dict[str, int]
    holidays: dict[str, Holiday]
    halves: dict[str, str]
    fillers: frozenset[str]
    non_time_followers: frozenset[str]
    relation_adverbs: frozenset[str]
    relation_words: frozenset[str]
    future_verbs: frozenset[str]
    calendar_units: dict[str, str]
    duration_leads: frozenset[str]
    duration_nouns: frozenset[str]
    duration_adjectives: frozenset[str]
    boundary_words: dict[str, str]
    frequency_words: dict[str, int]
    split_words: frozenset[str]
    future_auxiliaries: frozenset[str]
    modal_auxiliaries: frozenset[str]

    def table(self, name: str) -> list[str]:
        """The words of one table, for ``@name`` references in Matcher patterns; abbreviations also with the
        dot spaCy keeps on them ("Nov.", "Tues.")."""
        words = [str(key) for key in getattr(self, name)]
        return sorted(words + [f"{word}." for word in words if len(word) <= 4])


@functools.cache
def times_lexicon() -> TimesLexicon:
    """The lexicon, parsed once per process."""
    raw: dict[str, Any] = dict(load_json("times", LEXICON_FILE))
    raw.pop("_about", None)
    raw["units"] = {word: Unit(*spec) for word, spec in raw["units"].items()}
    raw["holidays"] = {name: Holiday(**spec) for name, spec in raw["holidays"].items()}
    for name in ("timezones", "vague_quantities", "set_quantifiers", "fillers", "non_time_followers",
                 "relation_adverbs", "relation_words", "future_verbs", "duration_leads", "duration_nouns",
                 "duration_adjectives", "split_words", "future_auxiliaries", "modal_auxiliaries"):
        raw[name] = frozenset(raw[name])
    return TimesLexicon(**raw)


def _expand(value: Any, lexicon: TimesLexicon) -> Any:
    """Replace ``"@table"`` strings anywhere in a pattern by that table's words."""
    if isinstance(value, str) and value.startswith("@"):
        return lexicon.table(value[1:])
    if isinstance(value, dict):
        return {key: _expand(item, lexicon) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item, lexicon) for item in value]
    return value


@functools.cache
def _patterns_json() -> str:
    lexicon = times_lexicon()
    patterns = [{"label": entry["label"], "pattern": _expand(entry["pattern"], lexicon)}
                for entry in load_jsonl("times", PATTERNS_FILE)]
    return json.dumps(patterns)


def times_patterns() -> list[dict[str, Any]]:
    """The Matcher patterns as ``{"label", "pattern"}`` dicts, ``@table`` references expanded.

    A fresh copy each call: spaCy's Matcher keeps references to what it is given.
    """
    patterns: list[dict[str, Any]] = json.loads(_patterns_json())
    return patterns
