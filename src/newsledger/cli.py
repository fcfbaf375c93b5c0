"""The ``newsledger`` command: a thin layer over the Python API, the readers and the evaluators.

User errors (a file that cannot be read, a non-English article) print one line on stderr naming the input
and the reason; the other inputs of the same call are still processed and the exit code is 2.
"""

from __future__ import annotations

import csv
import io
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
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Folders and JSONL files (.jsonl, .jsonl.gz, .jsonl.zst) to analyze.")
    ],
    out: Annotated[
        Path, typer.Option(help="Output folder: a Parquet dataset per table, failures/, manifest.jsonl.")
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes of the local cluster; default: one per core.")
    ] = None,
    db: Annotated[
        str | None, typer.Option(help="Also ingest every analysis into this ledger (database URL).")
    ] = None,
    partition_size: Annotated[
        int, typer.Option(min=1, help="Articles per partition: the unit of work, retry and resumption.")
    ] = 100,
) -> None:
    """Analyze a corpus on Dask into Parquet, resumably: a re-run skips the partitions already done.

    Example: newsledger batch archive.jsonl.zst --out ledger/ --workers 2
    """
    from newsledger.batch import connect, run_batch
    from newsledger.batch.progress import ProgressReporter

    sink = None
    if db is not None:
        from newsledger.store import open_store

        sink = open_store(db)
    try:
        with connect(scheduler, workers) as client, ProgressReporter(stderr) as reporter:
            summary = run_batch(
                inputs, out, client, partition_size=partition_size, sink=sink, reporter=reporter
            )
    finally:
        if sink is not None:
            sink.close()
    stderr.print(
        f"{summary.written:,} partitions written ({summary.articles:,} articles, {summary.failures:,} "
        f"failures in {out / 'failures'}), {summary.skipped:,} already done, in {summary.seconds:,.1f} s",
        highlight=False,
        soft_wrap=True,
    )
    if summary.lost:
        fail(f"{len(summary.lost):,} partitions could not be done; run the same command again to retry them")
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the records that `extract` writes."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


# --- the ledger: ingest, query, export ---------------------------------------------------------------

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


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Article files (.txt, .html, .jsonl) or folders; '-' reads stdin.")
    ],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for every article read.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet that published the articles.")] = None,
    no_link: Annotated[
        bool, typer.Option("--no-link", help="Do not link articles across (run `newsledger link` later).")
    ] = False,
) -> None:
    """Analyze articles, keep them in the ledger and link each one across articles (story, wire copies,
    entities, events, claims) right after it is committed. Articles already there are skipped before
    analysis, so a run that was stopped picks up where it stopped (and links what it had stored but not
    linked); inputs that fail are kept in `query failures`.

    Example: newsledger ingest examples/ --db newsledger.db, then newsledger query stories
    """
    from collections import Counter

    from newsledger.analyze import analyze_stream
    from newsledger.sources import read_inputs
    from newsledger.store import open_store
    from newsledger.store.linker import Linker, link_pending

    counts: Counter[str] = Counter()
    with open_store(db) as store:
        linker = None if no_link else Linker(store)
        pending: dict[str, Article] = {}
        for item in read_inputs(paths, published=parse_date(published), outlet=outlet):
            if isinstance(item, InputError):
                fail(str(item))
                store.record_failure(item.source, item.reason)
                counts["failed"] += 1
            elif item.id in pending or store.has_article(item.id):
                counts["unchanged"] += 1
            else:
                pending[item.id] = item
        with _progress(len(pending)) as progress:
            task = progress.add_task("ingesting", total=len(pending))
            for article, result in zip(pending.values(), analyze_stream(pending.values()), strict=True):
                if isinstance(result, InputError):
                    fail(str(result))
                    store.record_failure(result.source, result.reason, article.id)
                    counts["failed"] += 1
                else:
                    status = store.ingest(result).status
                    counts[status] += 1
                    if linker is not None and status != "unchanged":
                        linker.link(result)
                        counts["linked"] += 1
                progress.advance(task)
        if linker is not None:
            # what an earlier run stored but did not live to link (kill -9 between the two commits)
            counts["linked"] += link_pending(store, linker).linked
        linked = "" if linker is None else f", {counts['linked']} linked"
        typer.echo(
            f"{store.display_url}: {counts['added']} added, {counts['unchanged']} unchanged, "
            f"{counts['new_version']} new versions, {counts['failed']} failed{linked}"
        )
    if counts["failed"]:
        raise typer.Exit(EXIT_INPUT_ERROR)


