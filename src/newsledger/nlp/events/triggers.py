"""Trigger words: where in a sentence an event of some PLOVER type is told.

A trigger is a verb ('attacked'), a noun ('the strike', 'sanctions') or a phrase ('hunger strike', 'state of
emergency') that the lexicon lists, with its conditions met (see :mod:`.lexicon`).
Phrases are matched first and win over the single words they cover; of several entries for one word, the
most specific whose conditions hold wins. Words inside a named entity are not triggers: 'Storm Shadow' is
a missile and 'Strike Force' a unit, not events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from newsledger.nlp.events.lexicon import Condition, EventLexicon, PartOfSpeech, RoleRules, TriggerRule
from newsledger.nlp.events.senses import is_weapon_act, keeps_source_unnamed, sense_type

VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# Auxiliaries, and participles used as adjectives ('internationally recognised territory'), tell no event.
NOT_PREDICATE_DEPS = frozenset({"aux", "auxpass", "amod", "compound"})
# Labels through which a dependent's object counts as the dependent ('put *on* alert', 'call *for* talks').
PREPOSITION_DEPS = frozenset({"prep", "prt", "agent"})
QUALIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "WORK_OF_ART", "PRODUCT", "LAW", "WEAPON", "FAC", "LOC"})


@dataclass(frozen=True)
class Trigger:
    """A trigger found in a Doc: token offsets, its head word, the type and the entry that matched."""

    head: int
    start: int
    end: int
    type: str
    pos: PartOfSpeech
    lemma: str
    entry: str
    consumed: frozenset[int] = frozenset()
    absorbed: tuple[Trigger, ...] = ()


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def find_triggers(sentence: Span, lexicon: EventLexicon) -> list[Trigger]:
    """Every trigger of one sentence, in text order: phrases first, then single words."""
    unnamed = _unnamed_clause_tokens(sentence, lexicon)
    triggers = [t for t in _phrase_triggers(sentence, lexicon) if t.head not in unnamed]
    covered = {i for trigger in triggers for i in range(trigger.start, trigger.end)}
    for token in sentence:
        if token.i not in covered and token.i not in unnamed:
            trigger = _word_trigger(token, lexicon)
            if trigger is not None:
                triggers.append(trigger)
    return sorted(triggers, key=lambda t: t.start)


def _unnamed_clause_tokens(sentence: Span, lexicon: EventLexicon) -> set[int]:
    """The words of the clauses that keep a source unnamed or silent, with what they would not discuss:
    in 'declined to comment on the ceasefire talks' neither the refusal nor the talks are news told."""
    unnamed: set[int] = set()
    for token in sentence:
        if keeps_source_unnamed(token, lexicon.senses):
            unnamed.add(token.i)
            if token.dep_ == "xcomp":
                unnamed.update(t.i for t in token.subtree)
    return unnamed


def _phrase_triggers(sentence: Span, lexicon: EventLexicon) -> Iterator[Trigger]:
    tokens = list(sentence)
    i = 0
    while i < len(tokens):
        match = next(
            (
                rule
                for rule in lexicon.phrases.get(lemma_of(tokens[i]), ())
                if _phrase_at(tokens, i, rule.lemmas)
            ),
            None,
        )
        if match is None:
            i += 1
            continue
        span = tokens[i : i + len(match.lemmas)]
        if any(t.ent_type_ in NAME_LABELS for t in span):
            i += len(match.lemmas)
            continue
        head = _span_head(span)
        pos: PartOfSpeech = "verb" if head.tag_ in VERB_TAGS else "noun"
        yield Trigger(
            head=head.i,
            start=span[0].i,
            end=span[-1].i + 1,
            type=match.type,
            pos=pos,
            lemma=" ".join(match.lemmas),
            entry=" ".join(match.lemmas),
            consumed=frozenset(t.i for t in span),
        )
        i += len(match.lemmas)


def _phrase_at(tokens: list[Token], i: int, lemmas: tuple[str, ...]) -> bool:
    if i + len(lemmas) > len(tokens):
        return False
    return all(
        word in {lemma_of(t), t.lower_} for word, t in zip(lemmas, tokens[i : i + len(lemmas)], strict=True)
    )


def _span_head(tokens: list[Token]) -> Token:
    """The word of a phrase that the rest depends on: the one whose head lies outside the phrase."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])


