"""The story data as JSON: response models for ``/api/stories``, built from :mod:`story_view` (the
ledger's link tables)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from newsledger.store.links import ClaimEntry, StorySummary
from newsledger.web.story_view import StoryPage


class StorySummaryOut(BaseModel):
    story_id: str
    title: str
    articles: int
    independent_sources: int
    first: date | None
    last: date | None


class StoryArticleOut(BaseModel):
    article_id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None
    same_text_as: list[str] = Field(description="articles with the same text (wire copies): one source")


class TellingOut(BaseModel):
    article_id: str
    event_id: str
    outlet: str | None
    published: date | None
    trigger: str
    start: int
    end: int
    detail: str = Field(description="who did what to whom, where and when, as this article has it")
    source_name: str | None
    figures: list[str]


class StoryEventOut(BaseModel):
    id: str
    type: str
    articles: int
    independent_sources: int
    figures: list[str]
    tellings: list[TellingOut]


class ClaimEntryOut(BaseModel):
    article_id: str
    outlet: str | None
    published: date | None
    source_name: str | None
    status: str
    text: str


class StoryClaimOut(BaseModel):
    id: str
    independent_sources: int
    status_changes: list[ClaimEntryOut] = Field(description="the first telling and each change of status")
    history: list[ClaimEntryOut] = Field(description="every telling, in date order")


class StoryOut(BaseModel):
    story_id: str
    title: str
    independent_sources: int
    articles: list[StoryArticleOut]
    events: list[StoryEventOut]
    claims: list[StoryClaimOut] = Field(
        description="claims told by two independent sources or whose status changed"
    )


def entry_out(entry: ClaimEntry) -> ClaimEntryOut:
    return ClaimEntryOut(**entry.model_dump())


def summary_out(summary: StorySummary) -> StorySummaryOut:
    return StorySummaryOut(
        story_id=summary.story_id,
        title=summary.title or summary.story_id,
        articles=summary.articles,
        independent_sources=summary.independent_sources,
        first=summary.first,
        last=summary.last,
    )


def story_out(view: StoryPage) -> StoryOut:
    return StoryOut(
        story_id=view.story_id,
        title=view.title,
        independent_sources=view.independent_sources,
        articles=[
            StoryArticleOut(
                article_id=item.article_id,
                title=item.title,
                outlet=item.outlet,
                published=item.published,
                url=item.url,
                same_text_as=item.copy_of,
            )
            for item in view.articles
        ],
        events=[
            StoryEventOut(
                id=event.event_id,
                type=event.type,
                articles=event.articles,
                independent_sources=event.independent_sources,
                figures=event.figures,
                tellings=[TellingOut(**telling.model_dump()) for telling in event.tellings],
            )
            for event in view.events
        ],
        claims=[
            StoryClaimOut(
                id=claim.claim_id,
                independent_sources=claim.independent_sources,
                status_changes=[entry_out(e) for e in claim.status_changes],
                history=[entry_out(e) for e in claim.history],
            )
            for claim in view.claims
        ],
    )
