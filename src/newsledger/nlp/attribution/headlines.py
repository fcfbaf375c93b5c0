"""Headline verbs the tagger took for nouns: 'Obama Sees ‘Personal Insult’ if Blacks Don’t Rally',
'Hillary Clinton Speaks ‘Directly To White People’', 'Trump questions the fairness of moderators'.

A headline drops its articles and capitalises every word, and the small model often reads the present-tense
verb ('Sees', 'questions', 'rules') as a plural noun or a name, leaving the rule for cue verbs nothing to
find. In the article's first paragraph (its headline and any deck line under it) a lexicon verb in the
third person right after a short noun phrase at the start of a line is read as the verb it is: the noun
phrase is the source and the rest of the line the content.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger.nlp.attribution.base import ArticleText, Found, form_of, trimmed

MAX_SOURCE = 6  # words of a headline's subject: 'Former DNC chairman', 'Keith Lamont Scott's wife'
MAX_LINE = 40  # tokens: a longer first paragraph is body text, not a headline
MIN_CONTENT = 2  # words after the verb
SUBJECT_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ", "POS", "CD", "HYPH", "DT"})
VERB_TAGS = frozenset({"VBZ", "NNS", "NNPS", "NNP", "VBP"})


def headline_verbs(text: ArticleText) -> list[Found]:
    """A headline line's verb read as a noun, with its subject as source and the rest as content."""
    if not text.paragraphs:
        return []
    headline = text.tokens(text.paragraphs[0])
    if len(headline) > MAX_LINE:
        return []
    found = []
    for line in _lines(headline):
        attribution = _line_attribution(text, line)
        if attribution is not None:
            found.append(attribution)
    return found


def _lines(tokens: Span) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for token in tokens:
        if token.is_space and "\n" in token.text:
            lines.append([])
        elif not token.is_space:
            lines[-1].append(token)
    return [line for line in lines if line]


def _line_attribution(text: ArticleText, line: list[Token]) -> Found | None:
    for position, token in enumerate(line[1 : MAX_SOURCE + 1], start=1):
        if token.tag_ not in VERB_TAGS or token.i in text.used or text.quoted(token):
            if token.tag_ in SUBJECT_TAGS:
                continue
            return None
        lemma = _verb_lemma(text, token)
        if lemma is None or _subject_of_a_verb(token):
            continue
        subject = line[:position]
        if not all(t.tag_ in SUBJECT_TAGS for t in subject) or not any(t.is_alpha for t in subject):
            return None
        rest = line[position + 1 :]
        content = trimmed(text, rest)
        if content is None or sum(1 for t in rest if t.is_alpha) < MIN_CONTENT:
            return None
        text.used.add(token.i)
        cue = (token.idx, token.idx + len(token))
        return Found(cue, lemma, token.i, (subject[0].i, subject[-1].i + 1), [content],
                     form_of(text, content), 0.6)
    return None


def _subject_of_a_verb(token: Token) -> bool:
    """A noun the parser found a verb for ('Obama Power Plant Rules Face Key Test'): not the verb."""
    head = token.head
    return token.dep_ in {"nsubj", "nsubjpass"} and head.i > token.i and head.pos_ in {"VERB", "AUX"}


def _verb_lemma(text: ArticleText, token: Token) -> str | None:
    """The lexicon verb a third-person form spells ('sees', 'rules', 'questions', 'denies'), if any."""
    word = token.lower_
    candidates = [word]
    if word.endswith("ies"):
        candidates.append(word[:-3] + "y")
    if word.endswith("es"):
        candidates.append(word[:-2])
    if word.endswith("s"):
        candidates.append(word[:-1])
    return next((c for c in candidates[1:] if c in text.lexicon.verbs), None)
