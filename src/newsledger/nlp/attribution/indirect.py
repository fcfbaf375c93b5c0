"""Indirect speech and its relatives: cue words from the lexicon with their content and their source.

- Verbs (:func:`verb_cues`) take what the lexicon says they take: a that-clause (``US officials said the
  missiles…``), an object with its argument prepositions (``described the attack as “one of the
  largest”``), a to-clause (``vowed to stay``), or a preposition's object (``called for talks``). A
  reporting clause set off by commas reports the rest of its sentence whatever the parser made of it
  (``…, the New York Times reported.``; ``The ceasefire, the officials said, will…``).
- ``according to X`` and ``in <a poll>`` name a source in a phrase (:func:`according_to`).
- Seeming and passive judgements attribute to no one in the text (:func:`evidentials`).
- Nouns take a that-clause or a preposition's object, with an owner or author as the source
  (:func:`noun_cues`: ``Trump's claim that…``, ``his criticism of the deal``).
- A headline's ``Name: …`` gives the rest of the line to the name (:func:`headline_colons`).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.attribution.base import (
    SENTENCE_END,
    SUBJECT_DEPS,
    ArticleText,
    CharSpan,
    Found,
    char_span,
    form_of,
    in_paragraph_of,
    is_passive,
    noun_phrase,
    previous_word,
    source_of,
    subtrees,
    trimmed,
    verb_cue_span,
)
from newsledger.nlp.attribution.message_verbs import message_verb_entry
from newsledger.nlp.attribution.source_spans import span_words
from newsledger.nlp.cues import CueEntry, cue_lexicon
from newsledger.nlp.lexicons import load_json

WHEN = frozenset({"DATE", "TIME"})
# A reporting verb the parser hung inside the clause it reports ('killing 21 …, officials said'): its
# subject may have swallowed words of that clause.
SWALLOWED_DEPS = frozenset({"ccomp", "conj", "advcl", "xcomp"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})  # 'what she called a “rant”', 'which Cook called “crap”'
HEADLINE_TOKENS = 40
MIN_CONTENT_WORDS = 3
# what an agentless passive cue was about: 'accused of', 'criticized for', 'mentioned as', 'charged with'
PASSIVE_PREPS = frozenset({"as", "of", "for", "with"})
HEADLINE_NAME = 5
TAIL_DEPS = frozenset({"npadvmod", "advmod", "prep", "pobj", "det", "amod", "compound", "nummod", "poss",
                       "case", "pcomp", "nmod", "quantmod", "punct", "dative", "cc", "neg"})


def verb_cues(text: ArticleText) -> list[Found]:
    """Lexicon verbs with their content complement and their subject, in any order."""
    found = []
    for token in text.doc:
        if token.i in text.used or text.quoted(token):
            continue
        if not (token.tag_.startswith("VB") or _verb_as_noun(text, token)):
            continue
        entry = text.lexicon.verb(token) or message_verb_entry(token)
        if entry is None:
            continue
        attribution = _verb_attribution(text, token, entry)
        if attribution is not None:
            found.append(attribution)
            text.used.add(token.i)
    return found


def _verb_as_noun(text: ArticleText, token: Token) -> bool:
    """A cue verb the small model tagged as a noun ('The Clinton campaign plans to employ…', 'But Trump
    claims that…'): a bare noun form of a lexicon verb, without determiner or owner, that heads a clause of
    its own, which only a verb can."""
    if token.tag_ not in {"NN", "NNS"} or text.lexicon.verbs.get(token.lemma_.lower()) is None:
        return False
    children = list(token.children)
    return (not any(c.dep_ in {"det", "poss", "amod"} for c in children)
            and any(c.dep_ in {"ccomp", "xcomp"} and c.i > token.i for c in children))


def _glued_subject(verb: Token) -> tuple[int, int] | None:
    """The speaker the parser glued onto a verb it took for a noun ('The Clinton campaign plans'): the
    compound words before it, with their determiner."""
    words = [t for c in verb.children if c.dep_ == "compound" and c.i < verb.i for t in c.subtree]
    if not words:
        return None
    start = min(t.i for t in words)
    before = verb.doc[start - 1] if start > 0 else None
    if before is not None and before.dep_ == "det" and before.head.i in {verb.i, *(t.i for t in words)}:
        start -= 1
    return start, max(t.i for t in words) + 1


def _verb_attribution(text: ArticleText, verb: Token, entry: CueEntry) -> Found | None:
    """The attribution a cue verb makes, if it has a content and a source (a passive may have none)."""
    reporter = second_predicate_of(text, verb)
    source = source_of(reporter if reporter is not None else verb)
    if source is None and not verb.tag_.startswith("VB"):
        source = _glued_subject(verb)
    parenthetical = _as_clause_content(text, verb, source) if not _has_complement(verb, entry) else None
    if not parenthetical and entry.takes_any("clause"):
        parenthetical = _parenthetical_content(text, verb, source)
        if not parenthetical and source is not None and verb.dep_ in SWALLOWED_DEPS:
            # '…, killing 21 civilians, including six children, a local official said.': the parser made
            # the victims the speaker; the speaker is what follows the subject's last comma
            speaker = _after_last_comma(text, source)
            parenthetical = _parenthetical_content(text, verb, speaker) if speaker else None
            source = speaker if parenthetical else source
    content_tokens, prep = _complement(text, verb, entry)
    if parenthetical:
        content = parenthetical
    elif content_tokens:
        tokens = _without_other_reports(text, verb, in_paragraph_of(text, verb, content_tokens))
        content = _around_reporting_clause(text, verb, source, tokens)
    else:
        return None
    if not content or (source is None and not is_passive(verb)):
        return None
    cue, lemma = verb_cue_span(text, verb, prep)
    form = form_of(text, (content[0][0], content[-1][1]))
    confidence = 0.8 if parenthetical or entry.takes_any("clause") else 0.6
    return Found(cue, lemma, verb.i, source, content, form, confidence)


def _after_last_comma(text: ArticleText, source: tuple[int, int]) -> tuple[int, int] | None:
    """The words of a subject after its last unquoted comma, if they start a noun phrase."""
    doc = text.doc
    commas = [i for i in range(source[0], source[1]) if doc[i].text == "," and not text.quoted(doc[i])]
    if not commas or commas[-1] + 1 >= source[1]:
        return None
    start = commas[-1] + 1
    return (start, source[1]) if doc[start].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"} else None


def _around_reporting_clause(
    text: ArticleText, verb: Token, source: tuple[int, int] | None, tokens: list[Token]
) -> list[CharSpan]:
    """The content as fragments around the source and the cue when they stand inside it: a relative
    clause of saying puts its pronoun first ('which he said were at his side', 'what she called a
    “rant”'), and the pronoun is part of what was said, the speaker and the verb are not."""
    reporting = {verb.i, *(c.i for c in verb.children if c.dep_ in {"prt", "aux", "neg", "auxpass"})}
    if source is not None:
        reporting.update(range(*source))
    runs: list[list[Token]] = []
    for token in tokens:
        if token.i in reporting:
            continue
        if runs and not any(runs[-1][-1].i < i < token.i for i in reporting):
            runs[-1].append(token)
        else:
            runs.append([token])
    fragments = [trimmed(text, run) for run in runs]
    return [fragment for fragment in fragments if fragment is not None]


def _without_time_of_saying(verb: Token, tokens: list[Token]) -> list[Token]:
    """A clause's tokens without a date phrase that opens it right after the verb, before the clause's
    subject: in 'said on Monday they had struck …' the parser hangs 'on Monday' on 'struck', but it is
    when they spoke."""
    if not tokens or tokens[0].i != verb.i + 1 or tokens[0].dep_ != "prep":
        return tokens
    phrase = [t for t in tokens if t.i <= tokens[0].right_edge.i]
    rest = tokens[len(phrase):]
    dated = any(t.ent_type_ in WHEN for t in phrase if t.dep_ == "pobj")
    opens_clause = bool(rest) and any(t.dep_ in {"nsubj", "nsubjpass"} for t in rest[:3])
    return rest if dated and opens_clause else tokens


def _complement(text: ArticleText, verb: Token, entry: CueEntry) -> tuple[list[Token], Token | None]:
    """The tokens of the verb's content, and the content preposition that joins the cue, if any."""
    children = list(verb.children)
    if entry.takes_any("clause"):
        clauses = [c for c in children if _is_clause(verb, c) and not _is_quote_only(text, c)]
        if clauses:
            return _without_time_of_saying(verb, subtrees(clauses)), None
        stray = _stray_that_clause(verb)
        if stray is not None:
            return subtrees([stray]), None
    if entry.takes_any("infinitive"):
        # 'want Trump to release his returns': the parser makes the object the subject of a to-clause;
        # 'told them at a rally to go': it takes the to-clause after an object for a purpose clause
        objects = [c for c in children if c.dep_ == "dobj"]
        controls = {"xcomp", "ccomp", "advcl"} if objects else {"xcomp", "ccomp"}
        infinitives = [c for c in children if c.dep_ in controls and _has_to(c) and c.i > verb.i]
        if infinitives:
            objects = [c for c in children if c.dep_ == "dobj" and c.i < infinitives[0].i]
            return subtrees(objects + infinitives), None
    particle = _content_particle(verb, entry)
    if particle is not None:
        return particle
    for child in children:
        if child.dep_ == "prep" and child.lower_ in entry.preps and child.i > verb.i:
            # 'spoke on Monday': a date is when it was said, not what
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"} and c.ent_type_ not in WHEN]
            if objects:
                return subtrees(objects), child
    if entry.takes_any("object"):
        passive = _agentive_passive_subject(verb)
        if passive is not None:
            return subtrees([passive]), None
        objects = [c for c in children if c.dep_ == "dobj" and c.lower_ != "so"
                   and (c.i > verb.i or c.tag_ in RELATIVE_TAGS)]
        if objects:
            first = objects[0]
            extra = [
                c for c in children
                if c.i > first.i and (c.dep_ in {"oprd", "ccomp", "xcomp"}
                                      or (c.dep_ == "prep" and c.lower_ in text.lexicon.object_preps))
            ]
            if first.lower_ != "it" or extra:  # 'called it “shameful”', not a bare 'confirmed it'
                return subtrees([first, *extra]), None
    return [], None


def _content_particle(verb: Token, entry: CueEntry) -> tuple[list[Token], Token] | None:
    """A content preposition the parser read as a particle, its object then the verb's: in 'the senator
    called on fellow Republicans to unendorse Trump' 'on' is the verb's particle and 'Republicans' its
    object (or the particle's). The object and a to-clause after it are the content, and the particle
    joins the cue."""
    children = list(verb.children)
    particles = [c for c in children if c.dep_ == "prt" and c.lower_ in entry.preps and c.i == verb.i + 1]
    if not particles:
        return None
    objects = [c for c in [*particles[0].children, *children] if c.dep_ in {"pobj", "dobj"} and c.i > verb.i]
    if not objects:
        return None
    clauses = [c for c in children if c.dep_ in {"xcomp", "ccomp"} and c.i > objects[0].i]
    return subtrees([objects[0], *clauses]), particles[0]


def _agentive_passive_subject(verb: Token) -> Token | None:
    """The object of an active cue turned subject by a passive with its agent: in 'The registration issue
    was first reported by The Washington Post' the issue is what was reported and the Post reported it
    (the agent is the source, :func:`~.base.source_of`). Without an agent nobody in the text is the source;
    a relative pronoun as subject ('which was endorsed by') is no content on its own, and a statement as
    subject ('The ministry's statement that … was denied by the army') is a report of its own."""
    if not any(child.dep_ == "agent" for child in verb.children):
        return None
    nouns = cue_lexicon().nouns
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.tag_ not in {"WDT", "WP", "PRP"}
                and c.lemma_.lower() not in nouns and c.lower_ not in nouns]
    return subjects[0] if subjects else None


def _stray_that_clause(verb: Token) -> Token | None:
    """A that-clause the parser hung on a noun after the verb instead of on the verb: 'tweeted in the early
    morning hours that Machado was…', 'told a meeting of leaders that few people understood…'. Its 'that'
    is a complementizer (marker or adverb), not the relative pronoun subject or object of a true relative
    clause ('a meeting that was held'), and no other verb stands between the cue and the clause."""
    for token in verb.subtree:
        if token.i <= verb.i or token.lower_ != "that" or token.dep_ not in {"mark", "advmod"}:
            continue
        clause = token.head
        between = verb.doc[verb.i + 1 : token.i]
        if clause.dep_ not in {"relcl", "acl", "advcl"} or any(t.pos_ in {"VERB", "AUX"} for t in between):
            return None
        if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.i > token.i for c in clause.children):
            return clause
        return None
    return None


