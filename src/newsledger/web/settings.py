"""The web ledger's settings, declared once: the environment variable, its default and what it does.

``SETTINGS`` drives :meth:`WebSettings.from_env` and the README's table, so a setting cannot exist in one
and not the other.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    "token": Setting(
        "NEWSLEDGER_TOKEN",
        "",
        "Bearer token for writes (POST /api/articles). Unset: writes are refused.",
    ),
    "read_token_required": Setting(
        "NEWSLEDGER_READ_TOKEN_REQUIRED",
        "0",
        "1: every page and API read also needs the token. 0 (default): reads are open.",
    ),
    "max_body_bytes": Setting(
        "NEWSLEDGER_MAX_BODY_BYTES",
        "1000000",
        "Largest request body accepted, in bytes; larger ones get 413.",
    ),
}

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class WebSettings:
    token: str | None = None
    read_token_required: bool = False
    max_body_bytes: int = 1_000_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebSettings:
        env = os.environ if environ is None else environ

        def value(name: str) -> str:
            setting = SETTINGS[name]
            return env.get(setting.env, setting.default).strip()

        limit = value("max_body_bytes")
        if not limit.isdigit() or int(limit) <= 0:
            raise ValueError(f"{SETTINGS['max_body_bytes'].env} must be a positive number of bytes")
        return cls(
            token=value("token") or None,
            read_token_required=value("read_token_required").lower() in TRUE_WORDS,
            max_body_bytes=int(limit),
        )
