"""Finding attributions in a parsed Doc: direct quotes, reported speech, and quotes without marks.

This module orders the rules and settles what they found; the rules themselves live in
:mod:`.direct` and :mod:`.indirect`, on the shared view of the
article in :mod:`.base`, and sources are resolved by :mod:`.speakers`.
The rules run in an order that lets the surest evidence claim words first:

1. **Direct quotes with a cue.** Each quotation found by :mod:`.quotes` that stands on its
   own (at a sentence or clause boundary, not a word inside a clause like ``so-called “reforms”``) looks
   for a speech verb right after it (``“…,” she said``, ``“…,” said the minister``), a dash and a name
   (``"…" -Commissioner Smith``), or a speech verb right before it (``He said: “…”``, also across a
   paragraph break after a colon). Quotes sharing a cue join one attribution (``“…,” he said, “…”``).
2. **Cue words with a complement**, from the lexicon: verbs with a that-clause, an object or a
   to-clause (``US officials said the missiles…``, ``described the attack as “one of the largest”``),
   in any order (``…, the New York Times reported``); ``according to X``; nouns with a that-clause
   (``Trump's claim that…``, ``his plan to…``); adjectives of attitude (``she was sure that…``); a
   headline's ``Name: …``.
3. **Quotes without a cue** continue the speaker before them in the paragraph (or the paragraph before).
4. **Block quotes without marks**: the paragraph after one ending in ``said on Sunday:`` or
   ``From Chairwoman Jones:``, and a first-person paragraph that follows a person's attribution.

An attribution whose cue lies inside another's content is dropped: PolNeAR-style gold gives every word one
role, and the outer attribution is the one the reader sees. Speakers are resolved last, in text order, so
that "he" can lean on the speaker before.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from newsledger.nlp.attribution.anonymity import is_anonymity_clause, is_anonymous_source
from newsledger.nlp.attribution.attitudes import adjective_cues
from newsledger.nlp.attribution.base import (
    ArticleText,
    CharSpan,
    Found,
    char_span,
    paragraph_at,
    read_article,
)
from newsledger.nlp.attribution.direct import colon_blocks, direct_quotes
from newsledger.nlp.attribution.embedded import with_embedded_reports
from newsledger.nlp.attribution.headlines import headline_verbs
from newsledger.nlp.attribution.indirect import (
    according_to,
    as_idioms,
    evidentials,
    headline_colons,
    noun_cues,
    verb_cues,
)
from newsledger.nlp.attribution.quotes import Quote
from newsledger.nlp.attribution.sourceless import impersonal_judgements
from newsledger.nlp.attribution.speakers import (
    FIRST_PERSON,
    PriorSpeaker,
    Speaker,
    SpeakerContext,
    resolve_speaker,
    source_head,
)
from newsledger.nlp.entities.component import EntityCluster
from newsledger.nlp.entities.datelines import dateline_of

# A quote nobody in the text is said to have spoken is still reported, with no source and this confidence.
UNATTRIBUTED = 0.2
MIN_UNATTRIBUTED_WORDS = 6


def find_attributions(doc: Doc, clusters: Sequence[EntityCluster]) -> list[Found]:
    """Every attribution in ``doc``, in text order of content, speakers resolved (module docstring)."""
    text = read_article(doc)
    found = direct_quotes(text)
    found += verb_cues(text)
    found += as_idioms(text)
    found += according_to(text)
    found += evidentials(text)
    found += noun_cues(text)
    found += adjective_cues(text)
    found += impersonal_judgements(text)
    found += headline_colons(text)
    found += headline_verbs(text)
    found += colon_blocks(text)
    found = with_embedded_reports(
        doc, [f for f in found if f.anchor is None or not is_anonymity_clause(doc[f.anchor])], without_nested)
    found = after_dateline(doc, found)
    found += continued_quotes(text, found)
    found.sort(key=lambda f: f.start)
    resolve_all(doc, found, clusters)
    return sorted(continued_paragraphs(text, found), key=lambda f: f.start)


def after_dateline(doc: Doc, found: list[Found]) -> list[Found]:
    """No content runs into the dateline ('BEIRUT (Levant Times) — Israeli strikes hit …, the ministry
    said'): it is where and by whom the story was filed, not what anyone said."""
    dateline = dateline_of(doc)
    if dateline is None:
        return found
    kept = []
    for attribution in found:
        attribution.content = [
            (start if end <= dateline.place[0] else max(start, dateline.end), end)
            for start, end in attribution.content
            if end <= dateline.place[0] or end > dateline.end  # a headline above it stays
        ]
        if attribution.content:
            kept.append(attribution)
    return kept


def without_nested(found: list[Found]) -> list[Found]:
    """Drop an attribution whose cue lies inside another's content, then the weaker of two whose contents
    overlap: each word has one role, and the outer attribution is the one a reader sees. An outer one
    with no source hides no one who has ('Partial transcript as follows:' then '"WALLACE: …'): a named
    speaker says more than a quote nobody is said to have spoken."""
    outer = [f for f in found if not any(_cue_inside(f, other) and not _cue_inside(other, f)
                                        and (other.source is not None or f.source is None)
                                        for other in found if other is not f)]
    kept: list[Found] = []
    for candidate in sorted(outer, key=lambda f: -f.confidence):
        if not any(_overlaps(candidate, other) for other in kept):
            kept.append(candidate)
    return [f for f in found if f in kept]


def _cue_inside(inner: Found, outer: Found) -> bool:
    """The inner attribution's cue is part of what the outer one reports."""
    if inner.cue is None:
        return False
    return any(start <= inner.cue[0] and inner.cue[1] <= end for start, end in outer.content)


def _overlaps(a: Found, b: Found) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.content for s2, e2 in b.content)