def _is_clause(verb: Token, child: Token) -> bool:
    """A reported clause: a ccomp wherever it stands, or a bare clause after the verb that the parser
    took for an xcomp ('said having Trump at the top of the ticket puts…')."""
    return child.dep_ == "ccomp" or (child.dep_ == "xcomp" and child.i > verb.i and not _has_to(child))


def _has_to(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _is_quote_only(text: ArticleText, clause: Token) -> bool:
    """A clause that is only a standalone quotation: the direct-quote rule owns it."""
    index = text.quote_of[clause.i]
    return index >= 0 and text.standalone[index]


def _parenthetical_content(text: ArticleText, verb: Token, source: tuple[int, int] | None) -> list[CharSpan]:
    """A reporting clause set off by commas reports the rest of its sentence, however the parser attached
    it: ``…, the New York Times reported.``, ``…, said a source.``, ``Over the years, she said, email…``.
    Returns the content fragments (one before the clause, one after it if it sits mid-sentence)."""
    if source is None:
        return []
    doc = text.doc
    first, last = min(source[0], verb.i), max(source[1] - 1, verb.i)
    comma = previous_word(doc, first)
    if comma is None or comma.text != "," or text.quoted(comma):
        return []
    sentence = verb.sent
    paragraph = text.paragraphs[text.paragraph_of[verb.i]]
    before = text.tokens((max(sentence.start_char, paragraph[0]), comma.idx))
    if not len(before) or any(text.quoted(t) for t in before[-1:]):
        return []
    after = _after_reporting_clause(doc, verb, last, min(sentence.end_char, paragraph[1]))
    if after is None or not any(t.tag_.startswith("VB") for t in [*before, *after]):
        return []
    if not len(after) and len(before) < 3:
        return []
    fragments = [trimmed(text, list(before)), trimmed(text, list(after)) if len(after) else None]
    return [fragment for fragment in fragments if fragment is not None]


def _has_complement(verb: Token, entry: CueEntry) -> bool:
    """The verb has a content of its own: an object, a clause, or one of its content prepositions ('as he
    called for talks' is a time, not a reporting clause)."""
    return any(c.dep_ in {"dobj", "ccomp", "xcomp"} or (c.dep_ == "prep" and c.lower_ in entry.preps)
               for c in verb.children if c.i > verb.i)


def as_idioms(text: ArticleText) -> list[Found]:
    """'as X put it' and its like: a verb that reports only in a fixed phrase with its object ('put it')
    and only in an as-clause: ``…, as a Homeland Security memo put it``, ``As Ms. Simonyan put it in a
    statement, RT is …``. The content is the clause the as-clause hangs on (:func:`_host_clause`)."""
    found = []
    for verb in text.doc:
        fixed = as_idiom_objects().get(verb.lemma_.lower())
        if fixed is None or not verb.tag_.startswith("VB") or verb.i in text.used or text.quoted(verb):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ == fixed and c.i > verb.i]
        marked = any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children)
        source = source_of(verb)
        if not objects or not marked or source is None or verb.dep_ != "advcl":
            continue
        content = trimmed(text, in_paragraph_of(text, verb, _host_clause(verb)))
        if content is None:
            continue
        cue = (verb.idx, objects[0].idx + len(objects[0]))
        found.append(Found(cue, f"{verb.lemma_.lower()} {fixed}", verb.i, source, [content],
                           form_of(text, content), 0.8))
        text.used.add(verb.i)
    return found


