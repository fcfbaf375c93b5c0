"""The PLOVER trigger lexicons, read once into lookup tables for the events component.

The data lives in ``lexicons/plover_*.json`` (one file per group of types, plus ``plover_rules.json`` for
roles and ``plover_modes.json`` for modes), so a linguist can add a trigger without touching Python. An
entry is a lemma followed by conditions on its neighbours in the parse::

    "sign @agreements"            a dependent whose lemma is in the word list 'agreements'
    "strike !@not_strike_objects" no dependent with one of those lemmas
    "protest :ccomp"              a dependent with the label ccomp
    "settlement ^reach|sign"      the word it depends on is 'reach' or 'sign'

An entry with more conditions is more specific and is tried first, so the same lemma can trigger
different types in different company ('strike a deal' AGREE, 'strike a town' ASSAULT).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from newsledger.nlp.events.senses import Senses, load_senses
from newsledger.nlp.lexicons import load_json
from newsledger.records import ClaimStatus

TYPE_FILES = ("plover_cooperation.json", "plover_verbal_conflict.json", "plover_material_conflict.json")
ConditionKind = Literal["child", "dep", "head"]
PartOfSpeech = Literal["verb", "noun"]


@dataclass(frozen=True)
class Condition:
    """One condition of an entry: which neighbour is looked at, the values it may (or may not) have."""

    kind: ConditionKind
    values: frozenset[str]
    negated: bool = False


@dataclass(frozen=True)
class TriggerRule:
    """A lexicon entry: a lemma of a part of speech, its conditions, and the type it triggers."""

    type: str
    lemma: str
    pos: PartOfSpeech
    conditions: tuple[Condition, ...] = ()
    entry: str = ""

    @property
    def specificity(self) -> int:
        return len(self.conditions)


@dataclass(frozen=True)
class PhraseRule:
    """A run of lemmas that triggers a type wherever it occurs ('hunger strike', 'state of emergency')."""

    type: str
    lemmas: tuple[str, ...]


@dataclass(frozen=True)
class ModeCues:
    """What ``plover_modes.json`` says: the words that make an event planned, hypothetical or negated."""

    modals: dict[str, str]
    negations: frozenset[str]
    conditional_marks: frozenset[str]
    governors: dict[str, str]
    negated_particles: dict[str, str]
    noun_modifiers: dict[str, str]
    noun_subject_verbs: frozenset[str]
    climb_deps: frozenset[str]
    max_climb: int
    intent_types: dict[str, str]
    not_intent_cues: frozenset[str]
    guess_verbs: frozenset[str]
    presupposing_preps: frozenset[str]


@dataclass(frozen=True)
class RoleRules:
    """What ``plover_rules.json`` says about reading actors, targets and clauses off the parse."""

    actor_deps: frozenset[str]
    passive_actor_prep: str
    target_deps: tuple[str, ...]
    passive_target_deps: frozenset[str]
    default_target_preps: frozenset[str]
    noun_actor_deps: frozenset[str]
    noun_actor_modifiers: frozenset[str]
    noun_actor_labels: frozenset[str]
    noun_agent_prep: str
    pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    agent_nouns: frozenset[str]
    name_labels: frozenset[str]
    cut_deps: frozenset[str]
    object_control: frozenset[str]
    light_verbs: dict[str, frozenset[str]]
    absorption_deps: frozenset[str]
    noun_to_verb_deps: frozenset[str]
    locative_preps: frozenset[str]
    place_from_target: frozenset[str]
    complement_subject_types: frozenset[str]


@dataclass(frozen=True)
class EventLexicon:
    """Every table the events component reads, built once per process by :func:`load_event_lexicon`."""

    verbs: dict[str, tuple[TriggerRule, ...]]
    nouns: dict[str, tuple[TriggerRule, ...]]
    phrases: dict[str, tuple[PhraseRule, ...]]
    target_preps: dict[str, frozenset[str]]
    yields: frozenset[tuple[str, str]]
    roles: RoleRules
    modes: ModeCues
    exclusion_types: frozenset[str]
    exclusion_lemmas: frozenset[str]
    exclusion_phrases: tuple[str, ...]
    status_order: tuple[ClaimStatus, ...]
    senses: Senses
    types: tuple[str, ...] = field(default=())


def parse_entry(entry: str, word_lists: dict[str, list[str]]) -> tuple[str, tuple[Condition, ...]]:
    """'sign @agreements' -> ('sign', (Condition('child', {...agreement words}),)); see the module doc."""
    lemma, *parts = entry.split()
    return lemma.lower(), tuple(_condition(part, word_lists) for part in parts)


def _condition(part: str, word_lists: dict[str, list[str]]) -> Condition:
    negated = part.startswith("!")
    part = part.removeprefix("!")
    kind: ConditionKind = "child"
    if part[:1] in {":", "^"}:
        kind = "dep" if part[0] == ":" else "head"
        part = part[1:]
    values: set[str] = set()
    for alternative in part.split("|"):
        if alternative.startswith("@"):
            values.update(word.lower() for word in word_lists[alternative[1:]])
        elif alternative:
            values.add(alternative.lower())
    return Condition(kind=kind, values=frozenset(values), negated=negated)


def _rules(
    type_name: str, pos: PartOfSpeech, entries: list[str], word_lists: dict[str, list[str]]
) -> list[TriggerRule]:
    rules = []
    for entry in entries:
        lemma, conditions = parse_entry(entry, word_lists)
        rules.append(TriggerRule(type=type_name, lemma=lemma, pos=pos, conditions=conditions, entry=entry))
    return rules


def _by_lemma(rules: list[TriggerRule]) -> dict[str, tuple[TriggerRule, ...]]:
    """Rules under their lemma, the most specific first (ties keep the lexicon's order)."""
    grouped: dict[str, list[TriggerRule]] = defaultdict(list)
    for rule in rules:
        grouped[rule.lemma].append(rule)
    return {lemma: tuple(sorted(group, key=lambda r: -r.specificity)) for lemma, group in grouped.items()}


def _mode_cues(data: dict[str, Any]) -> ModeCues:
    governors = {lemma: mode for mode, lemmas in data["governors"].items() for lemma in lemmas}
    noun_modifiers = {lemma: mode for mode, lemmas in data["noun_modifiers"].items() for lemma in lemmas}
    intent = {
        source: target
        for target, sources in data["intent_types"].items()
        if target != "about"
        for source in sources
    }
    particles = {k: v for k, v in data["negated_particles"].items() if k != "about"}
    return ModeCues(
        modals=data["modals"],
        negations=frozenset(data["negations"]),
        conditional_marks=frozenset(data["conditional_marks"]),
        governors=governors,
        negated_particles=particles,
        noun_modifiers=noun_modifiers,
        noun_subject_verbs=frozenset(data["noun_subject_verbs"]["lemmas"]),
        climb_deps=frozenset(data["climb_deps"]),
        max_climb=int(data["max_climb"]),
        intent_types=intent,
        not_intent_cues=frozenset(data["not_intent_cues"]["cues"]),
        guess_verbs=frozenset(data["others_guess"]["verbs"]),
        presupposing_preps=frozenset(data["presupposing_preps"]["preps"]),
    )


def _role_rules(data: dict[str, Any]) -> RoleRules:
    roles, participants = data["roles"], data["participants"]
    light = {verb: frozenset(preps) for verb, preps in data["light_verbs"]["verbs"].items()}
    return RoleRules(
        actor_deps=frozenset(roles["actor_deps"]),
        passive_actor_prep=roles["passive_actor_prep"],
        target_deps=tuple(roles["target_deps"]),
        passive_target_deps=frozenset(roles["passive_target_deps"]),
        default_target_preps=frozenset(roles["default_target_preps"]),
        noun_actor_deps=frozenset(roles["noun_actor_deps"]),
        noun_actor_modifiers=frozenset(roles["noun_actor_modifiers"]),
        noun_actor_labels=frozenset(roles["noun_actor_labels"]),
        noun_agent_prep=roles["noun_agent_prep"],
        pronouns=frozenset(roles["pronouns"]),
        relative_pronouns=frozenset(roles["relative_pronouns"]),
        agent_nouns=frozenset(participants["agent_nouns"]),
        name_labels=frozenset(participants["name_labels"]),
        cut_deps=frozenset(participants["cut_deps"]),
        object_control=frozenset(data["control"]["object_control"]),
        light_verbs=light,
        absorption_deps=frozenset(data["absorption"]["path_deps"]),
        noun_to_verb_deps=frozenset(data["clause"]["noun_to_verb_deps"]),
        locative_preps=frozenset(data["clause"]["locative_preps"]),
        place_from_target=frozenset(data["clause"]["place_from_target_types"]),
        complement_subject_types=frozenset(roles["complement_subject_types"]),
    )


def _statuses(order: list[str]) -> tuple[ClaimStatus, ...]:
    """The claim statuses of the precedence list, checked against the record type."""
    known: tuple[ClaimStatus, ...] = get_args(ClaimStatus)
    unknown = set(order) - set(known)
    if unknown:
        raise ValueError(f"plover_rules.json: unknown claim statuses {sorted(unknown)}")
    return tuple(next(k for k in known if k == status) for status in order)


@functools.cache
def load_event_lexicon() -> EventLexicon:
    """All PLOVER lexicons as lookup tables, parsed once per process."""
    rules_data = load_json("events", "plover_rules.json")
    word_lists: dict[str, list[str]] = rules_data["word_lists"]
    verbs: list[TriggerRule] = []
    nouns: list[TriggerRule] = []
    phrases: dict[str, list[PhraseRule]] = defaultdict(list)
    target_preps: dict[str, frozenset[str]] = {}
    yields: set[tuple[str, str]] = set()
    types: list[str] = []
    for file_name in TYPE_FILES:
        for type_name, spec in load_json("events", file_name)["types"].items():
            types.append(type_name)
            verbs += _rules(type_name, "verb", spec.get("verbs", []), word_lists)
            nouns += _rules(type_name, "noun", spec.get("nouns", []), word_lists)
            for phrase in spec.get("phrases", []):
                lemmas = tuple(phrase.lower().split())
                phrases[lemmas[0]].append(PhraseRule(type=type_name, lemmas=lemmas))
            target_preps[type_name] = frozenset(spec.get("target_preps", []))
            yields.update((type_name, lemma) for lemma in spec.get("yields", []))
    exclusions = rules_data["exclusions"]
    return EventLexicon(
        verbs=_by_lemma(verbs),
        nouns=_by_lemma(nouns),
        phrases={
            first: tuple(sorted(group, key=lambda p: -len(p.lemmas))) for first, group in phrases.items()
        },
        target_preps=target_preps,
        yields=frozenset(yields),
        roles=_role_rules(rules_data),
        modes=_mode_cues(load_json("events", "plover_modes.json")),
        exclusion_types=frozenset(exclusions["types"]),
        exclusion_lemmas=frozenset(exclusions["lemmas"]),
        exclusion_phrases=tuple(exclusions["phrases"]),
        status_order=_statuses(rules_data["status_precedence"]["order"]),
        senses=load_senses(),
        types=tuple(types),
    )
