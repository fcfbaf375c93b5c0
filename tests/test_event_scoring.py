"""Scoring events on a dev set: the untuned half without the sentences the other set's tuned half repeats."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language

from newsledger.evaluate.events import evaluate_events
from newsledger.evaluate.gold_files import Half, half_of


def ids_of_half(half: Half, count: int, prefix: str) -> list[str]:
    ids = (f"{prefix}-{n}" for n in range(1000))
    return [i for i in ids if half_of(i) == half][:count]


def write_cameo(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = [json.dumps({"id": i, "text": text, "events": [{"cameo_code": code}]}) for i, text, code in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_sentences_repeated_in_the_other_sets_tuned_half_are_left_out(tmp_path: Path, nlp: Language) -> None:
    mine_b = ids_of_half("b", 2, "mine")
    other_a, other_b = ids_of_half("a", 1, "other"), ids_of_half("b", 1, "other")
    scored = write_cameo(
        tmp_path / "scored.jsonl",
        [
            (mine_b[0], "Kenya accused Somalia of harbouring militants on Monday.", "112"),
            (mine_b[1], "Japan donated medical supplies to Sri Lanka.", "073"),
        ],
    )
    other = write_cameo(
        tmp_path / "other.jsonl",
        [
            (other_a[0], "Kenya accused Somalia of harbouring militants on Monday", "112"),
            (other_b[0], "Japan donated medical supplies to Sri Lanka.", "073"),
        ],
    )
    everything = evaluate_events(scored, nlp, half="b")
    honest = evaluate_events(scored, nlp, half="b", without_tuned=other)
    assert (everything.sentences, everything.left_out) == (2, 0)
    # Only the repeat of the other set's half a (its tuned half when b is reported) is left out.
    assert (honest.sentences, honest.left_out) == (1, 1)
    assert honest.gold_types == ["AID"]
