"""The web ledger as an ASGI app: ``create_app(store)`` gives the pages, the JSON API and /docs.

    >>> from newsledger.store import open_store
    >>> app = create_app(open_store("sqlite:///ledger.db"))     # then: uvicorn.run(app)

The store is passed in, not opened here, so tests and the benchmark serve a ledger they built, and
``newsledger serve`` serves the one named by ``--db``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import fastapi_offline
import jinja2
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from newsledger import __version__
from newsledger.store import Store
from newsledger.web import api, docs, event_pages, pages
from newsledger.web.dates import human_day, human_timex
from newsledger.web.security import BodyLimit, SecurityHeaders
from newsledger.web.settings import WebSettings

HERE = Path(__file__).parent
SWAGGER_STATIC = Path(fastapi_offline.__file__).parent / "static"

DESCRIPTION = """The sourced record of news articles: who said what, claims and their status, events with
their figures, every record with character offsets into its article. Reads are open unless the server
sets NEWSLEDGER_READ_TOKEN_REQUIRED=1; writes need `Authorization: Bearer <NEWSLEDGER_TOKEN>`."""


def _templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # article text is untrusted: every {{ }} is escaped, on every template
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["day"] = human_day
    environment.filters["timex"] = human_timex
    return Jinja2Templates(env=environment, context_processors=[_path_for])


def _path_for(request: Request) -> dict[str, Any]:
    """``path_for(name, **params)``: a root-relative link with its parameters percent-encoded, so pages
    work behind a proxy and a name like "AC/DC" or "Putin's" stays one path segment."""

    def path_for(route: str, /, **params: str) -> str:
        quoted = {
            key: quote(str(value), safe="") if key != "path" else value for key, value in params.items()
        }
        return str(request.app.url_path_for(route, **quoted))

    return {"path_for": path_for}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"


def _error_message(exc: RequestValidationError) -> tuple[int, Any]:
    """Malformed JSON is a 400 with the parser's words; other invalid input is 422 with the fields."""
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            where = error.get("loc", ("body", "?"))[-1]
            reason = error.get("ctx", {}).get("error", "invalid JSON")
            return 400, f"malformed JSON in the request body (at character {where}): {reason}"
    return 422, jsonable_encoder(exc.errors(), exclude={"input", "url"})


def operation_id(route: APIRoute) -> str:
    """An operation's name in the OpenAPI document: its function's, without the ``api_`` prefix
    (``ingest``, ``claims``, ``story``), so generated clients get names a person would give them."""
    return route.name.removeprefix("api_")


def create_app(store: Store, settings: WebSettings | None = None) -> FastAPI:
    """The ledger's ASGI app over ``store``; settings from the environment unless given."""
    app = FastAPI(
        title="newsledger",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    app.state.store = store
    app.state.settings = settings or WebSettings.from_env()
    app.state.templates = _templates()

    app.add_middleware(BodyLimit, limit=app.state.settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so even a 413 carries the headers
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/static-docs", StaticFiles(directory=SWAGGER_STATIC), name="static-docs")
    app.include_router(api.router)
    app.include_router(event_pages.api)
    app.include_router(event_pages.pages)
    app.include_router(docs.router)
    app.include_router(pages.router)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        status, detail = _error_message(exc)
        if _wants_html(request):
            return pages.render(
                request, "error.html", status_code=400, title="Bad request", message=str(detail)
            )
        return JSONResponse({"detail": detail}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_html(request) and exc.status_code == 404:
            return pages.not_found(request, "There is no such page.")
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    return app
