"""Who did it and to whom: the actor and target of a trigger, read off the dependency parse of its clause.

Roles come only from the trigger's own clause and the clauses that govern it (an infinitive's
controller, a coordinated verb's subject, a light verb's subject), never from elsewhere in the story.

- A verb's actor is its subject, or the ``by`` phrase of a passive; an infinitive with no subject takes
  the object of an object-control verb ('might prompt Putin to retaliate') or else the subject above it
  ('agreed to withdraw', 'is willing to send'). Its target is the indirect or direct object, the passive
  subject, the owner of an object the trigger consumed ('granted Ukraine permission'), the object of a
  preposition the type lists ('retaliate against the US'), or the subject of a demanded complement
  ('demanded that Pyongyang abandon').
- A noun's actor is its possessor ('Russia's attack'), its ``by`` phrase, a country or organisation that
  qualifies it ('NATO air strikes'), or the subject of the light verb it hangs from ('troops carried out
  a strike', 'launched ten days of war games'). Its target is the object of a preposition the type lists.
- Candidates are tried in that order; the first that is a participant wins, so a date or a figure in the
  way ('demanded on Thursday that ...') is passed over.
- A participant is a noun phrase named by the entity that heads it, or that qualifies it ('Russian
  troops' -> the Russian entity, 'Ukraine's energy facilities' -> Ukraine); a thing with no such name
  stands for the entity it belongs to ('the removal of President X' -> President X). A target must be an
  agent or a named thing: event data codes who is acted on, not what.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.events.lexicon import EventLexicon, RoleRules
from newsledger.nlp.events.triggers import NOUN_TAGS, VERB_TAGS, Trigger, lemma_of, light_verb

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "any"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
QUALIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
INSIDE_SKIP_DEPS = frozenset({"relcl", "appos", "punct", "advcl", "acl", "cc"})
MAX_DEPTH = 6
# Entity labels that can name a participant; the rest never act (WEAPON is an instrument).
PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
NOT_PARTICIPANT_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "WEAPON"}
)


@dataclass(frozen=True)
class Role:
    """A participant as token offsets: the words in the role and the words that name it."""

    start: int
    end: int
    name_start: int
    name_end: int

    def to_data(self, doc: Doc) -> dict[str, int]:
        """Character offsets, msgpack-safe."""
        words, name = doc[self.start : self.end], doc[self.name_start : self.name_end]
        return {
            "start": words.start_char,
            "end": words.end_char,
            "name_start": name.start_char,
            "name_end": name.end_char,
        }


def role_data(role: Role | None, doc: Doc) -> dict[str, Any] | None:
    return role.to_data(doc) if role is not None else None


def is_verb(token: Token) -> bool:
    return token.tag_ in VERB_TAGS


def is_passive(verb: Token) -> bool:
    return reduced_relative(verb) or any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children)


def reduced_relative(verb: Token) -> bool:
    """A past participle after the noun it describes ('18 people *killed* when a bomb fell', 'the drones
    *launched* overnight'): a passive whose patient is that noun, so the noun is no actor."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i < verb.i


def actor_of(trigger: Trigger, doc: Doc, lexicon: EventLexicon) -> Role | None:
    head, rules = doc[trigger.head], lexicon.roles
    candidates = (
        [verb_actor(head, rules)] if trigger.pos == "verb" else list(noun_actors(head, trigger, rules))
    )
    return next((r for r in (participant(t, rules, agents_only=False) for t in candidates if t) if r), None)


def target_of(trigger: Trigger, doc: Doc, lexicon: EventLexicon, actor: Role | None) -> Role | None:
    head, rules = doc[trigger.head], lexicon.roles
    preps = lexicon.target_preps.get(trigger.type, frozenset()) | rules.default_target_preps
    if trigger.pos == "verb":
        candidates = verb_targets(head, trigger, preps, rules)
    else:
        candidates = noun_targets(head, trigger, preps, rules)
    for token in candidates:
        role = participant(token, rules, agents_only=True)
        if role is not None and (
            actor is None or (role.name_start, role.name_end) != (actor.name_start, actor.name_end)
        ):
            return role
    return None


# -- verbs ------------------------------------------------------------------------------------------


def verb_actor(verb: Token, rules: RoleRules, depth: int = 0) -> Token | None:
    """The token heading the actor of a verb (see the module doc); None when the clause has none."""
    if depth > MAX_DEPTH:
        return None
    if is_passive(verb):
        return _agent(verb, rules)
    subject = _nearest_subject(verb, rules.actor_deps)
    if subject is not None:
        return subject
    head, dep = verb.head, verb.dep_
    if head.i == verb.i:
        return None
    if dep == "conj" and is_verb(head):
        return verb_actor(head, rules, depth + 1)
    if dep == "xcomp" or (dep in {"advcl", "acl"} and has_to(verb)):
        return _controller(head, rules, depth)
    if dep in {"acl", "relcl"}:
        return head
    if dep == "advcl" and verb.tag_ == "VBG" and is_verb(head):
        return verb_actor(head, rules, depth + 1)
    return None


def _controller(head: Token, rules: RoleRules, depth: int) -> Token | None:
    """Who does an infinitive's action: the object of 'urge', 'allow', 'prompt'; else the subject above
    it, through an adjective ('is willing to send')."""
    if head.tag_.startswith("JJ") and head.dep_ in {"acomp", "amod", "oprd"}:
        head = head.head
    if not is_verb(head):
        return None
    controller = _controlling_object(head, rules)
    return controller if controller is not None else verb_actor(head, rules, depth + 1)


def verb_targets(verb: Token, trigger: Trigger, preps: frozenset[str], rules: RoleRules) -> Iterator[Token]:
    if is_passive(verb):
        yield from (c for c in verb.children if c.dep_ in rules.passive_target_deps)
        if reduced_relative(verb):
            yield verb.head
    else:
        for dep in rules.target_deps:
            yield from (c for c in verb.children if c.dep_ == dep and c.i not in trigger.consumed)
    consumed = [verb.doc[i] for i in sorted(trigger.consumed) if i != verb.i]
    yield from (c for t in consumed for c in t.children if c.dep_ in {"compound", "poss"})
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    yield from prepositional_objects([verb, *consumed, *_of_objects(objects)], preps, trigger)
    if trigger.type in rules.complement_subject_types or lemma_of(verb) in rules.object_control:
        yield from _complement_subjects(verb)


def _complement_subjects(verb: Token) -> Iterator[Token]:
    """'demanded that its partners refuse', 'allowed Ukraine to use': the subject of the complement."""
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp"}:
            yield from (g for g in child.children if g.dep_ in SUBJECT_DEPS)


def _nearest_subject(verb: Token, deps: frozenset[str]) -> Token | None:
    """The subject nearest the verb: a headline the parser ran into the sentence ('Russia's response /
    On Sunday, Russian troops carried out ...') may give a verb two."""
    subjects = [c for c in verb.children if c.dep_ in deps]
    return min(subjects, key=lambda c: abs(verb.i - c.i)) if subjects else None


def _agent(verb: Token, rules: RoleRules) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == rules.passive_actor_prep):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def has_to(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _controlling_object(verb: Token, rules: RoleRules) -> Token | None:
    if lemma_of(verb) not in rules.object_control:
        return None
    for child in verb.children:
        if child.dep_ in {"dobj", "dative", "iobj"}:
            return child
        if child.dep_ == "prep" and child.lower_ in {"on", "upon"}:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def prepositional_objects(holders: list[Token], preps: frozenset[str], trigger: Trigger) -> Iterator[Token]:
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in preps and child.i not in trigger.consumed:
                yield from (g for g in child.children if g.dep_ == "pobj")


def _of_objects(nouns: list[Token]) -> list[Token]:
    """'a suspension of air links with Serbia': the thing a noun is of, whose prepositions may name the
    target."""
    return [
        g
        for noun in nouns
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]


# -- nouns ------------------------------------------------------------------------------------------


def noun_actors(noun: Token, trigger: Trigger, rules: RoleRules) -> Iterator[Token | None]:
    for child in noun.children:
        if child.i in trigger.consumed:
            continue
        if child.dep_ in rules.noun_actor_deps:
            yield child
        if child.dep_ == "prep" and child.lower_ == rules.noun_agent_prep:
            yield from (g for g in child.children if g.dep_ == "pobj")
    for child in noun.children:
        if child.dep_ in rules.noun_actor_modifiers and child.ent_type_ in rules.noun_actor_labels:
            yield child
    verb = light_verb(noun, rules)
    if verb is not None:
        yield verb_actor(verb, rules)
    if noun.dep_ == "conj" and noun.head.tag_ in NOUN_TAGS:
        yield from noun_actors(noun.head, trigger, rules)


def noun_targets(noun: Token, trigger: Trigger, preps: frozenset[str], rules: RoleRules) -> Iterator[Token]:
    preps = preps - {rules.noun_agent_prep}
    consumed = [noun.doc[i] for i in sorted(trigger.consumed) if i != noun.i]
    yield from prepositional_objects([noun, *consumed, *_of_objects([noun])], preps, trigger)
    verb = light_verb(noun, rules)
    if verb is not None:
        yield from (c for c in verb.children if c.dep_ in {"dative", "iobj"})
        yield from prepositional_objects([verb], preps, trigger)


# -- participants -----------------------------------------------------------------------------------


def participant(token: Token, rules: RoleRules, *, agents_only: bool, depth: int = 0) -> Role | None:
    """The role filled by the phrase ``token`` heads (see the module doc); None when it is no participant.

    ``depth`` bounds the hops from a number to what it counts: a parse can make "who" stand for a count
    whose object is "who" again, and that must end, not recurse until Python gives up.
    """
    token = resolve_reference(token, rules)
    counted = _counted(token)
    if counted is not None and depth < MAX_DEPTH:
        return participant(counted, rules, agents_only=agents_only, depth=depth + 1)
    if token.ent_type_ in NOT_PARTICIPANT_LABELS or token.like_num:
        return None
    named = _entity(token)
    if named is not None:
        return _role(token, named, rules)
    qualifier = _qualifying_entity(token, rules, QUALIFIER_DEPS)
    if qualifier is not None and token.tag_ in NOUN_TAGS:
        return _role(token, qualifier, rules)
    if lemma_of(token) in rules.agent_nouns or token.lower_ in rules.agent_nouns:
        return _role(token, _qualifying_entity(token, rules, frozenset({"prep"})), rules)
    inner = _named_inside(token, rules, any_preposition=agents_only)
    if inner is not None:
        return participant(inner, rules, agents_only=agents_only)
    if agents_only or token.tag_ not in NOUN_TAGS | {"PRP"}:
        return None
    return _role(token, None, rules)


def _counted(token: Token) -> Token | None:
    """'Thousands of teachers', 'dozens of soldiers': a number standing for what it counts."""
    if not (
        token.like_num
        or token.ent_type_ == "CARDINAL"
        or lemma_of(token) in {"dozen", "hundred", "thousand", "million"}
    ):
        return None
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None


def _role(token: Token, name: Span | None, rules: RoleRules) -> Role:
    words = noun_phrase(token, rules)
    name = name if name is not None else words
    return Role(start=words.start, end=words.end, name_start=name.start, name_end=name.end)


def noun_phrase(token: Token, rules: RoleRules) -> Span:
    """The phrase a noun heads, without relative clauses, appositions, other prepositional phrases than
    'of', a leading determiner or a trailing possessive: 'the Russian Defence Ministry's' -> 'Russian
    Defence Ministry'."""
    kept = [token.i]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in rules.cut_deps and not (child.dep_ == "prep" and child.lower_ == "of"):
            continue
        kept.append(child.i)
        stack.extend(child.children)
    start, end = min(kept), max(kept) + 1
    doc = token.doc
    while start < token.i and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    while end - 1 > token.i and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    return doc[start:end]


def _entity(token: Token) -> Span | None:
    if token.ent_type_ not in PARTICIPANT_LABELS:
        return None
    return next((ent for ent in token.doc.ents if ent.start <= token.i < ent.end), None)


def _qualifying_entity(token: Token, rules: RoleRules, deps: frozenset[str]) -> Span | None:
    """'Russian troops', 'Ukraine's Armed Forces', for an agent also 'members of the Association'."""
    for child in token.children:
        if child.dep_ in deps and (child.dep_ != "prep" or child.lower_ == "of"):
            for candidate in child.subtree:
                entity = _entity(candidate)
                if entity is not None and entity.label_ in rules.name_labels:
                    return entity
    return None


def _named_inside(token: Token, rules: RoleRules, *, any_preposition: bool) -> Token | None:
    """The nearest entity below a thing ('the removal of President X'), else the nearest agent noun
    ('positions of the security forces'). An actor looks only through 'of': in 'an explosion near
    Samarra' the town did nothing."""
    found = [t for t in _below(token, any_preposition) if _entity(t) is not None]
    if found:
        return found[0]
    agents = (t for t in _below(token, any_preposition) if lemma_of(t) in rules.agent_nouns)
    return next((t for t in agents if t.head.i != token.i or t.dep_ not in QUALIFIER_DEPS), None)


def _below(token: Token, any_preposition: bool) -> Iterator[Token]:
    def allowed(child: Token) -> bool:
        if child.dep_ in INSIDE_SKIP_DEPS:
            return False
        return any_preposition or child.dep_ != "prep" or child.lower_ == "of"

    queue = deque(c for c in token.children if allowed(c))
    while queue:
        candidate = queue.popleft()
        yield candidate
        queue.extend(c for c in candidate.children if allowed(c))


def resolve_reference(token: Token, rules: RoleRules) -> Token:
    """A relative pronoun stands for the noun its clause modifies; a personal or possessive pronoun for
    the nearest subject above it that agrees ('Japan said it had halted aid', 'fundamentalists continued
    their hunger strike')."""
    lower = token.lower_
    if lower in rules.relative_pronouns and token.head.dep_ == "relcl":
        return token.head.head
    if lower not in rules.pronouns:
        return token
    clause = token.head
    if lower not in POSSESSIVE_PRONOUNS and token.dep_ in SUBJECT_DEPS:
        clause = clause.head
    for _ in range(MAX_DEPTH):
        if is_verb(clause) or clause.tag_ == "MD":
            subject = _nearest_subject(clause, SUBJECT_DEPS)
            if subject is not None and subject.i != token.i and subject.lower_ not in rules.pronouns:
                return subject if _agrees(token, subject) else token
        if clause.head.i == clause.i:
            return token
        clause = clause.head
    return token


def _agrees(pronoun: Token, antecedent: Token) -> bool:
    person = antecedent.ent_type_ == "PERSON"
    if pronoun.lower_ in {"he", "she", "his", "her", "him"}:
        return person or antecedent.ent_type_ == ""
    if pronoun.lower_ in {"it", "its"}:
        return not person and antecedent.tag_ not in {"NNS", "NNPS"}
    return True
