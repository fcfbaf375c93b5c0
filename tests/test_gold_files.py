"""Dev sets split in two halves by document, for tuning on one and reporting the other."""

from __future__ import annotations

import json
from pathlib import Path

from newsledger.evaluate.gold_files import half_of, jsonl_records


def test_gold_halves_partition_the_documents_by_id(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    records = [{"doc_id": f"doc-{n}", "text": "x"} for n in range(200)] + [{"id": "PLOVER-1", "text": "y"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    a = [r for _, r in jsonl_records(path, "a")]
    b = [r for _, r in jsonl_records(path, "b")]
    assert len(a) + len(b) == len(records)
    assert not {json.dumps(r) for r in a} & {json.dumps(r) for r in b}
    assert 70 < len(a) < 130  # a hash, not the first half of the file
    assert [r for _, r in jsonl_records(path)] == records


def test_gold_half_follows_the_id_not_the_position(tmp_path: Path) -> None:
    forward, backward = tmp_path / "f.jsonl", tmp_path / "b.jsonl"
    records = [{"doc_id": f"d{n}"} for n in range(20)]
    forward.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    backward.write_text("".join(json.dumps(r) + "\n" for r in reversed(records)), encoding="utf-8")
    in_a = {r["doc_id"] for _, r in jsonl_records(forward, "a")}
    assert in_a == {r["doc_id"] for _, r in jsonl_records(backward, "a")}
    assert all(half_of(doc_id) == "a" for doc_id in in_a)
