"""The HTML pages: article, entity, search and the list of articles. Templates autoescape everything."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, get_args

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from newsledger.records import ClaimStatus, EventType, SourceKind
from newsledger.store import queries
from newsledger.store.links import claim
from newsledger.web.article_view import article_view, display_title, version_note
from newsledger.web.deps import StoreDep, require_read
from newsledger.web.entity_view import entity_view
from newsledger.web.search_view import SearchForm, run_search, snippet_parts
from newsledger.web.story_view import stories, story_of_article, story_view

STATUSES: tuple[str, ...] = get_args(ClaimStatus)
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
EVENT_TYPES: tuple[str, ...] = get_args(EventType)

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read)])


def templates(request: Request) -> Jinja2Templates:
    found: Jinja2Templates = request.app.state.templates
    return found


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates(request).TemplateResponse(request, name, context, status_code=status_code)


def not_found(request: Request, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=404, title="Not found", message=message)


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request, store: StoreDep, page: Annotated[int, Query(ge=1, le=10_000)] = 1
) -> HTMLResponse:
    per_page = 50
    articles = queries.list_articles(store, limit=per_page, offset=(page - 1) * per_page)
    return render(request, "index.html", articles=articles, page=page, per_page=per_page)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
    analysis = store.analysis(article_id)
    if analysis is None:
        return not_found(request, f"There is no article {article_id} in this ledger.")
    versions = queries.article_versions(store, article_id)
    return render(
        request,
        "article.html",
        view=article_view(analysis),
        statuses=STATUSES,
        title=display_title(analysis.article),
        versions=version_note(versions, article_id),
    )


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, name: str, store: StoreDep) -> HTMLResponse:
    view = entity_view(store, name)
    return render(request, "entity.html", view=view, status_code=404 if view.empty else 200)


def _day(value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD") from None


def _choice(value: str | None, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else ""


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
    status: str | None = None,
    source_kind: str | None = None,
    event_type: str | None = None,
    since: str = "",
    until: str = "",
) -> HTMLResponse:
    # A browser sends the form's empty date fields as "since=&until=": empty means no bound.
    try:
        since_date, until_date = _day(since), _day(until)
    except ValueError as error:
        return render(request, "error.html", status_code=400, title="Bad request", message=str(error))
    form = SearchForm(
        q=q.strip(),
        status=_choice(status, STATUSES),
        source_kind=_choice(source_kind, SOURCE_KINDS),
        event_type=_choice(event_type, EVENT_TYPES),
        since=since_date,
        until=until_date,
    )
    return render(
        request,
        "search.html",
        results=run_search(store, form),
        query=form.q,
        statuses=STATUSES,
        source_kinds=SOURCE_KINDS,
        event_types=EVENT_TYPES,
        snippet_parts=snippet_parts,
    )


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, store: StoreDep) -> HTMLResponse:
    found = stories(store)
    return render(request, "stories.html", stories=found)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, store: StoreDep) -> HTMLResponse:
    view = story_view(store, story_id)
    if view is None:
        return not_found(request, f"There is no story {story_id} in this ledger.")
    return render(request, "story.html", view=view)


@router.get("/claims/{thread_id}", response_class=HTMLResponse)
def claim_page(request: Request, thread_id: str, store: StoreDep) -> HTMLResponse:
    """One claim across articles: first seen where and by whom, each change of status, every telling."""
    found = claim(store, thread_id)
    if found is None:
        return not_found(request, f"There is no claim thread {thread_id} in this ledger.")
    return render(request, "claim.html", view=found)


@router.get("/articles/{article_id}/story", response_model=None)
def article_story(request: Request, article_id: str, store: StoreDep) -> HTMLResponse | RedirectResponse:
    story_id = story_of_article(store, article_id)
    if story_id is None:  # an earlier version, replaced by a correction: the story of the current one
        current = [v for v in queries.article_versions(store, article_id) if v.current]
        story_id = story_of_article(store, current[0].article_id) if current else None
    if story_id is None:
        return not_found(request, f"The article {article_id} is not in this ledger, or not linked yet.")
    return RedirectResponse(request.app.url_path_for("story_page", story_id=story_id), status_code=303)
