"""Score time expressions against TempEval-3 gold, the way the official TE3 toolkit reports them.

The gold is JSONL, one document a line: ``doc_id``, ``dct`` (the document creation time, used as the
publication date), ``text`` and ``timex`` (``span`` ``[start, end)``, ``text``, ``type``, ``value``,
``mod``, ...). Each document goes through the pipeline with ``doc._.published = dct``.

- strict span P/R/F1: a prediction matches a gold expression with exactly the same offsets;
- relaxed span P/R/F1: predictions and gold expressions that overlap are paired one to one (largest
  overlap first);
- type and value accuracy: the share of relaxed pairs whose type (value) is the same string;
- type and value F1: relaxed F1 times that accuracy, which is what TE3 calls attribute F1 (attribute
  precision and recall are accuracy times relaxed precision and recall).

Every miss, false alarm and wrong type or value is kept in ``TimeScores.errors`` for error analysis;
:func:`write_errors` writes them out with their context.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from rich.table import Table
from spacy.language import Language

from newsledger.evaluate.gold_files import Half, jsonl_records
from newsledger.evaluate.metrics import f1, ratio
from newsledger.nlp.pipeline import make_doc
from newsledger.nlp.times import time_refs
from newsledger.records import TimeRef

ErrorKind = Literal["miss", "false_alarm", "wrong_type", "wrong_value"]
CONTEXT_CHARS = 60


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 of a TempEval document."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None


@dataclass(frozen=True)
class TempEvalDocument:
    doc_id: str
    dct: date
    text: str
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True)
class TimeError:
    """One disagreement with the gold, with enough context to see why."""

    kind: ErrorKind
    doc_id: str
    dct: date
    gold: GoldTimex | None
    predicted: TimeRef | None
    context: str

    def describe(self) -> str:
        gold = f"{self.gold.text!r} {self.gold.type} {self.gold.value}" if self.gold else "-"
        found = (f"{self.predicted.span.text!r} {self.predicted.type} {self.predicted.value}"
                 if self.predicted else "-")
        return f"{self.kind}\t{self.doc_id}\t{self.dct}\tgold: {gold}\tfound: {found}\t…{self.context}…"


@dataclass
class TimeScores:
    """Counts over a gold file, and the TE3 figures computed from them."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    seconds: float = 0.0
    errors: list[TimeError] = field(default_factory=list)

    def add(self, other: TimeScores) -> None:
        """Accumulate another document's (or file's) counts into this one."""
        for name in ("documents", "gold", "predicted", "strict", "relaxed", "type_correct", "value_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds
        self.errors.extend(other.errors)

    @property
    def strict_precision(self) -> float:
        return ratio(self.strict, self.predicted)

    @property
    def strict_recall(self) -> float:
        return ratio(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        return f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return ratio(self.relaxed, self.predicted)

    @property
    def relaxed_recall(self) -> float:
        return ratio(self.relaxed, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def type_accuracy(self) -> float:
        return ratio(self.type_correct, self.relaxed)

    @property
    def value_accuracy(self) -> float:
        return ratio(self.value_correct, self.relaxed)

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy

    def table(self) -> Table:
        """The figures as a rich table, in percent, with the counts they come from."""
        table = Table(title=f"TempEval-3 times: {self.documents} documents, {self.gold} gold, "
                            f"{self.predicted} found, {self.seconds:.1f} s")
        for column in ("measure", "P", "R", "F1", "accuracy"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        strict = _percents(self.strict_precision, self.strict_recall, self.strict_f1)
        relaxed = _percents(self.relaxed_precision, self.relaxed_recall, self.relaxed_f1)
        table.add_row("strict span", *strict, "")
        table.add_row("relaxed span", *relaxed, "")
        table.add_row("type", "", "", f"{100 * self.type_f1:.1f}", f"{100 * self.type_accuracy:.1f}")
        table.add_row("value", "", "", f"{100 * self.value_f1:.1f}", f"{100 * self.value_accuracy:.1f}")
        return table


def _percents(*figures: float) -> tuple[str, ...]:
    return tuple(f"{100 * figure:.1f}" for figure in figures)


def read_tempeval(path: Path, half: Half | None = None) -> Iterator[TempEvalDocument]:
    """The documents of a TempEval-3 JSONL file (of one half, if given), in file order."""
    for _, record in jsonl_records(path, half):
        yield _document(record)


def _document(record: dict[str, Any]) -> TempEvalDocument:
    timexes = tuple(
        GoldTimex(start=t["span"][0], end=t["span"][1], text=t["text"], type=t["type"],
                  value=t.get("value"), mod=t.get("mod"))
        for t in record["timex"]
    )
    return TempEvalDocument(record["doc_id"], date.fromisoformat(record["dct"][:10]), record["text"], timexes)


def relaxed_pairs(gold: tuple[GoldTimex, ...], found: list[TimeRef]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, found index)`` of overlapping spans, largest overlap first."""
    candidates = []
    for g, expected in enumerate(gold):
        for f, ref in enumerate(found):
            overlap = min(expected.end, ref.span.end) - max(expected.start, ref.span.start)
            if overlap > 0:
                candidates.append((-overlap, g, f))
    pairs, used_gold, used_found = [], set(), set()
    for _, g, f in sorted(candidates):
        if g not in used_gold and f not in used_found:
            pairs.append((g, f))
            used_gold.add(g)
            used_found.add(f)
    return sorted(pairs)


def score_document(document: TempEvalDocument, found: list[TimeRef]) -> TimeScores:
    """Counts and errors of one document's predictions against its gold."""
    gold = document.timexes
    scores = TimeScores(documents=1, gold=len(gold), predicted=len(found))
    exact = {(t.start, t.end) for t in gold}
    scores.strict = sum((ref.span.start, ref.span.end) in exact for ref in found)
    pairs = relaxed_pairs(gold, found)
    scores.relaxed = len(pairs)

    def error(kind: ErrorKind, expected: GoldTimex | None, ref: TimeRef | None) -> TimeError:
        start = expected.start if expected else ref.span.start if ref else 0
        end = expected.end if expected else ref.span.end if ref else 0
        context = document.text[max(0, start - CONTEXT_CHARS):end + CONTEXT_CHARS].replace("\n", " ")
        return TimeError(kind, document.doc_id, document.dct, expected, ref, context)

    for g, f in pairs:
        expected, ref = gold[g], found[f]
        scores.type_correct += ref.type == expected.type
        scores.value_correct += ref.value == expected.value
        if ref.value != expected.value:
            scores.errors.append(error("wrong_value", expected, ref))
        elif ref.type != expected.type:
            scores.errors.append(error("wrong_type", expected, ref))
    paired_gold = {g for g, _ in pairs}
    paired_found = {f for _, f in pairs}
    scores.errors.extend(error("miss", t, None) for g, t in enumerate(gold) if g not in paired_gold)
    scores.errors.extend(error("false_alarm", None, r) for f, r in enumerate(found) if f not in paired_found)
    return scores


def score_file(
    path: Path, nlp: Language, *, half: Half | None = None, batch_size: int = 16
) -> TimeScores:
    """Run ``nlp`` over every document of a TempEval-3 JSONL file and score its time expressions.

    ``seconds`` is the wall time of the whole run, pipeline included.
    """
    started = time.perf_counter()
    documents = list(read_tempeval(path, half))
    docs = (make_doc(nlp, document.text, document.dct) for document in documents)
    total = TimeScores()
    for document, doc in zip(documents, nlp.pipe(docs, batch_size=batch_size), strict=True):
        total.add(score_document(document, time_refs(doc)))
    total.seconds = time.perf_counter() - started
    return total


def error_lines(scores: TimeScores, kinds: tuple[ErrorKind, ...] | None = None) -> Iterator[str]:
    """One tab-separated line per error, grouped by kind (misses, false alarms, wrong values, types)."""
    order: tuple[ErrorKind, ...] = kinds or ("miss", "false_alarm", "wrong_value", "wrong_type")
    for kind in order:
        for item in scores.errors:
            if item.kind == kind:
                yield item.describe()


def write_errors(scores: TimeScores, path: Path) -> None:
    """Write :func:`error_lines` to a file, for a developer's error analysis."""
    path.write_text("".join(f"{line}\n" for line in error_lines(scores)), encoding="utf-8")
