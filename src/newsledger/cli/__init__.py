"""The ``newsledger`` command: a thin layer over the Python API, the readers, the ledger and the evaluators.

Each module here holds one family of commands and registers it on the one Typer app of
``newsledger.cli.common``; importing them below is what puts every command on ``newsledger``.
"""

from __future__ import annotations

import sys

from newsledger.cli import batch, evaluate, extract, ledger, serve, watch  # noqa: F401  (registers the commands)
from newsledger.cli.common import EXIT_INPUT_ERROR, app, fail
from newsledger.errors import NewsledgerError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: run the app, turning newsledger's own errors into one line and exit code 2."""
    try:
        app()
    except NewsledgerError as error:
        fail(str(error))
        sys.exit(EXIT_INPUT_ERROR)
