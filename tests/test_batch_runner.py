"""The batch runner on an in-process Dask cluster: every article once, by date, resumable, failures kept.

The real multi-process run (a scheduler, two workers, one killed) is in ``test_batch_cluster.py``; these
tests check the runner's own promises on one in-process worker, where the pipeline is the test process's.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from distributed import Client, LocalCluster
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from newsledger.batch import FAILURES, plan_partitions, read_dataset, run_batch
from newsledger.batch.datasets import NULL_PARTITION, UNDATED_FAILURES, dataset_names
from newsledger.batch.manifest import MANIFEST_NAME, ManifestMismatch
from newsledger.cli import app
from newsledger.nlp.pipeline import load_pipeline
from newsledger.records import Article
from newsledger.sources import normalize_text
from newsledger.store import open_store, queries

# Short news items, each told of several places and people so that no two articles are the same text.
STORIES = [
    "{person}, the mayor of {city}, said on {weekday} that the council would spend {number} million pounds "
    "on new bus lanes. \"This is the biggest investment in a generation,\" she told reporters.",
    "Police in {city} arrested {number} men on {weekday} after a protest outside the town hall turned "
    "violent, a spokesman for the force said.",
    "The {city} hospital trust has denied reports that {number} operations were cancelled last week. "
    "{person}, its chief executive, said the figures were wrong.",
    "Firefighters in {city} rescued {number} people from a burning block of flats early on {weekday}, "
    "the fire service said. Nobody was seriously hurt.",
    "Workers at the {city} car plant will strike for {number} days next month over pay, their union "
    "announced on {weekday}. {person}, the union's regional secretary, said talks had failed.",
    "{person} won the {city} marathon on {weekday} in just over two hours, beating {number} other "
    "runners. \"I never expected this,\" {person} said afterwards.",
    "The government will send {number} extra teachers to schools in {city}, the education minister "
    "said on {weekday}, according to a statement from her office.",
    "Flooding closed {number} roads around {city} on {weekday}. The Environment Agency warned that "
    "more rain was expected and urged drivers to stay at home.",
]
PEOPLE = ["Sarah Collins", "Priya Shah", "Helen Murray", "Amanda Brooks", "Grace Okafor"]
CITIES = ["Leeds", "Bristol", "Cardiff", "Glasgow", "Norwich"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def corpus_records(count: int = 40) -> list[dict[str, Any]]:
    """``count`` distinct short articles as JSONL records; every seventh has no publication date."""
    records = []
    for i in range(count):
        story = STORIES[i % len(STORIES)]
        slot = i // len(STORIES)
        text = story.format(
            person=PEOPLE[slot % len(PEOPLE)],
            city=CITIES[(slot + i) % len(CITIES)],
            weekday=WEEKDAYS[i % len(WEEKDAYS)],
            number=3 + i,
        )
        published = date(2024, 3, 1) + timedelta(days=i % 4)
        records.append(
            {
                "text": text,
                "published": None if i % 7 == 3 else published.isoformat(),
                "outlet": "Example Evening News",
                "title": f"Story {i}",
            }
        )
    return records


def write_corpus(path: Path, records: list[dict[str, Any]], extra_lines: list[str] | None = None) -> Path:
    """The records as a gzip-compressed JSONL file, with ``extra_lines`` (raw) after the first third."""
    lines = [json.dumps(r) for r in records]
    cut = len(lines) // 3
    lines[cut:cut] = extra_lines or []
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    return path


def article_ids(records: list[dict[str, Any]]) -> list[str]:
    return [Article.make_id(normalize_text(r["text"]), r.get("outlet"), r.get("url")) for r in records]


def sorted_rows(table: pa.Table) -> list[tuple[Any, ...]]:
    """A table's rows as tuples, sorted (None sorts first), for order-free comparison."""
    rows = [tuple(row.values()) for row in table.to_pylist()]
    return sorted(rows, key=lambda row: [(value is not None, str(value)) for value in row])


def dataset_rows(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {name: sorted_rows(read_dataset(out, name)) for name in dataset_names()}


def manifest_lines(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / MANIFEST_NAME).read_text().splitlines()]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One worker thread in this process: it uses the test session's pipeline."""
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def test_every_article_is_written_once_under_its_publication_date(tmp_path: Path, client: Client) -> None:
    records = corpus_records(12)
    corpus = write_corpus(tmp_path / "corpus.jsonl.gz", records)
    out = tmp_path / "out"

    summary = run_batch([str(corpus)], out, client, partition_size=5)

    assert (summary.written, summary.skipped, summary.articles, summary.failures) == (3, 0, 12, 0)
    articles = read_dataset(out, "articles").to_pylist()
    assert sorted(a["article_id"] for a in articles) == sorted(article_ids(records))
    by_id = {a["article_id"]: a for a in articles}
    for record, aid in zip(records, article_ids(records), strict=True):
        expected = date.fromisoformat(record["published"]) if record["published"] else None
        assert by_id[aid]["published"] == expected
        assert by_id[aid]["title"] == record["title"]
    assert (out / "articles" / f"published={NULL_PARTITION}").is_dir()
    assert (out / "articles" / "published=2024-03-02").is_dir()
    # Every record table carries the article's date too, from its directory.
    entities = read_dataset(out, "entities").to_pylist()
    assert {e["article_id"] for e in entities} <= set(by_id)
    assert all(e["published"] == by_id[e["article_id"]]["published"] for e in entities)
    assert any(row["name"] == "Leeds" for row in entities)
    assert len(read_dataset(out, "attributions")) > 0
    entries = manifest_lines(out)
    assert entries[0]["partition_size"] == 5
    assert sorted(e["articles"] for e in entries[1:]) == [2, 5, 5]
    assert not list(out.rglob(".*.tmp"))


