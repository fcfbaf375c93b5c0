"""What every ``newsledger`` command shares: the Typer apps, the consoles, the options and the way
rows and errors are printed.

User errors (a file that cannot be read, a non-English article) print one line on stderr naming the input
and the reason; the other inputs of the same call are still processed and the exit code is 2.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

if TYPE_CHECKING:
    from newsledger.store.ledger import Store

app = typer.Typer(
    help="Turn news articles into a sourced record, keep it in a ledger, link it across articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
evaluate_app = typer.Typer(help="Score newsledger against gold data.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")

# Piped or redirected output gets $COLUMNS when the shell exports it (``COLUMNS=200 newsledger ... | less``),
# else a fixed, readable width instead of rich's 80 columns.
PIPED_WIDTH = 132


def piped_width() -> int | None:
    """The width for output that is not a terminal: ``$COLUMNS`` when set to a number, else 132."""
    if sys.stdout.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPED_WIDTH


stdout = Console(soft_wrap=False, width=piped_width())
stderr = Console(stderr=True)

EXIT_INPUT_ERROR = 2
SEED_DIR = Path("examples/seed-article")


def fail(message: str) -> None:
    """One line on stderr, in the CLI's voice."""
    typer.echo(f"newsledger: error: {message}", err=True)


def open_ledger(db: str | None) -> Store:
    """The ledger a query reads: one line and exit 2 when ``--db`` names a SQLite file that is not there,
    rather than a new empty ledger that answers every question with nothing."""
    from newsledger.store.ledger import NoLedger, open_store

    try:
        return open_store(db, create=False)
    except NoLedger as missing:
        usage_error(f"no ledger at {missing.path}: check --db (or $NEWSLEDGER_DB), or fill one with ingest")


def usage_error(message: str) -> NoReturn:
    """A value the command cannot use: one line on stderr, exit 2 (not click's usage box)."""
    fail(message)
    raise typer.Exit(EXIT_INPUT_ERROR)


def plural(count: int, noun: str) -> str:
    """``1 independent source``, ``2 independent sources``, ``1,250 articles``."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def check_choice(value: str | None, choices: Sequence[str], option: str) -> str | None:
    """``value`` if it is one of ``choices`` (case-folded), else one line naming them and exit 2, as
    the API answers 422: a misspelt status must not look like "no such claims"."""
    if value is None:
        return None
    folded = value.casefold()
    for choice in choices:
        if choice.casefold() == folded:
            return choice
    usage_error(f"{option} {value!r} is not one of {', '.join(choices)}")


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        usage_error(f"{value!r} is not a date; use YYYY-MM-DD")


def progress_bar(total: int) -> Progress:
    """A progress bar on stderr for runs of several articles; silent for one."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=total < 2,
    )


query_app = typer.Typer(
    help="Ask the ledger: timelines, claims, events, stories, full text, failures.", no_args_is_help=True
)

app.add_typer(query_app, name="query")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///file.db, postgresql://...) or SQLite file; "
        "default $NEWSLEDGER_DB, else newsledger.db here.",
    ),
]


class RowFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[RowFormat, typer.Option("--format", "-f", help="How to print the rows.")]

LimitOption = Annotated[int, typer.Option(help="At most this many rows.", min=1)]

OverrideOption = Annotated[
    bool,
    typer.Option(
        "--override",
        help="--published, --outlet, --url and --title replace what each file says, not only fill it in.",
    ),
]

SinceOption = Annotated[str | None, typer.Option(help="From this publication date on, YYYY-MM-DD.")]

UntilOption = Annotated[str | None, typer.Option(help="Up to this publication date, YYYY-MM-DD.")]


# Columns that hold dates and moments: cut to "2025-06-…" they say nothing.
WHOLE_COLUMNS = frozenset({"published", "date", "day", "first", "last", "at", "first_seen"})


def print_rows(rows: Sequence[BaseModel], output_format: RowFormat, columns: list[str]) -> None:
    """Query results as a table (the listed columns), JSON (every field) or CSV (every field)."""
    records = [row.model_dump(mode="json") for row in rows]
    if output_format is RowFormat.json:
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    elif output_format is RowFormat.csv:
        if records:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: cell(v) for k, v in record.items()} for record in records)
    elif not records:
        stderr.print("no results", highlight=False)
    else:
        table = Table(box=None, show_edge=False)
        for column in columns:
            # an id is for copying into the next query, a date for reading: never wrapped, never cut
            whole = column.endswith("_id") or column in WHOLE_COLUMNS
            width = max(len(column), *(len(cell(r[column])) for r in records)) if whole else None
            table.add_column(column, no_wrap=whole, min_width=width)
        for record in records:
            table.add_row(*(escape(cell(record[column])) for column in columns))
        stdout.print(table)


def cell(value: object) -> str:
    """One value as a table or CSV cell; a list of records (a telling's casualty figures) as JSON, so a
    CSV reader gets ``{value, qualifier, outcome, victims}`` back rather than Python's repr."""
    if value is None:
        return ""
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