@query_app.command("entity")
def query_entity(
    name: Annotated[
        str, typer.Argument(help="The entity's name, as the ledger writes it (case does not matter).")
    ],
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 200,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """What an entity said, what was said about it, and its events, oldest first.

    Example: newsledger query entity "Volodymyr Zelensky"
    """
    from newsledger.store import open_store, queries

    with open_store(db) as store:
        rows = queries.entity_timeline(
            store, name, since=parse_date(since), until=parse_date(until), limit=limit
        )
        if not rows:
            similar = queries.entity_names(store, name, limit=5)
            hint = "; ".join(f"{n.name} ({n.articles} articles)" for n in similar)
            fail(f"nothing on {name!r}" + (f"; names that hold it: {hint}" if hint else ""))
    _print_rows(
        rows,
        output_format,
        ["published", "kind", "role", "event_type", "status", "source_name", "text", "outlet"],
    )


@query_app.command("claims")
def query_claims(
    status: Annotated[str | None, typer.Option(help="confirmed, reported, denied, hedged, ...")] = None,
    source_kind: Annotated[
        str | None, typer.Option(help="person, organization, media, anonymous, collective")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: Annotated[str | None, typer.Option(help="Words the claim holds (full-text).")] = None,
    limit: LimitOption = 200,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """Claims, newest first, by status, kind of source, date and words.

    Example: newsledger query claims --status denied --source-kind organization
    """
    from newsledger.store import open_store, queries

    with open_store(db) as store:
        rows = queries.find_claims(
            store, status=status, source_kind=source_kind, since=parse_date(since),
            until=parse_date(until), text=text, limit=limit,
        )  # fmt: skip
    _print_rows(
        rows,
        output_format,
        ["published", "status", "source_name", "text", "outlet", "independent_sources", "linked_claim_id"],
    )


@query_app.command("events")
def query_events(
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER type: ASSAULT, PROTEST, ...")
    ] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code of the place: UA, SD.")] = None,
    place: Annotated[str | None, typer.Option(help="Place name as the gazetteer writes it: Kharkiv.")] = None,
    since: Annotated[
        str | None, typer.Option(help="From this day on (the event's own, else publication).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Up to this day.")] = None,
    limit: LimitOption = 200,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """Events, latest first, by type, place, country and day.

    Example: newsledger query events --type ASSAULT --country UA
    """
    from newsledger.store import open_store, queries

    with open_store(db) as store:
        rows = queries.find_events(
            store, type=event_type, place=place, country=country, since=parse_date(since),
            until=parse_date(until), limit=limit,
        )  # fmt: skip
    columns = ["published", "date", "type", "actor", "target", "place", "status", "independent_sources"]
    _print_rows(rows, output_format, [*columns, "linked_event_id"])


@query_app.command("search")
def query_search(
    text: Annotated[str, typer.Argument(help='Words (all must appear), "a phrase", OR, -excluded.')],
    limit: LimitOption = 50,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """Full-text search over articles and claims, best match first.

    Example: newsledger query search "missile strike" Kharkiv
    """
    from newsledger.store import open_store, queries

    with open_store(db) as store:
        rows = queries.search(store, text, limit=limit)
    _print_rows(rows, output_format, ["kind", "published", "title", "snippet", "outlet"])


@query_app.command("failures")
def query_failures(
    limit: LimitOption = 200,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """Inputs that could not be read or analyzed, latest first, with the reason."""
    from newsledger.store import open_store, queries

    with open_store(db) as store:
        rows = queries.failures(store, limit=limit)
    _print_rows(rows, output_format, ["at", "source", "reason"])


@app.command()
def link(db: DbOption = None) -> None:
    """Link the ledger's articles not linked yet: stories, wire copies, entities, events, claims.

    `ingest` links as it goes; this is for a ledger filled with `ingest --no-link` or by other means.
    Each article joins a story or starts one; only the articles whose story can change are revisited.
    Example: newsledger link --db newsledger.db, then newsledger query stories
    """
    from newsledger.store import open_store
    from newsledger.store.linker import Linker, link_pending

    with open_store(db) as store:
        linker = Linker(store)
        done = link_pending(store, linker)
        stories = len(set(linker.stories.stories().values()))
        typer.echo(
            f"{store.display_url}: {done.linked} linked, {done.copies} copies found, {stories} stories"
        )


@query_app.command("stories")
def query_stories(
    limit: LimitOption = 200,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """Stories, most articles first: articles, independent sources, first and last publication date.

    Example: newsledger query stories, then newsledger query story ID
    """
    from newsledger.store import open_store
    from newsledger.store.links import list_stories

    with open_store(db) as store:
        rows = list_stories(store, limit=limit)
    columns = ["story_id", "articles", "independent_sources", "first", "last", "title"]
    _print_rows(rows, output_format, columns)


@query_app.command("story")
def query_story(
    story_id: Annotated[str, typer.Argument(help="A story id, or the id of any article of the story.")],
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """The articles of one story, oldest first, which are copies of which, and the independent sources."""
    from newsledger.store import open_store
    from newsledger.store.links import story

    with open_store(db) as store:
        found = story(store, story_id)
    if found is None:
        raise typer.BadParameter(f"no story {story_id!r}")
    stdout.print(f"story {found.story_id}: {found.independent_sources} independent sources", highlight=False)
    _print_rows(found.articles, output_format, ["published", "outlet", "title", "article_id", "copy_of"])


@query_app.command("event")
def query_event(
    event_id: Annotated[str, typer.Argument(help="A cross-article event id (evt-...).")],
    tellings: Annotated[bool, typer.Option(help="List every telling with its source and figures.")] = False,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """One event across articles: its type, story, independent sources and (--tellings) each telling."""
    from newsledger.store import open_store
    from newsledger.store.links import event

    with open_store(db) as store:
        found = event(store, event_id)
    if found is None:
        raise typer.BadParameter(f"no event {event_id!r}")
    stdout.print(
        f"event {found.event_id} {found.type} in story {found.story_id}: {len(found.tellings)} tellings, "
        f"{found.independent_sources} independent sources",
        highlight=False,
    )
    if tellings:
        columns = ["published", "outlet", "trigger", "source_name", "figures", "article_id"]
        _print_rows(found.tellings, output_format, columns)


@query_app.command("claim")
def query_claim(
    claim_id: Annotated[str, typer.Argument(help="A cross-article claim id (clm-...).")],
    history: Annotated[
        bool, typer.Option(help="List every telling in date order, not only the changes of status.")
    ] = False,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """One claim across articles: first seen where and by whom, then each change of status with its date."""
    from newsledger.store import open_store
    from newsledger.store.links import claim

    with open_store(db) as store:
        found = claim(store, claim_id)
    if found is None:
        raise typer.BadParameter(f"no claim {claim_id!r}")
    first = found.first_seen
    stdout.print(
        f"claim {found.claim_id}: first seen {first.published} in {first.outlet or first.article_id}"
        f" ({first.source_name or 'no named source'}), {found.independent_sources} independent sources",
        highlight=False,
    )
    columns = ["published", "outlet", "source_name", "status", "text"]
    _print_rows(found.history if history else found.status_changes, output_format, columns)


def _print_rows(rows: Sequence[BaseModel], output_format: RowFormat, columns: list[str]) -> None:
    """Query results as a table (the listed columns), JSON (every field) or CSV (every field)."""
    records = [row.model_dump(mode="json") for row in rows]
    if output_format is RowFormat.json:
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    elif output_format is RowFormat.csv:
        if records:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in record.items()} for record in records)
    elif records:
        table = Table(box=None, show_edge=False)
        for column in columns:
            # an id is for copying into the next query: never wrapped, never cut
            width = max(len(_cell(r[column])) for r in records) if column.endswith("_id") else None
            table.add_column(column, no_wrap=width is not None, min_width=width)
        for record in records:
            table.add_row(*(escape(_cell(record[column])) for column in columns))
        stdout.print(table)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


@app.command()
def export(
    export_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one Analysis per line; csv: a file per table and events_acled.csv; "
            "parquet: a file per table; plover: events as PLOVER JSON.",
        ),
    ] = "jsonl",
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write the files in.")] = Path(
        "out/export"
    ),
    db: DbOption = None,
) -> None:
    """Write the ledger's current articles out, one file per record type.

    Example: newsledger export --format parquet -o out/ledger
    """
    from newsledger.store import open_store
    from newsledger.store.exports import ExportFormat, export

    if export_format not in ExportFormat.__members__:
        raise typer.BadParameter(
            f"{export_format!r}: use one of {', '.join(ExportFormat)}", param_hint="--format"
        )
    with open_store(db) as store:
        written = export(store, export_format, output)
    for path in written:
        typer.echo(str(path))


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


@evaluate_app.command("linking")
def evaluate_linking(
    path: Annotated[
        Path, typer.Argument(help="ECB+ JSONL (doc_id, topic, subtopic, text, url, mentions).", exists=True)
    ],
    clusters_out: Annotated[
        Path | None, typer.Option(help="Write the stories found as JSON {doc_id: story_id}.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Shuffle seed; a second shuffle uses seed + 1.")] = 0,
) -> None:
    """Score linking across articles: stories (B³, ARI), entity and event coreference (B³, CoNLL F1)."""
    from newsledger.evaluate.linking import analyse, evaluate_linking_file

    report = evaluate_linking_file(path, seed=seed, analyse=analyse)
    for renderable in report.renderables():
        stdout.print(renderable, highlight=False)
    if clusters_out:
        clusters_out.parent.mkdir(parents=True, exist_ok=True)
        clusters_out.write_text(json.dumps(report.stories, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        stdout.print(f"stories written to {escape(str(clusters_out))}")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 opens it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web ledger: article pages with their evidence highlighted, entities, search, JSON API.

    Example: newsledger serve --db ledger.db, then open http://127.0.0.1:8000/
    Writes (POST /api/articles) need NEWSLEDGER_TOKEN; NEWSLEDGER_READ_TOKEN_REQUIRED=1 closes reads too.
    """
    import uvicorn

    from newsledger.store import open_store
    from newsledger.web import create_app

    store = open_store(db)
    stderr.print(f"newsledger: serving {escape(store.display_url)} on http://{host}:{port}/", highlight=False)
    try:
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    finally:
        store.close()


def main() -> None:
    """Entry point: run the app, turning newsledger's own errors into one line and exit code 2."""
    try:
        app()
    except NewsledgerError as error:
        fail(str(error))
        sys.exit(EXIT_INPUT_ERROR)


if __name__ == "__main__":
    main()
