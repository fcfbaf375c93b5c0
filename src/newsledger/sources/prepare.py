"""The one gate every article text passes, whatever it was read from: normalize, check, identify the language.

Offsets in every record point into the text this module returns, so it is the only place that changes the
text: NFC (so that "é" is one character whether it arrived composed or not), no byte order mark, ``\\n`` line
ends, no surrounding whitespace (so that the same article read twice gets the same id). Quotation marks and
apostrophes are left exactly as they were: “ ” ‘ ’ « » „ are evidence for the attribution extractor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from newsledger.errors import EmptyInput, InputTooLarge, NotEnglish
from newsledger.records import Article
from newsledger.sources.language import NO_LANGUAGE, detect_language
from newsledger.sources.limits import MAX_TEXT_CHARS

# CRLF and CR from Windows and old Mac files; NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR from web text.
# Python's splitlines() breaks on the last three, spaCy and regexes do not: one line end for everyone.
_LINE_END = re.compile("\r\n|[\r\x85\u2028\u2029]")
_BOM = "\ufeff"
_ENGLISH_ONLY = "newsledger analyzes English articles"


@dataclass(frozen=True)
class Metadata:
    """What is known about an article besides its text."""

    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None

    def overridden_by(self, overrides: Metadata) -> Metadata:
        """These fields, replaced by every field that ``overrides`` sets.

        The readers call it with the options given on the command line: what the user says beats what the
        file says, for every article read in that run.
        """
        return Metadata(
            title=overrides.title if overrides.title is not None else self.title,
            published=overrides.published if overrides.published is not None else self.published,
            outlet=overrides.outlet if overrides.outlet is not None else self.outlet,
            url=overrides.url if overrides.url is not None else self.url,
        )


NO_METADATA = Metadata()


def article_from_text(
    text: str,
    *,
    source: str,
    title: str | None = None,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Article:
    """An ``Article`` from text already in memory; raises ``EmptyInput``, ``InputTooLarge`` or ``NotEnglish``.

    >>> article_from_text("Police in Leeds arrested two men on Sunday.", source="note.txt").language
    'en'
    """
    return prepare_article(
        text, source=source, metadata=Metadata(title=title, published=published, outlet=outlet, url=url)
    )


def prepare_article(text: str, *, source: str, metadata: Metadata = NO_METADATA) -> Article:
    """``article_from_text`` for the readers, which carry metadata around as one ``Metadata`` value."""
    text = normalize_text(text)
    if not text:
        raise EmptyInput(source, "no text: the input is empty or only whitespace")
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLarge(
            source, f"text is {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,} per article"
        )
    language = detect_language(text)
    if language.code == NO_LANGUAGE:
        raise NotEnglish(source, f"no language recognised in the text; {_ENGLISH_ONLY}")
    if not language.is_english:
        named = f"{language.name} ({language.code})"
        raise NotEnglish(source, f"language is {named}, not English; {_ENGLISH_ONLY}")
    return Article.from_text(
        text,
        title=metadata.title,
        published=metadata.published,
        outlet=metadata.outlet,
        url=metadata.url,
        language=language.code,
        source=source,
    )


def normalize_text(text: str) -> str:
    """The text as newsledger stores it: NFC, no BOM, ``\\n`` line ends, no surrounding whitespace."""
    text = _LINE_END.sub("\n", text.removeprefix(_BOM))
    return unicodedata.normalize("NFC", text).strip()