def _word_trigger(token: Token, lexicon: EventLexicon) -> Trigger | None:
    """The entry a word matches, in the sense its arguments give it (:mod:`.senses`); a verb no entry
    lists is still an attack when a weapon does it to a thing or a place."""
    if _is_predicate(token):
        trigger = _rule_trigger(token, lexicon.verbs.get(lemma_of(token), ()))
        if trigger is None:
            return _weapon_trigger(token, lexicon)
        sense = sense_type(token, trigger.type, lexicon.senses)
        return None if sense is None else replace(trigger, type=sense)
    if token.tag_ in NOUN_TAGS and token.ent_type_ not in NAME_LABELS and not _names_an_agent(token, lexicon):
        trigger = _rule_trigger(token, lexicon.nouns.get(lemma_of(token), ()))
        if trigger is None:
            return None
        sense = sense_type(token, trigger.type, lexicon.senses)
        return None if sense is None else replace(trigger, type=sense)
    return None


def _is_predicate(token: Token) -> bool:
    """A verb that tells something: not an auxiliary, an adjective-like participle or a command; a
    participle the parser took for an adjective after 'had' and an adverb ('it had only targeted military
    sites') is one (without the adverb the parser reads 'had targeted' right, and 'have armed forces'
    stays a noun phrase)."""
    if token.tag_ not in VERB_TAGS or _imperative(token):
        return False
    return token.dep_ not in NOT_PREDICATE_DEPS or _perfect_participle(token)


def _perfect_participle(token: Token) -> bool:
    if token.tag_ != "VBN" or token.dep_ != "amod":
        return False
    for adverbs, word in enumerate(reversed(token.doc[token.sent.start : token.i])):
        if word.pos_ != "ADV":
            return adverbs > 0 and word.lemma_.lower() == "have" and word.tag_ in VERB_TAGS
    return False


def _weapon_trigger(token: Token, lexicon: EventLexicon) -> Trigger | None:
    senses = lexicon.senses
    if not is_weapon_act(token, senses):
        return None
    lemma = lemma_of(token)
    return Trigger(
        head=token.i,
        start=token.i,
        end=token.i + 1,
        type=senses.weapon_type,
        pos="verb",
        lemma=lemma,
        entry=f"{lemma} (weapon subject)",
    )


def _rule_trigger(token: Token, rules: tuple[TriggerRule, ...]) -> Trigger | None:
    for rule in rules:
        consumed = _conditions_hold(token, rule)
        if consumed is not None:
            return Trigger(
                head=token.i,
                start=token.i,
                end=token.i + 1,
                type=rule.type,
                pos=rule.pos,
                lemma=rule.lemma,
                entry=rule.entry,
                consumed=frozenset(consumed),
            )
    return None


def _imperative(verb: Token) -> bool:
    """'Donate now', 'Strike first': a command reports no event."""
    return (
        verb.tag_ == "VB"
        and (verb.dep_ == "ROOT" or bool(verb.is_sent_start))
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children)
    )


def _names_an_agent(noun: Token, lexicon: EventLexicon) -> bool:
    """'aid agency', 'protest group', 'strike force': an event noun that only says what kind of agent."""
    return noun.dep_ in {"compound", "amod"} and lemma_of(noun.head) in lexicon.roles.agent_nouns


def _conditions_hold(token: Token, rule: TriggerRule) -> set[int] | None:
    """The tokens the rule's positive conditions matched, or None when a condition fails."""
    consumed: set[int] = set()
    for condition in rule.conditions:
        matched = list(_matching(token, condition))
        if condition.negated == bool(matched):
            return None
        if not condition.negated and condition.kind == "child":
            consumed.update(t.i for t in matched)
    return consumed


def _matching(token: Token, condition: Condition) -> Iterable[Token]:
    if condition.kind == "head":
        head = token.head
        return [head] if head.i != token.i and lemma_of(head) in condition.values else []
    if condition.kind == "dep":
        return [child for child in token.children if child.dep_ in condition.values]
    return [t for t in dependents(token) if lemma_of(t) in condition.values or t.lower_ in condition.values]


def dependents(token: Token) -> Iterator[Token]:
    """The word's dependents, the objects of its prepositions and particles ('put on alert'), and the
    nouns that qualify either ('halt mediation efforts', 'deployment of peacekeeping troops')."""
    for child in token.children:
        yield child
        yield from _qualifiers(child)
        if child.dep_ in {"dobj", "nsubjpass"}:
            yield from _of_object(child)
        if child.dep_ in PREPOSITION_DEPS:
            for grandchild in child.children:
                if grandchild.dep_ in {"pobj", "pcomp"}:
                    yield grandchild
                    yield from _qualifiers(grandchild)


