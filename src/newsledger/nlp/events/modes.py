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

from spacy.tokens import Doc, Token

from newsledger.nlp.events.lexicon import ModeCues
from newsledger.nlp.events.triggers import NOUN_TAGS, VERB_TAGS, Trigger, lemma_of

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NOUN_CLIMB_DEPS = frozenset(
    {"dobj", "pobj", "prep", "attr", "oprd", "conj", "appos", "compound", "dative", "pcomp"}
)


def mode_of(trigger: Trigger, doc: Doc, cues: ModeCues) -> str:
    token = doc[trigger.head]
    if trigger.pos == "verb":
        return _climb(token, cues, trigger_is_node=True)
    own = _noun_modifier_mode(token, cues)
    if own is not None:
        return own
    if _is_definite(token):
        return "actual"
    return _noun_climb(token, cues)


def _climb(token: Token, cues: ModeCues, *, trigger_is_node: bool) -> str:
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
    return "actual"


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


def _clause_cue(node: Token, cues: ModeCues, *, is_trigger: bool) -> str | None:
    """The mode one clause gives what it governs: negation, then modal, then condition, then the
    governing word itself ('plans', 'ready', 'refused'), which does not count for the trigger's own word."""
    children = list(node.children)
    if any(c.dep_ == "neg" or (c.lower_ in cues.negations and c.dep_ in {"advmod", "det"}) for c in children):
        return "negated"
    modal = next(
        (cues.modals[c.lower_] for c in children if c.dep_ == "aux" and c.lower_ in cues.modals), None
    )
    if modal is not None:
        return modal
    if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in children):
        return "hypothetical"
    if is_trigger:
        return None
    return _governor_mode(node, cues)


def _governor_mode(node: Token, cues: ModeCues) -> str | None:
    lemma = lemma_of(node)
    mode = cues.governors.get(lemma) or cues.governors.get(node.lower_)
    if mode is None:
        return None
    particle = cues.negated_particles.get(lemma)
    if mode == "negated" and particle is not None:
        return mode if any(c.lower_ == particle for c in node.children) else None
    return mode


def _noun_modifier_mode(noun: Token, cues: ModeCues) -> str | None:
    for child in noun.children:
        if child.dep_ in {"amod", "det", "compound", "neg"}:
            mode = cues.noun_modifiers.get(child.lower_) or cues.noun_modifiers.get(lemma_of(child))
            if mode is not None:
                return mode
    return None


def _is_definite(noun: Token) -> bool:
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children)


def _noun_climb(noun: Token, cues: ModeCues) -> str:
    """The mode a noun trigger takes from above: from a governing noun ('the likelihood of a ceasefire',
    'plans for an offensive'), or from the verb it is the object or complement of, or the subject of
    when that verb says it happens."""
    if noun.dep_ in SUBJECT_DEPS:
        verb = noun.head
        return (
            _climb(verb, cues, trigger_is_node=False)
            if lemma_of(verb) in cues.noun_subject_verbs
            else "actual"
        )
    node = noun
    for _ in range(cues.max_climb + 2):
        if node.dep_ not in NOUN_CLIMB_DEPS or node.head.i == node.i:
            return "actual"
        node = node.head
        if node.lower_ in cues.presupposing_preps or node.head.lower_ in cues.presupposing_preps:
            return "actual"
        if node.tag_ in VERB_TAGS:
            return _climb(node, cues, trigger_is_node=False)
        mode = _governor_mode(node, cues)
        if mode is not None:
            return mode
        if node.tag_ not in NOUN_TAGS and node.tag_ not in {"IN", "TO"}:
            return "actual"
    return "actual"
