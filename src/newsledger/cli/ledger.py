"""The ledger commands ``ingest``, ``link``, ``query``, ``export``: thin layers over ``newsledger.store``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, get_args

import typer

from newsledger.cli.common import (
    EXIT_INPUT_ERROR,
    DbOption,
    FormatOption,
    LimitOption,
    OverrideOption,
    RowFormat,
    SinceOption,
    UntilOption,
    app,
    check_choice,
    fail,
    open_ledger,
    parse_date,
    plural,
    print_rows,
    progress_bar,
    query_app,
    stderr,
    stdout,
    usage_error,
)
from newsledger.cli.watch import AllowPrivateOption
from newsledger.errors import InputError
from newsledger.records import Article, ClaimStatus, EventType, SourceKind
from newsledger.sources.web import is_url

STATUSES: tuple[str, ...] = get_args(ClaimStatus)
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
EVENT_TYPES: tuple[str, ...] = get_args(EventType)


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files (.txt, .html, .jsonl), folders, http(s) URLs; '-' reads stdin."),
    ],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD of the articles that give none.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet that published the articles.")] = None,
    url: Annotated[
        str | None, typer.Option(help="URL of the article (a new text under it: a new version).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of the article.")] = None,
    override: OverrideOption = False,
    no_link: Annotated[
        bool, typer.Option("--no-link", help="Do not link articles across (run `newsledger link` later).")
    ] = False,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Analyze articles, keep them in the ledger and link each one across articles.

    Each article is linked (story, wire copies, entities, events, claims) right after it is committed.
    --published, --outlet, --url and --title fill in what an input does not say (--override: replace it).
    A changed text under a URL already in the ledger is a correction: the new version replaces the old
    one in every link, and the old one stays readable.
    Articles already there are skipped before analysis, so a run that was stopped picks up where it
    stopped (and links what it had stored but not linked); inputs that fail are kept in `query failures`.

    A URL is fetched (see `watch` for the rules) and read like a saved page; a changed text under a URL
    the ledger holds is its next version.
    Example: newsledger ingest examples/ --db newsledger.db, then newsledger query stories
    """
    from collections import Counter
    from itertools import chain

    from newsledger.analyze import analyze_stream
    from newsledger.sources import Metadata, read_inputs
    from newsledger.sources.inputs import filled_in
    from newsledger.sources.web.fetch import Fetcher
    from newsledger.sources.web.polite import PoliteFetcher
    from newsledger.store import open_store
    from newsledger.store.linker import Linker, link_pending
    from newsledger.watch import read_urls

    counts: Counter[str] = Counter()
    files = [path for path in paths if not is_url(path)]
    urls = [path for path in paths if is_url(path)]
    with open_store(db) as store, Fetcher(allow_private=allow_private) as fetcher:
        linker = None if no_link else Linker(store)
        pending: dict[str, Article] = {}
        # pages follow the files' rule: the options fill in what a page does not say, or with
        # --override replace it
        given = Metadata(published=parse_date(published), outlet=outlet, url=url, title=title)
        fetched = read_urls(store, urls, PoliteFetcher(fetcher), overrides=given if override else None)
        from_web = (i if override or isinstance(i, InputError) else filled_in(i, given) for i in fetched)
        from_files = read_inputs(
            files, published=parse_date(published), outlet=outlet, url=url, title=title, override=override
        )
        for item in chain(from_files, from_web):
            if isinstance(item, InputError):
                fail(str(item))
                store.record_failure(item.source, item.reason)
                counts["failed"] += 1
            elif item.id in pending or store.has_article(item.id):
                counts["unchanged"] += 1
            else:
                pending[item.id] = item
        with progress_bar(len(pending)) as progress:
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
            f"{plural(counts['new_version'], 'new version')}, {counts['failed']} failed{linked}"
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
    from newsledger.store import queries

    with open_ledger(db) as store:
        rows = queries.entity_timeline(
            store, name, since=parse_date(since), until=parse_date(until), limit=limit
        )
        short = [] if rows else queries.entity_short_forms(store, name)
        if short:  # "RSF", "Russia's Defence Ministry": the name the articles spell out
            others = "".join(f"; or {n.name!r}" for n in short[1:])
            stderr.print(f"{name!r} read as {short[0].name!r}{others}", highlight=False, markup=False)
            rows = queries.entity_timeline(
                store, short[0].name, since=parse_date(since), until=parse_date(until), limit=limit
            )
        if not rows:
            similar = queries.entity_names(store, name, limit=5)
            hint = "; ".join(f"{n.name} ({plural(n.articles, 'article')})" for n in similar)
            fail(f"nothing on {name!r}" + (f"; names that hold it: {hint}" if hint else ""))
    print_rows(
        rows,
        output_format,
        ["published", "kind", "role", "event_type", "status", "source_name", "text", "outlet"],
    )