def continued_quotes(text: ArticleText, found: list[Found]) -> list[Found]:
    """Standalone quotes that no cue claimed continue the speaker just before them: in the same
    paragraph they join a direct quote's content; at a paragraph's start they become a new
    attribution without a cue."""
    added: list[Found] = []
    taken = sorted(found, key=lambda f: f.start)
    for index, quote in enumerate(text.quotes):
        if not text.standalone[index] or any(_covers(f, quote) for f in taken):
            continue
        previous = _speaker_before(text, [*taken, *added], quote.start)
        if previous is None:
            if _is_sentence(text, index):
                added.append(Found(None, None, None, None, list(quote.pieces), "direct", UNATTRIBUTED))
            continue
        same_paragraph = paragraph_at(text, previous.end) == paragraph_at(text, quote.start)
        if same_paragraph and previous.form != "indirect" and previous.cue is not None:
            previous.content.extend(quote.pieces)
            previous.content.sort()
            continue
        added.append(Found(None, None, None, previous.source, list(quote.pieces), "direct", 0.6,
                           follows=previous, source_chars=previous.source_chars))
    return added


def _is_sentence(text: ArticleText, index: int) -> bool:
    """A quotation long enough to be something someone said, not a title or a slogan."""
    return sum(1 for t in text.quote_tokens(index) if t.is_alpha) >= MIN_UNATTRIBUTED_WORDS


def _covers(attribution: Found, quote: Quote) -> bool:
    """The quote is (part of) this attribution: its content holds the quote's start, or its cue and
    content are inside the quote (a transcript turn '"WALLACE: …' in a quoted transcript)."""
    if any(start <= quote.start < end for start, end in attribution.content):
        return True
    cue = attribution.cue
    return cue is not None and quote.start <= cue[0] and cue[1] <= quote.end and any(
        quote.start <= start < quote.end for start, _ in attribution.content)


def _speaker_before(text: ArticleText, found: Sequence[Found], offset: int) -> Found | None:
    """The last attribution ending before ``offset`` in its paragraph or the one before, with a source."""
    here = paragraph_at(text, offset)
    before = [f for f in found if f.end <= offset and f.source is not None]
    if not before:
        return None
    last = max(before, key=lambda f: f.end)
    return last if here - paragraph_at(text, last.end) <= 1 else None


def continued_paragraphs(text: ArticleText, found: list[Found]) -> list[Found]:
    """A first-person paragraph with no attribution of its own right after a paragraph whose last
    attribution is a person's: the same person goes on speaking (the seed article's Dzhabarov paragraph).
    Its 'I think' is then part of the quote, not an attribution to an unknown 'I'. Off in articles written
    in the first person, where 'I' is the author. Returns ``found`` with the continuations."""
    doc = text.doc
    first_person = [_first_person(text, paragraph) for paragraph in text.paragraphs]
    if sum(first_person) > 3:
        return found
    result = list(found)
    for number in range(1, len(text.paragraphs)):
        start, end = text.paragraphs[number]
        inside = [f for f in result if f.start < end and start < f.end]
        if not first_person[number] or any(not _first_person_source(doc, f) for f in inside):
            continue
        if any(text.quoted(t) for t in text.tokens((start, end))):
            continue
        before = text.paragraphs[number - 1]
        last = [f for f in result if before[0] <= f.start and f.end <= before[1]]
        if not last:
            continue
        previous = max(last, key=lambda f: f.end)
        ends_paragraph = previous.end >= _last_sentence(doc, before)
        if previous.speaker is None or previous.speaker.kind != "person" or not ends_paragraph:
            continue
        result = [f for f in result if f not in inside]
        result.append(Found(None, None, None, previous.source, [(start, end)], "direct", 0.5,
                            speaker=previous.speaker, follows=previous, source_chars=previous.source_chars))
    return result


def _first_person_source(doc: Doc, attribution: Found) -> bool:
    if attribution.source is None:
        return False
    return all(t.lower_ in FIRST_PERSON for t in doc[attribution.source[0] : attribution.source[1]])


def _first_person(text: ArticleText, paragraph: CharSpan) -> bool:
    """'I', 'we', 'my', … outside quotation marks: someone speaking in their own voice."""
    return any(t.lower_ in FIRST_PERSON and t.tag_ in {"PRP", "PRP$"} and not text.quoted(t)
               for t in text.tokens(paragraph))


def _last_sentence(doc: Doc, paragraph: CharSpan) -> int:
    """Where the paragraph's last sentence starts (its start, for an empty paragraph)."""
    span = char_span(doc, *paragraph)
    return span[-1].sent.start_char if len(span) else paragraph[0]


def resolve_all(doc: Doc, found: Sequence[Found], clusters: Sequence[EntityCluster]) -> None:
    """Resolve each source in text order, each knowing the speakers before it."""
    context = SpeakerContext.of(doc, clusters)
    for attribution in found:
        if attribution.follows is not None and attribution.follows.speaker is not None:
            attribution.speaker = attribution.follows.speaker
        elif attribution.source is not None:
            attribution.speaker = resolve_speaker(doc[attribution.source[0] : attribution.source[1]], context)
        else:
            attribution.speaker = Speaker("unknown", None)
        if attribution.source is not None:
            head = source_head(doc[attribution.source[0] : attribution.source[1]])
            cue = doc[attribution.anchor] if attribution.anchor is not None else None
            if attribution.follows is None and is_anonymous_source(head, cue):
                attribution.speaker = Speaker("anonymous", attribution.speaker.cluster)
            plural = head.tag_ in {"NNS", "NNPS"} or head.lower_ in {"they", "we"}
            speaker = attribution.speaker
            context.prior.append(PriorSpeaker(attribution.source[0], speaker.kind, speaker.cluster, plural))
