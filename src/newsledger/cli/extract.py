"""``newsledger extract`` and ``newsledger schema``: one article or many in, their records out."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsledger.cli.common import (
    EXIT_INPUT_ERROR,
    OverrideOption,
    app,
    fail,
    parse_date,
    progress_bar,
    stdout,
)
from newsledger.errors import InputError
from newsledger.records import Analysis, Article, json_schema


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    plover = "plover"
    csv = "csv"


@app.command()
def extract(
    files: Annotated[
        list[str], typer.Argument(help="Article files (.txt, .html, .jsonl) or folders; '-' reads stdin.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD: the anchor for 'Sunday', 'last year'.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet that published the article.")] = None,
    url: Annotated[str | None, typer.Option(help="URL of the article.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the article.")] = None,
    override: OverrideOption = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: the records (one object for one article, JSON Lines for several inputs); "
            "jsonl: JSON Lines, one analysis per line; text: a readable summary; "
            "plover: events as PLOVER JSON; csv: one row per event (ACLED/GDELT habit). "
            "-o NAME.jsonl means jsonl.",
        ),
    ] = OutputFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of stdout (a .jsonl name: JSON Lines, always)."
        ),
    ] = None,
) -> None:
    """Analyze articles and print their records.

    Example: newsledger extract examples/seed-article/article.txt --published 2024-11-18 --format text
    """
    from newsledger.analyze import analyze_stream
    from newsledger.sources import read_inputs

    anchor = parse_date(published)
    failures = 0
    articles: list[Article] = []
    for item in read_inputs(files, published=anchor, outlet=outlet, url=url, title=title, override=override):
        if isinstance(item, InputError):
            fail(str(item))
            failures += 1
        else:
            articles.append(item)

    analyses: list[Analysis] = []
    with progress_bar(len(articles)) as progress:
        task = progress.add_task("analyzing", total=len(articles))
        for result in analyze_stream(articles):
            if isinstance(result, InputError):
                fail(str(result))
                failures += 1
            else:
                analyses.append(result)
            progress.advance(task)

    if output_format is OutputFormat.json:
        output_format = json_shape(files, output)
    if analyses:
        _write(analyses, output_format, output)
    if failures:
        raise typer.Exit(EXIT_INPUT_ERROR)


def json_shape(files: list[str], output: Path | None) -> OutputFormat:
    """How ``--format json`` is written, from what the user named, never from how many inputs
    succeeded: JSON Lines for a ``.jsonl`` output file, for several inputs, a folder or a JSON Lines
    file; one pretty object for one article file (or stdin)."""
    if output is not None and output.name.lower().endswith(".jsonl"):
        return OutputFormat.jsonl
    if len(files) != 1:
        return OutputFormat.jsonl
    path = Path(files[0])
    if files[0] != "-" and (path.is_dir() or ".jsonl" in path.name.lower()):
        return OutputFormat.jsonl
    return OutputFormat.json


def _write(analyses: list[Analysis], output_format: OutputFormat, output: Path | None) -> None:
    if output_format is OutputFormat.text:
        _write_summary(analyses, output)
        return
    text = _serialize(analyses, output_format)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _serialize(analyses: list[Analysis], output_format: OutputFormat) -> str:
    from newsledger.exports import CSV_COLUMNS, events_to_csv_rows, events_to_plover

    if output_format is OutputFormat.plover:
        events = [event for analysis in analyses for event in events_to_plover(analysis)]
        return json.dumps(events, indent=2, ensure_ascii=False) + "\n"
    if output_format is OutputFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for analysis in analyses:
            writer.writerows(events_to_csv_rows(analysis))
        return buffer.getvalue()
    if output_format is OutputFormat.json and len(analyses) == 1:
        return analyses[0].model_dump_json(indent=2) + "\n"
    # JSON Lines (stdin in JSON Lines with several articles stays JSON Lines under --format json)
    return "".join(a.model_dump_json() + "\n" for a in analyses)


def _write_summary(analyses: list[Analysis], output: Path | None) -> None:
    if output is None:
        _print_summaries(stdout, analyses)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as handle:
        _print_summaries(Console(file=handle, width=132), analyses)


def _print_summaries(console: Console, analyses: list[Analysis]) -> None:
    from newsledger.summary import summary

    for analysis in analyses:
        for renderable in summary(analysis):
            console.print(renderable, soft_wrap=isinstance(renderable, str))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the records that `extract` writes."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")
