"""Score an Analysis against the seed article's hand-made gold (``examples/seed-article/expected.json``).

The matching rules are the gold README's, loose on purpose:

- entities: an extracted entity matches a gold entity when its canonical name or one of its mentions
  equals the gold ``name`` or one of its ``aliases`` (case-insensitive, ’ and ' alike). A gold entity is
  *found* when one extracted entity matches, *labelled right* when a matching entity has its ``type``, and
  *split* when more than one extracted entity matches it (one thing under two canonical names).
- attributions: an extracted attribution matches a gold one when its source text equals or contains one
  of the gold ``source`` strings, its content contains every ``content_contains`` string, and its ``form``
  is the gold's (case-insensitive, ’ and ' alike). The *right* column counts matches whose
  ``source_kind`` is right and reports, beside it, how many also have the gold cue lemma.
- claims: the claim whose text contains the gold ``text_contains`` (case-insensitive, ’ and ' alike; the
  shortest, when several do) is the gold claim's; it is *right* when its ``status`` is the gold's.
- times: the gold ``text`` is located in the article (case-sensitive, every occurrence); a time record
  matches when its span overlaps an occurrence, and its value is right when it equals the gold ``value``.
  *Dated* items are those with a non-null value.
- places: a place matches a gold place when the article text at its span equals or contains the gold
  ``text`` (case-insensitive, ’ and ' alike); it is *right* when its ``country`` is the gold's and, where
  the gold gives ``lat``/``lon``, it lies within ``tolerance_km`` of them.
- events: an extracted event matches a gold event when one of its tellings lies in a sentence that
  contains ``text_contains`` and its type is one of ``types``; it is *right* when its actor's and target's
  canonical names are among the gold's, it carries every gold quantity (value and unit), and, where the
  gold gives figures, it is ONE event told at least twice with a source each time (the figures and the
  words of ``text_contains`` come from different tellings of one strike). More than one matching event
  is reported as a split.

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

from newsledger.exports import sentence_around
from newsledger.nlp.places.geocode import distance_km
from newsledger.records import Analysis, Attribution, Claim, Entity, Event, Place, Quantity, TimeRef

NOT_YET_SCORED: dict[str, str] = {}


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
    if gold.get("attributions"):
        attributions = score_attributions(analysis.attributions, gold["attributions"], analysis.article.text)
        sections.append(attributions)
    if gold.get("claims"):
        sections.append(score_claims(analysis.claims, gold["claims"], analysis.article.text))
    if gold.get("places"):
        sections.append(score_places(analysis.places, gold["places"], analysis.article.text))
    if gold.get("events"):
        text = analysis.article.text
        sections.append(score_events(analysis.events, gold["events"], text, quantities=analysis.quantities))
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


def _attribution_matches(attribution: Attribution, item: dict[str, Any]) -> bool:
    source = _norm(attribution.source.text) if attribution.source else ""
    content = _norm(attribution.content.text)
    return (
        any(_norm(wanted) in source for wanted in item["source"])
        and all(_norm(wanted) in content for wanted in item["content_contains"])
        and attribution.form == item["form"]
    )


def score_attributions(
    attributions: list[Attribution], gold: list[dict[str, Any]], text: str
) -> SectionScore:
    """Attributions found (source, content and form, per the gold README), with the source kind right;
    the cue lemma's agreement is counted beside it. ``text`` is the article, for the error messages."""
    required = [g for g in gold if not g.get("optional")]
    result = SectionScore("attributions", len(required), 0, 0, "source kind", len(attributions), 0)
    matched_ids: set[str] = set()
    cue_right = 0
    for item in gold:
        matches = [a for a in attributions if _attribution_matches(a, item)]
        matched_ids.update(a.id for a in matches)
        if item.get("optional"):
            continue
        if not matches:
            wanted = f"{item['source'][0]} ({item['form']}) {item['content_contains'][0]!r}"
            result.misses.append(f"{item['id']}: {wanted}")
            continue
        result.found += 1
        if any(a.source_kind == item["source_kind"] for a in matches):
            result.correct += 1
        else:
            kinds = [a.source_kind for a in matches]
            result.wrong.append(f"{item['id']}: source kind {item['source_kind']} expected, got {kinds}")
        cues = [a.cue.lemma if a.cue else None for a in matches]
        if item.get("cue") in cues:
            cue_right += 1
        else:
            result.wrong.append(f"{item['id']}: cue {item.get('cue')} expected, got {cues}")
    result.correct_what = f"source kind; cue {cue_right}"
    result.matched_extracted = len(matched_ids)
    result.extra = [_describe(a, text) for a in attributions if a.id not in matched_ids]
    return result


def _describe(attribution: Attribution, text: str) -> str:
    source = attribution.source.text if attribution.source else "(no source)"
    cue = attribution.cue.lemma if attribution.cue else "(no cue)"
    content = text[attribution.content.start : attribution.content.end]
    return f"{attribution.id}: {source} [{cue}, {attribution.form}] {content[:60]!r}"


def claim_containing(claims: list[Claim], needle: str) -> Claim | None:
    """The claim whose text contains ``needle`` (case-insensitive, ’ and ' alike), the shortest if several."""
    wanted = _norm(needle)
    found = [c for c in claims if wanted in _norm(c.span.text)]
    return min(found, key=lambda c: c.span.end - c.span.start, default=None)


