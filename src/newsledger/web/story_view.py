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

__all__ = ["StoryPage", "StorySummary", "stories", "story_of_article", "story_view"]


@dataclass(frozen=True)
class StoryPage:
    """One story: its articles oldest first (with their wire copies), its events with every telling,
    and its claims told in more than one article."""

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
        claims=links.story_claims(store, story_id),
        independent_sources=found.independent_sources,
    )


def story_of_article(store: Store, article_id: str) -> str | None:
    """The story an article is in, or None if it is not in the ledger or not linked yet."""
    found = links.story(store, article_id)
    return None if found is None else found.story_id