def _host_clause(clause: Token) -> list[Token]:
    """The clause an adverbial clause hangs on, without it and without the subordinate clauses and
    conjunctions that open the host ('because while most applicants must …, the primary requirement
    is …' gives 'the primary requirement is …'); contiguous around the host's verb."""
    host = clause.head
    dropped = {t.i for t in clause.subtree}
    for child in host.children:
        if child.i < host.i and child.dep_ in {"mark", "advcl", "cc", "prep", "advmod", "npadvmod"}:
            dropped.update(t.i for t in child.subtree)
    kept = {t.i for t in host.subtree if t.i not in dropped}
    start = end = host.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    return list(host.doc[start : end + 1])


@functools.cache
def as_idiom_objects() -> dict[str, str]:
    """Verb lemma -> the object that makes it a cue in an as-clause (lexicon ``as_idioms.json``)."""
    raw: dict[str, str] = load_json("attribution", "as_idioms.json")["verbs"]
    return raw


def _as_clause_content(text: ArticleText, verb: Token, source: tuple[int, int] | None) -> list[CharSpan]:
    """An 'as'-clause of saying reports the clause it is set in: ``As many tax experts have pointed out,
    Mr. Trump is free to…``, ``Hawaii, as one of Mr. Obama's advisers pointed out, normally does not…``.
    The 'as' stands right before the source, at the start of the sentence or after a comma; the content is
    the rest of the sentence around the reporting clause."""
    if source is None:
        return []
    doc = text.doc
    first = min(source[0], verb.i)
    last = max(source[1] - 1, verb.i, *(c.i for c in verb.children if c.dep_ == "prt"))
    marker = previous_word(doc, first)
    if marker is None or marker.lower_ != "as" or text.quoted(marker):
        return []
    sentence = verb.sent
    paragraph = text.paragraphs[text.paragraph_of[verb.i]]
    start_char = max(sentence.start_char, paragraph[0])
    comma = previous_word(doc, marker.i)
    opens = comma is None or marker.idx <= start_char or comma.text in SENTENCE_END
    if not opens and (comma is None or comma.text != ","):
        return []
    before = text.tokens((start_char, comma.idx)) if comma is not None and not opens else doc[0:0]
    after = _after_reporting_clause(doc, verb, last, min(sentence.end_char, paragraph[1]))
    if after is None or not any(t.tag_.startswith("VB") for t in [*before, *after]):
        return []
    fragments = [trimmed(text, list(part)) if len(part) else None for part in (before, after)]
    return [fragment for fragment in fragments if fragment is not None]


