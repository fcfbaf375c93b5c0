"""The ``newsledger`` command: a thin layer over the Python API, the readers and the evaluators.

User errors (a file that cannot be read, a non-English article) print one line on stderr naming the input
and the reason; the other inputs of the same call are still processed and the exit code is 2.
"""

from __future__ import annotations

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

stdout = Console(soft_wrap=False)
stderr = Console(stderr=True)

EXIT_INPUT_ERROR = 2
SEED_DIR = Path("examples/seed-article")


class OutputFormat(StrEnum):
    json = "json"
    text = "text"


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
        OutputFormat, typer.Option("--format", "-f", help="json: the records; text: a readable summary.")
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
    from newsledger.analyze import analyze_many
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
        for analysis in analyze_many(articles):
            analyses.append(analysis)
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
    if output_format is OutputFormat.json:
        if len(analyses) == 1:
            text = analyses[0].model_dump_json(indent=2) + "\n"
        else:
            text = "".join(a.model_dump_json() + "\n" for a in analyses)
        if output:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return
    from newsledger.summary import summary

    console = Console(file=output.open("w", encoding="utf-8"), width=120) if output else stdout
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


def main() -> None:
    """Entry point: run the app, turning newsledger's own errors into one line and exit code 2."""
    try:
        app()
    except NewsledgerError as error:
        fail(str(error))
        sys.exit(EXIT_INPUT_ERROR)


if __name__ == "__main__":
    main()
