"""Reading gold files: every corpus here is JSON lines, one record per line.

Tuning discipline: a dev set is split in two halves by document (``--half a`` / ``--half b`` on
``newsledger evaluate``), so an extractor is changed only for what improves the half it is tuned on and
is then reported on the other. A document's half is fixed by a hash of its id, not by its position, so
it does not move when a file is re-ordered or grows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

Half = Literal["a", "b"]


def half_of(doc_id: str) -> Half:
    """The half a document belongs to: ``a`` when the first byte of the SHA-1 of its id is even."""
    return "a" if hashlib.sha1(doc_id.encode("utf-8")).digest()[0] % 2 == 0 else "b"


def record_id(record: dict[str, Any]) -> str:
    """A gold record's document id: ``doc_id`` in most corpora, ``id`` in the event sets."""
    return str(record.get("doc_id", record.get("id")))


def jsonl_records(path: Path, half: Half | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each JSON object of a JSON-lines file with where it stands (``path:line``), blank lines skipped;
    only the documents of ``half`` when one is given.

    The file is iterated, not ``splitlines()``-ed: JSON strings may hold U+2028, which ``splitlines``
    would take for a line end.
    """
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                record = json.loads(line)
                if half is None or half_of(record_id(record)) == half:
                    yield f"{path}:{number}", record