def _after_reporting_clause(doc: Doc, verb: Token, last: int, end_char: int) -> Span | None:
    """What follows a reporting clause in its sentence: nothing but modifiers ('said on Sunday.') gives an
    empty span; modifiers then a comma give the rest of the sentence; anything else is no parenthetical."""
    position = last + 1
    while position < len(doc) and doc[position].idx < end_char:
        token = doc[position]
        if token.text == "," and not token.is_quote:
            return char_span(doc, token.idx + 1, end_char)
        if token.text in SENTENCE_END:
            return doc[position:position]
        if token.is_space or token.is_quote:
            position += 1
            continue
        addressee = token.dep_ in {"dobj", "dative"} and (
            token.lower_ in {"reporters", "journalists"} or _is_addressee(verb, token))
        if token.dep_ not in TAIL_DEPS and not addressee:
            return None
        position += 1
    return doc[position:position]


def _is_addressee(verb: Token, token: Token) -> bool:
    """The object of a reporting verb that takes no object content is who was told, not what: 'he told
    me on Friday', 'the minister told The Associated Press'. Its words belong to the reporting clause."""
    entry = cue_lexicon().verb(verb)
    return token.head.i == verb.i and entry is not None and not entry.takes_any("object")


def _without_other_reports(text: ArticleText, verb: Token, tokens: list[Token]) -> list[Token]:
    """A content stops where a participle starts a report of its own ('…, telling reporters that…',
    '…, adding that…'): that report is the next attribution, with the same speaker."""
    for token in tokens:
        if (token.dep_ in {"advcl", "conj"} and token.tag_ == "VBG" and token.i > verb.i
                and text.lexicon.verb(token) is not None and token.i > 0
                and token.doc[token.i - 1].text == ","):
            return [t for t in tokens if t.i < token.i - 1]
        if token.i > verb.i and second_predicate_of(text, token) == verb:
            joints = [c.i for c in token.head.children if c.dep_ in {"cc", "punct"} and c.i < token.i]
            cut = max(joints) if joints else token.i
            return [t for t in tokens if t.i < cut]
    return tokens