def test_a_rerun_skips_done_partitions_and_redoes_only_the_unrecorded_one(
    tmp_path: Path, client: Client
) -> None:
    records = corpus_records(12)
    corpus = write_corpus(tmp_path / "corpus.jsonl.gz", records)
    out = tmp_path / "out"
    run_batch([str(corpus)], out, client, partition_size=5)
    first = dataset_rows(out)

    again = run_batch([str(corpus)], out, client, partition_size=5)
    assert (again.written, again.skipped) == (0, 3)

    # A crash after a partition's files were renamed but before its manifest line: the line is gone, the
    # files are there. The next run does that partition again, over the same file names.
    lines = (out / MANIFEST_NAME).read_text().splitlines(keepends=True)
    (out / MANIFEST_NAME).write_text("".join(lines[:-1]))
    resumed = run_batch([str(corpus)], out, client, partition_size=5)
    assert (resumed.written, resumed.skipped) == (1, 2)
    assert dataset_rows(out) == first


def test_resuming_with_another_partition_size_is_refused(tmp_path: Path, client: Client) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl.gz", corpus_records(3))
    run_batch([str(corpus)], tmp_path / "out", client, partition_size=2)
    with pytest.raises(ManifestMismatch, match="partitions of 2 articles, not 3"):
        run_batch([str(corpus)], tmp_path / "out", client, partition_size=3)


def test_partition_ids_depend_on_the_input_and_position_not_on_the_way_it_was_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl.gz", corpus_records(7))
    absolute = [p.id for p in plan_partitions([str(corpus)], 3)]
    monkeypatch.chdir(tmp_path)
    relative = [p.id for p in plan_partitions(["corpus.jsonl.gz"], 3)]
    assert absolute == relative
    assert len(set(absolute)) == 3
    assert [p.id for p in plan_partitions([str(corpus)], 2)] != absolute[:4]


class BreaksOnPoison:
    """A real component that raises on one text, standing in for a bug meeting an odd article."""

    def __call__(self, doc: Doc) -> Doc:
        if "poison pill" in doc.text:
            raise ValueError("cannot read this text")
        return doc


@Language.factory("test_batch_breaks_on_poison")
def make_breaker(nlp: Language, name: str) -> BreaksOnPoison:
    return BreaksOnPoison()


@pytest.fixture
def breaking_pipeline() -> Iterator[Language]:
    nlp = load_pipeline()
    nlp.add_pipe("test_batch_breaks_on_poison")
    yield nlp
    nlp.remove_pipe("test_batch_breaks_on_poison")


@pytest.mark.usefixtures("breaking_pipeline")
def test_bad_articles_go_to_the_failures_dataset_and_their_partition_completes(
    tmp_path: Path, client: Client
) -> None:
    records = corpus_records(8)
    records[2] = {
        "text": "Officials said the poison pill article would break a component on Tuesday.",
        "published": "2024-03-02",
    }
    broken_line = '{"text": "The line ends before its closing quote'
    corpus = write_corpus(tmp_path / "corpus.jsonl.gz", records, extra_lines=[broken_line])
    out = tmp_path / "out"

    summary = run_batch([str(corpus)], out, client, partition_size=4)

    assert summary.lost == {}
    assert (summary.articles, summary.failures) == (7, 2)
    failures = {f["stage"]: f for f in read_dataset(out, FAILURES).to_pylist()}
    poison = failures["analysis"]
    assert poison["source"] == f"{corpus}:4"
    assert poison["article_id"] == article_ids(records)[2]
    assert "ValueError: cannot read this text" in poison["reason"]
    assert poison["published"] == date(2024, 3, 2)
    unreadable = failures["read"]
    assert unreadable["source"] == f"{corpus}:3"
    assert "not valid JSON" in unreadable["reason"]
    # A failure without a date is under a folder named for it, not Hive's null partition.
    assert unreadable["published"] is None
    folders = sorted(p.name for p in (out / FAILURES).iterdir())
    assert folders == ["published=2024-03-02", UNDATED_FAILURES]
    # The poisoned article's partition is done, with its other articles written.
    written = {a["article_id"] for a in read_dataset(out, "articles").to_pylist()}
    assert written == set(article_ids(records)) - {article_ids(records)[2]}
    entries = sorted(manifest_lines(out)[1:], key=lambda e: e["index"])
    assert [(e["articles"], e["failures"]) for e in entries] == [(2, 2), (4, 0), (1, 0)]


def test_the_batch_command_writes_parquet_and_ingests_into_the_ledger(tmp_path: Path, client: Client) -> None:
    records = corpus_records(6)
    corpus = write_corpus(tmp_path / "corpus.jsonl.gz", records, extra_lines=["not json at all"])
    out = tmp_path / "out"
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    args = ["batch", str(corpus), "--out", str(out), "--partition-size", "4", "--db", db]
    scheduler = client.scheduler_info()["address"]

    result = CliRunner().invoke(app, [*args, "--scheduler", scheduler])

    assert result.exit_code == 0, result.output
    assert "2 partitions written (6 articles, 1 failure in" in result.output
    assert "dashboard:" not in result.output  # bokeh, which serves it, is not installed
    assert sorted(read_dataset(out, "articles").column("article_id").to_pylist()) == sorted(article_ids(records))
    with open_store(db) as store:
        for aid in article_ids(records):
            stored = store.analysis(aid)
            assert stored is not None and stored.article.id == aid
        assert [f.source for f in queries.failures(store)] == [f"{corpus}:3"]

    again = CliRunner().invoke(app, [*args, "--scheduler", scheduler])
    assert again.exit_code == 0, again.output
    assert "0 partitions written (0 articles, 0 failures" in again.output
    assert "2 already done" in again.output
