"""Lexicons are data files beside this module; this loads them once, by file name."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def load_json(name: str) -> Any:
    """A JSON lexicon shipped with the package, parsed once per process."""
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@functools.cache
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """A JSON-lines lexicon: one object per non-blank line."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


@functools.cache
def load_word_list(name: str) -> frozenset[str]:
    """A plain word list: one entry per line, '#' starts a comment, compared in lower case."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
