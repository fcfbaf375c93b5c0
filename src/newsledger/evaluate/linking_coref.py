"""Cross-document entity and event coreference on ECB+, scored end to end on the mentions we extract.

Only sentences the ECB+ release lists as fully annotated are scored (its README's advice; the gold
elsewhere is incomplete), on both sides. A system mention is matched to the gold mention it overlaps
most, one to one, greedily from the largest overlap (ECB+ spans are minimal, usually the head, so a
system span such as "Lindsay Lohan" matches the gold "Lohan" inside it). A matched mention is scored as
that gold mention; an unmatched system mention stays in the response and counts against precision; an
unmatched gold mention counts against recall. Gold chains are ``chain or intra_chain or singleton``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsledger.evaluate.clustering_metrics import CorefScores, coref_scores

MentionKey = tuple[str, str]  # (doc_id, gold m_id) or (doc_id, "sys:start-end")


@dataclass(frozen=True)
class SystemMention:
    doc_id: str
    start: int
    end: int
    chain: str


def annotated_ranges(record: Mapping[str, Any]) -> list[tuple[int, int]]:
    wanted = set(record.get("annotated_sentences") or [])
    return [(start, end) for number, start, end in record["sentences"] if number in wanted]


def gold_chains(records: Iterable[Mapping[str, Any]], kind: str) -> dict[MentionKey, tuple[int, int, str]]:
    """``{(doc_id, m_id): (start, end, chain)}`` for gold mentions of one kind in annotated sentences."""
    found = {}
    for record in records:
        for mention in record["mentions"]:
            if mention["kind"] != kind or not mention["in_annotated_sent"]:
                continue
            chain = (
                mention["chain"] or mention["intra_chain"] or f"single:{record['doc_id']}:{mention['m_id']}"
            )
            start, end = mention["span"]
            found[(record["doc_id"], mention["m_id"])] = (start, end, chain)
    return found


def score_mentions(
    records: Sequence[Mapping[str, Any]], kind: str, system: Iterable[SystemMention]
) -> tuple[CorefScores, int, int, int]:
    """Coreference scores, and the counts of gold mentions, system mentions and matches."""
    gold = gold_chains(records, kind)
    ranges = {r["doc_id"]: annotated_ranges(r) for r in records}
    scored = [
        m
        for m in dict.fromkeys(system)
        if any(start <= m.start < end for start, end in ranges.get(m.doc_id, []))
    ]
    gold_by_doc: dict[str, list[tuple[MentionKey, int, int]]] = {}
    for key, (start, end, _) in gold.items():
        gold_by_doc.setdefault(key[0], []).append((key, start, end))
    pairs = []
    for index, mention in enumerate(scored):
        for key, start, end in gold_by_doc.get(mention.doc_id, []):
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap > 0:
                pairs.append((-overlap, index, key))
    matched: dict[int, MentionKey] = {}
    taken: set[MentionKey] = set()
    for _, index, key in sorted(pairs):
        if index not in matched and key not in taken:
            matched[index] = key
            taken.add(key)
    response: dict[MentionKey, str] = {}
    for index, mention in enumerate(scored):
        key = matched.get(index, (mention.doc_id, f"sys:{mention.start}-{mention.end}"))
        response[key] = mention.chain
    key_chains = {key: chain for key, (_, _, chain) in gold.items()}
    return coref_scores(key_chains, response), len(gold), len(scored), len(matched)


@dataclass(frozen=True)
class CorefRow:
    system: str
    scores: CorefScores
    gold: int
    system_mentions: int
    matched: int

    def cells(self) -> list[str]:
        s = self.scores
        figures = (s.muc.f1, s.b_cubed.precision, s.b_cubed.recall, s.b_cubed.f1, s.ceaf_e.f1, s.conll_f1)
        return [
            self.system,
            str(self.gold),
            str(self.system_mentions),
            str(self.matched),
            *(f"{100 * v:.1f}" for v in figures),
        ]


COREF_COLUMNS = (
    "system",
    "gold mentions",
    "found",
    "matched",
    "MUC F1",
    "B³ P",
    "B³ R",
    "B³ F1",
    "CEAF-e F1",
    "CoNLL F1",
)


def coref_row(
    name: str, records: Sequence[Mapping[str, Any]], kind: str, system: Iterable[SystemMention]
) -> CorefRow:
    scores, gold, found, matched = score_mentions(records, kind, system)
    return CorefRow(name, scores, gold, found, matched)
