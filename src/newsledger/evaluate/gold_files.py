"""Reading gold files: every corpus here is JSON lines, one record per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def jsonl_records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each JSON object of a JSON-lines file with where it stands (``path:line``), blank lines skipped.

    The file is iterated, not ``splitlines()``-ed: JSON strings may hold U+2028, which ``splitlines``
    would take for a line end.
    """
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield f"{path}:{number}", json.loads(line)
