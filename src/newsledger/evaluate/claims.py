"""Score claim status and check-worthiness on a labelled set (``newsledger evaluate claims [PATH]``).

The set is JSON lines, one item per line::

    {"id": "deni-03", "text": "The company rejected claims that it had paid bribes.",
     "claim": "it had paid bribes", "status": "denied", "checkworthy": 1}

``text`` is one to three sentences (a status may come from a later one); ``claim`` is a piece of the claim
being scored; ``checkworthy`` (0 or 1, optional) labels whether it is worth checking. Each text goes through
the whole pipeline, and the claim scored is the one whose text contains ``claim`` — the seed gold's rule
(the shortest such claim when several do; none is a miss, scored as wrong). Reported: accuracy per status, a
confusion matrix, and the precision at 10 of the claims ranked by check-worthiness.

``LABELLED_SET`` is the set written for newsledger (8 statuses × 18 sentences, none taken from the seed or a
corpus); it ships with the package so the command works without a checkout.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rich.table import Table
from spacy.language import Language

from newsledger.errors import MalformedInput
from newsledger.evaluate.gold_files import jsonl_records
from newsledger.evaluate.metrics import ratio
from newsledger.evaluate.seed import claim_containing
from newsledger.nlp.attribution import attribution_records
from newsledger.nlp.claims import claim_records
from newsledger.nlp.claims.lexicon import STATUSES
from newsledger.nlp.entities import entity_records
from newsledger.nlp.pipeline import make_doc
from newsledger.nlp.times import time_refs
from newsledger.records import Claim, ClaimStatus

LABELLED_SET = Path(str(resources.files("newsledger.evaluate").joinpath("data", "claims_labelled.jsonl")))
MISSING = "(no claim)"
RANK_CUTOFF = 10


@dataclass(frozen=True)
class LabelledClaim:
    id: str
    text: str
    claim: str
    status: ClaimStatus
    checkworthy: int | None


@dataclass(frozen=True)
class ScoredClaim:
    """One labelled item and what newsledger made of it."""

    item: LabelledClaim
    found: Claim | None

    @property
    def predicted(self) -> str:
        return self.found.status if self.found else MISSING

    @property
    def right(self) -> bool:
        return self.predicted == self.item.status

    @property
    def score(self) -> float:
        return self.found.checkworthiness if self.found else 0.0


@dataclass(frozen=True)
class ClaimScores:
    results: list[ScoredClaim]

    @property
    def accuracy(self) -> float:
        return ratio(sum(r.right for r in self.results), len(self.results))

    def per_status(self) -> dict[str, tuple[int, int]]:
        """Status -> (right, labelled)."""
        counts: dict[str, tuple[int, int]] = {status: (0, 0) for status in STATUSES}
        for r in self.results:
            right, total = counts[r.item.status]
            counts[r.item.status] = (right + r.right, total + 1)
        return counts

    def precision_at(self, k: int = RANK_CUTOFF) -> float:
        """Share of check-worthy items among the k ranked highest (labelled items; ties in file order)."""
        labelled = [r for r in self.results if r.item.checkworthy is not None]
        ranked = sorted(labelled, key=lambda r: -r.score)[:k]
        return ratio(sum(r.item.checkworthy or 0 for r in ranked), len(ranked))

    def base_rate(self) -> float:
        labelled = [r.item.checkworthy for r in self.results if r.item.checkworthy is not None]
        return ratio(sum(v or 0 for v in labelled), len(labelled))

    def status_table(self) -> Table:
        table = Table(title="Claim status, per gold status", title_justify="left")
        for column in ("status", "labelled", "right", "accuracy"):
            table.add_column(column, justify="left" if column == "status" else "right")
        for status, (right, total) in self.per_status().items():
            table.add_row(status, str(total), str(right), f"{ratio(right, total):.1%}")
        right = sum(r.right for r in self.results)
        table.add_row("all", str(len(self.results)), str(right), f"{self.accuracy:.1%}", style="bold")
        return table

    def confusion_table(self) -> Table:
        predicted = [*STATUSES, MISSING]
        table = Table(title="Confusion (rows gold, columns predicted)", title_justify="left")
        table.add_column("gold \\ predicted")
        for status in predicted:
            table.add_column(_abbreviation(status), justify="right")
        cells = Counter((r.item.status, r.predicted) for r in self.results)
        for gold in STATUSES:
            table.add_row(gold, *[_cell(cells[(gold, p)], gold == p) for p in predicted])
        return table

    def ranking_table(self, k: int = RANK_CUTOFF) -> Table:
        table = Table(
            title=f"Check-worthiness: precision at {k} = {self.precision_at(k):.0%} "
            f"(base rate {self.base_rate():.0%})",
            title_justify="left",
        )
        for column in ("rank", "score", "label", "claim"):
            table.add_column(column, justify="left" if column == "claim" else "right")
        labelled = [r for r in self.results if r.item.checkworthy is not None]
        for rank, r in enumerate(sorted(labelled, key=lambda r: -r.score)[:k], start=1):
            text = r.found.span.text if r.found else r.item.claim
            table.add_row(str(rank), f"{r.score:.2f}", str(r.item.checkworthy), text)
        return table

    def tables(self) -> list[Table]:
        return [self.status_table(), self.confusion_table(), self.ranking_table()]

    def errors(self) -> list[str]:
        return [
            f"{r.item.id}: {r.item.status} expected, got {r.predicted}"
            + (f" {[c.text for c in r.found.status_cues]} on {r.found.span.text!r}" if r.found else "")
            for r in self.results
            if not r.right
        ]


def _abbreviation(status: str) -> str:
    return {"unattributed_opinion": "opinion", "unconfirmed": "unconf."}.get(status, status)


def _cell(count: int, diagonal: bool) -> str:
    if not count:
        return "·"
    return f"[bold]{count}[/bold]" if diagonal else str(count)


def read_labelled(path: Path) -> list[LabelledClaim]:
    """The labelled items of a JSONL file; a malformed line raises :class:`MalformedInput` naming it."""
    return [_item(record, where) for where, record in jsonl_records(path)]


def _item(raw: dict[str, Any], where: str) -> LabelledClaim:
    status = raw.get("status")
    if status not in STATUSES:
        raise MalformedInput(where, f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    text, claim = raw.get("text"), raw.get("claim")
    if not isinstance(text, str) or not isinstance(claim, str) or _norm(claim) not in _norm(text):
        raise MalformedInput(where, "'claim' must be a piece of 'text'")
    checkworthy = raw.get("checkworthy")
    if checkworthy not in (None, 0, 1):
        raise MalformedInput(where, "'checkworthy' must be 0 or 1")
    return LabelledClaim(str(raw.get("id", where)), text, claim, status, checkworthy)


def _norm(text: str) -> str:
    return text.replace("’", "'").casefold()


def evaluate_claims(path: Path, nlp: Language, *, batch_size: int = 32) -> ClaimScores:
    """Run the pipeline ``nlp`` over every item of a labelled set and score its claims."""
    items = read_labelled(path)
    docs = nlp.pipe((make_doc(nlp, item.text, None) for item in items), batch_size=batch_size)
    results = []
    for item, doc in zip(items, docs, strict=True):
        attributions = attribution_records(doc, entities=entity_records(doc), times=time_refs(doc))
        claims = claim_records(doc, attributions=attributions)
        results.append(ScoredClaim(item, claim_containing(claims, item.claim)))
    return ClaimScores(results)
