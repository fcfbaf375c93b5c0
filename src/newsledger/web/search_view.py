"""The search page's data: full-text hits and filtered claims and events, from the store's queries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsledger.store import Store, queries
from newsledger.store.results import ClaimRow, EventRow, SearchHit

# The store marks matched words in a snippet as [words].
MATCH = re.compile(r"\[([^\[\]]+)\]")


@dataclass(frozen=True)
class SearchForm:
    q: str = ""
    status: str = ""
    source_kind: str = ""
    event_type: str = ""
    since: date | None = None
    until: date | None = None

    @property
    def claim_filters(self) -> bool:
        return bool(self.q or self.status or self.source_kind or self.since or self.until)

    @property
    def event_filters(self) -> bool:
        return bool(self.event_type or ((self.since or self.until) and not self.q))


@dataclass(frozen=True)
class SearchResults:
    form: SearchForm
    hits: list[SearchHit] = field(default_factory=list)
    claims: list[ClaimRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """The snippet as (text, matched) runs, so the template can mark matches without trusting HTML."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in MATCH.finditer(snippet):
        if match.start() > position:
            parts.append((snippet[position : match.start()], False))
        parts.append((match.group(1), True))
        position = match.end()
    if position < len(snippet):
        parts.append((snippet[position:], False))
    return parts


def run_search(store: Store, form: SearchForm, *, limit: int = 100) -> SearchResults:
    hits = queries.search(store, form.q, limit=limit) if form.q else []
    claims = (
        queries.find_claims(
            store,
            status=form.status or None,
            source_kind=form.source_kind or None,
            since=form.since,
            until=form.until,
            text=form.q or None,
            limit=limit,
        )
        if form.claim_filters
        else []
    )
    events = (
        queries.find_events(
            store, type=form.event_type or None, since=form.since, until=form.until, limit=limit
        )
        if form.event_filters
        else []
    )
    return SearchResults(form=form, hits=hits, claims=claims, events=events)
