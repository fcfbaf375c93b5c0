"""The ``newsledger`` command: a thin layer over the Python API, the readers and the evaluators.

User errors (a file that cannot be read, a non-English article) print one line on stderr naming the input
and the reason; the other inputs of the same call are still processed and the exit code is 2.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsledger.errors import InputError, NewsledgerError
from newsledger.records import Analysis, Article, json_schema

app = typer.Typer(
    help="Turn news articles into a sourced record: entities and time expressions, with character offsets.",
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


class OutputFormat(StrEnum):
    json = "json"
    text = "text"
    plover = "plover"
    csv = "csv"


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
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: the records; text: a readable summary; plover: events as PLOVER JSON; "
            "csv: one row per event (ACLED/GDELT habit).",
        ),
    ] = OutputFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of stdout (JSON Lines for several articles)."
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
    for item in read_inputs(files, published=anchor, outlet=outlet, url=url, title=title):
        if isinstance(item, InputError):
            fail(str(item))
            failures += 1
        else:
            articles.append(item)

    analyses: list[Analysis] = []
    with _progress(len(articles)) as progress:
        task = progress.add_task("analyzing", total=len(articles))
        for result in analyze_stream(articles):
            if isinstance(result, InputError):
                fail(str(result))
                failures += 1
            else:
                analyses.append(result)
            progress.advance(task)

    if analyses:
        _write(analyses, output_format, output)
    if failures:
        raise typer.Exit(EXIT_INPUT_ERROR)


def _progress(total: int) -> Progress:
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
    if len(analyses) == 1:
        return analyses[0].model_dump_json(indent=2) + "\n"
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


@evaluate_app.command("seed")
def evaluate_seed(
    directory: Annotated[
        Path, typer.Argument(help="Folder with article.txt and expected.json.", exists=True, file_okay=False)
    ] = SEED_DIR,
    details: Annotated[bool, typer.Option(help="List every miss, wrong value and extra record.")] = False,
) -> None:
    """Score the example article against its hand-made gold (precision and recall per section)."""
    from newsledger.analyze import analyze
    from newsledger.evaluate.seed import load_gold, published_of, score

    text, gold = load_gold(directory)
    scores = score(analyze(text, published=published_of(gold)), gold)
    stdout.print(scores.table())
    for line in scores.details() if details else [f"not scored yet: {n}" for n in scores.not_scored]:
        stdout.print(escape(line), highlight=False)


@evaluate_app.command("times")
def evaluate_times(
    path: Annotated[Path, typer.Argument(help="TempEval-3 JSONL (doc_id, dct, text, timex).", exists=True)],
    errors: Annotated[
        Path | None, typer.Option(help="Write every miss, false alarm and wrong value here.")
    ] = None,
) -> None:
    """Score time expressions the TempEval-3 way: strict/relaxed span F1, type accuracy, value F1."""
    from newsledger.evaluate.tempeval import score_file, write_errors
    from newsledger.nlp.pipeline import load_pipeline

    scores = score_file(path, load_pipeline())
    stdout.print(scores.table())
    if errors:
        write_errors(scores, errors)
        stdout.print(f"errors written to {escape(str(errors))}")


@evaluate_app.command("claims")
def evaluate_claims(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Labelled claims JSONL (text, claim, status, checkworthy); default: the shipped set.",
            exists=True,
        ),
    ] = None,
    errors: Annotated[bool, typer.Option(help="List every claim given the wrong status.")] = False,
) -> None:
    """Score claim status per gold status, a confusion matrix, and check-worthiness precision at 10."""
    from newsledger.evaluate.claims import LABELLED_SET
    from newsledger.evaluate.claims import evaluate_claims as run
    from newsledger.nlp.pipeline import load_pipeline

    scores = run(path or LABELLED_SET, load_pipeline())
    for table in scores.tables():
        stdout.print(table)
    for line in scores.errors() if errors else []:
        stdout.print(escape(line), highlight=False)


@evaluate_app.command("events")
def evaluate_events(
    path: Annotated[Path, typer.Argument(help="PLOVER gold records or CAMEO codebook JSONL.", exists=True)],
    details: Annotated[bool, typer.Option(help="List every missed, extra and mistyped event.")] = False,
) -> None:
    """Score PLOVER event types (macro and micro F1, per type) and actor and target accuracy."""
    from newsledger.evaluate.events import evaluate_events as run
    from newsledger.nlp.pipeline import load_pipeline

    scores = run(path, load_pipeline())
    stdout.print(scores.table())
    stdout.print(scores.confusion_table())
    for line in scores.details() if details else []:
        stdout.print(escape(line), highlight=False)


@evaluate_app.command("places")
def evaluate_places(
    path: Annotated[Path, typer.Argument(help="LGL or GeoWebNews JSONL.", exists=True)],
    details: Annotated[bool, typer.Option(help="List every missed and misplaced toponym.")] = False,
) -> None:
    """Score places: share of gold toponyms found and placed within 161 km, precision, error in km."""
    from newsledger.evaluate.places import evaluate_places as run
    from newsledger.nlp.pipeline import load_pipeline

    scores = run(path, load_pipeline())
    stdout.print(scores.table())
    for line in scores.details() if details else []:
        stdout.print(escape(line), highlight=False)


@evaluate_app.command("attribution")
def evaluate_attribution(
    path: Annotated[
        Path, typer.Argument(help="PolNeAR JSONL (doc_id, dct, text, attributions).", exists=True)
    ],
    top: Annotated[int, typer.Option(help="Rows in each list of the confusion summary.")] = 10,
) -> None:
    """Score attributions on PolNeAR: source, cue and content P/R/F1 (exact, overlap, token-weighted)."""
    from newsledger.evaluate.attribution import evaluate_polnear
    from newsledger.nlp.pipeline import load_pipeline

    scores = evaluate_polnear(path, load_pipeline())
    stdout.print(scores.table())
    stdout.print(scores.confusion_table(top_n=top))
    if (SEED_DIR / "expected.json").exists():
        _print_seed_section(SEED_DIR, "attributions")


def _print_seed_section(directory: Path, section: str) -> None:
    """The seed article's row for one section, so each task's evaluation also shows the founding case."""
    from newsledger.analyze import analyze
    from newsledger.evaluate.seed import SeedScores, load_gold, published_of, score

    text, gold = load_gold(directory)
    scores = score(analyze(text, published=published_of(gold)), gold)
    rows = [s for s in scores.sections if s.section == section]
    stdout.print(SeedScores(sections=rows, not_scored=[]).table())


def main() -> None:
    """Entry point: run the app, turning newsledger's own errors into one line and exit code 2."""
    try:
        app()
    except NewsledgerError as error:
        fail(str(error))
        sys.exit(EXIT_INPUT_ERROR)


if __name__ == "__main__":
    main()
