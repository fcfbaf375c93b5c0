"""One event across outlets, for readers and for programs: ``/events/{id}`` (HTML) and
``/api/events/{id}`` (JSON).

Both show the same :class:`~newsledger.store.links.EventView` the CLI's ``query event`` prints: the
disagreements and the current toll first, who corroborates and who disputes, then every telling with its
outlet, source, stance and casualty figures (the partial ``_event_tellings.html``, which the story page
includes too).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from newsledger.store.links import EventView, event
from newsledger.web.deps import StoreDep, require_read
from newsledger.web.pages import not_found, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(require_read)])
api = APIRouter(prefix="/api", tags=["ledger"], dependencies=[Depends(require_read)])


@pages.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: StoreDep) -> HTMLResponse:
    found = event(store, event_id)
    if found is None:
        return not_found(request, f"There is no event {event_id} in this ledger.")
    return render(request, "event.html", e=found, event_page=True)


@api.get("/events/{event_id}", response_model=EventView, responses={404: {"description": "no such event"}})
def api_event(event_id: str, store: StoreDep) -> Any:
    """One event across articles: its current toll per outcome with who gives it, the figures that
    disagree, the independent sources that affirm it, who disputes it, and every telling with its
    outlet, source, stance and casualty figures ``{value, qualifier, outcome, victims}``."""
    found = event(store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r} in this ledger")
    return found
