"""What every route needs from the app: its store and settings, and the read gate."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from newsledger.store import Store
from newsledger.web.security import check_token
from newsledger.web.settings import WebSettings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def require_read(request: Request, settings: Annotated[WebSettings, Depends(get_settings)]) -> None:
    """Reads are open unless the server closes them with NEWSLEDGER_READ_TOKEN_REQUIRED=1."""
    if settings.read_token_required:
        check_token(request, settings.token, action="reading this ledger")


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]