def second_predicate_of(text: ArticleText, verb: Token) -> Token | None:
    """The reporting verb whose subject also did ``verb``, when the parser put ``verb`` inside the reported
    clause: in 'Trump said he would order a review and warned against hackers' the past-tense 'warned'
    shares neither the clause's subject nor its 'would', so it is Trump's second act, not part of what he
    said. None for a verb with its own subject, or joined to a clause without a modal or perfect."""
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or text.lexicon.verb(verb) is None:
        return None
    if any(child.dep_ in SUBJECT_DEPS for child in verb.children):
        return None
    first = verb.head
    if not any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lemma_ == "have") for c in first.children):
        return None
    reporter = first.head
    if first.dep_ != "ccomp" or reporter.tag_ != "VBD" or text.lexicon.verb(reporter) is None:
        return None
    return reporter


def according_to(text: ArticleText) -> list[Found]:
    """``According to X, …``, ``…, according to X`` and ``… in a poll released Sunday``: a phrase whose
    object is the source; the rest of the clause it modifies is the content."""
    found = []
    doc = text.doc
    for token in doc:
        if text.quoted(token) or token.i + 1 >= len(doc):
            continue
        phrase = _source_phrase(text, token)
        content = None
        if phrase is not None:
            last, source = phrase
            inside = {t.i for t in token.subtree} | {t.i for t in last.subtree}
            clause = [t for t in token.sent if t.i not in inside and not t.is_space]
            content = trimmed(text, in_paragraph_of(text, token, _contiguous_part(clause, token.i)))
        if content is None:
            by_commas = _according_by_commas(text, token)
            if by_commas is not None:
                found.append(by_commas)
            continue
        cue = (token.idx, last.idx + len(last))
        lemma = "according to" if token.lower_ == "according" else token.lower_
        found.append(Found(cue, lemma, token.i, noun_phrase(source), [content], form_of(text, content), 0.8))
    return found


