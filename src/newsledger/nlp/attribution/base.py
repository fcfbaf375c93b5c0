"""What every attribution rule shares: the working record, a view of the article, and span helpers.

:class:`ArticleText` reads a parsed Doc once — its text, its quotations (:mod:`.quotes`) and
whether each stands on its own or is a name or term inside a clause, and its paragraphs — so that the
rules in :mod:`.direct` and :mod:`.indirect` ask cheap questions.
:class:`Found` is one attribution while the rules work on it. The helpers below say who the subject of a
cue verb is and how far its noun phrase goes, because both kinds of rule need the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.attribution.quotes import Quote, find_quotes, paragraphs
from newsledger.nlp.attribution.source_spans import noun_phrase as noun_phrase
from newsledger.nlp.attribution.speakers import Speaker
from newsledger.nlp.cues import CueLexicon, cue_lexicon
from newsledger.nlp.doc_text import doc_text
from newsledger.records import AttributionForm

CharSpan = tuple[int, int]
SENTENCE_END = frozenset({".", "!", "?"})
# Words before a quotation mark that make the quote a name or a term, not something said.
TERM_MARKERS = frozenset(
    {"so-called", "dubbed", "nicknamed", "known", "titled", "entitled", "named", "term", "word", "phrase",
     "label", "slogan", "hashtag", "motto", "called", "calls", "call", "nickname", "moniker", "aka"}
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CONTENT_TRIM = " \t\n\r\u00a0,;:.—–-"
PARTICIPLE_LINKS = frozenset({"advcl", "xcomp", "conj", "acl"})


@dataclass
class Found:
    """One attribution while the component works on it: token and character spans of one Doc."""

    cue: CharSpan | None
    lemma: str | None
    anchor: int | None
    """token index of the cue word: what a time expression attaches to, and what nesting checks"""
    source: tuple[int, int] | None
    """token span ``[start, end)`` of the source as written"""
    content: list[CharSpan]
    form: AttributionForm
    confidence: float
    speaker: Speaker | None = None
    follows: Found | None = field(default=None, repr=False)
    """for a continuation without its own cue: the attribution whose speaker it continues"""
    source_chars: CharSpan | None = None
    """the source's characters when they do not fall on token boundaries ('-Commissioner Smith')"""

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


@dataclass
class ArticleText:
    """What every rule needs about one Doc: its quotes, which token is in which, and its paragraphs."""

    doc: Doc
    string: str
    """``doc.text``, read once: spaCy rebuilds it from the tokens on every access"""
    lexicon: CueLexicon
    quotes: list[Quote]
    standalone: list[bool]
    quote_of: list[int]
    paragraphs: list[CharSpan]
    paragraph_of: list[int]
    used: set[int] = field(default_factory=set)

    def quoted(self, token: Token) -> bool:
        return self.quote_of[token.i] >= 0

    def tokens(self, span: CharSpan) -> Span:
        return char_span(self.doc, *span)

    def quote_tokens(self, index: int) -> Span:
        quote = self.quotes[index]
        return self.tokens((quote.start, quote.end))


def char_span(doc: Doc, start: int, end: int) -> Span:
    """The tokens covering ``[start, end)``; empty (never an error) when the range is empty or inverted."""
    found = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    return found if found is not None else doc[0:0]


def read_article(doc: Doc) -> ArticleText:
    """The Doc's text, quotations and paragraphs, with the quote and paragraph of every token."""
    string = doc_text(doc)
    quotes = find_quotes(string)
    quote_of = [-1] * len(doc)
    for index, quote in enumerate(quotes):
        for token in char_span(doc, quote.start, quote.end):
            quote_of[token.i] = index
    blocks = paragraphs(string)
    paragraph_of = [0] * len(doc)
    current = 0
    for token in doc:
        while current + 1 < len(blocks) and token.idx >= blocks[current + 1][0]:
            current += 1
        paragraph_of[token.i] = current
    text = ArticleText(doc, string, cue_lexicon(), quotes, [], quote_of, blocks, paragraph_of)
    text.standalone = [_stands_alone(text, index) for index in range(len(quotes))]
    return text


