"""``newsledger evaluate``: each scorer of ``newsledger.evaluate`` on its gold data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from newsledger.cli.common import SEED_DIR, evaluate_app, stdout
from newsledger.evaluate.gold_files import Half

HalfOption = Annotated[
    Half | None,
    typer.Option(
        help="Score only half a or b of the documents (fixed by a hash of each id): tune on one, report both."
    ),
]


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
    half: HalfOption = None,
) -> None:
    """Score time expressions the TempEval-3 way: strict/relaxed span F1, type accuracy, value F1."""
    from newsledger.evaluate.tempeval import score_file, write_errors
    from newsledger.nlp.pipeline import load_pipeline

    scores = score_file(path, load_pipeline(), half=half)
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
    half: HalfOption = None,
    without_tuned: Annotated[
        Path | None,
        typer.Option(
            help="Leave out the sentences that nearly repeat one of the other half of this other dev set "
            "(the half tuned on there), so the untuned half's figure is honest. Needs --half.",
            exists=True,
        ),
    ] = None,
) -> None:
    """Score PLOVER event types (macro and micro F1, per type) and actor and target accuracy."""
    from newsledger.evaluate.events import evaluate_events as run
    from newsledger.nlp.pipeline import load_pipeline

    if without_tuned is not None and half is None:
        raise typer.BadParameter("--without-tuned needs --half", param_hint="--without-tuned")
    scores = run(path, load_pipeline(), half=half, without_tuned=without_tuned)
    if scores.left_out:
        stdout.print(f"{scores.left_out} sentences left out: they nearly repeat one of {without_tuned}")
    stdout.print(scores.table())
    stdout.print(scores.confusion_table())
    for line in scores.details() if details else []:
        stdout.print(escape(line), highlight=False)


@evaluate_app.command("places")
def evaluate_places(
    path: Annotated[Path, typer.Argument(help="LGL or GeoWebNews JSONL.", exists=True)],
    details: Annotated[bool, typer.Option(help="List every missed and misplaced toponym.")] = False,
    half: HalfOption = None,
) -> None:
    """Score places: share of gold toponyms found and placed within 161 km, precision, error in km."""
    from newsledger.evaluate.places import evaluate_places as run
    from newsledger.nlp.pipeline import load_pipeline

    scores = run(path, load_pipeline(), half=half)
    stdout.print(scores.table())
    for line in scores.details() if details else []:
        stdout.print(escape(line), highlight=False)


@evaluate_app.command("attribution")
def evaluate_attribution(
    path: Annotated[
        Path, typer.Argument(help="PolNeAR JSONL (doc_id, dct, text, attributions).", exists=True)
    ],
    top: Annotated[int, typer.Option(help="Rows in each list of the confusion summary.")] = 10,
    half: HalfOption = None,
) -> None:
    """Score attributions on PolNeAR: source, cue and content P/R/F1 (exact, overlap, token-weighted)."""
    from newsledger.evaluate.attribution import evaluate_polnear
    from newsledger.nlp.pipeline import load_pipeline

    scores = evaluate_polnear(path, load_pipeline(), half=half)
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


@evaluate_app.command("casualties")
def evaluate_casualties(
    path: Annotated[
        Path,
        typer.Argument(
            help="FA-KES JSONL (doc_id, text, published, gold.killed, gold.location).", exists=True
        ),
    ],
    details: Annotated[bool, typer.Option(help="List every article whose toll or place is missed.")] = False,
    half: HalfOption = None,
) -> None:
    """Score casualty figures (killed found, headline and any equal to the crowd) and the deadly place,
    beside the three-regex baseline."""
    from newsledger.evaluate.casualties import evaluate_casualties as run

    scores = run(path, half=half)
    stdout.print(scores.table())
    for line in scores.details() if details else []:
        stdout.print(escape(line), highlight=False)
