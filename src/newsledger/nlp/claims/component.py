"""Claims: the checkable statements of an article, each with its epistemic status and the words deciding it.

The component ``newsledger_claims`` runs after ``newsledger_attribution``. It cuts each sentence into claims
(:mod:`.units`), reads the status cues (:mod:`.status`, driven by
``lexicons/claim_status.json``) and scores check-worthiness (:mod:`.checkworthiness`). It
stores its findings on ``doc._.claims`` as plain data — character offsets, strings, numbers — because Docs
travel between processes as msgpack (``nlp.pipe(n_process=2)``, Dask), which carries no spaCy objects.

:func:`claim_records` turns that data into :class:`~newsledger.records.Claim` records linked to their
:class:`~newsledger.records.Attribution`; :func:`sourcing_profile` sums an article up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any, get_args

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsledger.nlp.claims.checkworthiness import checkworthiness
from newsledger.nlp.claims.lexicon import STATUSES, ClaimLexicon, claim_lexicon
from newsledger.nlp.claims.status import (
    Decision,
    StatusCue,
    attribution_cue,
    decide,
    denial_word_cues,
    modal_cues,
    phrase_cues,
    word_cues,
)
from newsledger.nlp.claims.units import Said, Unit, Words, claim_units, cue_anchors, read_attributions
from newsledger.nlp.doc_text import doc_text
from newsledger.records import Attribution, Claim, ClaimStatus, Polarity, SourceKind, SourcingProfile
from newsledger.records import Span as SpanRecord

SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)
NEGATIVE_WORDS = frozenset({"no", "none", "nobody", "nothing", "neither", "never"})

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@Language.factory(
    "newsledger_claims",
    default_config={"antecedent_sentences": 2},
    assigns=["doc._.claims"],
    requires=["doc._.attributions", "doc.ents", "doc.sents", "token.dep", "token.tag", "token.lemma"],
)
def make_claims_component(nlp: Language, name: str, antecedent_sentences: int) -> ClaimFinder:
    return ClaimFinder(name, antecedent_sentences=antecedent_sentences)


class ClaimFinder:
    """Finds claims and stores them on ``doc._.claims`` as plain, msgpack-safe data.

    ``antecedent_sentences`` is how far back a status sentence ("The reports have not been confirmed")
    looks for the claim it refers to. The component needs no training and no initialization.
    """

    def __init__(self, name: str = "newsledger_claims", *, antecedent_sentences: int = 2) -> None:
        self.name = name
        self.antecedent_sentences = antecedent_sentences

    def __call__(self, doc: Doc) -> Doc:
        lexicon = claim_lexicon()
        said = read_attributions(doc)
        words = Words.of(doc)
        segments = claim_units(doc, words, said)
        units = [unit for unit in segments if unit.kind != "frame"]
        frames = [unit for unit in segments if unit.kind == "frame"]
        own, back = _cues_by_unit(doc, words, units, frames, said, lexicon)
        decisions = decide(doc, units, own, back, lexicon, antecedent_sentences=self.antecedent_sentences)
        doc._.claims = [
            _to_data(doc, words, unit, decision, said)
            for unit, decision in zip(units, decisions, strict=True)
            if decision is not None
        ]
        return doc


def _cues_by_unit(
    doc: Doc, words: Words, units: list[Unit], frames: list[Unit], said: list[Said], lexicon: ClaimLexicon
) -> tuple[list[list[StatusCue]], list[tuple[int, StatusCue]]]:
    """Every cue, placed in the unit its anchor word belongs to: own cues per unit, and back-references.

    A cue in an attribution's frame ("the rebels said …, but *provided no evidence*", "officials
    *reportedly* said") is about the content, so it goes to every claim resting on that attribution.
    """
    unit_of = {i: k for k, unit in enumerate(units) for i in unit.tokens}
    frame_of = {i: frame.said for frame in frames for i in frame.tokens}
    anchors = cue_anchors(doc, said)
    found = [
        *phrase_cues(words, lexicon),
        *modal_cues(doc, words, lexicon),
        *word_cues(doc, words, lexicon, anchors),
        *denial_word_cues(doc, words, lexicon),
    ]
    own: list[list[StatusCue]] = [[] for _ in units]
    back: list[tuple[int, StatusCue]] = []
    for cue in found:
        k = unit_of.get(cue.anchor)
        if k is None:
            framed = frame_of.get(cue.anchor)
            if framed is not None and cue.refers == "own" and cue.status != "unattributed_opinion":
                for j, unit in enumerate(units):
                    if unit.said == framed:
                        own[j].append(cue)
            continue
        if cue.status == "unattributed_opinion" and units[k].said is not None:
            continue
        if cue.refers == "own":
            own[k].append(cue)
        else:
            back.append((k, cue))
    for k, cue in _attribution_cues(doc, units, said, anchors, lexicon):
        if cue.refers == "own":
            own[k].append(cue)
        else:
            back.append((k, cue))
    return own, back


def _attribution_cues(
    doc: Doc, units: list[Unit], said: list[Said], anchors: dict[int, int], lexicon: ClaimLexicon
) -> Iterator[tuple[int, StatusCue]]:
    """The cue of the attribution each claim rests on ("reported", "did not confirm", "denied")."""
    anchor_of = {index: token for token, index in anchors.items()}
    for k, unit in enumerate(units):
        if unit.said is None or unit.said not in anchor_of:
            continue  # not attributed, or a quote continuing a speaker with no cue of its own
        top = _noun_content_top(doc, said[unit.said]) if unit.kind == "cue_clause" else None
        yield k, attribution_cue(doc, said[unit.said], doc[anchor_of[unit.said]], top, lexicon)


def _noun_content_top(doc: Doc, item: Said) -> Token | None:
    span = doc.char_span(*item.extent, alignment_mode="contract")
    return span.root if span is not None and len(span) else None


def _to_data(doc: Doc, words: Words, unit: Unit, decision: Decision, said: list[Said]) -> dict[str, Any]:
    """One claim as plain data: character offsets, strings and numbers only."""
    span = doc[unit.start : unit.end]
    return {
        "span": [span.start_char, span.end_char],
        "content": list(said[unit.said].extent) if unit.said is not None else None,
        "status": decision.status,
        "cues": [[doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])] for c in decision.cues],
        "polarity": polarity(doc[unit.head], decision.consumed),
        "checkworthiness": checkworthiness(doc, words, unit.tokens, unit.head, decision.status),
    }


def polarity(head: Token, consumed: set[int]) -> Polarity:
    """Negative when the claim's main verb is negated, unless a status cue used that negation.

    "Zelensky did not confirm authorisation" is an unconfirmed claim, not a negative one; "blows are not
    inflicted with words" and "no one was hurt" are negative.
    """
    if head.i in consumed:
        return "positive"
    for child in head.children:
        if child.dep_ == "neg":
            return "negative"
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and (
            child.lower_ in NEGATIVE_WORDS
            or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
        ):
            return "negative"
    return "positive"


def claim_records(doc: Doc, *, attributions: list[Attribution]) -> list[Claim]:
    """The claims of a processed Doc as records, ids ``c1``, ``c2``, … in text order.

    ``attributions`` must be the Doc's :func:`~newsledger.nlp.attribution.attribution_records`; a claim
    that rests on one links to it by its content.
    """
    text = doc_text(doc)
    by_content = {(a.content.start, a.content.end): a.id for a in attributions}
    data = sorted(doc._.claims or [], key=lambda item: (item["span"][0], item["span"][1]))
    return [
        Claim(
            id=f"c{number}",
            span=_span(text, *item["span"]),
            attribution=by_content.get(tuple(item["content"])) if item["content"] else None,
            status=item["status"],
            status_cues=[_span(text, start, end) for start, end in item["cues"]],
            polarity=item["polarity"],
            checkworthiness=item["checkworthiness"],
        )
        for number, item in enumerate(data, start=1)
    ]


def _span(text: str, start: int, end: int) -> SpanRecord:
    return SpanRecord(start=start, end=end, text=text[start:end])


def sourcing_profile(claims: list[Claim], attributions: list[Attribution]) -> SourcingProfile:
    """How an article knows what it says: claims by status, attributions by kind of source, two shares.

    ``anonymous_share`` is the share of claims resting on an attribution whose source is anonymous, among
    claims that rest on any; ``unsourced_judgement_share`` the share of all claims that are the reporter's
    unsourced judgement. Every status and source kind is listed, with 0 where there is none.
    """
    statuses: Counter[ClaimStatus] = Counter(claim.status for claim in claims)
    kinds: Counter[SourceKind] = Counter(a.source_kind for a in attributions)
    kind_of = {a.id: a.source_kind for a in attributions}
    attributed = [kind_of[c.attribution] for c in claims if c.attribution in kind_of]
    return SourcingProfile(
        claims_by_status={status: statuses[status] for status in STATUSES},
        attributions_by_source_kind={kind: kinds[kind] for kind in SOURCE_KINDS},
        anonymous_share=_share(attributed.count("anonymous"), len(attributed)),
        unsourced_judgement_share=_share(statuses["unattributed_opinion"], len(claims)),
    )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
