"""The CLI as a new analyst meets it: options that agree with the README, errors in one line with exit 2,
"no results" said, claims with their source named, tables that keep dates whole, folders read whole."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.cli.common import PIPED_WIDTH, piped_width, stdout
from newsledger.errors import InputError
from newsledger.records import Article
from newsledger.sources import read_inputs
from newsledger.store import open_store

runner = CliRunner()

DEPOT = (
    "Two Ukrainian officials said on Tuesday that Russian drones had hit a fuel depot near Odesa overnight. "
    "The Israeli military said it had intercepted a missile fired from Yemen. "
    "Residents reported a large fire near the port, and the regional governor denied that anyone was killed."
)
HARBOUR_PAGE = (
    "<html><head><title>Harbour reopens</title>"
    '<meta property="article:published_time" content="2025-03-02T08:00:00Z">'
    '<meta property="og:site_name" content="Coast Courier"></head>'
    "<body><article><h1>Harbour reopens</h1>"
    "<p>The harbour authority said ships could dock again after a week of repairs to the main quay.</p>"
    "<p>Fishing crews, who had moved their boats to Whitby, said they would return on Thursday.</p>"
    "</article></body></html>"
)


def invoke(*arguments: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(arguments))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> str:
    """A SQLite ledger holding the depot report, ingested with --url and --title."""
    folder = tmp_path_factory.mktemp("cli")
    source = folder / "depot.txt"
    source.write_text(DEPOT, encoding="utf-8")
    db = str(folder / "ledger.db")
    code, _, err = invoke(
        "ingest", str(source), "--db", db, "--published", "2025-04-08", "--outlet", "Black Sea Desk",
        "--url", "https://desk.example/odesa-depot", "--title", "Drones hit Odesa depot",
    )  # fmt: skip
    assert code == 0, err
    return db


def test_ingest_takes_url_and_title(ledger: str) -> None:
    code, out, _ = invoke("query", "search", "depot", "--db", ledger, "--format", "json")
    assert code == 0
    (hit,) = [h for h in json.loads(out) if h["kind"] == "article"]
    assert hit["title"] == "Drones hit Odesa depot"
    with open_store(ledger) as store:
        analysis = store.analysis(hit["article_id"])
    assert analysis is not None and analysis.article.url == "https://desk.example/odesa-depot"


def test_options_fill_in_what_a_file_does_not_say_unless_told_to_override(tmp_path: Path) -> None:
    page = tmp_path / "harbour.html"
    page.write_text(HARBOUR_PAGE, encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text(DEPOT, encoding="utf-8")

    day, outlet = date(2025, 3, 9), "Typed Outlet"
    filled = [
        a for a in read_inputs([str(page), str(note)], published=day, outlet=outlet) if isinstance(a, Article)
    ]
    assert [(a.published, a.outlet) for a in filled] == [
        (date(2025, 3, 2), "Coast Courier"),  # the page says: kept
        (date(2025, 3, 9), "Typed Outlet"),  # the text file says nothing: filled in
    ]
    replaced = [
        a
        for a in read_inputs([str(page)], published=day, outlet=outlet, override=True)
        if isinstance(a, Article)
    ]
    assert [(a.published, a.outlet) for a in replaced] == [(date(2025, 3, 9), "Typed Outlet")]
    # the id is the text's and its outlet's: replacing the outlet makes it another outlet's article
    assert filled[0].text == replaced[0].text and filled[0].id != replaced[0].id
    assert [a.id for a in (*filled, *replaced)] == [
        Article.make_id(a.text, a.outlet, a.url) for a in (*filled, *replaced)
    ]


def test_a_folder_reads_markdown_and_files_without_extension(tmp_path: Path) -> None:
    (tmp_path / "a-report.md").write_text("# Depot fire\n\n" + DEPOT, encoding="utf-8")
    (tmp_path / "b-report").write_text(DEPOT + " Firefighters worked through the night.", encoding="utf-8")
    (tmp_path / "c-photo.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "README.md").write_text("# Reports\n\nDepot reports saved from the desk.", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Reports licensed for research use only.", encoding="utf-8")
    read = list(read_inputs([str(tmp_path)]))
    assert not [r for r in read if isinstance(r, InputError)]
    assert sorted(Path(str(a.source)).name for a in read if isinstance(a, Article)) == [
        "a-report.md",
        "b-report",
    ]


def test_extract_output_format_follows_the_file_name_not_the_successes(tmp_path: Path, nlp: object) -> None:
    article = tmp_path / "depot.txt"
    article.write_text(DEPOT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = invoke("extract", str(article), str(tmp_path / "missing.txt"), "-o", str(out))
    assert code == 2 and "missing.txt: no such file or directory" in err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["article"]["text"] == DEPOT

    single = tmp_path / "one.jsonl"
    assert invoke("extract", str(article), "-o", str(single))[0] == 0
    assert len(single.read_text(encoding="utf-8").splitlines()) == 1  # still one line, not pretty JSON


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["query", "claims", "--status", "bogus"], "--status 'bogus' is not one of"),
        (["query", "claims", "--source-kind", "aliens"], "--source-kind 'aliens' is not one of"),
        (["query", "claims", "--since", "last week"], "'last week' is not a date"),
        (["query", "events", "--type", "bogus"], "--type 'bogus' is not one of"),
        (["query", "story", "no-such-story"], "no story 'no-such-story'"),
    ],
)
def test_unknown_values_give_one_line_and_exit_2(ledger: str, arguments: list[str], message: str) -> None:
    code, out, err = invoke(*arguments, "--db", ledger)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("newsledger: error: ") and message in err


def test_a_query_of_a_missing_ledger_file_fails_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for arguments in (["query", "claims"], ["query", "events"], ["query", "search", "depot"], ["export", "-o", str(tmp_path)]):
        code, _, err = invoke(*arguments, "--db", str(missing))
        assert code == 2 and f"no ledger at {missing}" in err
    assert not missing.exists()


def test_no_result_is_said(ledger: str) -> None:
    code, out, err = invoke("query", "search", "zzzz", "--db", ledger)
    assert code == 0 and out == "" and "no results" in err
    code, out, _ = invoke("query", "search", "zzzz", "--db", ledger, "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_claims_name_their_source_and_its_kind(ledger: str) -> None:
    code, out, _ = invoke("query", "claims", "--db", ledger, "--format", "json")
    rows = {r["text"]: r for r in json.loads(out)}
    depot = rows["Russian drones had hit a fuel depot near Odesa overnight"]
    assert (depot["source_name"], depot["source_kind"]) == ("Two Ukrainian officials", "anonymous")
    code, out, _ = invoke("query", "claims", "--status", "REPORTED", "--db", ledger)
    assert code == 0
    header = out.splitlines()[0].split()
    assert header[:4] == ["published", "status", "source_kind", "source_name"]
    assert "2025-04-08" in out and "The Israeli" in out and "organization" in out


def test_tables_keep_dates_whole_and_piped_output_honours_columns(
    ledger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert piped_width() == 100
    monkeypatch.setenv("COLUMNS", "")
    assert piped_width() == PIPED_WIDTH
    monkeypatch.setattr(stdout, "width", 100)  # a 100-column terminal
    code, out, _ = invoke("query", "claims", "--db", ledger)
    assert code == 0 and "2025-04-08" in out and "2025-0…" not in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_one_independent_source_is_singular(ledger: str) -> None:
    code, out, _ = invoke("query", "stories", "--db", ledger, "--format", "json")
    (story,) = json.loads(out)
    code, out, _ = invoke("query", "story", story["story_id"], "--db", ledger)
    assert code == 0 and ": 1 independent source\n" in out