def _according_by_commas(text: ArticleText, according: Token) -> Found | None:
    """'According to X, …' and '…, according to X.' read from the commas when the parser lost the phrase
    ('According' taken for the sentence's verb, 'show insiders' for a verb and its object): the source runs
    from 'to' to the next comma or the sentence end, and the content is the rest of the sentence."""
    doc = text.doc
    if according.lower_ != "according" or according.i + 2 >= len(doc) or doc[according.i + 1].lower_ != "to":
        return None
    sentence = according.sent
    paragraph = text.tokens(text.paragraphs[text.paragraph_of[according.i]])
    start, end = max(sentence.start, paragraph.start), min(sentence.end, paragraph.end)
    breaks = {",", ";", *SENTENCE_END}
    stop = next((t.i for t in doc[according.i + 2 : end] if t.text in breaks), end)
    source = (according.i + 2, stop)
    before = previous_word(doc, according.i)
    closes = stop == end or doc[stop].text in SENTENCE_END
    if before is None or before.i < start:
        rest = list(doc[stop + 1 : end]) if not closes and doc[stop].text == "," else []
    elif before.text == "," and closes:
        rest = list(doc[start : before.i])
    else:
        return None
    words = [t for t in rest if t.is_alpha]
    content = trimmed(text, [t for t in rest if not t.is_space])
    if content is None or source[0] >= source[1] or len(words) < MIN_CONTENT_WORDS:
        return None
    cue = (according.idx, doc[according.i + 1].idx + 2)
    return Found(cue, "according to", according.i, source, [content], form_of(text, content), 0.7)


def _source_phrase(text: ArticleText, token: Token) -> tuple[Token, Token] | None:
    """For 'according to X' or 'in <a poll>': the last word of the cue and the source's head."""
    if token.lower_ == "according":
        to = token.doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        return (to, objects[0]) if to.lower_ == "to" and objects else None
    heads = text.lexicon.source_preps.get(token.lower_)
    if heads is None or token.dep_ != "prep" or text.lexicon.verb(token.head) is not None:
        return None  # 'said in its daily report': the report is where the speaker spoke
    objects = [c for c in token.children if c.dep_ == "pobj" and c.lemma_.lower() in heads]
    return (token, objects[0]) if objects else None


def _contiguous_part(tokens: list[Token], around: int) -> list[Token]:
    """The run of ``tokens`` on the longer side of ``around`` (the clause the phrase belongs to)."""
    before = [t for t in tokens if t.i < around]
    after = [t for t in tokens if t.i > around]
    return after if len(after) >= len(before) else before


def evidentials(text: ArticleText) -> list[Found]:
    """Judgements attributed to no one in the text: ``The campaign appears to have run out of money``,
    ``Rubio is seen as the strongest candidate``, ``He reportedly left``. The content is the subject and
    the complement (or, for an adverb, the whole clause); the source is left empty, as written."""
    found = []
    lexicon = text.lexicon
    for token in text.doc:
        if token.i in text.used or text.quoted(token):
            continue
        lemma = lexicon.lemma(token)
        if token.lower_ in lexicon.evidential_adverbs and token.dep_ == "advmod":
            content = _clause_without(text, token.head, token)
        elif lemma in lexicon.evidentials or (lemma in lexicon.passive_evidentials and is_passive(token)):
            content = _subject_and_complement(text, token)
        elif _agentless_passive_cue(text, token):
            content = _subject_and_complement(text, token, PASSIVE_PREPS)
        else:
            continue
        if content:
            cue = (token.idx, token.idx + len(token))
            found.append(Found(cue, lemma, token.i, None, content, "indirect", 0.5))
    return found


def _agentless_passive_cue(text: ArticleText, verb: Token) -> bool:
    """A passive cue verb with no agent ('Mr. Quiros was accused of fraud', 'the plan is being criticized
    as …'): someone accused or criticized, and the text does not say who."""
    entry = text.lexicon.verb(verb)
    return entry is not None and entry.takes_any("object") and verb.tag_ == "VBN" and is_passive(verb)


