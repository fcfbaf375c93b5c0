"""`newsledger evaluate linking` on a small corpus in the ECB+ format, written here for the test."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.evaluate.linking import analyse, evaluate_linking_file
from tests.test_corpus_stories import LOMBOK, VICTORIA

# Mentions to annotate: (words, kind, chain). Each occurrence of the words in a text is a gold mention.
GOLD = [
    ("Yusuf Latif", "entity", "latif"),
    ("Basarnas", "entity", "basarnas"),
    ("Adam Malima", "entity", "malima"),
    ("Lake Victoria", "entity", "lake-victoria"),
    ("capsized", "event", "lombok-sinking"),
    ("sinking", "event", "lombok-sinking"),
    ("overturned", "event", "victoria-sinking"),
    ("sank", "event", "victoria-sinking"),
]


def record(doc_id: str, subtopic: str, text: str) -> dict[str, Any]:
    mentions: list[dict[str, Any]] = []
    for words, kind, chain in GOLD:
        for match in re.finditer(re.escape(words), text):
            mentions.append(
                {
                    "m_id": str(len(mentions) + 1),
                    "span": [match.start(), match.end()],
                    "text": words,
                    "kind": kind,
                    "type": "ACTION_OCCURRENCE" if kind == "event" else "HUMAN_PART_PER",
                    "chain": chain,
                    "intra_chain": None,
                    "sent": 1,
                    "in_annotated_sent": True,
                    "t_ids": [],
                }
            )
    return {
        "doc_id": doc_id,
        "topic": 1,
        "subtopic": subtopic,
        "url": None,
        "text": text,
        "sentences": [[1, 0, len(text)]],
        "annotated_sentences": [1],
        "mentions": mentions,
    }


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ecb") / "mini.jsonl"
    records = [record(f"1_{i}ecb", "1_ecb", t) for i, t in enumerate(LOMBOK, 1)]
    records += [record(f"1_{i}ecbplus", "1_ecbplus", t) for i, t in enumerate(VICTORIA, 1)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_stories_scored_against_sub_topics(gold_file: Path) -> None:
    evaluation = evaluate_linking_file(gold_file, seed=3, analyse=analyse)
    report = evaluation.story_report
    assert report.identical
    ours = {(r.name, r.level): r for r in report.rows}
    assert ours[("newsledger", "sub-topic (story)")].f1 == pytest.approx(1.0)
    # Both sub-topics are one topic, so at topic level two clusters lose recall.
    assert ours[("newsledger", "topic")].recall < 1.0
    assert len(evaluation.coreference) == 2


def test_command_writes_the_stories(gold_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "stories.json"
    result = CliRunner().invoke(app, ["evaluate", "linking", str(gold_file), "--clusters-out", str(out)])
    assert result.exit_code == 0, result.output
    assert "identical stories" in result.output
    stories = json.loads(out.read_text())
    assert len(set(stories.values())) == 2
    assert stories["1_1ecb"] == stories["1_3ecb"] != stories["1_1ecbplus"]
