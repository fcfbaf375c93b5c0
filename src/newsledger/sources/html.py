"""HTML articles: the story's text and metadata out of a saved web page, without the page around it.

trafilatura finds the article body and keeps it whole across sections and subheadings; reader comments
are left out, and so are tables (scores and schedules are data, not sentences to attribute). A few kinds of
furniture sit inside the article element on real sites and survive its heuristics, so they are pruned
before extraction: captions and "Email the author" lines (a short paragraph that is mostly a ``mailto:``
link). Paragraphs are joined with a blank line, which is what the sentence splitter and the quote extractor
expect between paragraphs; a heading that opens the body and repeats the title is dropped, since the title
is kept apart in ``Article.title``.

Metadata: the title, the canonical URL and the site name (as the outlet) from trafilatura; the publication
date from ``htmldates``, because trafilatura's own date takes the URL's date first. trafilatura's author is
not kept: ``Article`` has no byline field, and on pages with comments it can be a commenter's name.
"""

from __future__ import annotations

import re

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newsledger.errors import EmptyInput, InputError, UnreadableInput
from newsledger.records import Article
from newsledger.sources.encoding import decode_bytes
from newsledger.sources.htmldates import publication_date
from newsledger.sources.prepare import NO_METADATA, Metadata, prepare_article

NO_ARTICLE = "no article text found in the HTML"

MIN_PROSE_WORDS = 6
"""A page whose longest paragraph is shorter than this has no article, only menus and buttons."""

_PRUNE_XPATH = [
    "//figcaption",
    "//*[contains(@class, 'caption')][string-length(normalize-space()) < 300]",
    "//*[self::p or self::div][.//a[starts-with(@href, 'mailto:')]][string-length(normalize-space()) < 80]",
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# What browsers actually use for labels that promise less (WHATWG Encoding Standard): pages that say
# ISO-8859-1 are decoded as Windows-1252, which has curly quotes and dashes where Latin-1 has controls.
_WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"})
_SNIFF_BYTES = 4096


def read_html(data: bytes | str, *, source: str, overrides: Metadata = NO_METADATA) -> Article:
    """An ``Article`` from a web page; raises ``EmptyInput`` when the page has no article in it."""
    if isinstance(data, bytes):
        data = decode_bytes(data, source=source, declared=_declared_charset(data))
    try:
        page = load_html(data)
        if page is None:
            raise EmptyInput(source, NO_ARTICLE)
        published = publication_date(page)
        document = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            prune_xpath=_PRUNE_XPATH,
        )
    except InputError:
        raise
    except Exception as error:  # a parser's failure on one page must not stop a batch
        reason = f"the HTML could not be parsed ({type(error).__name__}: {error})"
        raise UnreadableInput(source, reason) from error
    if not isinstance(document, Document):  # None when trafilatura found nothing
        raise EmptyInput(source, NO_ARTICLE)
    body = _body_text(document.text or "", title=document.title)
    if not _has_prose(body):
        raise EmptyInput(source, NO_ARTICLE)
    found = Metadata(title=document.title, published=published, outlet=document.sitename, url=document.url)
    return prepare_article(body, source=source, metadata=found.overridden_by(overrides))


def _declared_charset(data: bytes) -> str | None:
    """The encoding a page names in its first few kilobytes (``<meta charset>`` or ``http-equiv``), if any."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    return "cp1252" if label in _WINDOWS_1252_LABELS else label


def _body_text(extracted: str, *, title: str | None) -> str:
    paragraphs = [line.strip() for line in extracted.splitlines() if line.strip()]
    if paragraphs and title is not None and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _has_prose(body: str) -> bool:
    return any(len(paragraph.split()) >= MIN_PROSE_WORDS for paragraph in body.split("\n\n"))
