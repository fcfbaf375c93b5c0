"""The sources page: the feeds the ledger follows, each with its polling state, and their latest entries.

Feed titles, entry titles and failure reasons come from the web and are untrusted: the template prints
them escaped (Jinja autoescape) like everything else, and links only to http(s) URLs the parser checked.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from newsledger.store.feeds import list_feeds, recent_items
from newsledger.web.deps import StoreDep, require_read
from newsledger.web.pages import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read)])


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "sources.html", feeds=list_feeds(store), items=recent_items(store, limit=50))
