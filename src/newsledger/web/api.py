"""The JSON API under /api: the same data as the pages, with response models for the OpenAPI document."""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from newsledger.errors import InputError
from newsledger.records import Analysis, ClaimStatus, EventType, SourceKind
from newsledger.store import Store, queries
from newsledger.store.linker import Linker
from newsledger.store.links import ClaimView, claim, list_stories
from newsledger.store.results import ArticleSummary, ClaimRow, EventRow, SearchHit, TimelineItem
from newsledger.web.deps import StoreDep, WriteAccess, require_read
from newsledger.web.search_view import SearchForm, run_search
from newsledger.web.story_models import StoryOut, StorySummaryOut, story_out, summary_out
from newsledger.web.story_view import story_view


class ErrorMessage(BaseModel):
    detail: str | list[Any]


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorMessage, "description": text}
    for code, text in {
        400: "malformed request",
        401: "a token is needed",
        403: "the token is wrong or the action is disabled",
        413: "request body too large",
        422: "invalid parameters",
    }.items()
}

router = APIRouter(prefix="/api", tags=["ledger"], responses=ERRORS, dependencies=[Depends(require_read)])

Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="rows to skip, for the next page")]
# One spaCy pipeline serves every request; its components are not written for concurrent calls.
ANALYSIS_LOCK = threading.Lock()
LINKER_LOCK = threading.Lock()


class ArticleIn(BaseModel):
    """An article to analyze and keep: its text and what is known of where it came from."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article's plain text")
    title: str | None = Field(default=None, max_length=1000)
    published: date | None = Field(default=None, description="anchor for 'Sunday', 'last year'")
    outlet: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)


class SearchOut(BaseModel):
    """The search page's three lists, each paged by ``limit``/``offset``."""

    hits: list[SearchHit]
    claims: list[ClaimRow]
    events: list[EventRow]


class IngestResult(BaseModel):
    article_id: str
    status: Literal["added", "unchanged", "new_version"]
    version: int
    page: str = Field(description="path of the article's page")


@router.get("/articles", response_model=list[ArticleSummary])
def api_articles(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Any:
    """The ledger's articles, newest first."""
    return queries.list_articles(store, limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=Analysis, responses={404: {"model": ErrorMessage}})
def api_article(article_id: str, store: StoreDep) -> Any:
    """One article's full analysis: text and every record with its offsets."""
    analysis = store.analysis(article_id)
    if analysis is None:
        raise HTTPException(404, f"no article {article_id!r} in this ledger")
    return analysis


async def article_body(request: Request) -> ArticleIn:
    """The posted article, read and validated only once the token is checked (``require_write`` comes
    first in ``api_ingest``'s parameters): an anonymous client cannot make the server parse its body."""
    body = await request.body()
    try:
        return ArticleIn.model_validate_json(body or b"null")
    except ValidationError as error:
        errors = error.errors(include_url=False)
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in errors]) from None


ARTICLE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": ArticleIn.model_json_schema()}},
    }
}


@router.post(
    "/articles",
    response_model=IngestResult,
    status_code=201,
    responses={200: {"model": IngestResult, "description": "the ledger already holds this exact text"}},
    openapi_extra=ARTICLE_BODY,
)
def api_ingest(
    _: WriteAccess,
    article: Annotated[ArticleIn, Depends(article_body)],
    request: Request,
    response: Response,
    store: StoreDep,
) -> Any:
    """Analyze a text and keep its records: 201 when added (or a new version of its URL: a correction),
    200 when the ledger already holds this exact text. Needs ``Authorization: Bearer $NEWSLEDGER_TOKEN``."""
    from newsledger.analyze import analyze  # loads spaCy: only the writing path pays for it

    try:
        with ANALYSIS_LOCK:
            analysis = analyze(
                article.text,
                published=article.published,
                outlet=article.outlet,
                url=article.url,
                title=article.title,
            )
    except InputError as error:  # kept with the ledger's other failures, as `newsledger ingest` does
        store.record_failure("POST /api/articles", error.reason)
        raise HTTPException(422, str(error)) from None
    outcome = store.ingest(analysis)
    if outcome.status == "unchanged":
        response.status_code = 200  # nothing was created
    else:
        _link(request, store, analysis)  # so that its story pages show it, as `ingest` does
    return IngestResult(
        article_id=outcome.article_id,
        status=outcome.status,
        version=outcome.version,
        page=request.app.url_path_for("article_page", article_id=outcome.article_id),
    )


