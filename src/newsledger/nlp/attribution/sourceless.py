"""Attributions with no source: a clause presented as known, impersonally: 'it is clear that …', 'it
should be obvious that …'.

PolNeAR annotates these as attributions without a source (cue 'it was clear', content the clause): the
text presents the clause as known or unknown without saying to whom. Agentless passives of reporting verbs
('it was reported that …', 'X is expected to …') are found by the verb rules in :mod:`.indirect`, which
give a passive without an agent no source; this module adds the extraposed adjective, which no verb rule
sees because its cue is an adjective whose subject is the dummy 'it'. An open question ('it is unclear
whether …', 'it is not clear what …') presents nothing as known, so it attributes nothing. The words are
data in ``lexicons/sourceless.json``.
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from newsledger.nlp.attribution.base import ArticleText, Found, form_of, in_paragraph_of, subtrees, trimmed
from newsledger.nlp.lexicons import load_json

CONFIDENCE = 0.8
"""As sure as a verb with its clause: the construction is unambiguous, and a clause the text calls clear
or unclear is what is attributed, ahead of a weaker cue inside it ('it should be obvious that voters
want to know …')."""
CLAUSES = frozenset({"ccomp", "csubj"})


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = load_json("attribution", "sourceless.json")
    return frozenset(raw["judgement_adjectives"]), frozenset(raw["copulas"]), frozenset(raw["question_marks"])


def impersonal_judgements(text: ArticleText) -> list[Found]:
    """'It is clear that X', 'it's obvious X': an attribution of X with the words from 'it' to the
    adjective as its cue and no source."""
    adjectives, copulas, questions = _words()
    found = []
    for token in text.doc:
        if token.i in text.used or text.quoted(token):
            continue
        if token.dep_ != "acomp" or token.lower_ not in adjectives:
            continue
        copula = token.head
        dummy = _dummy_it(copula)
        if copula.lemma_.lower() not in copulas or dummy is None:
            continue
        clause = _clause(token, copula)
        if clause is None or _negated(token, copula) or _is_question(clause, questions):
            continue
        content = trimmed(text, in_paragraph_of(text, token, subtrees([clause])))
        if content is None:
            continue
        cue = (dummy.idx, token.idx + len(token))
        found.append(Found(cue, token.lower_, token.i, None, [content], form_of(text, content), CONFIDENCE))
        text.used.add(token.i)
    return found


def _dummy_it(copula: Token) -> Token | None:
    """The copula's subject when it is the dummy 'it' that stands in for the clause."""
    for child in copula.children:
        if child.dep_ in {"nsubj", "expl"} and child.lower_ == "it" and child.i < copula.i + 2:
            return child
    return None


def _clause(adjective: Token, copula: Token) -> Token | None:
    """The clause the dummy 'it' stands for: on the adjective, or (as the parser often hangs it) on the
    copula after the adjective."""
    for child in [*adjective.children, *(c for c in copula.children if c.i > adjective.i)]:
        if child.dep_ in CLAUSES:
            return child
    return None


def _negated(adjective: Token, copula: Token) -> bool:
    return any(child.dep_ == "neg" for child in (*adjective.children, *copula.children))


def _is_question(clause: Token, questions: frozenset[str]) -> bool:
    """'whether X', 'if X', 'what X': an open question, not a content."""
    first = min(t.i for t in clause.subtree)
    word = clause.doc[first]
    return word.lower_ in questions or word.tag_ in {"WDT", "WP", "WP$", "WRB"}
