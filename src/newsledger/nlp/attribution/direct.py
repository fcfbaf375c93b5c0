"""Direct speech: quotations attached to their cue, and block quotes introduced by a colon line.

A quotation that stands on its own (``ArticleText.standalone``: it opens a sentence or follows a colon,
a comma or a speech verb, and is not a name or term) looks for its cue:

- a speech verb right after it, with only the speaker between (``“…,” she said``, ``“…,” said the
  minister``, ``“…,” Katie Packer, who chairs the PAC, said``);
- a dash and a short name closing the paragraph (``"…" -Commissioner Smith``);
- a speech verb right before it in its paragraph, with nothing but the verb's modifiers between
  (``He said: “…”``, ``she told reporters, “…”``);
- a paragraph before it that introduces it (``From Chairwoman Jones:``, ``…but said on Sunday:``).

Quotes sharing a cue join one attribution (``“…,” he said, “…”``). A paragraph without quotation marks
after an introducing one is a block quote (the seed article's Zelensky statement).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from newsledger.nlp.attribution.base import (
    SENTENCE_END,
    SUBJECT_DEPS,
    ArticleText,
    CharSpan,
    Found,
    paragraph_at,
    source_of,
    subject_of,
    verb_cue_span,
)
from newsledger.nlp.attribution.quotes import Quote
from newsledger.nlp.cues import CueEntry

MAX_AFTER = 20  # tokens between a quote and the cue that follows it ('“…,” the ministry's spokesman said')
MAX_BEFORE = 30  # tokens between a cue and the quote it introduces
MAX_DASH_SOURCE = 12
AUXILIARIES = frozenset({"aux", "auxpass"})
DASH_NAME = re.compile(r"\s*([-–—―]{1,2})\s*([A-ZÀ-ÖØ-Þ][^\n]*?)[\s.,;]*$")


def direct_quotes(text: ArticleText) -> list[Found]:
    """Standalone quotes attached to the cue after or before them; quotes sharing a cue join."""
    by_cue: dict[int, Found] = {}
    found: list[Found] = []
    for index, quote in enumerate(text.quotes):
        if not text.standalone[index]:
            continue
        dash = _dash_source(text, quote)
        if dash is not None:
            found.append(dash)
            continue
        verb = _cue_after(text, index) or _cue_before(text, index)
        if verb is None:
            introduced = _introduced_from_paragraph_before(text, quote)
            if introduced is not None:
                found.append(introduced)
            continue
        if verb.i in by_cue:
            by_cue[verb.i].content.extend(quote.pieces)
            continue
        cue, lemma = verb_cue_span(text, verb, None)
        source = _widened_to_name_run(text, text.quote_tokens(index).end, verb, source_of(verb))
        attribution = Found(cue, lemma, verb.i, source, list(quote.pieces), "direct", 0.9)
        by_cue[verb.i] = attribution
        found.append(attribution)
        text.used.add(verb.i)
    for attribution in found:
        attribution.content.sort()
    return found


def _introduced_from_paragraph_before(text: ArticleText, quote: Quote) -> Found | None:
    """A quote opening a paragraph after one that introduces it ('From Chairwoman Jones:')."""
    number = paragraph_at(text, quote.start)
    if number < 1 or text.paragraphs[number][0] != quote.start:
        return None
    introducing = _introduction(text, text.paragraphs[number - 1])
    if introducing is None:
        return None
    cue, lemma, anchor, source = introducing
    return Found(cue, lemma, anchor, source, list(quote.pieces), "direct", 0.8)


def _speech_verb(text: ArticleText, token: Token) -> CueEntry | None:
    """The lexicon entry of a speech verb that can introduce a quote, if ``token`` is one."""
    if not token.tag_.startswith("VB") or text.quoted(token):
        return None
    entry = text.lexicon.verb(token)
    return entry if entry is not None and entry.takes_any("quote") else None


def _cue_after(text: ArticleText, index: int) -> Token | None:
    """``“…,” she said`` / ``“…,” said the minister``: a speech verb within a few words after the quote,
    before the sentence ends, with no clause of its own to report."""
    doc = text.doc
    tokens = text.quote_tokens(index)
    paragraph = text.paragraph_of[tokens.end - 1]
    for token in doc[tokens.end : min(len(doc), tokens.end + MAX_AFTER)]:
        if text.quoted(token) or text.paragraph_of[token.i] != paragraph or token.text in SENTENCE_END:
            return None
        if _speech_verb(text, token) is not None and not _has_own_clause(text, token):
            return token if _only_subject_between(text, tokens.end, token) else None
    return None


def _has_own_clause(text: ArticleText, verb: Token) -> bool:
    """The verb reports a clause of its own after it, outside any quote ('“Yes.” He said he was tired.'),
    in its own paragraph: the parser may run a sentence on over a paragraph break and hang the next
    paragraph's clause on the verb ('“…,” said Del. Stacey Plaskett.¶¶Democrats noted that …')."""
    paragraph = text.paragraph_of[verb.i]
    return any(
        child.dep_ == "ccomp" and child.i > verb.i and not text.quoted(child)
        and text.paragraph_of[child.i] == paragraph
        and any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in child.children)
        for child in verb.children
    )


