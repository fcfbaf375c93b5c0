"""Comparing names across articles: spelling variants folded, then a fuzzy match word by word.

"Zelensky", "Zelenskyy" and "Volodymyr Zelenskiy" fold to the same surname; "John Smith" and "Sarah
Smith" share one but their first names clash, so they stay two. The transliteration rules and the
variant spellings are data (``data/name_variants.json``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz

# Two folded words this similar (rapidfuzz ratio, 0-100) are one spelling: "Ketsoyan" / "Ketsoyian".
WORD_SIMILARITY = 88
NAME_WORD = re.compile(r"[^\W\d_][\w'-]*")


@dataclass(frozen=True)
class Folding:
    rules: tuple[tuple[re.Pattern[str], str], ...]
    variants: dict[str, str]


@cache
def folding() -> Folding:
    data = json.loads(resources.files("newsledger.corpus").joinpath("data/name_variants.json").read_text())
    variants = {}
    for group in data["variants"]:
        for spelling in group:
            variants[_strip_accents(spelling)] = _strip_accents(group[0])
    return Folding(tuple((re.compile(p), r) for p, r in data["rules"]), variants)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    """One word of a name, lowercased, accents stripped, its transliteration variant folded."""
    plain = _strip_accents(word).replace("’", "'")
    plain = plain.removesuffix("'s")
    rules = folding()
    if plain in rules.variants:
        return rules.variants[plain]
    for pattern, replacement in rules.rules:
        plain = pattern.sub(replacement, plain)
    return rules.variants.get(plain, plain)


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name: "Volodymyr Zelenskiy" -> ("volodymyr", "zelensky")."""
    return tuple(fold_word(w) for w in NAME_WORD.findall(name))


def same_word(first: str, second: str) -> bool:
    """Two folded name words are one: equal, an initial of the other, or a close spelling."""
    if first == second:
        return True
    if len(first) == 1 or len(second) == 1:
        return first[0] == second[0]
    return min(len(first), len(second)) >= 4 and fuzz.ratio(first, second) >= WORD_SIMILARITY


def person_names_agree(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Two person names can be one person: surnames match, and given names, where both have one, too.

    "Zelensky" agrees with "Volodymyr Zelensky"; "J. Smith" with "John Smith"; "Sarah Smith" does not
    agree with "John Smith".
    """
    if not first or not second or not same_word(first[-1], second[-1]):
        return False
    return not (first[:-1] and second[:-1]) or same_word(first[0], second[0])


def names_agree(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Two names of organisations or places can be one: the same words, or one the other's acronym."""
    if not first or not second:
        return False
    if len(first) == len(second):
        return all(same_word(a, b) for a, b in zip(first, second, strict=True))
    short, long = sorted((first, second), key=len)
    return len(short) == 1 and short[0] == "".join(w[0] for w in long if w not in {"of", "the", "and"})


@cache
def _demonyms() -> dict[str, str]:
    """Country demonyms, folded, to the country's common name ('russian' -> 'Russia'), from the country
    data that the pip package ``countryinfo`` ships (the gazetteer reads the same files); a demonym two
    countries share goes to the more populous ('American' is the United States')."""
    owners: dict[str, tuple[int, str]] = {}
    for path in resources.files("countryinfo").joinpath("data").iterdir():
        if not path.name.endswith(".json"):
            continue
        data = json.loads(path.read_text("utf-8"))
        demonym, name = data.get("demonym"), data.get("name")
        if not (isinstance(demonym, str) and isinstance(name, str) and demonym and name):
            continue
        population = int(data.get("population") or 0)
        key = _strip_accents(demonym)
        if key not in owners or owners[key][0] < population:
            owners[key] = (population, name)
    return {key: name for key, (_, name) in owners.items()}


def country_of_demonym(name: str) -> str | None:
    """The country a demonym names ('Russian', 'Russians' -> 'Russia'), or None for any other name."""
    key = _strip_accents(name.strip())
    demonyms = _demonyms()
    return demonyms.get(key) or (demonyms.get(key[:-1]) if key.endswith("s") else None)
