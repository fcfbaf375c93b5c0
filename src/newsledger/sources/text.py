"""Plain-text articles: the bytes of a ``.txt`` file (or of standard input) in, an ``Article`` out."""

from __future__ import annotations

from newsledger.records import Article
from newsledger.sources.encoding import decode_bytes
from newsledger.sources.prepare import NO_METADATA, Metadata, prepare_article


def read_text(data: bytes, *, source: str, overrides: Metadata = NO_METADATA) -> Article:
    """Decode and prepare a text file; a text file carries no metadata of its own, so ``overrides`` is all."""
    return prepare_article(decode_bytes(data, source=source), source=source, metadata=overrides)
