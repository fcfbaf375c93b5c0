"""The story pages' data, read from the ledger's link tables through ``newsledger.store.links``.

The same functions answer ``newsledger query stories|story|event|claim``, so the web ledger and the CLI
agree, and nothing is linked or recomputed to serve a page: articles are linked when they are ingested
(``newsledger ingest``, ``POST /api/articles``) or by ``newsledger link``. This module only gathers one
story's pieces for the template and the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsledger.store import Store, links
from newsledger.store.links import ClaimView, EventView, StoryArticle, StorySummary

__all__ = ["StoryPage", "StoryRow", "StorySummary", "stories", "story_of_article", "story_view"]


@dataclass(frozen=True)
class StoryRow:
    """One text of the story, however many outlets ran it: the first to publish it (the original wire,
    when others copied it) and the copies, so forty republications are one row, not forty."""

    article: StoryArticle
    also_in: list[StoryArticle]


def story_rows(articles: list[StoryArticle]) -> list[StoryRow]:
    """The articles (oldest first) grouped by wire copy: each group under its first article."""
    group: dict[str, str] = {a.article_id: a.article_id for a in articles}

    def find(article_id: str) -> str:
        while group[article_id] != article_id:
            article_id = group[article_id]
        return article_id

    for a in articles:
        for other in a.copy_of:
            if other in group:
                group[find(other)] = find(a.article_id)
    rows: dict[str, StoryRow] = {}
    for a in articles:  # oldest first: a group's first article is its original
        root = find(a.article_id)
        if root in rows:
            rows[root].also_in.append(a)
        else:
            rows[root] = StoryRow(a, [])
    return list(rows.values())


def worth_a_thread(claim: ClaimView) -> bool:
    """Whether a claim thread says something a reader of one article does not know: that two independent
    sources told it, or that its status changed (reported → confirmed). A sentence of a wire copy told
    again by the copy is neither."""
    return claim.independent_sources >= 2 or len(claim.status_changes) > 1


@dataclass(frozen=True)
class StoryPage:
    """One story: its articles oldest first (with their wire copies), its events with every telling,
    and its claims told by two independent sources or whose status changed."""

    story_id: str
    articles: list[StoryArticle]
    events: list[EventView]
    claims: list[ClaimView]
    independent_sources: int

    @property
    def title(self) -> str:
        first = self.articles[0]
        return first.title or first.outlet or f"Article {first.article_id}"

    @property
    def span(self) -> tuple[date | None, date | None]:
        days = [a.published for a in self.articles if a.published]
        return (min(days), max(days)) if days else (None, None)

    @property
    def rows(self) -> list[StoryRow]:
        return story_rows(self.articles)

    @property
    def by_id(self) -> dict[str, StoryArticle]:
        return {a.article_id: a for a in self.articles}


def stories(store: Store, *, limit: int = 500) -> list[StorySummary]:
    """Every story, the most told first."""
    return links.list_stories(store, limit=limit)


def story_view(store: Store, story_id: str) -> StoryPage | None:
    """One story's page, or None if the ledger has no such story (an article id is not a story id here:
    the page of an article's story is reached through :func:`story_of_article`)."""
    found = links.story(store, story_id)
    if found is None or found.story_id != story_id:
        return None
    return StoryPage(
        story_id=found.story_id,
        articles=found.articles,
        events=links.story_events(store, story_id),
        claims=[c for c in links.story_claims(store, story_id) if worth_a_thread(c)],
        independent_sources=found.independent_sources,
    )


def story_of_article(store: Store, article_id: str) -> str | None:
    """The story an article is in, or None if it is not in the ledger or not linked yet."""
    found = links.story(store, article_id)
    return None if found is None else found.story_id
