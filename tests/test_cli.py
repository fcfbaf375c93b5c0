"""The command line as a user meets it: real files, real exit codes, one clear line per bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_DIR

SEED = str(SEED_DIR / "article.txt")


def newsledger(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command in a subprocess, as a user would (no in-process shortcuts)."""
    return subprocess.run(
        [sys.executable, "-m", "newsledger.cli", *args],
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


def test_extract_writes_json_with_the_record_sections(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    result = newsledger("extract", SEED, "--published", "2024-11-18", "-o", str(out))
    assert result.returncode == 0, result.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert {"version", "article", "entities", "times"} <= set(record)
    assert record["article"]["published"] == "2024-11-18"
    assert any(e["name"] == "Joe Biden" for e in record["entities"])


def test_extract_text_format_prints_a_summary() -> None:
    result = newsledger("extract", SEED, "--published", "2024-11-18", "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "Entities (" in result.stdout
    assert "Volodymyr Zelensky" in result.stdout
    assert "2024-11-17" in result.stdout


def test_extract_reads_stdin() -> None:
    text = "Poland's President Andrzej Duda visited Kyiv on Monday, his office said."
    result = newsledger("extract", "-", "--published", "2024-11-18", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    assert any(e["name"] == "Andrzej Duda" for e in json.loads(result.stdout)["entities"])


def test_bad_inputs_fail_one_line_each_and_the_rest_is_processed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    russian = tmp_path / "russian.txt"
    russian.write_text(
        "Министерство обороны России заявило в воскресенье, что войска нанесли массированный удар "
        "по объектам энергетики Украины. Президент Украины подтвердил, что целью удара была энергетика.",
        encoding="utf-8",
    )
    missing = tmp_path / "missing.txt"
    result = newsledger("extract", str(empty), SEED, str(binary), str(russian), str(missing), "-f", "json")
    assert result.returncode == 2
    assert_no_traceback(result)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 4, result.stderr
    for path in (empty, binary, russian, missing):
        assert sum(path.name in line for line in errors) == 1, (path.name, errors)
    assert "English" in next(line for line in errors if "russian.txt" in line)
    assert json.loads(result.stdout)["article"]["text"].startswith("US President Joe Biden")


def test_huge_file_is_refused_quickly_with_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NUL bytes without writing them
    result = newsledger("extract", str(huge))
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "huge.txt" in result.stderr
    assert "MB" in result.stderr


def test_html_without_an_article_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>")
    result = newsledger("extract", str(page))
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "menu.html" in result.stderr


def test_bad_published_date_is_a_usage_error() -> None:
    result = newsledger("extract", SEED, "--published", "18/11/2024")
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "YYYY-MM-DD" in result.stderr


def test_schema_prints_json_schema() -> None:
    result = newsledger("schema")
    assert result.returncode == 0
    assert "TimeRef" in json.loads(result.stdout)["$defs"]


def test_evaluate_seed_prints_the_table() -> None:
    result = newsledger("evaluate", "seed", str(SEED_DIR))
    assert result.returncode == 0, result.stderr
    assert "entities" in result.stdout
    assert "times (dated)" in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["evaluate", "--help"]])
def test_help_reads_well(args: list[str]) -> None:
    result = newsledger(*args)
    assert result.returncode == 0
    assert "Usage" in result.stdout


def test_evaluate_attribution_scores_polnear_format_and_the_seed() -> None:
    fixture = REPO / "tests" / "fixtures" / "attribution" / "tiny_polnear.jsonl"
    result = newsledger("evaluate", "attribution", str(fixture))
    assert result.returncode == 0, result.stderr
    assert "content" in result.stdout
    assert "attributions │   16 │    16" in result.stdout
