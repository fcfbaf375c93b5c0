"""The publication date of an HTML page: never its updated date, a date in its URL or one in its scripts.

htmldate's ``original_date`` mode prefers the publication date, but falls back to whatever it finds, so a
page that only declares ``article:modified_time`` comes back "published" on its update day (htmldate #119).
It also reads the date out of the URL before anything else, and its opportunistic text search picks up
build stamps in scripts and dates mentioned in the story. The time references of every record are
resolved against this date, so a wrong one is worse than none. Before htmldate sees the page, a copy is
stripped of every other kind of date:

- ``<meta>`` tags, and small elements (date stamps, not containers) whose class, id or itemprop names a
  modification or update, and ``dateModified`` in JSON-LD;
- every script except JSON-LD, where ``datePublished`` is declared data, not code;
- the URL (htmldate gets an empty one, so it does not look for the canonical link either);
- free text: the extensive search is off.
"""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import date

from htmldate import find_date
from lxml.html import HtmlElement  # type: ignore[import-untyped]

_UPDATE_WORDS = re.compile(r"modif|updat|last-?mod|revis", re.IGNORECASE)
_JSON_UPDATE = re.compile(r'"date(?:Modified|Updated)"\s*:\s*"[^"]*"', re.IGNORECASE)
_NAMING_ATTRIBUTES = ("name", "property", "itemprop", "http-equiv", "class", "id")
_DATE_STAMP_MAX_CHARS = 200
"""An element naming an update with more text than this is a container, not a date stamp: left alone."""
_JSON_LD = "application/ld+json"


def publication_date(page: HtmlElement) -> date | None:
    """The date the page says it was first published, or ``None``; ``page`` itself is left untouched."""
    found = find_date(
        _without_other_dates(deepcopy(page)), original_date=True, extensive_search=False, url=""
    )
    return date.fromisoformat(found) if found else None


def _without_other_dates(page: HtmlElement) -> HtmlElement:
    doomed = [element for element in page.iter() if _is_script(element) or _is_update_stamp(element)]
    for element in doomed:
        element.drop_tree()
    for script in page.iter("script"):
        if script.text:
            script.text = _JSON_UPDATE.sub('"": ""', script.text)
    return page


def _is_script(element: HtmlElement) -> bool:
    return bool(element.tag == "script" and element.get("type", "").strip().lower() != _JSON_LD)


def _is_update_stamp(element: HtmlElement) -> bool:
    if element.tag in ("html", "head", "body") or not isinstance(element.tag, str):
        return False
    if not any(_UPDATE_WORDS.search(element.get(name, "")) for name in _NAMING_ATTRIBUTES):
        return False
    return element.tag == "meta" or len(element.text_content()) <= _DATE_STAMP_MAX_CHARS