def _stands_alone(text: ArticleText, index: int) -> bool:
    """A quotation someone says, not a word inside a clause: it starts a paragraph or sentence, follows a
    colon or comma, or follows a speech verb; a name or term in quotes never does."""
    tokens = text.quote_tokens(index)
    if not len(tokens):
        return False
    doc = text.doc
    before = previous_word(doc, tokens.start)
    words = [t for t in tokens if t.is_alpha or t.like_num]
    if before is not None and before.lower_ in TERM_MARKERS:
        return False
    if _inside_name(doc, tokens) or (len(words) <= 2 and not _ends_sentence(tokens)):
        return False
    if before is None or before.text in {":", ",", ";", "(", "—", "–"} or before.text in SENTENCE_END:
        return True
    if text.paragraph_of[before.i] != text.paragraph_of[tokens.start]:
        return True
    entry = text.lexicon.verb(before)
    return entry is not None and before.tag_.startswith("VB") and entry.takes_any("quote")


def previous_word(doc: Doc, start: int) -> Token | None:
    """The token before ``start`` that is not a quotation mark or a space."""
    i = start - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    return doc[i] if i >= 0 else None


def _next_word(doc: Doc, end: int) -> Token | None:
    i = end
    while i < len(doc) and (doc[i].is_quote or doc[i].is_space):
        i += 1
    return doc[i] if i < len(doc) else None


def _inside_name(doc: Doc, tokens: Span) -> bool:
    """``Dwayne “The Rock” Johnson``: a quote between two capitalised name words is a nickname."""
    before, after = previous_word(doc, tokens.start), _next_word(doc, tokens.end)
    return bool(before and after and before.tag_ == "NNP" and after.tag_ == "NNP")


def _ends_sentence(tokens: Span) -> bool:
    return any(t.text in SENTENCE_END for t in tokens[-3:])


def trimmed(text: ArticleText, tokens: Sequence[Token]) -> CharSpan | None:
    """The characters from the first to the last token, without edge punctuation other than quote marks."""
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    string = text.string
    while start < end and string[start] in CONTENT_TRIM:
        start += 1
    while end > start and string[end - 1] in CONTENT_TRIM:
        end -= 1
    if start < end and string[start:end].lower().startswith(("and ", "but ")) and end - start > 8:
        # a conjunction joins the content to the sentence; it is not part of what was said
        start = start + string[start:end].index(" ") + 1
    return (start, _quote_end(string, end)) if start < end else None


def _quote_end(text: str, end: int) -> int:
    """Move ``end`` past the closing punctuation and mark of a quote the content stops inside
    ('as “one of the largest' becomes 'as “one of the largest.”')."""
    position = end
    while position < len(text) and position - end < 3 and text[position] in ".,!?":
        position += 1
    if position < len(text) and text[position] in "”\"’»":
        opening = max(text.rfind(mark, 0, end) for mark in "“\"‘«")
        if opening >= 0 and text.count("\n", opening, end) == 0:
            return position + 1
    return end


def form_of(text: ArticleText, content: CharSpan) -> AttributionForm:
    """Direct when a quotation covers the content, mixed when one sits inside it, else indirect."""
    covered = 0
    has_quote = False
    for index, quote in enumerate(text.quotes):
        overlap = min(quote.end, content[1]) - max(quote.start, content[0])
        if overlap > 0 and not _is_name(text, index):
            has_quote = True
            covered += overlap
    if not has_quote:
        return "indirect"
    return "direct" if covered >= 0.9 * (content[1] - content[0]) else "mixed"


def _is_name(text: ArticleText, index: int) -> bool:
    tokens = text.quote_tokens(index)
    before = previous_word(text.doc, tokens.start)
    marked = before is not None and before.lower_ in {"so-called", "nicknamed", "dubbed", "named", "titled"}
    return marked or _inside_name(text.doc, tokens)


def in_paragraph_of(text: ArticleText, anchor: Token, tokens: Sequence[Token]) -> list[Token]:
    """The tokens in the anchor's paragraph: the parser does not always see a paragraph break as a
    sentence break, and a content must not run into the next paragraph (a quote's own marks aside)."""
    paragraph = text.paragraph_of[anchor.i]
    return [t for t in tokens if text.paragraph_of[t.i] == paragraph]


