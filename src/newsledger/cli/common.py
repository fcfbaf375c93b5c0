"""What every ``newsledger`` command shares: the Typer apps, the consoles, the options and the way
rows and errors are printed.

User errors (a file that cannot be read, a non-English article) print one line on stderr naming the input
and the reason; the other inputs of the same call are still processed and the exit code is 2.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(
    help="Turn news articles into a sourced record, keep it in a ledger, link it across articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
evaluate_app = typer.Typer(help="Score newsledger against gold data.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")

# Piped or redirected output gets a fixed, readable width instead of rich's 80 columns.
stdout = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 132)
stderr = Console(stderr=True)

EXIT_INPUT_ERROR = 2
SEED_DIR = Path("examples/seed-article")


def fail(message: str) -> None:
    """One line on stderr, in the CLI's voice."""
    typer.echo(f"newsledger: error: {message}", err=True)


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


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

SinceOption = Annotated[str | None, typer.Option(help="From this publication date on, YYYY-MM-DD.")]

UntilOption = Annotated[str | None, typer.Option(help="Up to this publication date, YYYY-MM-DD.")]


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
    elif records:
        table = Table(box=None, show_edge=False)
        for column in columns:
            # an id is for copying into the next query: never wrapped, never cut
            width = max(len(cell(r[column])) for r in records) if column.endswith("_id") else None
            table.add_column(column, no_wrap=width is not None, min_width=width)
        for record in records:
            table.add_row(*(escape(cell(record[column])) for column in columns))
        stdout.print(table)


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
