"""The TempEval-3 scorer: counts on hand-built predictions, then a run of the pipeline on a tiny gold file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from newsledger.evaluate.tempeval import (
    GoldTimex,
    TempEvalDocument,
    TimeScores,
    error_lines,
    read_tempeval,
    relaxed_pairs,
    score_document,
    score_file,
    write_errors,
)
from newsledger.records import Span, TimeRef

from .conftest import FIXTURES

TINY = FIXTURES / "tempeval" / "tiny.jsonl"
TEXT = "Talks began on Friday, 15 November and lasted the whole weekend; they resume next month."
DOCUMENT = TempEvalDocument(
    doc_id="d1",
    dct=date(2024, 11, 18),
    text=TEXT,
    timexes=(
        GoldTimex(15, 21, "Friday", "DATE", "2024-11-15"),
        GoldTimex(23, 34, "15 November", "DATE", "2024-11-15"),
        GoldTimex(46, 63, "the whole weekend", "DURATION", "P2D"),
        GoldTimex(77, 87, "next month", "DATE", "2024-12"),
    ),
)


def ref(number: int, needle: str, type_: str, value: str | None) -> TimeRef:
    start = TEXT.index(needle)
    return TimeRef(id=f"t{number}", span=Span(start=start, end=start + len(needle), text=needle), type=type_,
                   value=value, relative=True, anchor=date(2024, 11, 18))


PREDICTED = [
    ref(1, "Friday, 15 November", "DATE", "2024-11-15"),  # overlaps two gold: pairs with one only
    ref(2, "weekend", "DATE", "2024-W46-WE"),  # relaxed match, wrong type and value
    ref(3, "next month", "DATE", "2024-12"),  # exact
    ref(4, "Talks", "DATE", None),  # false alarm
]


def test_counts_follow_te3_rules() -> None:
    scores = score_document(DOCUMENT, PREDICTED)
    assert (scores.gold, scores.predicted, scores.strict, scores.relaxed) == (4, 4, 1, 3)
    assert (scores.type_correct, scores.value_correct) == (2, 2)
    assert scores.relaxed_precision == pytest.approx(0.75)
    assert scores.relaxed_f1 == pytest.approx(0.75)
    assert scores.value_accuracy == pytest.approx(2 / 3)
    assert scores.value_f1 == pytest.approx(0.75 * 2 / 3)
    assert scores.type_f1 == pytest.approx(0.5)
    kinds = sorted(error.kind for error in scores.errors)
    assert kinds == ["false_alarm", "miss", "wrong_value"]


def test_relaxed_pairs_are_one_to_one_largest_overlap_first() -> None:
    assert relaxed_pairs(DOCUMENT.timexes, PREDICTED) == [(1, 0), (2, 1), (3, 2)]


def test_no_predictions_scores_zero_without_dividing_by_zero() -> None:
    scores = score_document(DOCUMENT, [])
    assert (scores.relaxed_f1, scores.value_f1, scores.strict_precision) == (0.0, 0.0, 0.0)
    assert [error.kind for error in scores.errors] == ["miss"] * 4


def test_scores_add_up() -> None:
    total = TimeScores()
    total.add(score_document(DOCUMENT, PREDICTED))
    total.add(score_document(DOCUMENT, PREDICTED))
    assert (total.documents, total.gold, total.relaxed, len(total.errors)) == (2, 8, 6, 6)


def test_reads_the_jsonl_format() -> None:
    documents = list(read_tempeval(TINY))
    assert [d.doc_id for d in documents] == ["wire-1", "wire-2"]
    for document in documents:
        for timex in document.timexes:
            assert document.text[timex.start:timex.end] == timex.text


def test_score_file_runs_the_pipeline(nlp: Language, tmp_path: Path) -> None:
    scores = score_file(TINY, nlp)
    assert (scores.documents, scores.gold) == (2, 6)
    assert scores.relaxed == scores.value_correct == 6, list(error_lines(scores))
    assert scores.value_f1 == pytest.approx(1.0)
    assert scores.seconds > 0
    assert scores.table().row_count == 4
    path = tmp_path / "errors.tsv"
    write_errors(scores, path)
    assert path.read_text(encoding="utf-8") == ""


def test_error_lines_name_the_kind_document_and_both_readings() -> None:
    lines = list(error_lines(score_document(DOCUMENT, PREDICTED)))
    assert lines[0].startswith("miss\td1\t2024-11-18\tgold: 'Friday' DATE 2024-11-15\tfound: -")
    assert any(line.startswith("wrong_value") and "'weekend' DATE 2024-W46-WE" in line for line in lines)