def _subject_and_complement(
    text: ArticleText, verb: Token, preps: frozenset[str] = frozenset({"as"})
) -> list[CharSpan]:
    """'[The campaign] appears [to have run out of money]': the two fragments, or none."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in {"it", "there"}]
    complements = [c for c in verb.children if c.i > verb.i and (
        c.dep_ in {"xcomp", "acomp", "attr", "oprd"} or (c.dep_ == "prep" and c.lower_ in preps))]
    if not subjects or not complements or any(c.dep_ == "agent" for c in verb.children):
        return []
    heads = (subjects[0], complements[0])
    parts = [trimmed(text, in_paragraph_of(text, verb, subtrees([head]))) for head in heads]
    return [part for part in parts if part is not None] if all(parts) else []


def _clause_without(text: ArticleText, head: Token, word: Token) -> list[CharSpan]:
    """The verb's clause without ``word`` ('He reportedly left' gives 'He … left'), or none."""
    tokens = [t for t in head.subtree if t.i != word.i]
    content = trimmed(text, in_paragraph_of(text, head, tokens))
    return [content] if content is not None and head.pos_ in {"VERB", "AUX"} else []


def noun_cues(text: ArticleText) -> list[Found]:
    """``Trump's claim that…``, ``a New York Times report that…``, ``his criticism of the deal``: cue nouns
    with a that-clause or a content preposition, and an owner, an author, or the subject of the verb
    they are the object of ('issued a statement that…', 'voiced support for…') as the source."""
    found = []
    doc = text.doc
    for token in doc:
        if not token.tag_.startswith("NN") or text.quoted(token) or token.i in text.used:
            continue
        entry = text.lexicon.nouns.get(token.lemma_.lower()) or text.lexicon.nouns.get(token.lower_)
        if entry is None:
            continue
        content_tokens, prep = _noun_complement(token, entry)
        owned_only = _is_infinitive(content_tokens, token)
        source = _noun_source(token, owned_only=owned_only) if content_tokens else None
        # a subject noun is what its sentence judges ('Claims that … remain unverified'): the claims stage's
        unowned = (source is None and prep is None and bool(content_tokens) and not owned_only
                   and token.dep_ not in SUBJECT_DEPS)
        if source is None and not unowned:
            continue
        content = trimmed(text, in_paragraph_of(text, token, content_tokens))
        if content is None:
            continue
        next_to = prep is not None and prep.i == token.i + 1
        cue_end = prep.idx + len(prep) if prep is not None and next_to else token.idx + len(token)
        # 'growing concerns that…', 'there was more agreement that…': a that-clause held by no one named
        found.append(Found((token.idx, cue_end), token.lemma_.lower(), token.i, source, [content],
                           form_of(text, content), 0.4 if unowned else 0.6))
        text.used.add(token.i)
    return found


def _noun_complement(noun: Token, entry: CueEntry) -> tuple[list[Token], Token | None]:
    """A cue noun's that-clause, or its content preposition's object and the preposition."""
    if entry.takes_any("clause"):
        clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp", "appos", "relcl"}
                   and any(t.lower_ == "that" and t.dep_ in {"mark", "advmod"} for t in c.children)]
        if clauses:
            return subtrees(clauses), None
    if entry.takes_any("infinitive"):
        infinitives = [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.i > noun.i and _has_to(c)]
        if infinitives:
            return subtrees(infinitives[:1]), None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in entry.preps and child.i > noun.i:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return subtrees(objects), child
    return [], None


def _possessor(owner: Token) -> tuple[int, int]:
    """The owner as PolNeAR marks it, with its possessive ending ('Trump's', 'his')."""
    start, end = noun_phrase(owner)
    doc = owner.doc
    if end < len(doc) and doc[end].tag_ == "POS":
        end += 1
    return start, end


def _is_infinitive(content: list[Token], noun: Token) -> bool:
    """The content is the noun's to-clause ('a plan to cut taxes')."""
    return bool(content) and content[0].i > noun.i and content[0].lower_ == "to"