def subtrees(heads: Iterable[Token]) -> list[Token]:
    """The tokens under any of ``heads``, in text order, each once."""
    tokens: dict[int, Token] = {}
    for head in heads:
        for token in head.subtree:
            tokens[token.i] = token
    return [tokens[i] for i in sorted(tokens)]


def paragraph_at(text: ArticleText, offset: int) -> int:
    """The number of the paragraph holding a character offset (its end included), -1 between them."""
    for number, (start, end) in enumerate(text.paragraphs):
        if start <= offset <= end:
            return number
    return -1


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children)


def source_of(verb: Token) -> tuple[int, int] | None:
    """The token span of who speaks: the verb's subject (or a passive's agent), or for a participle
    or a second verb ('…, adding that', 'did not confirm …, but said') the subject of the verb it hangs on."""
    subject = subject_of(verb)
    if subject is None:
        return None
    start, end = noun_phrase(subject)
    return _apposed_name(subject, start, end), end


def _apposed_name(subject: Token, start: int, end: int) -> int:
    """Where the source starts when the parser read a name and its role as two subjects ('Ban Ki-moon,
    the secretary general of the United Nations, vowed'): the role set off by commas right after the
    other subject is its apposition, and the source is both. Two subjects that merely meet at a comma
    are not enough: in '…, killing at least 21 civilians, including six children, a local official and
    two residents said' the first is the object of 'killing'."""
    doc = subject.doc
    verb = subject.head
    if start < 2 or doc[start - 1].text != "," or end >= verb.i or doc[end].text != ",":
        return start
    for other in verb.children:
        if other.dep_ == "nsubj" and other.i < start:
            other_start, other_end = noun_phrase(other)
            if other_end == start - 1:
                return other_start
    return start


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The head of the verb's speaker (see :func:`source_of`); the nearest subject on the left when the
    parser gave it two ('The strikes, …, targeted sites, the military added')."""
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    subjects = [child for child in subjects if not _inside_quote(child, verb)] or subjects
    if subjects:
        before = [child for child in subjects if child.i < verb.i]
        subject = _across_break(before[-1], verb) if before else subjects[0]
        if subject is not None and (_hortative(subject, verb) or _dummy_it(subject, verb)):
            return None
        return subject
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if is_passive(verb) and depth > 0:
        # 'Rakeyia Scott can be heard yelling that …', 'he was quoted as saying …': the participle's doer is
        # the passive's subject
        passive_subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        return passive_subjects[0] if passive_subjects else None
    if is_passive(verb) or depth > 3:
        return None
    controller = _object_controller(verb)
    if controller is not None:
        return controller
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
        # 'Sanders, after initially saying…, took to the airwaves'
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ in PARTICIPLE_LINKS and verb.head.i != verb.i and verb.head.pos_ in {"VERB", "AUX"}:
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return None
        head = verb.head
        if verb.tag_ == "VBG" and head.dep_ == "ccomp" and cue_lexicon().verb(head.head) is not None:
            head = head.head  # 'X said he saw no need, telling Y that…': the teller is X
        return subject_of(_reporting_verb_before(verb) or head, depth + 1)
    return None


def _reporting_verb_before(participle: Token) -> Token | None:
    """For a participle outside quotation marks that the parser hung on a verb inside them ('“…,” Sanders
    said, going on to say that … “… young people do not want …”'; 'Mr. Trump hardly clarified the
    matter, treating it as a compliment -- “That makes me smart” -- and asserting, “…”'): the nearest
    verb before it outside the quotation, whose subject goes on."""
    doc = participle.doc
    sentence = participle.sent
    head = participle.head
    if head.i > participle.i and any(t.is_quote for t in doc[participle.i : head.i]):
        # a quotation opens between them; the sentence may start inside another one, so no counting
        for token in reversed(doc[sentence.start : participle.i]):
            if token.pos_ in {"VERB", "AUX"} and cue_lexicon().verb(token) is not None:
                return token
        return None
    inside = _inside_quotes(sentence)
    if inside.get(participle.i, False) or not inside.get(head.i, False):
        return None
    own = {t.i for t in participle.subtree}
    for token in reversed(doc[sentence.start : participle.i]):
        if token.i in own or inside.get(token.i, False) or token.dep_ in {"aux", "auxpass"}:
            continue
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _inside_quotes(sentence: Span) -> dict[int, bool]:
    """Whether each token of the sentence is between quotation marks, counted from its start."""
    inside: dict[int, bool] = {}
    open_quote = False
    for token in sentence:
        if token.is_quote:
            open_quote = not open_quote
            inside[token.i] = True
            continue
        inside[token.i] = open_quote
    return inside


def _dummy_it(subject: Token, verb: Token) -> bool:
    """'It's impossible to evaluate the plan without knowing …': the 'it' of an extraposed clause stands
    for that clause, not for anyone who could know or say something. An 'it' that is sure or determined
    (an attitude adjective of the cue lexicon) is someone."""
    if subject.lower_ != "it" or verb.lemma_.lower() != "be":
        return False
    predicates = [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
    if not predicates or any(p.lower_ in cue_lexicon().adjectives for p in predicates):
        return False
    clauses = [c for c in (*verb.children, *predicates[0].children) if c.dep_ in {"xcomp", "ccomp", "csubj"}]
    return bool(clauses)


def _hortative(subject: Token, verb: Token) -> bool:
    """'Let's say you think …': the writer's suggestion to the reader, not anyone's report."""
    hortative = subject.tag_ == "PRP" and subject.lower_ in {"'s", "’s", "us"}
    return hortative and verb.head.lemma_.lower() == "let"


def _across_break(subject: Token, verb: Token) -> Token | None:
    """A subject the parser found above a line break ('The Latest on the race (all times EDT):' ⏎ '7 p.m.'
    ⏎ 'Donald Trump is questioning …') is a heading's; the speaker is the part of it on the verb's own line,
    and there is none when nothing of it is."""
    doc = subject.doc
    breaks = [t.i for t in doc[subject.i + 1 : verb.i] if "\n" in t.text]
    if not breaks:
        return subject
    line = breaks[-1]
    on_line = [t for t in subject.subtree if line < t.i < verb.i and t.head.i <= line]
    return on_line[-1] if on_line else None


NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})


