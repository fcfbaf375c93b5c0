"""Score events on the two event dev sets: PLOVER gold-standard records and CAMEO codebook examples.

Both are JSONL, one sentence a line with ``text`` and ``events``; the format is told by the event fields:

- PLOVER records (``plover_type``, ``source_actor``/``target_actor`` lists of ``{"text", "code"}``) use
  the 2018 type names, mapped to newsledger's 16 with ``plover_2018`` in ``plover_mapping.json``.
- CAMEO codebook examples (``cameo_code``, no actors) are mapped by code prefix with ``cameo_root``;
  CAMEO 01 (public statements) has no PLOVER type and is left out.

Scoring is per sentence, on the set of types: a type in gold and among our events is a true positive,
one of ours not in gold a false positive, one in gold not among ours a false negative. The headline
figure is the macro F1 over the types present in gold (beside the micro F1 over all decisions). On the
events whose type matched, the actor (and target) is right when a gold actor's words overlap ours, or
our canonical name: gold actor texts are not always words of the sentence, so a shared content word or
the name is enough. The CAMEO set labels one illustrated event per sentence, so its precision counts
other true events as false positives: read its recall first. A sentence whose ``events`` list is empty
(no such sentence in the two dev sets; newsledger's own set has a few) tells no event: each type we code
there is a false positive. One whose events all map to no type (CAMEO 01) is left out, not counted.

The two sets share about 190 sentences nearly verbatim and their halves are drawn independently, so some
sentences of one set's untuned half sit in the other set's tuned half: ``without_tuned`` leaves those
out (a difflib ratio of at least ``REPEAT_RATIO`` on lower-cased words) and counts them in ``left_out``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from rich.table import Table
from spacy.language import Language

from newsledger.evaluate.gold_files import Half, jsonl_records
from newsledger.nlp.entities import entity_records
from newsledger.nlp.events import event_records
from newsledger.nlp.lexicons import load_json
from newsledger.nlp.pipeline import MODEL_COMPONENTS, make_doc
from newsledger.records import Event, Participant

EVENTS_NEEDS = frozenset({"newsledger_entities", "newsledger_events"})
# Words too common in actor names to show two actors are one ("President X" is not "President Y").
STOPWORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "on",
        "for",
        "to",
        "its",
        "their",
        "'s",
        "s",
        "president",
        "minister",
        "prime",
        "foreign",
        "government",
        "officials",
        "official",
        "forces",
        "force",
        "security",
        "military",
        "leader",
        "leaders",
        "secretary",
        "general",
        "state",
        "national",
        "group",
        "army",
        "police",
    }
)
WORD = re.compile(r"[\w-]+")
REPEAT_RATIO = 0.9


@dataclass(frozen=True)
class GoldEvent:
    type: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    events: tuple[GoldEvent, ...]

    @property
    def types(self) -> set[str]:
        return {event.type for event in self.events}


@dataclass
class TypeCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class RoleCounts:
    """Gold events with this role whose type we found, and how many of those we gave the right one."""

    scored: int = 0
    right: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.scored if self.scored else 0.0

    def describe(self) -> str:
        return f"{self.accuracy:.1%} ({self.right}/{self.scored})" if self.scored else "n/a (no gold actors)"


@dataclass
class EventScores:
    """Scores over one dev set (see the module doc), with what a developer needs to see the errors."""

    corpus: str
    format: str
    sentences: int
    gold_events: int
    predicted_events: int = 0
    empty_sentences: int = 0
    per_type: dict[str, TypeCounts] = field(default_factory=dict)
    actor: RoleCounts = field(default_factory=RoleCounts)
    target: RoleCounts = field(default_factory=RoleCounts)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    left_out: int = 0
    no_event_sentences: int = 0
    events_on_no_event: int = 0

    @property
    def gold_types(self) -> list[str]:
        return sorted(t for t, counts in self.per_type.items() if counts.gold)

    @property
    def macro_f1(self) -> float:
        types = self.gold_types
        return sum(self.per_type[t].f1 for t in types) / len(types) if types else 0.0

    @property
    def micro(self) -> TypeCounts:
        total = TypeCounts()
        for counts in self.per_type.values():
            total.tp, total.fp, total.fn = total.tp + counts.tp, total.fp + counts.fp, total.fn + counts.fn
        return total

    def table(self) -> Table:
        """Per-type precision, recall and F1, with the headline figures in the caption."""
        table = Table(
            title=f"newsledger evaluate events: {self.corpus} ({self.format}, {self.sentences} sentences)"
        )
        for column in ("type", "gold", "tp", "fp", "fn", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "type" else "right")
        for name in sorted(self.per_type, key=lambda t: (-self.per_type[t].gold, t)):
            counts = self.per_type[name]
            table.add_row(
                name,
                *map(str, (counts.gold, counts.tp, counts.fp, counts.fn)),
                f"{counts.precision:.1%}",
                f"{counts.recall:.1%}",
                f"{counts.f1:.3f}",
            )
        micro = self.micro
        table.caption = (
            f"macro F1 {self.macro_f1:.3f} over {len(self.gold_types)} gold types; "
            f"micro P {micro.precision:.1%} R {micro.recall:.1%} F1 {micro.f1:.3f}; "
            f"actor accuracy {self.actor.describe()}, target accuracy {self.target.describe()}; "
            f"{self.predicted_events} events predicted, "
            f"{self.empty_sentences} sentences with none"
        )
        if self.no_event_sentences:
            coded = "event" if self.events_on_no_event == 1 else "events"
            table.caption += (
                f"; {self.events_on_no_event} {coded} coded on the {self.no_event_sentences} sentences "
                "that tell none"
            )
        return table

    def confusion_table(self, limit: int = 15) -> Table:
        """The commonest (gold, ours) disagreements: a missed gold type and what we said instead."""
        table = Table(title="missed gold types and what was coded instead")
        for column in ("gold", "coded instead", "sentences"):
            table.add_column(column, justify="right" if column == "sentences" else "left")
        for (gold, ours), count in self.confusion.most_common(limit):
            table.add_row(gold, ours, str(count))
        return table

    def details(self, limit: int = 60) -> list[str]:
        return self.errors[:limit]


def read_gold(path: Path, half: Half | None = None) -> tuple[str, list[GoldSentence]]:
    """The dev set's format ('plover' or 'cameo') and its sentences with gold events in newsledger types."""
    records = [record for _, record in jsonl_records(path, half)]
    kind = "plover" if any("plover_type" in e for r in records for e in r["events"]) else "cameo"
    mapping = load_json("events", "plover_mapping.json")
    reader = _plover_event if kind == "plover" else _cameo_event
    sentences = []
    for record in records:
        events = tuple(e for e in (reader(event, mapping) for event in record["events"]) if e is not None)
        if events or not record["events"]:
            sentences.append(GoldSentence(id=str(record["id"]), text=record["text"], events=events))
    return kind, sentences


