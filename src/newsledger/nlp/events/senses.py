"""The sense of a trigger in context, from the kinds of its arguments.

A lexicon entry says which type a word usually tells; the same word tells another type, or none, with
other arguments: 'withdrew the troops' is a retreat and 'withdrew the report' a retraction; 'slammed the
decision' is criticism and 'a missile slammed into a block' an attack; 'destroyed the homes' is coercion
and 'destroyed an ammunition depot' an attack. Held-out text brings verbs and objects no list foresaw, so
the decision is taken on the *kind* of the argument (a weapon, a document, a policy, a military target),
which carries to unseen sentences better than one more entry per sentence.

Three more readings of the clause live here because they too are about what the clause means rather
than which word it uses:

- a weapon or projectile that does something to a thing or a place is an attack, whatever the verb;
- the clause that keeps a source unnamed ('asked not to be named', 'not authorized to discuss') tells
  no event;
- 'may have hit' is a guess about a past act (epistemic), not an intention, so it keeps the act's type.

The data lives in ``lexicons/plover_senses.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from newsledger.nlp.lexicons import load_json

ArgumentRole = Literal["subject", "object", "path", "source", "purpose", "no_object"]
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# A participle or coordinated clause with no subject of its own shares its head's ('..., killing 12').
SHARED_SUBJECT_DEPS = frozenset({"advcl", "conj", "xcomp"})
NOUN_DEPS = frozenset({"compound", "amod", "nmod"})
NEGATION_WORDS = frozenset({"not", "n't", "never"})


@dataclass(frozen=True)
class SenseRule:
    """Triggers of ``types`` whose ``role`` argument is of one of ``kinds`` tell ``type`` (None: no event).
    A ``path`` rule needs no kind: a path preposition ('into', 'through') on the verb is enough; a
    ``no_object`` rule holds for a verb used without an object ('people were sheltering there': taking
    shelter, not giving it). The
    ``source`` is what the act moves away from ('withdrew from the bloc', 'pulled out of the treaty'), the
    ``purpose`` what it is for ('a request for comment')."""

    types: frozenset[str]
    role: ArgumentRole
    kinds: frozenset[str]
    type: str | None
    lemmas: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Senses:
    """What ``plover_senses.json`` says, as lookup tables."""

    kinds: dict[str, frozenset[str]]
    quantity_heads: frozenset[str]
    rules: tuple[SenseRule, ...]
    path_preps: frozenset[str]
    weapon_type: str
    weapon_not_verbs: frozenset[str]
    weapon_preps: frozenset[str]
    anonymity_governors: frozenset[str]
    anonymity_complements: frozenset[str]
    anonymity_nouns: frozenset[str]
    anonymity_press: frozenset[str]
    epistemic_modals: frozenset[str]
    epistemic_perfect: frozenset[str]
    deontic_modals: frozenset[str]
    deontic_clause_deps: frozenset[str]
    deontic_climb_deps: frozenset[str]
    deontic_max_climb: int
    deontic_type: str
    joint_types: frozenset[str]
    joint_lemmas: frozenset[str]
    joint_preps: frozenset[str]
    joint_type: str

    def kind_of(self, token: Token) -> set[str]:
        """The kinds of a noun: of its head word, of a noun that qualifies it ('ammunition depot'), or of
        what a quantity counts ('hundreds of protesters')."""
        words = {_lemma(token), token.lower_}
        words.update(_lemma(c) for c in token.children if c.dep_ in NOUN_DEPS)
        if _lemma(token) in self.quantity_heads or token.like_num:
            words.update(_lemma(obj) for obj in _prep_objects(token, {"of"}))
        return {kind for kind, lemmas in self.kinds.items() if words & lemmas}


@functools.cache
def load_senses() -> Senses:
    data = load_json("events", "plover_senses.json")
    rules = tuple(
        SenseRule(
            types=frozenset(rule["types"]),
            role=rule["role"],
            kinds=frozenset(rule["kinds"]),
            type=rule["type"],
            lemmas=frozenset(rule.get("lemmas", [])),
        )
        for rule in data["senses"]
    )
    weapon, anonymity, epistemic = data["weapon_subject"], data["anonymity"], data["epistemic"]
    deontic, joint = data["deontic"], data["joint_action"]
    return Senses(
        kinds={kind: frozenset(words) for kind, words in data["kinds"].items()},
        quantity_heads=frozenset(data["quantity_heads"]),
        rules=rules,
        path_preps=frozenset(data["path_preps"]),
        weapon_type=weapon["type"],
        weapon_not_verbs=frozenset(weapon["not_verbs"]),
        weapon_preps=frozenset(weapon["preps"]),
        anonymity_governors=frozenset(anonymity["governors"]),
        anonymity_complements=frozenset(anonymity["complements"]),
        anonymity_nouns=frozenset(anonymity["nouns"]),
        anonymity_press=frozenset(anonymity["press"]),
        epistemic_modals=frozenset(epistemic["modals"]),
        epistemic_perfect=frozenset(epistemic["perfect"]),
        deontic_modals=frozenset(deontic["modals"]),
        deontic_clause_deps=frozenset(deontic["clause_deps"]),
        deontic_climb_deps=frozenset(deontic["climb_deps"]),
        deontic_max_climb=int(deontic["max_climb"]),
        deontic_type=deontic["type"],
        joint_types=frozenset(joint["types"]),
        joint_lemmas=frozenset(joint["lemmas"]),
        joint_preps=frozenset(joint["partner_preps"]),
        joint_type=joint["type"],
    )


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def arguments(word: Token, role: ArgumentRole) -> list[Token]:
    """The heads of a verb's subject, its objects (the passive subject among them), or the objects of its
    prepositions; of a noun ('the withdrawal of the bill from parliament'), its of-object as its object.
    ``source`` and ``purpose`` are the objects of 'from' (or 'out of') and of 'for'."""
    is_verb = word.tag_.startswith("VB")
    if role == "subject":
        if not is_verb:
            return []
        own = [c for c in word.children if c.dep_ in SUBJECT_DEPS]
        if own or word.dep_ not in SHARED_SUBJECT_DEPS or word.head.i == word.i:
            return own
        return [c for c in word.head.children if c.dep_ in SUBJECT_DEPS]
    if role == "object":
        if is_verb:
            return [c for c in word.children if c.dep_ in OBJECT_DEPS]
        return _prep_objects(word, {"of"})
    if role == "source":
        outs = [c for c in word.children if c.dep_ in {"prt", "prep"} and c.lower_ == "out"]
        return [
            *_prep_objects(word, {"from", "of"} if outs else {"from"}),
            *(obj for out in outs for obj in _prep_objects(out, {"of"})),
        ]
    if role == "purpose":
        return _prep_objects(word, {"for"})
    return [g for c in word.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]


def _prep_objects(word: Token, preps: set[str]) -> list[Token]:
    preps_here = (c for c in word.children if c.dep_ == "prep" and c.lower_ in preps)
    return [g for prep in preps_here for g in prep.children if g.dep_ == "pobj"]


def sense_type(token: Token, trigger_type: str, senses: Senses) -> str | None:
    """The type the trigger tells with these arguments: a weapon subject makes it an attack, else the first
    sense rule that holds decides, else the lexicon's type stands. A noun trigger has no subject and no
    path: only its of-, from- and for-objects decide."""
    if is_weapon_act(token, senses, require_place=False):
        return senses.weapon_type
    for rule in senses.rules:
        if trigger_type not in rule.types or (rule.lemmas and _lemma(token) not in rule.lemmas):
            continue
        if rule.role == "path":
            if any(c.dep_ == "prep" and c.lower_ in senses.path_preps for c in token.children):
                return rule.type
            continue
        if rule.role == "no_object":
            if token.tag_.startswith("VB") and not arguments(token, "object"):
                return rule.type
            continue
        if any(senses.kind_of(argument) & rule.kinds for argument in arguments(token, rule.role)):
            return rule.type
    return trigger_type


def is_weapon_act(verb: Token, senses: Senses, *, require_place: bool = True) -> bool:
    """A weapon or projectile as the active subject of a verb that acts on something: 'a missile slammed
    into the block', 'drones hit the substation'. With ``require_place``, the verb must take an object or
    a place (a verb no lexicon lists: 'a shell landed near the school', not 'the drone hovered')."""
    if not verb.tag_.startswith("VB") or _lemma(verb) in senses.weapon_not_verbs:
        return False
    if not any("weapon" in senses.kind_of(s) or s.ent_type_ == "WEAPON" for s in arguments(verb, "subject")):
        return False
    if not require_place:
        return True
    return any(
        c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in senses.weapon_preps) for c in verb.children
    )


def keeps_source_unnamed(token: Token, senses: Senses) -> bool:
    """The governor or the complement of an anonymity clause: 'asked not to be named', 'declined to be
    identified', 'were not authorized to discuss', 'requested anonymity'."""
    lemma = _lemma(token)
    if lemma in senses.anonymity_governors:
        if any(c.dep_ == "dobj" and _lemma(c) in senses.anonymity_nouns for c in token.children):
            return True
        return any(c.dep_ == "xcomp" and _anonymity_complement(c, token, senses) for c in token.children)
    if lemma in senses.anonymity_complements and token.dep_ == "xcomp":
        governor = token.head
        governed = _lemma(governor) in senses.anonymity_governors
        return governed and _anonymity_complement(token, governor, senses)
    return False


