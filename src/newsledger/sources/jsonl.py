"""JSON Lines: one article a line, ``{"text", "published", "outlet", "url", "title"}``.

The file is read line by line and each line stands alone: a broken line becomes an ``InputError`` named
``file.jsonl:LINE`` and the lines after it are read as usual, so one bad record does not cost a corpus.
Lines are bounded (``MAX_FILE_BYTES``), the file is not: a JSONL corpus of any size streams through.

Only ``text`` is required. ``published`` is an ISO 8601 date or datetime; a datetime keeps the calendar
date it states (``2024-03-05T23:30:00-05:00`` is 5 March, the day the outlet published it, not 6 March in
UTC). Other fields are ignored, so exports with extra columns read as they are. Blank lines are skipped.
JSON text is UTF-8 by definition (RFC 8259), so no encoding is guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any

from newsledger.errors import InputError, InputTooLarge, MalformedInput
from newsledger.records import Article
from newsledger.sources.limits import MAX_FILE_BYTES, describe_bytes
from newsledger.sources.prepare import NO_METADATA, Metadata, prepare_article

_OPTIONAL_STRINGS = ("title", "outlet", "url")


def read_jsonl(
    stream: IO[bytes], *, source: str, overrides: Metadata = NO_METADATA, max_line_bytes: int = MAX_FILE_BYTES
) -> Iterator[Article | InputError]:
    """Every line of ``stream`` as an ``Article``, or as the ``InputError`` that says why it is not one."""
    for number, line in enumerate(_bounded_lines(stream, max_line_bytes), start=1):
        where = f"{source}:{number}"
        if line is None:
            yield InputTooLarge(where, f"line is over the limit of {describe_bytes(max_line_bytes)}")
            continue
        if not line.strip():
            continue
        try:
            yield _article_from_line(line, source=where, overrides=overrides, first=number == 1)
        except InputError as error:
            yield error


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of ``stream``, with ``None`` in place of a line longer than ``limit`` (which is skipped)."""
    while line := stream.readline(limit + 1):
        if len(line.rstrip(b"\r\n")) <= limit:
            yield line
            continue
        while not line.endswith(b"\n") and (line := stream.readline(limit + 1)):
            pass
        yield None


def _article_from_line(line: bytes, *, source: str, overrides: Metadata, first: bool) -> Article:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as error:
        reason = f"not UTF-8 (byte {error.start + 1}); JSON Lines files are UTF-8"
        raise MalformedInput(source, reason) from error
    if first:
        decoded = decoded.removeprefix("\ufeff")
    try:
        record = json.loads(decoded.rstrip("\r\n"))
    except json.JSONDecodeError as error:
        raise MalformedInput(source, f"not valid JSON: {_describe_json_error(error)}") from error
    if not isinstance(record, dict):
        raise MalformedInput(source, f"expected a JSON object, not {_json_type(record)}")
    text = record.get("text")
    if text is None:
        raise MalformedInput(source, 'no "text": each line needs the article text')
    if not isinstance(text, str):
        raise MalformedInput(source, f'"text" must be a string, not {_json_type(text)}')
    for name in _OPTIONAL_STRINGS:
        if not isinstance(record.get(name), str | None):
            raise MalformedInput(source, f'"{name}" must be a string or null, not {_json_type(record[name])}')
    found_metadata = Metadata(
        title=record.get("title"),
        published=_published(record.get("published"), source),
        outlet=record.get("outlet"),
        url=record.get("url"),
    )
    return prepare_article(text, source=source, metadata=found_metadata.overridden_by(overrides))


def _describe_json_error(error: json.JSONDecodeError) -> str:
    """``unterminated string at column 94``: the json module's message, made to read as a sentence."""
    problem = error.msg.removesuffix(" at").removesuffix(" starting")
    return f"{problem[:1].lower()}{problem[1:]} at column {error.colno}"


def _published(value: Any, source: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) <= 10 else datetime.fromisoformat(value).date()
        except ValueError:
            pass
    raise MalformedInput(
        source, f'"published" must be an ISO date or datetime such as "2024-03-05", not {json.dumps(value)}'
    )


def _json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages about the file rather than about Python."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null"
