"""How much newsledger reads, and how it says so when an input is over the limit.

The limits exist so that one pathological input (a log file, a dump, a runaway HTML page) fails at once with
a clear reason instead of exhausting memory in the middle of a batch.
"""

from __future__ import annotations

MAX_TEXT_CHARS = 1_000_000
"""Characters of article text, after normalization. Far beyond any news article (a long read is ~50,000)."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Bytes of one text or HTML file, of standard input, and of one JSONL line; checked before reading."""


def describe_bytes(size: int) -> str:
    """``20 MB``, ``52.4 MB``, ``812 bytes``: sizes the way a person reads them in an error message."""
    if size < 1024:
        return f"{size} bytes"
    value = size / 1024
    unit = "KB"
    for larger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, larger
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"
