"""A fetched web page made an ``Article``, with what the page and the response say about it.

The text is extracted by :func:`newsledger.sources.html.read_html`, exactly as for a saved page. Around
it, a fetched page has more to tell, kept in :class:`PageFacts`:

- the canonical URL: the page's own ``<link rel=canonical>``/``og:url`` when it is on the host the page
  was fetched from, else the URL the fetch ended at. A page may not claim another site's URL: in the
  ledger a URL's next text is that article's next version, so a hostile page naming someone else's
  article would otherwise "correct" it. Fragments are dropped (``#comments`` is the same article).
- the publication date (``htmldates``, as for files) and the modification date the page declares
  (``article:modified_time``, ``og:updated_time``, ``itemprop=dateModified``, JSON-LD ``dateModified``);
- the response's ``Last-Modified`` header and the moment of the fetch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import httpx
from lxml import html as lxml_html  # type: ignore[import-untyped]

from newsledger.records import Article
from newsledger.sources.html import read_html
from newsledger.sources.prepare import Metadata
from newsledger.sources.web.fetch import Response

_MODIFIED_XPATH = (
    "//meta[@property='article:modified_time' or @property='og:updated_time' or @name='last-modified'"
    " or @itemprop='dateModified' or @name='dcterms.modified']/@content"
    " | //time[@itemprop='dateModified']/@datetime"
)
_CANONICAL_XPATH = "//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"
_JSON_MODIFIED = re.compile(r'"dateModified"\s*:\s*"([^"]{8,40})"')
_SNIFF_CHARS = 200_000


@dataclass(frozen=True)
class PageFacts:
    """What is known of a fetched page besides its article: where it lives and when it was written."""

    url: str
    final_url: str
    canonical_url: str
    published: date | None
    modified: date | None
    last_modified: str | None
    fetched_at: datetime


def read_page(response: Response, *, overrides: Metadata | None = None) -> tuple[Article, PageFacts]:
    """The article of a fetched HTML page and its facts; raises ``InputError`` as ``read_html`` does."""
    data: bytes | str = response.body
    if response.charset is not None:
        try:
            data = response.body.decode(response.charset)
        except UnicodeDecodeError:  # the header lied: let the page's own declaration and detection decide
            data = response.body
    article = read_html(data, source=response.url, overrides=overrides or Metadata())
    page = _parse(data)
    declared = page.xpath(_CANONICAL_XPATH) if page is not None else []
    canonical = canonical_url(str(declared[0]) if declared else article.url, response.final_url)
    if overrides is None or overrides.url is None:
        article = article.with_metadata(url=canonical)
    facts = PageFacts(
        url=response.url,
        final_url=response.final_url,
        canonical_url=canonical,
        published=article.published,
        modified=modified_date(data, page),
        last_modified=response.last_modified,
        fetched_at=response.fetched_at,
    )
    return article, facts


def canonical_url(declared: str | None, final_url: str) -> str:
    """``declared`` (made absolute, without fragment) if it is http(s) on ``final_url``'s host, else
    ``final_url`` without fragment."""
    base = httpx.URL(final_url)
    if declared:
        try:
            candidate = base.join(declared.strip())
        except httpx.InvalidURL:
            candidate = None
        if candidate is not None and candidate.scheme in ("http", "https") and candidate.host == base.host:
            return str(candidate.copy_with(fragment=None))
    return str(base.copy_with(fragment=None))


def _head(data: bytes | str) -> str:
    return data[:_SNIFF_CHARS] if isinstance(data, str) else data[:_SNIFF_CHARS].decode("utf-8", "replace")


def _parse(data: bytes | str) -> Any:
    """The first ``_SNIFF_CHARS`` of the page as an lxml tree (where metadata lives), or ``None``."""
    try:
        return lxml_html.fromstring(_head(data))
    except (ValueError, lxml_html.etree.ParserError):
        return None


def modified_date(data: bytes | str, page: Any = None) -> date | None:
    """The modification date a page declares in its metadata, or ``None``."""
    page = page if page is not None else _parse(data)
    values = [] if page is None else [str(value) for value in page.xpath(_MODIFIED_XPATH)]
    values += _JSON_MODIFIED.findall(_head(data))
    for value in values:
        try:
            return datetime.fromisoformat(value.strip()).date()
        except ValueError:
            try:
                return date.fromisoformat(value.strip()[:10])
            except ValueError:
                continue
    return None
