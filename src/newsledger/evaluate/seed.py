"""Score an Analysis against the seed article's hand-made gold (``examples/seed-article/expected.json``).

The matching rules are the gold README's, loose on purpose:

- entities: an extracted entity matches a gold entity when its canonical name or one of its mentions
  equals the gold ``name`` or one of its ``aliases`` (case-insensitive, ’ and ' alike). A gold entity is
  *found* when one extracted entity matches, *labelled right* when a matching entity has its ``type``, and
  *split* when more than one extracted entity matches it (one thing under two canonical names).
- times: the gold ``text`` is located in the article (case-sensitive, every occurrence); a time record
  matches when its span overlaps an occurrence, and its value is right when it equals the gold ``value``.
  *Dated* items are those with a non-null value.

Items marked ``optional`` do not count against recall but are reported. Precision counts every extracted
record that matches no gold item as a false positive, even where the gold is silent rather than wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table

from newsledger.records import Analysis, Entity, TimeRef

NOT_YET_SCORED = {
    "attributions": "attribution (issue 4)",
    "claims": "claim status (issue 5)",
    "events": "events (issue 6)",
    "places": "places (issue 6)",
}


@dataclass
class SectionScore:
    """Counts for one section of the gold, and the details a developer needs to see what went wrong."""

    section: str
    gold: int
    found: int
    correct: int
    correct_what: str
    extracted: int
    matched_extracted: int
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched_extracted / self.extracted if self.extracted else 1.0


@dataclass
class SeedScores:
    sections: list[SectionScore]
    not_scored: list[str]

    def table(self) -> Table:
        table = Table(title="newsledger evaluate seed")
        for column in ("section", "gold", "found", "right", "split", "precision", "recall"):
            table.add_column(column, justify="left" if column == "section" else "right")
        for s in self.sections:
            table.add_row(
                s.section,
                str(s.gold),
                str(s.found),
                f"{s.correct} ({s.correct_what})",
                str(len(s.splits)),
                f"{s.precision:.1%} ({s.matched_extracted}/{s.extracted})",
                f"{s.recall:.1%}",
            )
        return table

    def details(self) -> list[str]:
        lines: list[str] = []
        for s in self.sections:
            lines += [f"{s.section}: missed {m}" for m in s.misses]
            lines += [f"{s.section}: wrong {w}" for w in s.wrong]
            lines += [f"{s.section}: split {w}" for w in s.splits]
            lines += [f"{s.section}: not in gold {x}" for x in s.extra]
        lines += [f"not scored yet: {name}" for name in self.not_scored]
        return lines


def load_gold(directory: Path) -> tuple[str, dict[str, Any]]:
    """The article text and its gold from a directory holding ``article.txt`` and ``expected.json``."""
    text = (directory / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    return text, gold


def published_of(gold: dict[str, Any]) -> date:
    return date.fromisoformat(gold["published"])


def score(analysis: Analysis, gold: dict[str, Any]) -> SeedScores:
    sections = [score_entities(analysis.entities, gold["entities"])]
    sections.append(score_times(analysis.times, gold["times"], analysis.article.text))
    not_scored = [label for key, label in NOT_YET_SCORED.items() if gold.get(key)]
    return SeedScores(sections=sections, not_scored=not_scored)


def _norm(text: str) -> str:
    return text.replace("’", "'").casefold().strip()


def score_entities(entities: list[Entity], gold: list[dict[str, Any]]) -> SectionScore:
    def names(entity: Entity) -> set[str]:
        return {_norm(entity.name)} | {_norm(m.text) for m in entity.mentions}

    required = [g for g in gold if not g.get("optional")]
    result = SectionScore("entities", len(required), 0, 0, "label", len(entities), 0)
    matched_ids: set[str] = set()
    for item in gold:
        wanted = {_norm(item["name"])} | {_norm(a) for a in item.get("aliases", [])}
        matches = [e for e in entities if names(e) & wanted]
        matched_ids.update(e.id for e in matches)
        if item.get("optional"):
            continue
        if not matches:
            result.misses.append(f"{item['name']} ({item['type']})")
            continue
        result.found += 1
        if any(e.label == item["type"] for e in matches):
            result.correct += 1
        else:
            result.wrong.append(f"{item['name']}: {item['type']} expected, got {[e.label for e in matches]}")
        if len(matches) > 1:
            result.splits.append(f"{item['name']}: {[e.name for e in matches]}")
    result.matched_extracted = len(matched_ids)
    result.extra = [f"{e.name} ({e.label})" for e in entities if e.id not in matched_ids]
    return result


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return found


def score_times(times: list[TimeRef], gold: list[dict[str, Any]], text: str) -> SectionScore:
    dated = [g for g in gold if g.get("value") and not g.get("optional")]
    result = SectionScore("times (dated)", len(dated), 0, 0, "value", len(times), 0)
    matched_ids: set[str] = set()
    for item in gold:
        places = _occurrences(text, item["text"])
        matches = [t for t in times if any(t.span.start < e and s < t.span.end for s, e in places)]
        matched_ids.update(t.id for t in matches)
        if item.get("optional") or not item.get("value"):
            continue
        if not matches:
            result.misses.append(f"{item['text']!r} = {item['value']}")
            continue
        result.found += 1
        if any(t.value == item["value"] for t in matches):
            result.correct += 1
        else:
            got = [t.value for t in matches]
            result.wrong.append(f"{item['text']!r}: {item['value']} expected, got {got}")
    result.matched_extracted = len(matched_ids)
    result.extra = [f"{t.span.text!r} = {t.value}" for t in times if t.id not in matched_ids]
    return result
