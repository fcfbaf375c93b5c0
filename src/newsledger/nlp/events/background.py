"""Which triggers of a sentence tell its news, and which only the background it takes for granted.

Event data codes the event a sentence reports, not the events its noun phrases presuppose: in 'demonstrated
in Kosovo, where 24 people were killed last March' or 'demanded the return of property seized in the
1970s', the killing and the seizure are old news that identify a place or a thing. Background is:

- a trigger whose path up to the sentence's root crosses a restrictive relative or participle clause (one
  not set off by a comma);
- one in a where- or when-clause with a time of its own (', where 24 people were killed last March');
- one in the condition or the purpose of another ('may halt mediation if cooperation founders', 'so that
  marriages are banned').

Background is dropped when the sentence has a trigger outside it, so no sentence loses its only event. A
non-restrictive clause (', which shelled the town on Monday,') adds news and is kept.

A trigger in an after-, before- or since-clause ('three days after a strike on a wedding killed 27',
'following an attack on a convoy') is kept, but it is another happening than the one the clause is
ordered against (:func:`is_anchor`): what is told as before or after an event is never that event.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

BACKGROUND_DEPS = frozenset({"relcl", "acl"})
# A clause these open is the condition of the event it modifies, not an event told ('may halt mediation
# if cooperation by all parties founders').
CONDITION_MARKS = frozenset({"if", "unless", "provided", "lest"})
SETTING_WORDS = frozenset({"where", "when"})
# Words that order one happening against another: what they introduce happened before or after it.
ORDERING_WORDS = frozenset({"after", "before", "since", "following", "until", "prior"})
MAX_STEPS = 12


def is_background(token: Token) -> bool:
    """The word sits in a restrictive relative or participle clause of a noun (an infinitive one, 'the
    order to attack', is not background: it is what the noun is about)."""
    node = token
    for _ in range(MAX_STEPS):
        if node.head.i == node.i:
            return False
        if node.dep_ in BACKGROUND_DEPS and _restrictive(node) and not _infinitive(node):
            return True
        if node.dep_ == "relcl" and _setting_with_its_own_time(node):
            return True
        if node.dep_ == "advcl" and _conditional(node):
            return True
        node = node.head
    return False


def is_anchor(token: Token) -> bool:
    """The word sits in a clause or phrase that an ordering word opens ('days after a strike … killed
    27', 'following an attack on a convoy'), below the word it orders: the event it tells is another
    happening than that word's."""
    node = token
    for _ in range(MAX_STEPS):
        if node.head.i == node.i:
            return False
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ORDERING_WORDS for c in node.children
        ):
            return True
        if node.dep_ in {"pobj", "pcomp"} and node.head.lower_ in ORDERING_WORDS:
            return True
        node = node.head
    return False


def ordered_phrases(clause: Span, trigger: int) -> list[Span]:
    """The after-, before- and since-phrases of a clause that do not hold its trigger ('following an
    ambush that killed nine soldiers, the army shelled …'): their figures and dates are another
    happening's."""
    found = []
    for token in clause:
        if token.lower_ not in ORDERING_WORDS:
            continue
        if token.dep_ == "mark" and token.head.dep_ == "advcl":
            phrase = token.head
        elif token.dep_ == "prep" and any(c.dep_ in {"pobj", "pcomp"} for c in token.children):
            phrase = token
        else:
            continue
        span = clause.doc[phrase.left_edge.i : phrase.right_edge.i + 1]
        if not span.start <= trigger < span.end:
            found.append(span)
    return found


def _restrictive(clause: Token) -> bool:
    first = clause.left_edge
    if first.i == 0:
        return True
    before = clause.doc[first.i - 1]
    return not (before.is_punct and before.text in {",", "(", "—", "–", ";"})


def _setting_with_its_own_time(clause: Token) -> bool:
    """', where 24 people were killed in riots last March': a where- or when-clause that tells what
    happened at a place with a time of its own (a date, or a perfect 'have been killed') is history that
    describes the place, even set off by a comma."""
    if not any(c.lower_ in SETTING_WORDS and c.dep_ == "advmod" for c in clause.children):
        return False
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in clause.children)
    dated = any(t.ent_type_ == "DATE" for t in clause.subtree)
    return perfect or dated


def _conditional(clause: Token) -> bool:
    """An if- or unless-clause, or a purpose clause 'so that' opens ('amend the constitution so that
    same-sex marriages are banned'): what it tells is wanted or supposed, not told."""
    for mark in (c for c in clause.children if c.dep_ == "mark"):
        if mark.lower_ in CONDITION_MARKS:
            return True
        after = clause.doc[mark.i + 1] if mark.i + 1 < len(clause.doc) else None
        if mark.lower_ == "so" and after is not None and after.lower_ == "that":
            return True
    return False


def _infinitive(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def foreground_heads(doc: Doc, heads: list[int]) -> set[int]:
    """The heads to keep: those not in the background, or all of them when every one is."""
    news = {head for head in heads if not is_background(doc[head])}
    return news or set(heads)