def _anonymity_complement(complement: Token, governor: Token, senses: Senses) -> bool:
    if _lemma(complement) not in senses.anonymity_complements:
        return False
    objects = [c for c in complement.children if c.dep_ == "dobj"]
    partners = [p for word in (complement, *objects) for p in _prep_objects(word, {"with"})]
    if any(_lemma(p) not in senses.anonymity_press for p in partners):
        return False
    refused = _lemma(governor) in {"decline", "refuse"}
    return refused or _negated(complement) or _negated(governor)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATION_WORDS for c in token.children)


def is_epistemic(verb: Token, senses: Senses) -> bool:
    """'may have hit', 'could have been struck': a modal with a perfect auxiliary judges a past act."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    modal = any(a in senses.epistemic_modals for a in auxes)
    return modal and any(a in senses.epistemic_perfect for a in auxes)


def is_demanded(token: Token, senses: Senses) -> bool:
    """The act sits in, or under, a reported clause that says someone must or should do it: the speaker
    demands it ('announced that Kagame must agree', 'said developed nations must allocate funds to help')."""
    node = token
    for _ in range(senses.deontic_max_climb + 1):
        modal = any(c.dep_ == "aux" and c.lower_ in senses.deontic_modals for c in node.children)
        if modal:
            return node.dep_ in senses.deontic_clause_deps
        if node.dep_ not in senses.deontic_climb_deps or node.head.i == node.i:
            return False
        node = node.head
    return False


def joint_type(word: Token, trigger_type: str, senses: Senses) -> str:
    """The type of a show of force done together: cooperation when the exercise's subject coordinates
    two parties or a partner joins it ('French and Egyptian warships launched war games', 'drills with
    the US navy'); otherwise the trigger's own type."""
    if trigger_type not in senses.joint_types or _lemma(word) not in senses.joint_lemmas:
        return trigger_type
    verb = _governing_verb(word)
    holders = [word] if verb is None else [word, verb]
    partnered = any(
        c.dep_ == "prep" and c.lower_ in senses.joint_preps for holder in holders for c in holder.children
    )
    subjects = [] if verb is None else arguments(verb, "subject")
    return senses.joint_type if partnered or any(_coordinated(s) for s in subjects) else trigger_type


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun hangs from as its object, through 'of' ('launched ten days of war games')."""
    node = noun
    for _ in range(4):
        if node.tag_.startswith("VB"):
            return node
        if node.dep_ not in {"dobj", "pobj", "prep", "nsubjpass"} or node.head.i == node.i:
            return None
        node = node.head
    return None


def _coordinated(subject: Token) -> bool:
    """'Egypt and Sudan', 'French and Egyptian warships': two or more parties in one subject."""
    modifiers = [c for c in subject.children if c.i < subject.i]
    return any(c.dep_ == "conj" for c in subject.children) or any(
        t.dep_ == "conj" for m in modifiers for t in m.subtree
    )
