"""The toll of one event across its tellings: per outcome the latest and the highest figure, who gives
each, and the figures that disagree.

A strike told over two days gives 12 killed (the wire), at least 11 (another outlet), 15 (the next day's
update): the ledger's current toll is the latest figure, 15, from the update; the highest is shown beside
it because a later telling may carry an older or a partial figure. A subset ("including three
children", ``Quantity.part_of``) is never a toll. Figures that differ are flagged as one line per outcome,
"11 / 12 / 15 killed", or, when the tellings count different people, by source: "Russian Defence
Ministry: 0 civilians; Serhiy Lysak: 3 workers killed". A figure taken back (a telling that "retracts": the
outlet's correction of its earlier version, a source withdrawing its statement) is never the toll; it stays
in the disagreement line, marked "withdrawn". Pure functions of plain data: the store feeds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

UNCOUNTED_STANCES = frozenset({"denies", "retracts"})
"""Tellings whose figures are not the toll: a denial's own account, and a figure taken back."""


@dataclass(frozen=True)
class Figure:
    """One casualty figure as a telling gives it."""

    value: float
    qualifier: str
    outcome: str
    victims: str | None
    text: str
    part_of: str | None = None


@dataclass(frozen=True)
class GivenFigure:
    """A figure with who gives it and when."""

    figure: Figure
    by: str
    published: date | None
    stance: str | None


@dataclass(frozen=True)
class Toll:
    """The current toll for one outcome (killed, injured, ...) with its provenance."""

    outcome: str
    latest: float
    latest_by: str
    latest_published: date | None
    highest: float
    highest_by: str
    figures: tuple[float, ...]
    disagreement: str | None


def number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def tolls(given: Iterable[GivenFigure]) -> list[Toll]:
    """One :class:`Toll` per outcome, killed first; subsets and figures of denying or retracting tellings
    are left out of the toll (they still show in their telling and in the disagreement). An outcome whose
    only figures were taken back has no toll."""
    by_outcome: dict[str, list[GivenFigure]] = {}
    for item in given:
        if item.figure.part_of is None:
            by_outcome.setdefault(item.figure.outcome, []).append(item)
    found = []
    for outcome, items in by_outcome.items():
        counted = [i for i in items if i.stance not in UNCOUNTED_STANCES] or [
            i for i in items if i.stance != "retracts"
        ]
        if not counted:
            continue
        latest = max(counted, key=lambda i: (i.published or date.min, i.figure.value))
        highest = max(counted, key=lambda i: (i.figure.value, i.published or date.min))
        found.append(
            Toll(
                outcome=outcome,
                latest=latest.figure.value,
                latest_by=latest.by,
                latest_published=latest.published,
                highest=highest.figure.value,
                highest_by=highest.by,
                figures=tuple(sorted({i.figure.value for i in items})),
                disagreement=disagreement(outcome, items),
            )
        )
    order = ["killed", "injured", "missing"]
    found.sort(key=lambda t: (order.index(t.outcome) if t.outcome in order else len(order), t.outcome))
    return found


def disagreement(outcome: str, items: list[GivenFigure]) -> str | None:
    """ "11 / 12 / 15 killed", or by source when they count different people; ``None`` if all agree.

    Figures taken back follow as "; withdrawn: 30 (An earlier version of this article)", so a reader sees
    both the figure that was superseded and who gave it."""
    standing = [i for i in items if i.stance != "retracts"]
    withdrawn = [i for i in items if i.stance == "retracts"]
    values = sorted({i.figure.value for i in items})
    if len(values) < 2:
        return None
    line = _standing_line(outcome, standing)
    if not withdrawn:
        return line
    taken_back = "; ".join(
        dict.fromkeys(f"{number(i.figure.value)} ({i.by})" for i in sorted(withdrawn, key=_when))
    )
    if line is None:
        line = " / ".join(number(v) for v in sorted({i.figure.value for i in standing})) or "none"
        line += f" {outcome}"
    return f"{line}; withdrawn: {taken_back}"


def _when(item: GivenFigure) -> tuple[date, str]:
    return item.published or date.min, item.by


def _standing_line(outcome: str, items: list[GivenFigure]) -> str | None:
    values = sorted({i.figure.value for i in items})
    if len(values) < 2:
        return None
    victims = {(i.figure.victims or "").casefold() for i in items}
    if len(victims) < 2:
        return " / ".join(number(v) for v in values) + f" {outcome}"
    per_source: dict[str, str] = {}
    for item in sorted(items, key=lambda i: (i.published or date.min, i.by)):
        said = " ".join(filter(None, [number(item.figure.value), item.figure.victims]))
        per_source.setdefault(item.by, said)
    return "; ".join(f"{by}: {said}" for by, said in per_source.items()) + f" {outcome}"