def _only_subject_between(text: ArticleText, start: int, verb: Token) -> bool:
    """Between a quote and the cue after it only the speaker and small words may stand
    ('“…,” Katie Packer, who chairs the PAC, said'), not another clause."""
    run = _name_run_before(text, verb)
    if run is not None and run[0] >= start and _only_punctuation(text.doc[start : run[0]]):
        return True
    subject = subject_of(verb)
    spoken = {t.i for t in subject.subtree} if subject is not None else set()
    return all(t.i in spoken or t.is_punct or t.is_space or t.dep_ in {"advmod", "aux", "neg"}
               for t in text.doc[start : verb.i])


def _name_run_before(text: ArticleText, verb: Token) -> tuple[int, int] | None:
    """``“…,” Tulsa police Chief Chuck Jordan said``: the tagger may read a capitalised word of the name
    as a verb and leave ``said`` without a subject; a run of capitalised words (and the lowercase nouns
    of a title, 'police') right before the speech verb, starting capitalised, is still a name."""
    length = _run_length(text, verb)
    if not length:
        return None
    start = verb.i - length
    return (start, verb.i) if text.doc[start].is_title and text.doc[verb.i - 1].is_title else None


def _widened_to_name_run(
    text: ArticleText, quote_end: int, verb: Token, source: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The speaker of a cue right after a quote: its subject, or the name run filling the gap between
    them when the parser found no subject or only the run's tail ('Tulsa' read as a verb, 'police Chief
    Ana Ruiz' its subject)."""
    run = _name_run_before(text, verb)
    if run is None or run[0] < quote_end or not _only_punctuation(text.doc[quote_end : run[0]]):
        return source
    if source is not None and not (run[0] < source[0] and source[1] == run[1]):
        return source
    return run


def _only_punctuation(tokens: Span) -> bool:
    return all(t.is_punct or t.is_space for t in tokens)


def _run_length(text: ArticleText, verb: Token) -> int:
    """How many words before ``verb`` are capitalised or lowercase nouns, outside any quote."""
    length = 0
    for token in reversed(text.doc[max(0, verb.i - MAX_DASH_SOURCE) : verb.i]):
        nominal = token.is_title or token.pos_ in {"NOUN", "PROPN"}
        if text.quoted(token) or not token.is_alpha or not nominal:
            break
        length += 1
    return length


def _cue_before(text: ArticleText, index: int) -> Token | None:
    """``He said: “…”`` / ``she told reporters, “…”``: the nearest speech verb before the quote in its
    sentence, with nothing between them that starts a clause of its own."""
    doc = text.doc
    tokens = text.quote_tokens(index)
    for token in _window_before(text, tokens.start):
        if _speech_verb(text, token) is not None and token.i not in text.used:
            gap = doc[token.i + 1 : tokens.start]
            return token if _introduces(gap) else None
    return None


def _window_before(text: ArticleText, start: int) -> Iterator[Token]:
    """Tokens before ``start``, nearest first, back to the sentence or paragraph start, another quote,
    or ``MAX_BEFORE`` tokens."""
    doc = text.doc
    paragraph = text.paragraph_of[start]
    for token in reversed(doc[max(0, start - MAX_BEFORE) : start]):
        if token.is_space:
            continue
        if text.quoted(token) or text.paragraph_of[token.i] != paragraph or token.text in SENTENCE_END:
            return
        yield token


def _introduces(gap: Span) -> bool:
    """Words between a speech verb and its quote that still make it a direct quote: modifiers of the
    verb ('in a statement', 'on Sunday', 'reporters'), not the start of a reported clause."""
    words = [t for t in gap if not t.is_punct and not t.is_space]
    if any(t.dep_ in SUBJECT_DEPS or (t.tag_.startswith("VB") and t.dep_ not in AUXILIARIES) for t in words):
        return False
    last = next((t for t in reversed(gap) if not t.is_space), None)
    return last is None or last.text in {":", ",", "that", "—", "–"} or not words


def _dash_source(text: ArticleText, quote: Quote) -> Found | None:
    """``"…" -Commissioner Smith``: a dash and a short name closing the paragraph after a quote."""
    paragraph_end = text.paragraphs[paragraph_at(text, quote.end - 1)][1]
    match = DASH_NAME.match(text.string[quote.end : paragraph_end])
    if match is None:
        return None
    source = (quote.end + match.start(2), quote.end + match.end(2))
    name = text.tokens(source)
    if not len(name) or len(name) > MAX_DASH_SOURCE:
        return None
    dash = (quote.end + match.start(1), quote.end + match.end(1))
    lemma = text.lexicon.marks.get(match.group(1)[0], "say")
    tokens = (name.start, name.end)
    return Found(dash, lemma, None, tokens, list(quote.pieces), "direct", 0.8, source_chars=source)


def colon_blocks(text: ArticleText) -> list[Found]:
    """A paragraph without quotation marks after one that ends ``said on Sunday:`` or is ``From X:``."""
    blocks = []
    for number, (start, end) in enumerate(text.paragraphs[:-1]):
        if text.string[end - 1] != ":":
            continue
        following = text.paragraphs[number + 1]
        if text.string[following[0]] in "\"“„«‘'":
            continue
        introducing = _introduction(text, (start, end))
        if introducing is not None:
            cue, lemma, anchor, source = introducing
            blocks.append(Found(cue, lemma, anchor, source, [following], "direct", 0.7))
    return blocks


def _introduction(
    text: ArticleText, paragraph: CharSpan
) -> tuple[CharSpan, str, int | None, tuple[int, int] | None] | None:
    """The cue and source of a paragraph that introduces a block quote, if it does."""
    doc = text.doc
    tokens = text.tokens(paragraph)
    match = re.fullmatch(r"(From)\s+(.+?)\s*:", text.string[paragraph[0] : paragraph[1]])
    if match is not None:
        name = text.tokens((paragraph[0] + match.start(2), paragraph[0] + match.end(2)))
        cue = (paragraph[0], paragraph[0] + 4)
        return cue, text.lexicon.marks.get("from", "say"), None, (name.start, name.end)
    for token in reversed(tokens):
        if token.text in SENTENCE_END:
            break
        if _speech_verb(text, token) is not None and token.i not in text.used:
            if not _introduces(doc[token.i + 1 : tokens.end]):
                return None
            text.used.add(token.i)
            cue, lemma = verb_cue_span(text, token, None)
            return cue, lemma, token.i, source_of(token)
    return None
