"""Is this text English? py3langid on a bounded sample, with the benefit of the doubt for English news.

Character n-gram identifiers are unsure on short texts and lose their way on texts made of names: a dateline
and a list of ministers ("KYIV (AP) — Zelenskyy met Scholz, Macron and Meloni") reads as Nigerian Pidgin or
Breton to them. newsledger's readers feed it English news, so the rule is lopsided on purpose:

- the identifier says English: English;
- the letters are mostly not Latin (Cyrillic, Arabic, Han, ...): not English, whatever the scores;
- the identifier is unsure (best score under ``CONFIDENT``): English;
- it is sure of another language, but English function words ("the", "said", "which") make up a fair share
  of the words: English, with the names and the quoted foreign words around them;
- otherwise: the language the identifier names.

Only a bounded sample is scored (the start, the middle and the end of the text), so a 900,000-character
article costs what a short one does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

ENGLISH = "en"
NO_LANGUAGE = "zxx"
"""py3langid's label for text without linguistic content (numbers, symbols)."""

CONFIDENT = 0.7
"""A normalized probability under which the identifier's verdict is not trusted over English."""

ENGLISH_WORD_SHARE = 0.08
"""Share of distinctly English function words above which a text is English whatever the n-grams say.

Running English prose has 15-30% of them; other Latin-script languages have almost none, because the list
below leaves out words they share with English ("in", "is", "was", "of", "to", "on", "for", "will").
"""

SAMPLE_CHARS = 1_000
"""Characters taken from each of the start, the middle and the end of the text."""

_ENGLISH_WORDS = frozenset(
    {
        "the", "and", "that", "with", "from", "said", "says", "told", "they", "their", "them", "this",
        "these", "those", "which", "who", "whom", "whose", "would", "could", "should", "been", "were", "are",
        "after", "before", "has", "have", "had", "his", "she", "he", "its", "not", "but", "than", "there",
        "according", "because", "while", "into", "about", "against",
    }
)
_WORD = re.compile(r"[^\W\d_]+")

# py3langid's labels, named in English for error messages.
_LANGUAGE_NAMES = dict(
    line.split(" ", 1)
    for line in """\
ace Acehnese
af Afrikaans
am Amharic
an Aragonese
ar Arabic
ary Moroccan Arabic
arz Egyptian Arabic
as Assamese
az Azerbaijani
ba Bashkir
bcl Central Bikol
be Belarusian
bg Bulgarian
bn Bangla
br Breton
bs Bosnian
ca Catalan
crh Crimean Tatar
cs Czech
cy Welsh
da Danish
de German
dz Dzongkha
el Greek
en English
eo Esperanto
es Spanish
et Estonian
eu Basque
ext Extremaduran
fa Persian
fi Finnish
fo Faroese
fr French
fuv Nigerian Fulfulde
fy Western Frisian
ga Irish
gcf Guadeloupean Creole
gcr Guianese Creole
gd Scottish Gaelic
gl Galician
gom Goan Konkani
grc Ancient Greek
gu Gujarati
gug Paraguayan Guarani
guw Gun
ha Hausa
hbo Ancient Hebrew
he Hebrew
hi Hindi
hr Croatian
ht Haitian Creole
hu Hungarian
hy Armenian
id Indonesian
ig Igbo
is Icelandic
it Italian
ja Japanese
jv Javanese
ka Georgian
kab Kabyle
kik Kikuyu
kk Kazakh
km Khmer
kn Kannada
ko Korean
ku Kurdish
ky Kyrgyz
la Latin
lb Luxembourgish
lg Ganda
lij Ligurian
ln Lingala
lo Lao
lt Lithuanian
ltg Latgalian
lv Latvian
mg Malagasy
mk Macedonian
ml Malayalam
mn Mongolian
mr Marathi
ms Malay
mt Maltese
my Burmese
ne Nepali
nl Dutch
nn Norwegian Nynorsk
no Norwegian
nso Northern Sotho
oc Occitan
om Oromo
or Odia
pa Punjabi
pcm Nigerian Pidgin
pl Polish
ps Pashto
pt Portuguese
qu Quechua
ro Romanian
ru Russian
rw Kinyarwanda
sa Sanskrit
sdh Southern Kurdish
se Northern Sami
si Sinhala
sk Slovak
sl Slovenian
sn Shona
so Somali
sq Albanian
sr Serbian
st Southern Sotho
sv Swedish
sw Swahili
ta Tamil
te Telugu
tg Tajik
th Thai
tk Turkmen
tl Tagalog
tr Turkish
tt Tatar
ug Uyghur
uk Ukrainian
ur Urdu
uz Uzbek
uzs Southern Uzbek
vec Venetian
vi Vietnamese
vo Volapük
wa Walloon
wuu Wu Chinese
xh Xhosa
yo Yoruba
yue Cantonese
zh Chinese
zu Zulu""".splitlines()
)


@dataclass(frozen=True)
class Language:
    """A detected language: its code (ISO 639-1 where there is one) and its English name."""

    code: str
    name: str

    @property
    def is_english(self) -> bool:
        return self.code == ENGLISH


def detect_language(text: str) -> Language:
    """The language of ``text`` by the lopsided rule in the module docstring."""
    sample = _sample(text)
    code, confidence = _identifier().classify(sample)
    if (
        code != ENGLISH
        and _mostly_latin(sample)
        and (confidence < CONFIDENT or _english_word_share(sample) >= ENGLISH_WORD_SHARE)
    ):
        code = ENGLISH
    return Language(code=code, name=_LANGUAGE_NAMES.get(code, code))


@cache
def _identifier() -> LanguageIdentifier:
    """The py3langid model, loaded once per process (it takes half a second)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str) -> str:
    if len(text) <= 3 * SAMPLE_CHARS:
        return text
    middle = (len(text) - SAMPLE_CHARS) // 2
    return "\n".join((text[:SAMPLE_CHARS], text[middle : middle + SAMPLE_CHARS], text[-SAMPLE_CHARS:]))


def _mostly_latin(sample: str) -> bool:
    """At least half of the letters are Latin; a text with no letters at all counts as Latin."""
    letters = [c for c in sample if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff")
    return 2 * latin >= len(letters)


def _english_word_share(sample: str) -> float:
    words = _WORD.findall(sample.lower())
    return sum(1 for w in words if w in _ENGLISH_WORDS) / len(words) if words else 0.0