def _noun_source(noun: Token, *, owned_only: bool = False) -> tuple[int, int] | None:
    """Whose statement: the owner ('Trump's claim'), a name before the noun ('a New York Times report',
    the PolNeAR extent), 'by'/'from' X, or the subject of the verb taking the noun as its object. An
    attitude with a to-clause needs its owner (``owned_only``): 'his plan to…' is his, but whoever
    'unveiled plans to…' or 'sketched a strategy to…' made a plan rather than stated one."""
    for child in noun.children:
        if child.dep_ == "poss":
            return _possessor(child)
    compounds = [c for c in noun.children if c.dep_ == "compound" and c.tag_ in {"NNP", "NNPS"}]
    if not compounds and _heads_sentence_as_verb(noun):
        # 'Trump charges that…': the tagger read the verb as a noun and the speaker as its modifier
        compounds = [c for c in noun.children if c.dep_ == "compound" and c.text[:1].isupper()]
    if compounds:
        start = min(t.i for c in compounds for t in c.subtree)
        determiners = [c for c in noun.children if c.dep_ == "det" and c.i < start]
        return (determiners[0].i if determiners else start), noun.i
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0])
    if noun.dep_ == "dobj" and not owned_only:
        return source_of(noun.head)
    if _argument_of_verb(noun) and not owned_only:
        return source_of(noun.head.head)  # 'Democrats persisted in arguments that…'
    if noun.dep_ == "attr" and noun.head.lemma_ == "be" and not owned_only:
        return source_of(noun.head)  # 'Kaine is a staunch opponent of the death penalty'
    return None


def _argument_of_verb(noun: Token) -> bool:
    """A bare cue noun a verb takes through its preposition after it ('persisted in arguments that…'): the
    verb's subject makes the statement. A phrase before the verb ('In response to the move, X recalled…')
    or one that sets a scene or concession ('amid growing concerns that…', 'despite warnings that…';
    ``adjunct_preps`` in ``lexicons/source_spans.json``) is not the subject's own saying."""
    prep = noun.head
    return (noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "VERB" and prep.i > prep.head.i
            and prep.lower_ not in span_words().adjunct_preps
            and not any(c.dep_ == "det" for c in noun.children))


def _heads_sentence_as_verb(noun: Token) -> bool:
    """A bare plural or singular noun without determiner that heads its sentence ('Trump charges that…',
    'Clinton slams…'): a sentence needs a verb, so this noun is one the tagger misread."""
    return noun.dep_ == "ROOT" and not any(c.dep_ in {"det", "poss", "amod", "nummod"} for c in noun.children)


def headline_colons(text: ArticleText) -> list[Found]:
    """``Lynch: No outside influence on FBI probe``, ``Q: Did you …``, ``"PENCE: Well, look, …``: a
    paragraph that opens with a name of a few capitalised words and a colon gives the rest of the
    paragraph to that name. Headlines are short; a transcript's speaker in capitals may speak at length."""
    found = []
    doc = text.doc
    for start, end in text.paragraphs:
        tokens = text.tokens((start, end))
        first = next((t.i for t in tokens if not (t.is_quote or t.is_space)), tokens.end)
        window = doc[first : min(tokens.end, first + HEADLINE_NAME + 1)]
        colon = next((t for t in window if t.text == ":"), None)
        if colon is None or colon.i == first or not _is_name_run(doc[first : colon.i]):
            continue
        transcript = all(t.is_upper or not t.is_alpha for t in doc[first : colon.i])
        if doc[first].tag_ == "DT" and not transcript:
            continue  # 'The Latest: Trump urges…': a live blog's heading label, not a speaker
        if _editorial_label(doc[first : colon.i]):
            continue  # 'Correction: An earlier version …': the outlet's own note, not a speaker's words
        rest = doc[colon.i + 1 : tokens.end]
        content = trimmed(text, list(rest))
        if content is None or len([t for t in rest if t.is_alpha]) < 3:
            continue
        if len(tokens) > HEADLINE_TOKENS and not transcript:
            continue
        cue = (colon.idx, colon.idx + 1)
        found.append(Found(cue, text.lexicon.marks.get(":", "say"), colon.i, (first, colon.i), [content],
                           form_of(text, content), 0.8 if transcript else 0.6))
    return found


@functools.cache
def _editorial_labels() -> frozenset[str]:
    raw: list[str] = load_json("attribution", "editorial_labels.json")["labels"]
    return frozenset(label.casefold() for label in raw)


def _editorial_label(tokens: Span) -> bool:
    """Whether the words before a heading colon are an outlet's label for its own note ('Correction',
    'Editor's Note', 'UPDATE'; ``lexicons/editorial_labels.json``) rather than a speaker's name."""
    words = " ".join(t.text for t in tokens if not t.is_space)
    label = words.replace(" 's", "'s").replace(" ’s", "’s").replace(" ' ", "' ").casefold()
    return label in _editorial_labels()


def _is_name_run(tokens: Span) -> bool:
    """Capitalised words only ('Dr. Ben Carson', 'HUFFPOLLSTER', 'Q'), the way a headline names a speaker."""
    return all(t.text[:1].isupper() or t.text in {".", "-", "'s", "’s"} for t in tokens)
