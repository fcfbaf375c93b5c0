"""Mode of an event: actual, planned ('will strike', 'plans to'), hypothetical ('might retaliate', 'could
lead to', 'if'), or negated ('did not confirm', 'denied attacking').

The cue is looked for on the trigger's own clause first (its negation, its modal, an 'if' that opens it),
then on the clauses that govern it, climbing at most ``max_climb`` steps through complement and
modifier links ('feared that ... might prompt Putin to retaliate'); the nearest cue wins, and on one
clause a negation outranks a modal, which outranks a condition or a governing word. A noun trigger
('an attack', 'the strike') has its own modifiers ('planned', 'possible', 'no'); a definite one is taken as
actual, because 'the strike' presupposes it happened, and it takes the mode of the verb it is the
subject of only when that verb says it happens ('an attack could happen', not 'the authorisation could
lead to war').
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from newsledger.nlp.events.lexicon import ModeCues
from newsledger.nlp.events.triggers import NOUN_TAGS, VERB_TAGS, Trigger, lemma_of

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP"})
NOUN_CLIMB_DEPS = frozenset(
    {"dobj", "pobj", "prep", "attr", "oprd", "conj", "appos", "compound", "dative", "pcomp"}
)


class ModeReading(NamedTuple):
    """The mode and the word that gave it ('will', 'if', 'expected'; empty for the default 'actual'):
    whether a planned or hypothetical act is someone's promise or threat depends on that word."""

    mode: str
    cue: str = ""


ACTUAL = ModeReading("actual")


def mode_of(trigger: Trigger, doc: Doc, cues: ModeCues) -> str:
    return mode_reading(trigger, doc, cues).mode


def mode_reading(trigger: Trigger, doc: Doc, cues: ModeCues) -> ModeReading:
    token = doc[trigger.head]
    if trigger.pos == "verb":
        return _climb(token, cues, trigger_is_node=True)
    own = _noun_modifier_mode(token, cues)
    if own is not None:
        return own
    if _is_definite(token):
        return ACTUAL
    return _noun_climb(token, cues)


def _climb(token: Token, cues: ModeCues, *, trigger_is_node: bool) -> ModeReading:
    node = token
    for depth in range(cues.max_climb + 1):
        cue = _clause_cue(node, cues, is_trigger=trigger_is_node and depth == 0)
        if cue is not None:
            return cue
        if node.dep_ not in cues.climb_deps or node.head.i == node.i or _presupposed_clause(node):
            break
        if _accompanying_clause(node):
            break
        node = node.head
    return ACTUAL


def _accompanying_clause(node: Token) -> bool:
    """A participle clause with no conjunction ('denied targeting civilians, saying it had struck only
    military sites'; 'rejected the claim, insisting ...') is a second act of the same subject, not
    something the first verb denies, plans or doubts."""
    return (
        node.dep_ == "advcl"
        and node.tag_ == "VBG"
        and not any(c.dep_ in {"mark", "aux"} for c in node.children)
    )


def _presupposed_clause(node: Token) -> bool:
    """A relative or participle clause ('athletes killed at the Games', 'forces that shelled the town')
    tells something the sentence takes as given; only an infinitive one ('permission to strike') is
    governed by what is said around it."""
    return node.dep_ in {"relcl", "acl"} and not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in node.children
    )


def _clause_cue(node: Token, cues: ModeCues, *, is_trigger: bool) -> ModeReading | None:
    """The mode one clause gives what it governs: negation, then modal, then condition, then the
    governing word itself ('plans', 'ready', 'refused'), which does not count for the trigger's own word."""
    children = list(node.children)
    negation = next((c for c in children if _negates(c, cues)), None)
    if negation is not None:
        return ModeReading("negated", negation.lower_)
    modal = next((c.lower_ for c in children if c.dep_ == "aux" and c.lower_ in cues.modals), None)
    if modal is not None:
        return ModeReading(cues.modals[modal], modal)
    mark = next((c for c in children if c.dep_ == "mark" and c.lower_ in cues.conditional_marks), None)
    if mark is not None:
        return ModeReading("hypothetical", mark.lower_)
    if is_trigger:
        return None
    return _governor_mode(node, cues)


def _negates(child: Token, cues: ModeCues) -> bool:
    return child.dep_ == "neg" or (child.lower_ in cues.negations and child.dep_ in {"advmod", "det"})


def _governor_mode(node: Token, cues: ModeCues) -> ModeReading | None:
    lemma = lemma_of(node)
    word = lemma if lemma in cues.governors else node.lower_
    mode = cues.governors.get(word)
    if mode is None:
        return None
    particle = cues.negated_particles.get(lemma)
    if mode == "negated" and particle is not None and not any(c.lower_ == particle for c in node.children):
        return None
    return ModeReading(mode, word)


def _noun_modifier_mode(noun: Token, cues: ModeCues) -> ModeReading | None:
    for child in noun.children:
        if child.dep_ in {"amod", "det", "compound", "neg"}:
            word = child.lower_ if child.lower_ in cues.noun_modifiers else lemma_of(child)
            mode = cues.noun_modifiers.get(word)
            if mode is not None:
                return ModeReading(mode, word)
    return None


def _is_definite(noun: Token) -> bool:
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children)


def _noun_climb(noun: Token, cues: ModeCues) -> ModeReading:
    """The mode a noun trigger takes from above: from a governing noun ('the likelihood of a ceasefire',
    'plans for an offensive'), or from the verb it is the object or complement of, or the subject of
    when that verb says it happens."""
    if noun.dep_ in SUBJECT_DEPS:
        verb = noun.head
        return (
            _climb(verb, cues, trigger_is_node=False) if lemma_of(verb) in cues.noun_subject_verbs else ACTUAL
        )
    node = noun
    for _ in range(cues.max_climb + 2):
        if node.dep_ not in NOUN_CLIMB_DEPS or node.head.i == node.i:
            return ACTUAL
        node = node.head
        if node.lower_ in cues.presupposing_preps or node.head.lower_ in cues.presupposing_preps:
            return ACTUAL
        if node.tag_ in VERB_TAGS:
            return _climb(node, cues, trigger_is_node=False)
        mode = _governor_mode(node, cues)
        if mode is not None:
            return mode
        if node.tag_ not in NOUN_TAGS and node.tag_ not in {"IN", "TO"}:
            return ACTUAL
    return ACTUAL


def is_others_guess(token: Token, cues: ModeCues) -> bool:
    """The trigger's clause is what someone other than its subject believes will or could happen
    ('officials believe the RSF may attack El Fasher'): a guess, nobody's intention (see ``others_guess``
    in the modes lexicon). A pronoun on either side ('said it could') may be the actor speaking."""
    clause = _clause_verb(token)
    while clause is not None and clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
        clause = clause.head
    if clause is None or clause.dep_ != "ccomp" or lemma_of(clause.head) not in cues.guess_verbs:
        return False
    speakers = [c for c in clause.head.children if c.dep_ in SUBJECT_DEPS]
    actors = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
    if not speakers or any(s.tag_ in PRONOUN_TAGS for s in speakers + actors):
        return False
    return not {lemma_of(s) for s in speakers} & {lemma_of(a) for a in actors}


def _clause_verb(token: Token) -> Token | None:
    node = token
    for _ in range(4):
        if node.tag_ in VERB_TAGS:
            return node
        if node.dep_ not in NOUN_CLIMB_DEPS or node.head.i == node.i:
            return None
        node = node.head
    return None