@router.get("/entities/{name}/timeline", response_model=list[TimelineItem])
def api_entity_timeline(
    name: str,
    store: StoreDep,
    since: date | None = None,
    until: date | None = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> Any:
    """What the entity said, what was said about it, and its events, in time order."""
    rows = queries.entity_timeline(store, name, since=since, until=until, limit=limit + offset)
    return rows[offset:]


@router.get("/claims", response_model=list[ClaimRow])
def api_claims(
    store: StoreDep,
    status: ClaimStatus | None = None,
    source_kind: SourceKind | None = None,
    since: date | None = None,
    until: date | None = None,
    text: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> Any:
    """Claims by status, kind of source, publication date and words."""
    return queries.find_claims(
        store, status=status, source_kind=source_kind, since=since, until=until, text=text, limit=limit,
        offset=offset,
    )  # fmt: skip


@router.get("/claims/{thread_id}", response_model=ClaimView, responses={404: {"model": ErrorMessage}})
def api_claim(thread_id: str, store: StoreDep) -> Any:
    """One claim across articles (a thread): where it was first seen, every telling in date order with
    its status and source, and the independent sources that tell it."""
    found = claim(store, thread_id)
    if found is None:
        raise HTTPException(404, f"no claim thread {thread_id!r} in this ledger")
    return found


def _upper(value: object) -> object:
    """PLOVER types are upper case; ``assault`` is what people type, and the CLI takes it too."""
    return value.upper() if isinstance(value, str) else value


# An event type in any case, checked against the PLOVER types (422 for one that is not).
AnyCaseEventType = Annotated[EventType | None, BeforeValidator(_upper)]


@router.get("/events", response_model=list[EventRow])
def api_events(
    store: StoreDep,
    type: AnyCaseEventType = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
    since: date | None = None,
    until: date | None = None,
    limit: Limit = 200,
) -> Any:
    """Events by PLOVER type, place, country and date."""
    return queries.find_events(
        store, type=type, place=place, country=country, since=since, until=until, limit=limit
    )


@router.get("/search", response_model=SearchOut)
def api_search(
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
    status: ClaimStatus | None = None,
    source_kind: SourceKind | None = None,
    type: AnyCaseEventType = None,
    since: date | None = None,
    until: date | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """What the search page shows, with its filters: full-text hits over articles and claims (best
    first), the claims that match the words and filters, and the events of the type and dates."""
    form = SearchForm(
        q=q.strip(), status=status or "", source_kind=source_kind or "", event_type=type or "",
        since=since, until=until,
    )  # fmt: skip
    found = run_search(store, form, limit=limit + offset)
    return SearchOut(hits=found.hits[offset:], claims=found.claims[offset:], events=found.events[offset:])


def _link(request: Request, store: Store, analysis: Analysis) -> None:
    """Link an ingested article with the app's Linker, built on the first write (it loads the ledger's
    link index). One link at a time in this process (the Linker's index is not shared between threads);
    other linking processes are taken care of by the Linker itself (``newsledger.store.linker``)."""
    with LINKER_LOCK:
        linker: Linker | None = getattr(request.app.state, "linker", None)
        if linker is None:
            linker = request.app.state.linker = Linker(store)
        linker.link(analysis)


@router.get("/stories", response_model=list[StorySummaryOut])
def api_stories(store: StoreDep, limit: Limit = 200, offset: Offset = 0) -> Any:
    """The stories: articles about one happening, grouped; the most told first."""
    return [summary_out(summary) for summary in list_stories(store, limit=limit, offset=offset)]


@router.get("/stories/{story_id}", response_model=StoryOut, responses={404: {"model": ErrorMessage}})
def api_story(story_id: str, store: StoreDep) -> Any:
    """One story: its articles in time order, wire copies, and each event with every telling."""
    view = story_view(store, story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id!r} in this ledger")
    return story_out(view)