def score_claims(claims: list[Claim], gold: list[dict[str, Any]], text: str) -> SectionScore:
    """Gold claims found (a claim contains ``text_contains``) and with the gold status; a wrong status is
    reported with the cue words that decided it. ``text`` is the article, for the error messages."""
    required = [g for g in gold if not g.get("optional")]
    result = SectionScore("claims", len(required), 0, 0, "status", len(claims), 0)
    matched_ids: set[str] = set()
    for item in gold:
        match = claim_containing(claims, item["text_contains"])
        if match is not None:
            matched_ids.add(match.id)
        if item.get("optional"):
            continue
        if match is None:
            result.misses.append(f"{item['id']}: {item['text_contains']!r} ({item['status']})")
            continue
        result.found += 1
        if match.status == item["status"]:
            result.correct += 1
        else:
            cues = [cue.text for cue in match.status_cues]
            result.wrong.append(f"{item['id']}: {item['status']} expected, got {match.status} {cues}")
    result.matched_extracted = len(matched_ids)
    result.extra = [f"{c.id}: {c.status} {c.span.text[:60]!r}" for c in claims if c.id not in matched_ids]
    return result


def score_places(places: list[Place], gold: list[dict[str, Any]], text: str) -> SectionScore:
    """Places by the text they name; right = right country and, where the gold has a point, near it."""
    result = SectionScore("places", len([g for g in gold if not g.get("optional")]), 0, 0, "country+km", 0, 0)
    result.extracted = len(places)
    matched_ids: set[str] = set()
    for item in gold:
        wanted = _norm(item["text"])
        matches = [p for p in places if wanted in _norm(text[p.span.start : p.span.end])]
        matched_ids.update(p.id for p in matches)
        if item.get("optional"):
            continue
        if not matches:
            result.misses.append(f"{item['text']!r} ({item['country']})")
            continue
        result.found += 1
        if any(_place_is_right(p, item) for p in matches):
            result.correct += 1
        else:
            got = sorted({f"{p.name} {p.country} {p.lat},{p.lon}" for p in matches})
            result.wrong.append(f"{item['text']!r}: {item['country']} expected, got {got}")
    result.matched_extracted = len(matched_ids)
    extra = {f"{p.span.text!r} -> {p.name} ({p.country})" for p in places if p.id not in matched_ids}
    result.extra = sorted(extra)
    return result


def _place_is_right(place: Place, item: dict[str, Any]) -> bool:
    if place.country != item["country"]:
        return False
    if item.get("lat") is None or item.get("lon") is None:
        return True
    if place.lat is None or place.lon is None:
        return False
    return distance_km(place.lat, place.lon, item["lat"], item["lon"]) <= float(item.get("tolerance_km", 161))


def score_events(
    events: list[Event], gold: list[dict[str, Any]], text: str, *, quantities: list[Quantity] | None = None
) -> SectionScore:
    """Gold events found (type, in the sentence of ``text_contains``) and right (actor, target, figures,
    tellings), per the module doc. ``quantities`` are the article's: the figures events point to."""
    figures = {q.id: (q.value, q.unit) for q in quantities or []}
    required = [g for g in gold if not g.get("optional")]
    result = SectionScore("events", len(required), 0, 0, "actor+target+figures", len(events), 0)
    matched_ids: set[str] = set()
    for item in gold:
        matches = [e for e in events if e.type in item["types"] and _told_in(e, item["text_contains"], text)]
        matched_ids.update(e.id for e in matches)
        if item.get("optional"):
            continue
        if not matches:
            result.misses.append(f"{item['id']}: {'/'.join(item['types'])} {item['text_contains']!r}")
            continue
        result.found += 1
        if len(matches) > 1:
            result.splits.append(f"{item['id']}: {[e.id for e in matches]}")
        problems = [_event_problems(e, item, figures) for e in matches]
        if any(not p for p in problems):
            result.correct += 1
        else:
            result.wrong.append(f"{item['id']}: {min(problems, key=len)}")
    result.matched_extracted = len(matched_ids)
    result.extra = [_describe_event(e) for e in events if e.id not in matched_ids]
    return result


def _told_in(event: Event, needle: str, text: str) -> bool:
    wanted = _norm(needle)
    sentences = (sentence_around(text, t.trigger.start, t.trigger.end) for t in event.tellings)
    return any(wanted in _norm(sentence) for sentence in sentences)


Figure = tuple[float | None, str | None]


def _event_problems(event: Event, item: dict[str, Any], figures: dict[str, Figure]) -> list[str]:
    problems = []
    for role in ("actor", "target"):
        participant = getattr(event, role)
        wanted = {_norm(name) for name in item.get(role, [])}
        if wanted and (participant is None or _norm(participant.name) not in wanted):
            problems.append(f"{role} {participant.name if participant else None} not in {item[role]}")
    carried = {figures.get(q) for q in event.quantities}
    for quantity in item.get("quantities", []):
        if (float(quantity["value"]), quantity["unit"]) not in carried:
            problems.append(f"no quantity {quantity['value']} {quantity['unit']}")
    sourced = [t for t in event.tellings if t.attribution is not None]
    if item.get("quantities") and len(sourced) < 2:
        problems.append(f"{len(sourced)} sourced tellings, 2 expected")
    return problems


def _describe_event(event: Event) -> str:
    actor = event.actor.name if event.actor else "-"
    target = event.target.name if event.target else "-"
    return f"{event.id}: {event.type} {event.mode} {actor} -> {target} {event.tellings[0].trigger.text!r}"