@query_app.command("claims")
def query_claims(
    status: Annotated[str | None, typer.Option(help=f"One of: {', '.join(STATUSES)}.")] = None,
    source_kind: Annotated[str | None, typer.Option(help=f"One of: {', '.join(SOURCE_KINDS)}.")] = None,
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
    from newsledger.store import queries

    status = check_choice(status, STATUSES, "--status")
    source_kind = check_choice(source_kind, SOURCE_KINDS, "--source-kind")
    with open_ledger(db) as store:
        rows = queries.find_claims(
            store, status=status, source_kind=source_kind, since=parse_date(since),
            until=parse_date(until), text=text, limit=limit,
        )  # fmt: skip
    print_rows(
        rows,
        output_format,
        [
            "published",
            "status",
            "source_kind",
            "source_name",
            "text",
            "outlet",
            "independent_sources",
            "linked_claim_id",
        ],
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
    from newsledger.store import queries

    event_type = check_choice(event_type, EVENT_TYPES, "--type")
    with open_ledger(db) as store:
        rows = queries.find_events(
            store, type=event_type, place=place, country=country, since=parse_date(since),
            until=parse_date(until), limit=limit,
        )  # fmt: skip
    columns = ["published", "date", "type", "actor", "target", "place", "status", "independent_sources"]
    print_rows(rows, output_format, [*columns, "killed", "injured", "linked_event_id"])


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
    from newsledger.store import queries

    with open_ledger(db) as store:
        rows = queries.search(store, text, limit=limit)
    print_rows(rows, output_format, ["kind", "published", "title", "snippet", "outlet"])


@query_app.command("failures")
def query_failures(
    limit: LimitOption = 200,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """Inputs that could not be read or analyzed, latest first, with the reason."""
    from newsledger.store import queries

    with open_ledger(db) as store:
        rows = queries.failures(store, limit=limit)
    print_rows(rows, output_format, ["at", "source", "reason"])


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
    from newsledger.store.links import list_stories

    with open_ledger(db) as store:
        rows = list_stories(store, limit=limit)
    columns = ["story_id", "articles", "independent_sources", "first", "last", "title"]
    print_rows(rows, output_format, columns)


@query_app.command("story")
def query_story(
    story_id: Annotated[str, typer.Argument(help="A story id, or the id of any article of the story.")],
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """The articles of one story, oldest first, which are copies of which, and the independent sources."""
    from newsledger.store.links import story

    with open_ledger(db) as store:
        found = story(store, story_id)
    if found is None:
        usage_error(f"no story {story_id!r}: see `newsledger query stories`")
    sources = plural(found.independent_sources, "independent source")
    stdout.print(f"story {found.story_id}: {sources}", highlight=False)
    print_rows(found.articles, output_format, ["published", "outlet", "title", "article_id", "copy_of"])


@query_app.command("event")
def query_event(
    event_id: Annotated[str, typer.Argument(help="A cross-article event id (evt-...).")],
    tellings: Annotated[
        bool, typer.Option(help="List every telling: outlet, source, stance and casualty figures.")
    ] = False,
    output_format: FormatOption = RowFormat.table,
    db: DbOption = None,
) -> None:
    """One event across articles: type, place, date, current toll, corroborated by, disputed by; with
    --tellings, each telling too (JSON and CSV: the tellings only).

    Example: newsledger query event evt-40b2ad461d22 --tellings --format json
    """
    from newsledger.cli.event_summary import summary_lines, telling_rows
    from newsledger.store import open_store
    from newsledger.store.links import event

    with open_store(db) as store:
        found = event(store, event_id)
    if found is None:
        raise typer.BadParameter(f"no event {event_id!r}")
    if not tellings or output_format is RowFormat.table:
        for line in summary_lines(found):
            stdout.print(line, highlight=False)
    if tellings:
        columns = ["published", "outlet", "source_name", "stance", "casualties", "trigger", "article_id"]
        print_rows(telling_rows(found), output_format, columns)


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
    from newsledger.store.links import claim

    with open_ledger(db) as store:
        found = claim(store, claim_id)
    if found is None:
        usage_error(f"no claim {claim_id!r}: see the linked_claim_id column of `newsledger query claims`")
    first = found.first_seen
    sources = plural(found.independent_sources, "independent source")
    stdout.print(
        f"claim {found.claim_id}: first seen {first.published} in {first.outlet or first.article_id}"
        f" ({first.source_name or 'no named source'}), {sources}",
        highlight=False,
    )
    columns = ["published", "outlet", "source_name", "status", "text"]
    print_rows(found.history if history else found.status_changes, output_format, columns)


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
    from newsledger.store.exports import ExportFormat, export

    if export_format not in ExportFormat.__members__:
        raise typer.BadParameter(
            f"{export_format!r}: use one of {', '.join(ExportFormat)}", param_hint="--format"
        )
    with open_ledger(db) as store:
        written = export(store, export_format, output)
    for path in written:
        typer.echo(str(path))
