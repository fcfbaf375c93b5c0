"""Score attribution extraction (source / cue / content spans) against PolNeAR-style gold.

This module is deliberately independent of any extractor and of the rest of newsledger: it compares two
lists of character-offset spans per document, so it can score newsledger, a baseline, or the gold itself.
An extractor's output is turned into :class:`ScoredAttribution` objects by the caller.

Span normalisation and matching are in :mod:`newsledger.evaluate.span_matching`.

Per-role span sets
------------------
For the role metrics, each document contributes the set of *distinct* normalised spans of that role on
each side. In PolNeAR one brat span can serve several relations (``he`` is the source of two quotes), and
the gold would otherwise count that mention twice; the same deduplication is applied to the prediction so
an extractor that reuses a mention is neither rewarded nor punished for it.

Metrics (all micro-averaged: counts are summed over documents before dividing)
------------------------------------------------------------------------------
- **exact**: a predicted span matches a gold span when their normalised spans are identical (same set
  of characters). Distinct spans are compared as sets, which is a one-to-one matching.
- **overlap** (PARC / Citron "partial"): a predicted span matches a gold span when they share at least one
  character. Matching is one-to-one, greedy by the largest number of shared characters (ties broken by
  gold order, then prediction order). P = matched pairs / predicted spans, R = matched pairs / gold spans.
- **token-weighted** (partial credit): word tokens are maximal runs of ``\\w`` characters in the document
  text (so whitespace and punctuation separate tokens and never count). A span's tokens are the tokens
  with at least one character inside it. Over the *overlap* matching's pairs, the credit of a pair is the
  number of tokens with a character in the intersection of both spans. P = Σ credit / Σ tokens of all
  predicted spans, R = Σ credit / Σ tokens of all gold spans.
- **speaker accuracy on matched quotes**: gold and predicted *attributions* (not deduplicated) are paired
  one-to-one, greedily by the number of shared normalised content characters. Over the pairs, the share
  whose predicted source overlaps the gold source (``overlap``) and the share whose normalised sources are
  identical (``exact``). When the gold has no source, the pair is right only if the prediction has no
  source either (for both shares).
- **confusion summary**: gold attributions left unpaired are *missed*, predicted ones left unpaired are
  *false positives*. Missed counts are broken down by cue (lowercased cue text), by whether the content is
  quoted, and by the kind of gold source (pronoun / other / none); false positives by predicted cue text.

When a denominator is zero the ratio is 1.0 if the other side is empty too (nothing to find and nothing
claimed) and 0.0 otherwise, so a system that never predicts a role scores P = 0 for it, not 100.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from rich.table import Table

from newsledger.evaluate.gold_files import Half, jsonl_records
from newsledger.evaluate.span_matching import (
    Fragments,
    Tokens,
    greedy_pairs,
    intersection,
    normalise_span,
    span_text,
)

Role = Literal["source", "cue", "content"]
ROLES: tuple[Role, ...] = ("source", "cue", "content")

DOUBLE_QUOTES = frozenset('“”"')

PRONOUNS = frozenset(
    {"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "hers"}
    | {"they", "them", "their", "theirs", "it", "its", "who"}
)
"""Personal and relative pronouns used to classify a gold source as a pronoun for error analysis."""

NO_CUE = "(no cue)"


# ---------------------------------------------------------------------------------------------------------
# Input types


@dataclass(frozen=True)
class ScoredAttribution:
    """One attribution reduced to what is scored: the fragments of each role (``()`` when absent)."""

    source: Fragments
    cue: Fragments
    content: Fragments

    def role(self, role: Role) -> Fragments:
        """The fragments of ``role``, so metrics can loop over roles instead of repeating themselves."""
        if role == "source":
            return self.source
        if role == "cue":
            return self.cue
        return self.content


@dataclass(frozen=True)
class GoldDoc:
    """A gold document: its text, its primary annotation, and the metadata used to run an extractor."""

    doc_id: str
    text: str
    attributions: list[ScoredAttribution]
    publisher: str
    dct: date | None


# ---------------------------------------------------------------------------------------------------------
# Reader


def read_polnear(path: Path, half: Half | None = None) -> Iterator[GoldDoc]:
    """Read a converted PolNeAR JSONL file, one :class:`GoldDoc` per line.

    Only the primary annotation (``attributions``) is read; ``alternate_annotations`` are ignored because
    the product owner scores against the primary one. Roles come from the ``*_fragments`` fields, never
    from the overall extents, which also cover the words interrupting a discontinuous quote.
    """
    for where, record in jsonl_records(path, half):
        yield _gold_doc(record, where)


def _gold_doc(record: dict[str, Any], where: str) -> GoldDoc:
    try:
        text = record["text"]
        attributions = [_gold_attribution(a) for a in record["attributions"]]
        doc = GoldDoc(
            doc_id=str(record["doc_id"]),
            text=text,
            attributions=attributions,
            publisher=str(record.get("publisher") or ""),
            dct=date.fromisoformat(record["dct"]) if record.get("dct") else None,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{where}: not a PolNeAR record ({error})") from error
    _check_offsets(doc.doc_id, text, attributions)
    return doc


def _gold_attribution(record: dict[str, Any]) -> ScoredAttribution:
    return ScoredAttribution(
        source=_fragments(record.get("source_fragments")),
        cue=_fragments(record.get("cue_fragments")),
        content=_fragments(record.get("content_fragments")),
    )


def _fragments(raw: Sequence[Sequence[int]] | None) -> Fragments:
    return tuple(sorted((int(start), int(end)) for start, end in raw or ()))


def _check_offsets(doc_id: str, text: str, attributions: Iterable[ScoredAttribution]) -> None:
    """Fail loudly on offsets outside the text: a silent clip would hide an off-by-one in an extractor."""
    for attribution in attributions:
        for role in ROLES:
            for start, end in attribution.role(role):
                if not 0 <= start <= end <= len(text):
                    raise ValueError(f"{doc_id}: {role} fragment {(start, end)} outside text of {len(text)}")


# ---------------------------------------------------------------------------------------------------------
# Result types


def _ratio(numerator: int, denominator: int, other_side: int) -> float:
    if denominator:
        return numerator / denominator
    return 1.0 if other_side == 0 else 0.0


@dataclass(frozen=True)
class PRF:
    """Precision/recall/F1 from counts: P = matched / predicted, R = matched / gold.

    For exact and overlap scores the counts are spans; for token-weighted scores they are tokens.
    """

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted, self.gold)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold, self.predicted)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold)


@dataclass(frozen=True)
class RoleScores:
    """The three span metrics of one role."""

    exact: PRF = PRF()
    overlap: PRF = PRF()
    token: PRF = PRF()

    def __add__(self, other: RoleScores) -> RoleScores:
        return RoleScores(self.exact + other.exact, self.overlap + other.overlap, self.token + other.token)


@dataclass(frozen=True)
class SpeakerAccuracy:
    """Over attributions paired by content, how often the predicted source is the gold one."""

    pairs: int = 0
    source_overlap: int = 0
    source_exact: int = 0

    @property
    def overlap_accuracy(self) -> float:
        return _ratio(self.source_overlap, self.pairs, 0)

    @property
    def exact_accuracy(self) -> float:
        return _ratio(self.source_exact, self.pairs, 0)

    def __add__(self, other: SpeakerAccuracy) -> SpeakerAccuracy:
        return SpeakerAccuracy(
            self.pairs + other.pairs,
            self.source_overlap + other.source_overlap,
            self.source_exact + other.source_exact,
        )


@dataclass(frozen=True)
class DocumentCounts:
    """Per-document attribution counts, to find the documents that drag the corpus score down."""

    doc_id: str
    gold: int
    predicted: int
    paired: int
    source_right: int

    @property
    def missed(self) -> int:
        return self.gold - self.paired

    @property
    def false_positives(self) -> int:
        return self.predicted - self.paired


@dataclass
class ConfusionSummary:
    """Where the errors are. ``gold_by_*`` holds every gold attribution so a miss count has its base."""

    missed_by_cue: Counter[str] = field(default_factory=Counter)
    gold_by_cue: Counter[str] = field(default_factory=Counter)
    missed_by_quoted: Counter[str] = field(default_factory=Counter)
    gold_by_quoted: Counter[str] = field(default_factory=Counter)
    missed_by_source_kind: Counter[str] = field(default_factory=Counter)
    gold_by_source_kind: Counter[str] = field(default_factory=Counter)
    false_positives_by_cue: Counter[str] = field(default_factory=Counter)
    predicted_by_cue: Counter[str] = field(default_factory=Counter)

    def top_missed_cues(self, n: int = 10) -> list[tuple[str, int]]:
        return self.missed_by_cue.most_common(n)

    def top_false_positive_cues(self, n: int = 10) -> list[tuple[str, int]]:
        return self.false_positives_by_cue.most_common(n)

    def update(self, other: ConfusionSummary) -> None:
        for name in self.__dataclass_fields__:
            getattr(self, name).update(getattr(other, name))

    def table(self, top_n: int = 10) -> Table:
        """Misses by category (with their share of that category) and the most frequent FP cues."""
        table = Table(title="attribution errors")
        for column in ("breakdown", "value", "missed", "of total", "missed %"):
            table.add_column(column, justify="left" if column in ("breakdown", "value") else "right")
        self._add_missed_rows(table, "quoted content", self.missed_by_quoted, self.gold_by_quoted, top_n)
        self._add_missed_rows(
            table, "gold source", self.missed_by_source_kind, self.gold_by_source_kind, top_n
        )
        self._add_missed_rows(table, "cue (missed)", self.missed_by_cue, self.gold_by_cue, top_n)
        for cue, count in self.top_false_positive_cues(top_n):
            predicted = self.predicted_by_cue[cue]
            table.add_row("cue (false pos.)", cue, str(count), f"{predicted} pred.", _pct(count / predicted))
        return table

    @staticmethod
    def _add_missed_rows(
        table: Table, label: str, missed: Counter[str], gold: Counter[str], top_n: int
    ) -> None:
        for value, count in missed.most_common(top_n):
            table.add_row(label, value, str(count), str(gold[value]), _pct(count / gold[value]))


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


@dataclass
class AttributionScores:
    """Corpus-level scores: per-role span metrics, speaker accuracy, confusion summary, per-doc counts."""

    roles: dict[Role, RoleScores] = field(default_factory=lambda: {role: RoleScores() for role in ROLES})
    speaker: SpeakerAccuracy = SpeakerAccuracy()
    confusion: ConfusionSummary = field(default_factory=ConfusionSummary)
    documents: list[DocumentCounts] = field(default_factory=list)

    def table(self) -> Table:
        """Every figure, as percentages with one decimal, with the counts they come from."""
        table = Table(title=f"attribution scores ({len(self.documents)} documents)")
        for column in ("role", "match", "P", "R", "F1", "accuracy", "matched / pred / gold"):
            table.add_column(column, justify="left" if column in ("role", "match") else "right")
        for role in ROLES:
            for match in ("exact", "overlap", "token"):
                prf: PRF = getattr(self.roles[role], match)
                counts = f"{prf.matched} / {prf.predicted} / {prf.gold}"
                table.add_row(role, match, _pct(prf.precision), _pct(prf.recall), _pct(prf.f1), "", counts)
        speaker = self.speaker
        for match, right, accuracy in (
            ("overlap", speaker.source_overlap, speaker.overlap_accuracy),
            ("exact", speaker.source_exact, speaker.exact_accuracy),
        ):
            table.add_row("speaker", match, "", "", "", _pct(accuracy), f"{right} of {speaker.pairs} pairs")
        return table

    def confusion_table(self, top_n: int = 10) -> Table:
        return self.confusion.table(top_n)

    def as_dict(self) -> dict[str, Any]:
        """Plain figures (fractions, not percentages) for JSON reports and regression thresholds."""
        figures: dict[str, Any] = {
            role: {
                match: {
                    "precision": getattr(self.roles[role], match).precision,
                    "recall": getattr(self.roles[role], match).recall,
                    "f1": getattr(self.roles[role], match).f1,
                }
                for match in ("exact", "overlap", "token")
            }
            for role in ROLES
        }
        figures["speaker"] = {
            "pairs": self.speaker.pairs,
            "overlap_accuracy": self.speaker.overlap_accuracy,
            "exact_accuracy": self.speaker.exact_accuracy,
        }
        return figures


# ---------------------------------------------------------------------------------------------------------
# Scoring


def score_documents(pairs: Iterable[tuple[GoldDoc, list[ScoredAttribution]]]) -> AttributionScores:
    """Score predictions against gold, document by document, and sum the counts (micro-average).

    Each item is a gold document and the predicted attributions for its text. Raises ``ValueError`` when
    a predicted fragment lies outside the document text.
    """
    scores = AttributionScores()
    for gold_doc, predicted in pairs:
        _check_offsets(gold_doc.doc_id, gold_doc.text, predicted)
        _score_document(scores, gold_doc, predicted)
    return scores


def _score_document(scores: AttributionScores, doc: GoldDoc, predicted: list[ScoredAttribution]) -> None:
    tokens = Tokens.of(doc.text)
    for role in ROLES:
        role_scores = _score_role(doc.text, tokens, doc.attributions, predicted, role)
        scores.roles[role] = scores.roles[role] + role_scores
    gold_norm = [_normalised(doc.text, a) for a in doc.attributions]
    predicted_norm = [_normalised(doc.text, a) for a in predicted]
    content_pairs = greedy_pairs([g.content for g in gold_norm], [p.content for p in predicted_norm])
    speaker = _speaker_accuracy(gold_norm, predicted_norm, content_pairs)
    scores.speaker = scores.speaker + speaker
    scores.confusion.update(_confusion(doc.text, doc.attributions, predicted, content_pairs))
    scores.documents.append(
        DocumentCounts(
            doc.doc_id, len(doc.attributions), len(predicted), speaker.pairs, speaker.source_overlap
        )
    )


def _normalised(text: str, attribution: ScoredAttribution) -> ScoredAttribution:
    return ScoredAttribution(
        source=normalise_span(text, attribution.source),
        cue=normalise_span(text, attribution.cue),
        content=normalise_span(text, attribution.content),
    )


def distinct_spans(text: str, attributions: Iterable[ScoredAttribution], role: Role) -> list[Fragments]:
    """The distinct non-empty normalised spans of ``role``, in first-seen order (deterministic ties)."""
    seen: dict[Fragments, None] = {}
    for attribution in attributions:
        span = normalise_span(text, attribution.role(role))
        if span:
            seen.setdefault(span, None)
    return list(seen)


def _score_role(
    text: str,
    tokens: Tokens,
    gold: Sequence[ScoredAttribution],
    predicted: Sequence[ScoredAttribution],
    role: Role,
) -> RoleScores:
    """Exact, overlap and token-weighted counts of one role in one document."""
    gold_spans = distinct_spans(text, gold, role)
    predicted_spans = distinct_spans(text, predicted, role)
    exact = len(set(gold_spans) & set(predicted_spans))
    pairs = greedy_pairs(gold_spans, predicted_spans)
    credit = sum(tokens.count(intersection(gold_spans[gi], predicted_spans[pi])) for gi, pi, _ in pairs)
    return RoleScores(
        exact=PRF(exact, len(predicted_spans), len(gold_spans)),
        overlap=PRF(len(pairs), len(predicted_spans), len(gold_spans)),
        token=PRF(
            credit,
            sum(tokens.count(span) for span in predicted_spans),
            sum(tokens.count(span) for span in gold_spans),
        ),
    )


def _speaker_accuracy(
    gold: Sequence[ScoredAttribution],
    predicted: Sequence[ScoredAttribution],
    content_pairs: Sequence[tuple[int, int, int]],
) -> SpeakerAccuracy:
    overlap_right = exact_right = 0
    for gi, pi, _ in content_pairs:
        gold_source, predicted_source = gold[gi].source, predicted[pi].source
        if not gold_source:
            right = not predicted_source
            overlap_right += right
            exact_right += right
        else:
            overlap_right += bool(intersection(gold_source, predicted_source))
            exact_right += gold_source == predicted_source
    return SpeakerAccuracy(len(content_pairs), overlap_right, exact_right)


def _confusion(
    text: str,
    gold: Sequence[ScoredAttribution],
    predicted: Sequence[ScoredAttribution],
    content_pairs: Sequence[tuple[int, int, int]],
) -> ConfusionSummary:
    paired_gold = {gi for gi, _, _ in content_pairs}
    paired_predicted = {pi for _, pi, _ in content_pairs}
    summary = ConfusionSummary()
    for index, attribution in enumerate(gold):
        cue = cue_key(text, attribution)
        quoted = quoted_key(text, attribution)
        source_kind = source_kind_of(text, attribution)
        summary.gold_by_cue[cue] += 1
        summary.gold_by_quoted[quoted] += 1
        summary.gold_by_source_kind[source_kind] += 1
        if index not in paired_gold:
            summary.missed_by_cue[cue] += 1
            summary.missed_by_quoted[quoted] += 1
            summary.missed_by_source_kind[source_kind] += 1
    for index, attribution in enumerate(predicted):
        cue = cue_key(text, attribution)
        summary.predicted_by_cue[cue] += 1
        if index not in paired_predicted:
            summary.false_positives_by_cue[cue] += 1
    return summary


def cue_key(text: str, attribution: ScoredAttribution) -> str:
    """Lemma-ish cue: the cue text lowercased with whitespace collapsed (``"Told"`` → ``"told"``)."""
    cue = " ".join(span_text(text, attribution.cue).lower().split())
    return cue or NO_CUE


def quoted_key(text: str, attribution: ScoredAttribution) -> str:
    """``"quoted"`` when a double quotation mark is in the content or right next to one of its fragments.

    The neighbouring character is checked because annotators often leave the quote marks outside.
    """
    for start, end in attribution.content:
        window = text[max(start - 1, 0) : end + 1]
        if any(char in DOUBLE_QUOTES for char in window):
            return "quoted"
    return "not quoted" if attribution.content else "no content"


def source_kind_of(text: str, attribution: ScoredAttribution) -> str:
    """``"pronoun"``, ``"other"`` or ``"no source"``: pronoun sources need coreference to be useful."""
    if not normalise_span(text, attribution.source):
        return "no source"
    words = span_text(text, attribution.source).lower().split()
    return "pronoun" if len(words) == 1 and words[0].strip(".,:’'") in PRONOUNS else "other"
