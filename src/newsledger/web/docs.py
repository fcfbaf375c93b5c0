"""The OpenAPI page at /docs, served offline: Swagger UI from the fastapi-offline package, no CDN, and
started by a static script rather than the inline one FastAPI writes, so the page obeys the CSP."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsledger.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    return render(request, "docs.html")