def _object_controller(verb: Token) -> Token | None:
    """Who does the '-ing' of a participle right after its governor's object: that object ('left many
    nations feeling that …', 'footage of Hillary Clinton asking, “…”'), not the governor's subject. The
    parser also reads the second as an adverbial clause; then only a name right before it counts ('briefed
    reporters saying' is still the briefer's)."""
    if verb.dep_ not in {"xcomp", "advcl"} or verb.tag_ != "VBG" or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.i <= verb.head.i or before.ent_type_ in NOT_SPEAKERS:
        return None
    if verb.dep_ == "advcl":
        return before if before.pos_ == "PROPN" else None
    if before.pos_ in {"PROPN", "PRON"} or before.tag_ == "NNS":
        return before
    return None


def _inside_quote(subject: Token, verb: Token) -> bool:
    """A 'subject' before a quotation mark that closes before its verb is a word of the quote the parser
    took for one ('“… Full panic mode,” said Leslie Wimes'): the speaker is the other subject, if any."""
    doc = subject.doc
    return subject.i < verb.i and any(t.is_quote for t in doc[subject.i + 1 : verb.i])


def verb_cue_span(text: ArticleText, verb: Token, prep: Token | None) -> tuple[CharSpan, str]:
    """The cue as written: the verb, its particle ('pointed out'), and a content preposition next to it
    ('referred to', 'called for')."""
    words = [verb, *[c for c in verb.children if c.dep_ == "prt"]]
    if prep is not None and prep.i - verb.i <= 2:
        words.append(prep)
    start = min(t.idx for t in words)
    end = max(t.idx + len(t) for t in words)
    return (start, end), text.lexicon.lemma(verb)