def _plover_event(event: dict[str, Any], mapping: dict[str, Any]) -> GoldEvent | None:
    name = event["plover_type"]
    return GoldEvent(
        type=mapping["plover_2018"].get(name, name),
        actors=tuple(a["text"] for a in event.get("source_actor") or []),
        targets=tuple(a["text"] for a in event.get("target_actor") or []),
    )


def _cameo_event(event: dict[str, Any], mapping: dict[str, Any]) -> GoldEvent | None:
    plover = cameo_to_plover(event["cameo_code"], mapping["cameo_root"])
    return GoldEvent(type=plover, actors=(), targets=()) if plover else None


def cameo_to_plover(code: str, table: dict[str, str | None]) -> str | None:
    """The PLOVER type of a CAMEO code, by its longest prefix in the table ('0871' -> '087' -> RETREAT)."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def evaluate_events(
    path: Path,
    nlp: Language,
    *,
    half: Half | None = None,
    without_tuned: Path | None = None,
    batch_size: int = 32,
) -> EventScores:
    """Run the pipeline over a dev set and score its events (see the module doc).

    Only what events depend on runs (the model, entities, events): attribution and claims cannot change
    the type or the participants and would double the time. With ``without_tuned`` (and ``half``), the
    sentences that nearly repeat one of the *other* half of that dev set are left out.
    """
    kind, sentences = read_gold(path, half)
    left_out = 0
    if without_tuned is not None and half is not None:
        tuned = _texts(without_tuned, "a" if half == "b" else "b")
        kept = [sentence for sentence in sentences if not _repeats(sentence.text, tuned)]
        left_out, sentences = len(sentences) - len(kept), kept
    scores = EventScores(
        path.parent.name or path.name, kind, len(sentences), sum(len(s.events) for s in sentences)
    )
    scores.left_out = left_out
    for sentence, events in zip(sentences, _predict(nlp, sentences, batch_size), strict=True):
        _score_sentence(scores, sentence, events)
    return scores


def _predict(nlp: Language, sentences: list[GoldSentence], batch_size: int) -> Iterator[list[Event]]:
    needed = [name for name in nlp.pipe_names if name in MODEL_COMPONENTS or name in EVENTS_NEEDS]
    with nlp.select_pipes(enable=needed):
        docs = (make_doc(nlp, sentence.text, None) for sentence in sentences)
        for doc in nlp.pipe(docs, batch_size=batch_size):
            yield event_records(
                doc,
                entities=entity_records(doc),
                times=[],
                places=[],
                quantities=[],
                attributions=[],
                claims=[],
            )


def _score_sentence(scores: EventScores, sentence: GoldSentence, events: list[Event]) -> None:
    scores.predicted_events += len(events)
    scores.empty_sentences += not events
    if not sentence.events:
        scores.no_event_sentences += 1
        scores.events_on_no_event += len(events)
    gold, ours = sentence.types, {str(event.type) for event in events}
    for name in gold | ours:
        counts = scores.per_type.setdefault(name, TypeCounts())
        counts.tp += name in gold and name in ours
        counts.fp += name in ours and name not in gold
        counts.fn += name in gold and name not in ours
    for missed in sorted(gold - ours):
        for instead in sorted(ours - gold) or ["(none)"]:
            scores.confusion[(missed, instead)] += 1
    if gold != ours:
        scores.errors.append(
            f"{sentence.id}: gold {sorted(gold)} ours {sorted(ours)} | {sentence.text[:110]}"
        )
    for event in sentence.events:
        matched = [e for e in events if e.type == event.type]
        if matched:
            _score_role(scores.actor, event.actors, [e.actor for e in matched])
            _score_role(scores.target, event.targets, [e.target for e in matched])


def _score_role(counts: RoleCounts, gold: tuple[str, ...], ours: list[Participant | None]) -> None:
    if not gold:
        return
    counts.scored += 1
    counts.right += any(participant_matches(text, p) for text in gold for p in ours if p is not None)


def participant_matches(gold_text: str, participant: Participant) -> bool:
    """A gold actor text matches when it shares a content word with our words or our canonical name."""
    wanted = _words(gold_text)
    return bool(wanted & (_words(participant.span.text) | _words(participant.name)))


def _words(text: str) -> set[str]:
    words = {w.casefold().removesuffix("'s").removesuffix("’s") for w in WORD.findall(text.replace("’", "'"))}
    return {w for w in words if w not in STOPWORDS}


def _texts(path: Path, half: Half) -> list[str]:
    return [_normal(str(record["text"])) for _, record in jsonl_records(path, half)]


def _normal(text: str) -> str:
    return " ".join(WORD.findall(text.lower().replace("’", "'")))


def _repeats(text: str, others: list[str]) -> bool:
    """The sentence nearly repeats one of ``others`` (already normalised): a quick length filter, then
    difflib's ratio."""
    mine = _normal(text)
    for other in others:
        matcher = SequenceMatcher(None, mine, other, autojunk=False)
        ratios = (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio)
        if all(ratio() >= REPEAT_RATIO for ratio in ratios):
            return True
    return False
