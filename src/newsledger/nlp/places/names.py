"""Place-name keys: the one normalization under which a mention and a gazetteer name are compared.

News writes the same name several ways ("St. Petersburg" and "Saint Petersburg", "Kyiv's", "U.S.",
"Zaporizhzhia" with or without accents), and a gazetteer adds its own (diacritics, hyphens). Both sides
go through :func:`name_key`, so the index is a plain dict lookup: no fuzzy matching at run time. The
gazetteer keys half a million names at start-up, so the common case is one ``str.translate`` call.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from itertools import chain

from newsledger.nlp.lexicons import load_json

# Abbreviated words that start place names; the gazetteer spells them out.
ABBREVIATED_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
ABBREVIATION = re.compile(r"\b(?:st|ste|mt|ft|pt)\b")
PLAIN_KEY = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
NON_KEY_CHARACTERS = re.compile(r"[^a-z0-9' ]+")
DOUBLED = re.compile(r"(.)\1+")
SPECIAL_LETTERS = {
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "ı": "i",
    "œ": "oe",
    "Œ": "OE",
    "þ": "th",
    "Þ": "Th",
    "ð": "d",
    "Ð": "D",
}
PUNCTUATION = {
    ".": "",
    "-": " ",
    "‐": " ",
    "–": " ",
    "/": " ",
    ",": " ",
    "(": " ",
    ")": " ",
    '"': " ",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "ʻ": "'",
}


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics to their base letters, plus the punctuation a key drops."""
    table: dict[int, str] = {}
    for code in chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        letter = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", letter) if not unicodedata.combining(c))
        if base != letter and base.isascii() and base:
            table[code] = base
    table.update({ord(k): v for k, v in {**SPECIAL_LETTERS, **PUNCTUATION}.items()})
    return table


FOLD = _fold_table()


def name_key(text: str) -> str:
    """The comparison key of a place name: accents, case, dots, hyphens and possessives removed.

    'U.S.' and 'US' share the key 'us'; 'St. Louis' and 'Saint Louis' share 'saint louis'. Callers that
    must tell 'US' from 'us' (the pronoun) look at the text's capitals, not at the key.
    """
    key = text.translate(FOLD).lower()
    if not PLAIN_KEY.fullmatch(key):
        words = NON_KEY_CHARACTERS.sub(" ", key).split()
        key = " ".join(w for w in (w.removesuffix("'s").strip("'") for w in words) if w)
    if ABBREVIATION.search(key):
        key = " ".join(ABBREVIATED_WORDS.get(w, w) for w in key.split(" "))
    return key


def is_latin_name(text: str) -> bool:
    """A name written in Latin letters (the only alternate names an English article can contain)."""
    return text.isascii() or text.translate(FOLD).isascii()


@dataclass(frozen=True)
class Transliteration:
    """The spelling differences of romanisation systems that :func:`loose_key` folds
    (``lexicons/transliteration.json``): article prefixes, digraphs and vowels."""

    articles: frozenset[str]
    replacements: tuple[tuple[str, str], ...]
    vowels: dict[int, str]
    min_length: int

    @staticmethod
    @functools.cache
    def from_lexicon() -> Transliteration:
        data = load_json("places", "transliteration.json")
        return Transliteration(
            articles=frozenset(data["articles"]),
            replacements=tuple((a, b) for a, b in data["replacements"]),
            vowels={ord(v): "a" for v in data["vowels"]},
            min_length=int(data["min_length"]),
        )


def loose_key(key: str) -> str | None:
    """A name key with the differences between transliterations folded away, or None when too short
    (or not letters) to say anything.

    Romanised Arabic and Cyrillic names are spelled many ways ('Deir ez-Zor', 'Deir Ezzor', 'Deir
    Ezour'; 'Hasakah', 'Hassakeh'; 'Qamishli', 'Al-Qamishli'; 'Kostiantynivka', 'Kostyantynivka'): the
    loose key drops a leading article, reads an inner one as the vowel it is spoken as, joins the
    words, folds digraphs ('kh', 'q'), every vowel to one, a final 'h' after a vowel and doubled
    letters (so runs of vowels too). It is lossy on purpose, so the gazetteer uses it only when the
    exact key finds nothing, and ranks what it finds below every exact name. The gazetteer folds a
    quarter of a million names with it, so it is a few string operations and one regular expression.
    """
    rules = Transliteration.from_lexicon()
    if " " in key or "'" in key:
        words = key.replace("'", "").split()
        if len(words) > 1 and words[0] in rules.articles:
            words = words[1:]
        key = "".join("e" if number and word in rules.articles else word for number, word in enumerate(words))
    for written, spoken in rules.replacements:
        if written in key:
            key = key.replace(written, spoken)
    # a 'y' that opens the name is a consonant ('Yabroud'), elsewhere a vowel ('Shaykh', 'Sheikh')
    key = key[:1] + key[1:].translate(rules.vowels) if key.startswith("y") else key.translate(rules.vowels)
    if key.endswith("ah"):
        key = key[:-1]
    key = DOUBLED.sub(r"\1", key)
    return key if len(key) >= rules.min_length and key.isalpha() else None
