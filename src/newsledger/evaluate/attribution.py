"""Run newsledger's attribution over PolNeAR-style gold and score it (``newsledger evaluate attribution``).

Each gold document goes through the whole pipeline with its publication date, and its
:class:`~newsledger.records.Attribution` records become :class:`ScoredAttribution` objects for the scorer
in :mod:`newsledger.evaluate.attribution_scoring`. One convention differs between the two and is bridged
here: PolNeAR annotates a quote that goes on after its cue (``“…,” he said. “…”``, or the next paragraph)
as more content of the same relation, while newsledger records it as its own attribution without a cue,
pointing at the same source. Such continuations are folded into the attribution they continue before
scoring.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language

from newsledger.evaluate.attribution_scoring import (
    AttributionScores,
    GoldDoc,
    ScoredAttribution,
    read_polnear,
    score_documents,
)
from newsledger.evaluate.gold_files import Half
from newsledger.evaluate.span_matching import Fragments
from newsledger.nlp.attribution import attribution_records
from newsledger.nlp.entities import entity_records
from newsledger.nlp.pipeline import make_doc
from newsledger.nlp.times import time_refs
from newsledger.records import Attribution

ATTRIBUTION = "newsledger_attribution"


def evaluate_polnear(
    path: Path, nlp: Language, *, half: Half | None = None, batch_size: int = 16
) -> AttributionScores:
    """Score the pipeline ``nlp`` on every document (of one half, if given) of a converted PolNeAR file."""
    gold = list(read_polnear(path, half))
    return score_documents(zip(gold, predict(gold, nlp, batch_size=batch_size), strict=True))


def predict(
    gold: Iterable[GoldDoc], nlp: Language, *, batch_size: int = 16
) -> Iterator[list[ScoredAttribution]]:
    """The scored form of newsledger's attributions for each gold document's text, in order."""
    docs = (make_doc(nlp, doc.text, doc.dct) for doc in gold)
    with nlp.select_pipes(disable=_after_attribution(nlp)):
        for doc in nlp.pipe(docs, batch_size=batch_size):
            entities = entity_records(doc)
            yield scored_attributions(attribution_records(doc, entities=entities, times=time_refs(doc)))


def _after_attribution(nlp: Language) -> list[str]:
    """Components after attribution cannot change it; skipping them makes scoring faster."""
    names = list(nlp.pipe_names)
    return names[names.index(ATTRIBUTION) + 1 :] if ATTRIBUTION in names else []


def scored_attributions(records: Iterable[Attribution]) -> list[ScoredAttribution]:
    """Records as the scorer sees them, continuations folded into the attribution they continue."""
    scored: list[ScoredAttribution] = []
    last_by_source: dict[Fragments, int] = {}
    for record in records:
        source: Fragments = ((record.source.start, record.source.end),) if record.source else ()
        content = tuple((f.start, f.end) for f in record.content_fragments)
        if record.cue is None and source in last_by_source:
            index = last_by_source[source]
            earlier = scored[index]
            joined = tuple(sorted(earlier.content + content))
            scored[index] = ScoredAttribution(earlier.source, earlier.cue, joined)
            continue
        cue: Fragments = ((record.cue.span.start, record.cue.span.end),) if record.cue else ()
        scored.append(ScoredAttribution(source=source, cue=cue, content=content))
        if source:
            last_by_source[source] = len(scored) - 1
    return scored
