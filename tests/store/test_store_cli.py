"""`newsledger ingest`, `query` and `export` on both databases, through the real command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from tests.store.articles import EL_FASHER, NOT_ENGLISH, RUTTE

runner = CliRunner()


@pytest.fixture
def dispatches(tmp_path: Path) -> Path:
    """A folder as a reporter's desk leaves it: two articles, one in French, one empty, one image."""
    folder = tmp_path / "dispatches"
    folder.mkdir()
    (folder / "01-rutte.txt").write_text(RUTTE.text, encoding="utf-8")
    (folder / "02-el-fasher.jsonl").write_text(
        json.dumps({"text": EL_FASHER.text, "published": "2024-11-22", "url": EL_FASHER.url}) + "\n",
        encoding="utf-8",
    )
    (folder / "03-kharkiv-fr.txt").write_text(NOT_ENGLISH, encoding="utf-8")
    (folder / "04-empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "map.png").write_bytes(b"\x89PNG\r\n")
    return folder


def invoke(*arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, list(arguments))
    return result.exit_code, result.output


def test_ingest_keeps_articles_and_failures_and_a_rerun_changes_nothing(
    dispatches: Path, store_url: str, nlp: object
) -> None:
    code, output = invoke("ingest", str(dispatches), "--db", store_url, "--published", "2024-11-20")
    assert code == 2, output
    assert "2 added, 0 unchanged, 0 new versions, 2 failed" in output
    assert "03-kharkiv-fr.txt" in output  # the reason is printed as it happens

    code, output = invoke("query", "failures", "--db", store_url, "--format", "json")
    failures = json.loads(output)
    assert sorted(Path(f["source"]).name for f in failures) == ["03-kharkiv-fr.txt", "04-empty.txt"]
    assert all(f["reason"] for f in failures)

    code, output = invoke("ingest", str(dispatches), "--db", store_url)
    assert code == 2
    assert "0 added, 2 unchanged, 0 new versions, 2 failed" in output


def test_query_commands_print_table_json_and_csv(dispatches: Path, store_url: str, nlp: object) -> None:
    invoke(
        "ingest", str(dispatches / "01-rutte.txt"), str(dispatches / "02-el-fasher.jsonl"), "--db", store_url
    )

    code, output = invoke("query", "entity", "mark rutte", "--db", store_url, "--format", "json")
    assert code == 0, output
    timeline = json.loads(output)
    assert {item["kind"] for item in timeline} >= {"said", "event"}
    assert all(item["article_id"] and item["text"] for item in timeline)

    code, output = invoke("query", "claims", "--status", "denied", "--db", store_url, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert rows and {row["status"] for row in rows} == {"denied"}
    assert "Rapid Support Forces" in rows[0]["text"]

    code, output = invoke("query", "events", "--country", "SD", "--db", store_url)
    assert code == 0 and "ASSAULT" in output and "El Fasher" in output

    code, output = invoke("query", "search", "air defence", "--db", store_url)
    assert code == 0 and "[air] [defence]" in output

    code, output = invoke("query", "entity", "Rutte", "--db", store_url)
    assert "names that hold it: Mark Rutte (1 article)" in output


def test_export_writes_the_files_it_names(
    dispatches: Path, store_url: str, tmp_path: Path, nlp: object
) -> None:
    invoke("ingest", str(dispatches / "01-rutte.txt"), "--db", store_url)
    code, output = invoke("export", "--format", "parquet", "-o", str(tmp_path / "out"), "--db", store_url)
    assert code == 0, output
    written = [Path(line) for line in output.splitlines()]
    assert Path(tmp_path / "out" / "claims.parquet") in written
    assert all(path.exists() for path in written)
    code, output = invoke("export", "--format", "xlsx", "--db", store_url)
    assert code == 2 and "xlsx" in output


def test_ingest_links_what_it_adds_and_the_ids_lead_to_stories_events_and_claims(
    dispatches: Path, store_url: str, nlp: object
) -> None:
    code, output = invoke("ingest", str(dispatches / "01-rutte.txt"), "--db", store_url, "--no-link")
    assert code == 0 and "1 added" in output and "linked" not in output
    code, output = invoke("query", "stories", "--db", store_url, "--format", "json")
    assert code == 0 and json.loads(output) == []  # not linked: in no story yet
    code, output = invoke("query", "events", "--db", store_url, "--format", "json")
    assert {row["linked_event_id"] for row in json.loads(output)} == {None}

    # The next ingest links what it adds, and what an earlier run left unlinked.
    code, output = invoke("ingest", str(dispatches / "02-el-fasher.jsonl"), "--db", store_url)
    assert code == 0 and "1 added, 0 unchanged, 0 new versions, 0 failed, 2 linked" in output
    code, output = invoke("link", "--db", store_url)
    assert code == 0 and "0 linked" in output

    code, output = invoke("query", "stories", "--db", store_url, "--format", "json")
    stories = json.loads(output)
    assert len(stories) == 2 and all(s["articles"] == s["independent_sources"] == 1 for s in stories)
    code, output = invoke("query", "stories", "--db", store_url)
    assert all(s["story_id"] in output for s in stories)

    code, output = invoke("query", "events", "--country", "SD", "--db", store_url, "--format", "json")
    rows = json.loads(output)
    assert rows and all(r["linked_event_id"] and r["independent_sources"] == 1 for r in rows)
    code, output = invoke("query", "events", "--country", "SD", "--db", store_url)
    assert rows[0]["linked_event_id"] in output  # the table prints the id whole, to be copied
    code, output = invoke("query", "event", rows[0]["linked_event_id"], "--tellings", "--db", store_url)
    assert code == 0 and f"story {rows[0]['story_id']}" in output
    assert "corroborated by 1 independent sources" in output and "affirms" in output
    code, output = invoke(
        "query", "event", rows[0]["linked_event_id"], "--tellings", "--db", store_url, "--format", "json"
    )
    told = json.loads(output)
    assert told and all({"outlet", "source_name", "stance", "casualties"} <= set(t) for t in told)

    code, output = invoke("query", "claims", "--status", "denied", "--db", store_url, "--format", "json")
    denied = json.loads(output)[0]
    code, output = invoke("query", "claim", denied["linked_claim_id"], "--history", "--db", store_url)
    assert code == 0 and "denied" in output and denied["linked_claim_id"] in output
