"""Attribution: who said what, on whose authority, in every form a news article uses.

The component ``newsledger_attribution`` runs after ``newsledger_entities`` and ``newsledger_times``. It
finds direct quotes in any typographic style, reported (indirect) and mixed speech, and block quotes
without quotation marks (:mod:`.finder` has the rules, :mod:`.quotes`
reads the quotation marks, :mod:`.speakers` says who a source is). It stores its findings
on ``doc._.attributions`` as plain data — character offsets, strings, numbers — because Docs travel
between processes as msgpack (``nlp.pipe(n_process=2)``, Dask), which carries no spaCy objects.

:func:`attribution_records` turns that data into :class:`~newsledger.records.Attribution` records, linking
each source to its :class:`~newsledger.records.Entity` and each cue's stated time to its
:class:`~newsledger.records.TimeRef`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.nlp.attribution.base import Found
from newsledger.nlp.attribution.finder import find_attributions
from newsledger.nlp.doc_text import doc_text
from newsledger.nlp.entities.component import entity_clusters
from newsledger.records import Attribution, Cue, Entity, TimeRef
from newsledger.records import Span as SpanRecord

TIME_LINKS = frozenset({"prep", "pobj", "npadvmod", "advmod", "nummod", "compound", "appos", "tmod", "amod"})
MAX_TIME_HOPS = 3

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


@Language.factory(
    "newsledger_attribution",
    default_config={"times_key": "times"},
    assigns=["doc._.attributions"],
    requires=["doc._.entity_clusters", "doc.ents", "token.dep", "token.tag", "token.lemma"],
)
def make_attribution_component(nlp: Language, name: str, times_key: str) -> AttributionFinder:
    return AttributionFinder(name, times_key=times_key)


class AttributionFinder:
    """Finds attributions and stores them on ``doc._.attributions`` as plain, msgpack-safe data.

    ``times_key`` names the ``doc.spans`` group holding time expressions, to link a cue to the time
    stated with it ("said on Sunday"). The component needs no training and no initialization.
    """

    def __init__(self, name: str = "newsledger_attribution", *, times_key: str = "times") -> None:
        self.name = name
        self.times_key = times_key

    def __call__(self, doc: Doc) -> Doc:
        clusters = entity_clusters(doc)
        times = list(doc.spans[self.times_key]) if self.times_key in doc.spans else []
        found = find_attributions(doc, clusters)
        doc._.attributions = [_to_data(doc, attribution, times) for attribution in found]
        return doc


def _to_data(doc: Doc, found: Found, times: list[Span]) -> dict[str, Any]:
    """One attribution as plain data: character offsets, strings and numbers only."""
    source = None
    if found.source_chars is not None:
        source = list(found.source_chars)
    elif found.source is not None:
        span = doc[found.source[0] : found.source[1]]
        source = [span.start_char, span.end_char]
    speaker = found.speaker
    time = _stated_time(doc[found.anchor], times) if found.anchor is not None else None
    return {
        "cue": list(found.cue) if found.cue else None,
        "lemma": found.lemma,
        "source": source,
        "content": [list(fragment) for fragment in found.content],
        "form": found.form,
        "kind": speaker.kind if speaker else "unknown",
        "cluster": speaker.cluster if speaker else None,
        "time": [time.start_char, time.end_char] if time is not None else None,
        "confidence": round(found.confidence, 3),
    }


def _stated_time(cue: Token, times: Iterable[Span]) -> Span | None:
    """The time expression attached to the cue word: 'said on Sunday', 'In September, Putin stated', or
    right after it, alone or with its preposition, where the parser hung it on the clause that follows
    ('said on Monday its drones had …')."""
    for span in times:
        gap = cue.doc[cue.i + 1 : span.start]
        if span.start > cue.i and all(t.dep_ == "prep" for t in gap) and len(gap) <= 1:
            return span
        token = span.root
        for _ in range(MAX_TIME_HOPS):
            if token.head.i == cue.i and token.dep_ in TIME_LINKS:
                return span
            if token.dep_ not in TIME_LINKS or token.head.i == token.i:
                break
            token = token.head
    return None


def attribution_records(doc: Doc, *, entities: list[Entity], times: list[TimeRef]) -> list[Attribution]:
    """The attributions of a processed Doc as records, ids ``a1``, ``a2``, … in text order of content.

    ``entities`` must be the Doc's :func:`~newsledger.nlp.entities.entity_records` (cluster *i* is entity
    ``e{i+1}``) and ``times`` its :func:`~newsledger.nlp.times.time_refs`.
    """
    text = doc_text(doc)
    data = sorted(doc._.attributions or [], key=lambda item: item["content"][0][0])
    entity_by_id = {entity.id: entity for entity in entities}
    records = []
    for number, item in enumerate(data, start=1):
        entity = entity_by_id.get(f"e{item['cluster'] + 1}") if item["cluster"] is not None else None
        fragments = [_span(text, start, end) for start, end in item["content"]]
        records.append(
            Attribution(
                id=f"a{number}",
                source=_span(text, *item["source"]) if item["source"] else None,
                source_entity=entity.id if entity else None,
                source_name=entity.name if entity else None,
                source_kind=item["kind"],
                cue=Cue(span=_span(text, *item["cue"]), lemma=item["lemma"]) if item["cue"] else None,
                content=_span(text, fragments[0].start, fragments[-1].end),
                content_fragments=fragments,
                form=item["form"],
                time=_time_id(item["time"], times),
                confidence=item["confidence"],
            )
        )
    return records


def _span(text: str, start: int, end: int) -> SpanRecord:
    return SpanRecord(start=start, end=end, text=text[start:end])


def _time_id(time: list[int] | None, times: list[TimeRef]) -> str | None:
    if time is None:
        return None
    start, end = time
    for ref in times:
        if ref.span.start < end and start < ref.span.end:
            return ref.id
    return None
