"""Word weights from a fixed background: how surprising a word is in English at large, not in this corpus.

A corpus IDF changes with every article that arrives, so two arrival orders would weigh the same pair of
articles differently and could link them differently. ``wordfreq`` ships the frequency of each English word
across large mixed corpora; ``-log10(frequency)`` (9 minus its Zipf value) is an IDF that never moves: "the"
weighs 1.3, "rehab" 5, a surname seen nowhere 9.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

# Zipf values run from 0 (unknown) to about 8 ("the"); a word's weight is how far below 9 it is.
ZIPF_CEILING = 9.0
# Words at least this common carry no topic: function words, "said", "year", "people".
STOP_ZIPF = 5.6

WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")


@lru_cache(maxsize=200_000)
def word_weight(word: str) -> float:
    """The background IDF of a lowercased word; 0.0 for words too common to say what a text is about."""
    zipf = zipf_frequency(word, "en")
    return 0.0 if zipf >= STOP_ZIPF else ZIPF_CEILING - zipf


def words(text: str) -> list[str]:
    """The lowercased words of a text, possessive 's dropped, digits and punctuation skipped."""
    found = []
    for match in WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        found.append(word)
    return found
