"""What a feed lists: RSS 0.9x/1.0/2.0 and Atom through feedparser, news sitemaps and sitemap indexes
through lxml, each entry reduced to a :class:`FeedItem` (its link, a key that stays put across polls, its
title and the date it says it was last changed).

Hostile feeds are the norm, so nothing here trusts the document: XML is parsed without entity
expansion, DTDs or network access; only ``http``/``https`` links are kept, made absolute against the feed's
URL; a feed that lists more than ``MAX_ITEMS`` entries gives its first ``MAX_ITEMS`` and says how many it
dropped; a document no parser can read raises :class:`FeedUnreadable`. Titles are kept as text: whatever
markup or script they hold is escaped wherever they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import feedparser  # type: ignore[import-untyped]
import httpx
from lxml import etree  # type: ignore[import-untyped]

from newsledger.errors import InputError

MAX_ITEMS = 1000
"""Entries read from one feed per poll. A news feed lists tens; a sitemap a few thousand at most."""
MAX_TITLE_CHARS = 500
_SNIFF_BYTES = 2048
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class FeedUnreadable(InputError):
    """A document that is not a feed or sitemap any parser can read."""


@dataclass(frozen=True)
class FeedItem:
    """One entry: ``key`` is its guid/id (else its link); ``updated`` its change date as written."""

    link: str
    key: str
    title: str | None = None
    updated: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's entries, in its order; ``sitemaps`` are the children a sitemap index points to."""

    format: str
    title: str | None
    items: list[FeedItem] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    dropped: int = 0
    skipped: list[str] = field(default_factory=list)


def parse_feed(body: bytes, *, url: str, max_items: int = MAX_ITEMS) -> ParsedFeed:
    """The entries of the feed or sitemap ``body``, fetched from ``url``."""
    head = body[:_SNIFF_BYTES]
    if b"<urlset" in head or b"<sitemapindex" in head:
        return _parse_sitemap(body, url=url, max_items=max_items)
    return _parse_syndication(body, url=url, max_items=max_items)


def _parse_syndication(body: bytes, *, url: str, max_items: int) -> ParsedFeed:
    parsed: Any = feedparser.parse(body, response_headers={"content-location": url}, sanitize_html=True)
    entries = parsed.entries
    if not parsed.version and not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not an RSS or Atom feed nor a sitemap ({problem})" if problem else "not a feed: no entries"
        raise FeedUnreadable(url, reason)
    items: list[FeedItem] = []
    skipped: list[str] = []
    for entry in entries[:max_items]:
        link = _absolute(url, entry.get("link"))
        title = _clean_title(entry.get("title"))
        if link is None:
            skipped.append(f"entry {title or entry.get('id') or '?'!r} has no http(s) link")
            continue
        updated = entry.get("updated") or entry.get("published")
        items.append(FeedItem(link=link, key=str(entry.get("id") or link), title=title, updated=updated))
    title = _clean_title(parsed.feed.get("title"))
    return ParsedFeed(
        format=str(parsed.version or "unknown"),
        title=title,
        items=items,
        dropped=max(0, len(entries) - max_items),
        skipped=skipped,
    )


def _parse_sitemap(body: bytes, *, url: str, max_items: int) -> ParsedFeed:
    try:
        root = etree.fromstring(body, parser=_SAFE_XML)
    except etree.XMLSyntaxError as error:
        raise FeedUnreadable(url, f"broken sitemap XML ({error})") from error
    if root is None:
        raise FeedUnreadable(url, "empty sitemap")
    kind = etree.QName(root).localname
    if kind == "sitemapindex":
        locations = [
            _absolute(url, loc)
            for loc in root.xpath("./*[local-name()='sitemap']/*[local-name()='loc']/text()")
        ]
        children = [loc for loc in locations if loc is not None]
        return ParsedFeed(format="sitemapindex", title=None, sitemaps=children[:max_items])
    entries = root.xpath("./*[local-name()='url']")
    items: list[FeedItem] = []
    skipped: list[str] = []
    for entry in entries[:max_items]:
        link = _absolute(url, _first(entry, "./*[local-name()='loc']/text()"))
        if link is None:
            skipped.append("a sitemap entry has no http(s) <loc>")
            continue
        title = _clean_title(_first(entry, ".//*[local-name()='news']/*[local-name()='title']/text()"))
        updated = _first(entry, "./*[local-name()='lastmod']/text()") or _first(
            entry, ".//*[local-name()='news']/*[local-name()='publication_date']/text()"
        )
        items.append(FeedItem(link=link, key=link, title=title, updated=updated))
    return ParsedFeed(
        format="sitemap", title=None, items=items, dropped=max(0, len(entries) - max_items), skipped=skipped
    )


def _first(element: Any, xpath: str) -> str | None:
    found = element.xpath(xpath)
    return str(found[0]).strip() if found else None


def _absolute(base: str, link: object) -> str | None:
    """``link`` made absolute against ``base``, without fragment, if it is an http(s) URL."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        joined = httpx.URL(base).join(link.strip())
    except (httpx.InvalidURL, ValueError):
        return None
    if joined.scheme not in ("http", "https") or not joined.host:
        return None
    return str(joined.copy_with(fragment=None))


def _clean_title(title: object) -> str | None:
    if not isinstance(title, str):
        return None
    cleaned = " ".join(title.split())[:MAX_TITLE_CHARS]
    return cleaned or None
