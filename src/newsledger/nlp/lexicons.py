"""Lexicons are data files in the ``lexicons/`` folder of their record kind; this loads them once.

``load_json("events", "plover_rules.json")`` reads ``newsledger/nlp/events/lexicons/plover_rules.json``:
the record kind names the subpackage whose lexicon it is, so a linguist finds a lexicon beside the code
that reads it, with its sources.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def lexicon_file(kind: str, name: str) -> Traversable:
    """The lexicon ``name`` of the record kind ``kind`` (``entities``, ``times``, ``events`` ...)."""
    return resources.files(f"{__package__}.{kind}").joinpath("lexicons", name)


@functools.cache
def load_json(kind: str, name: str) -> Any:
    """A JSON lexicon shipped with the package, parsed once per process."""
    return json.loads(lexicon_file(kind, name).read_text(encoding="utf-8"))


@functools.cache
def load_jsonl(kind: str, name: str) -> tuple[dict[str, Any], ...]:
    """A JSON-lines lexicon: one object per non-blank line."""
    text = lexicon_file(kind, name).read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


@functools.cache
def load_word_list(kind: str, name: str) -> frozenset[str]:
    """A plain word list: one entry per line, '#' starts a comment, compared in lower case."""
    text = lexicon_file(kind, name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