def _of_object(noun: Token) -> Iterator[Token]:
    """'part of a military aid programme', '700 kg of medicine': what a measure or part is of."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    yield obj
                    yield from _qualifiers(obj)


def _qualifiers(token: Token) -> Iterator[Token]:
    return (child for child in token.children if child.dep_ in QUALIFIER_DEPS)


def outermost_triggers(triggers: list[Trigger], sentence: Span, lexicon: EventLexicon) -> list[Trigger]:
    """Drop the triggers that another trigger's complement holds: 'threatened to attack' is one THREATEN,
    'accused Israel of bombing' one ACCUSE, 'agreed to withdraw' one AGREE. The outer trigger keeps the
    inner ones in ``absorbed``, whose roles it may borrow ('refused to respond to a demand from the US').

    A trigger the lexicon says ``yields`` gives way instead: in 'promised to continue military aid' the
    aid is the event and the promise its mode. A coordinated trigger ('attacked and killed') or one in a
    relative or participle clause is an event of its own; a condition ('if Hamas ran') belongs to the
    event it conditions.
    """
    by_head = {trigger.head: trigger for trigger in triggers}
    for trigger in triggers:
        verb = light_verb(sentence.doc[trigger.head], lexicon.roles) if trigger.pos == "noun" else None
        if verb is not None:
            by_head.setdefault(verb.i, trigger)
    dropped: set[int] = set()
    absorbed: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        outer = _enclosing_trigger(sentence.doc[trigger.head], by_head, lexicon)
        if outer is None:
            continue
        if (outer.type, outer.lemma) in lexicon.yields:
            dropped.add(outer.head)
        else:
            dropped.add(trigger.head)
            absorbed.setdefault(outer.head, []).append(trigger)
    kept = [trigger for trigger in triggers if trigger.head not in dropped]
    _fold_predicates_into_subjects(kept, sentence, dropped, absorbed)
    return [
        replace(trigger, absorbed=tuple(absorbed.get(trigger.head, ())))
        for trigger in kept
        if trigger.head not in dropped
    ]


def _fold_predicates_into_subjects(
    kept: list[Trigger], sentence: Span, dropped: set[int], absorbed: dict[int, list[Trigger]]
) -> None:
    """'the attack injured 12 people': a trigger verb whose subject is an event noun (or a participle that
    modifies one) tells more of that event, which keeps the verb's target and figures."""
    nouns = {trigger.head: trigger for trigger in kept if trigger.pos == "noun"}
    for trigger in kept:
        verb = sentence.doc[trigger.head]
        if trigger.pos != "verb":
            continue
        subjects = [c.i for c in verb.children if c.dep_ == "nsubj" and c.i in nouns]
        if verb.dep_ == "acl" and verb.head.i in nouns and not any(c.lower_ == "to" for c in verb.children):
            subjects.append(verb.head.i)
        if subjects:
            dropped.add(trigger.head)
            absorbed.setdefault(subjects[0], []).append(trigger)


def _enclosing_trigger(token: Token, by_head: dict[int, Trigger], lexicon: EventLexicon) -> Trigger | None:
    deps = lexicon.roles.absorption_deps
    marks = lexicon.modes.conditional_marks
    node, steps = token, 0
    own = by_head.get(token.i)
    while node.head.i != node.i and steps < 8:
        conditional = node.dep_ == "advcl" and any(
            c.lower_ in marks for c in node.children if c.dep_ == "mark"
        )
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        content = any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children)
        purpose = node.dep_ in {"acl", "advcl"} and infinitive
        coordinated = node.dep_ == "conj" and (steps > 0 or node.head.i not in by_head)
        climbable = (node.dep_ in deps and node.dep_ != "acl") or purpose or conditional or coordinated
        climbable = climbable or (node.dep_ == "acl" and content)
        if not climbable:
            return None
        node, steps = node.head, steps + 1
        outer = by_head.get(node.i)
        if outer is not None and outer is not own and not (own and own.start <= node.i < own.end):
            return outer
    return None


def light_verb(noun: Token, rules: RoleRules) -> Token | None:
    """The light verb that lends its subject to an event noun ('carried out a strike', 'spoke about
    retaliation', 'launched ten days of war games')."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.tag_ in NOUN_TAGS and head.head.i != noun.i:
        return light_verb(head.head, rules)
    if noun.dep_ == "dobj" and head.tag_ in VERB_TAGS:
        allowed = rules.light_verbs.get(lemma_of(head))
        return head if allowed is not None and "" in allowed else None
    if noun.dep_ == "pobj" and head.dep_ in {"prep", "prt"} and head.head.tag_ in VERB_TAGS:
        allowed = rules.light_verbs.get(lemma_of(head.head))
        return head.head if allowed is not None and head.lower_ in allowed else None
    return None
