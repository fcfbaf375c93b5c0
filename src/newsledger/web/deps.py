"""What every route needs from the app: its store and settings, and the read gate."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from newsledger.store import Store
from newsledger.web.security import check_token
from newsledger.web.settings import WebSettings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


# Declares the bearer scheme in the OpenAPI document, so that /docs has an "Authorize" button whose token
# it sends; the check itself is ``check_token``'s (401 without a token, 403 with a wrong one).
BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="The server's NEWSLEDGER_TOKEN: needed to add articles, and to read when the server "
    "sets NEWSLEDGER_READ_TOKEN_REQUIRED=1.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)]


def require_read(
    request: Request, settings: Annotated[WebSettings, Depends(get_settings)], _: Credentials
) -> None:
    """Reads are open unless the server closes them with NEWSLEDGER_READ_TOKEN_REQUIRED=1."""
    if settings.read_token_required:
        check_token(request, settings.token, action="reading this ledger")


def require_write(
    request: Request, settings: Annotated[WebSettings, Depends(get_settings)], _: Credentials
) -> None:
    """Writes need the token, checked before the request body is read (see ``api.article_body``)."""
    check_token(request, settings.token, action="adding articles")


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]
WriteAccess = Annotated[None, Depends(require_write)]
