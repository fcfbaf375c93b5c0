"""Label repair from the gazetteer and the context: outlets are not PERSON, towns are not ORG, people are
not ORG, countries are not PERSON.

The small model's label of a capitalised name is a guess from the name's shape. The sentence and the
offline gazetteer often know better: 'in El Fasher' puts a name the gazetteer has as a town after a
locative preposition (a GPE, so that it is geocoded and found by place); 'the Kyiv Post' ends in an
outlet word (an ORG, not a person); 'Ihnat, the police spokesman' has a person's role in apposition (a
PERSON); 'in central Mali' is a country the gazetteer knows by that very name (a GPE, whatever shape
the model saw in it). Each rule asks about a kind of evidence, not about one name; the words are in
``lexicons/label_repair.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Span

from newsledger.nlp.lexicons import load_json

OUTLET_MISLABELS = frozenset({"PERSON", "WORK_OF_ART", "PRODUCT", "FAC"})
"""What the small model makes of an outlet's name ('the Northstar Wire' as a WORK_OF_ART)."""
TOWN_KINDS = frozenset({"city", "admin1", "admin2"})
MAX_TOWN_WORDS = 3


@dataclass(frozen=True)
class LabelRules:
    outlet_words: frozenset[str]
    locative_preps: frozenset[str]
    organization_words: frozenset[str]
    person_roles: frozenset[str]
    first_names: frozenset[str]


@functools.cache
def label_rules() -> LabelRules:
    raw = load_json("entities", "label_repair.json")
    sources = load_json("attribution", "attribution_sources.json")
    genders = load_json("attribution", "genders.json")
    return LabelRules(
        outlet_words=frozenset(raw["outlet_words"]),
        locative_preps=frozenset(raw["locative_preps"]),
        organization_words=frozenset(word.lower() for word in raw["organization_words"]),
        person_roles=frozenset(word.lower() for word in sources["person_heads"]),
        first_names=frozenset(genders["male_names"]) | frozenset(genders["female_names"]),
    )


def repaired(ents: list[Span], protected: set[int]) -> list[Span]:
    """``ents`` with the labels the context and the gazetteer give; spans starting at a token index in
    ``protected`` (set by a surer rule: a lexicon, the dateline) keep theirs."""
    return [ent if ent.start in protected else _relabelled(ent) for ent in ents]


def _relabelled(ent: Span) -> Span:
    label = ent.label_
    if label in OUTLET_MISLABELS and is_outlet_name(ent):
        label = "ORG"
    elif label == "ORG" and is_town(ent):
        label = "GPE"
    elif label == "ORG" and is_person(ent):
        label = "PERSON"
    elif label == "PERSON" and is_country(ent):
        label = "GPE"
    return ent if label == ent.label_ else Span(ent.doc, ent.start, ent.end, label=label)


def is_outlet_name(ent: Span) -> bool:
    """'the Kyiv Post', 'Levant Times': a capitalised name ending in an outlet word."""
    words = [t for t in ent if t.is_alpha and t.lower_ != "the"]
    return len(words) > 1 and words[-1].text in label_rules().outlet_words and all(t.is_title for t in words)


def is_town(ent: Span) -> bool:
    """'near El Fasher', 'in Pokrovsk': a short name after a locative preposition, with no organization
    word, that the gazetteer knows as a town or region by its own name or an alias."""
    rules = label_rules()
    words = [t for t in ent if not t.is_punct]
    if not words or len(words) > MAX_TOWN_WORDS or any(t.lower_ in rules.organization_words for t in words):
        return False
    if words[0].lower_ == "the":
        return False
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:  # 'in Kostiantynivka and Druzhkivka'
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ not in rules.locative_preps:
        return False
    return bool(_gazetteer_kinds(ent.text) & TOWN_KINDS)


def is_country(ent: Span) -> bool:
    """'central Mali', "Chad's army": a name the gazetteer has as a country under that very name or an
    alias. A person named only by a country's name is rarer in news copy than a country the small model
    took for a person; one after a title ('Mr Chad') is made a PERSON again by the entity component."""
    words = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "’s")]
    if not words or not all(t.is_title or t.is_upper for t in words):
        return False
    return "country" in _gazetteer_kinds(" ".join(t.text for t in words))


def _gazetteer_kinds(name: str) -> set[str]:
    """The kinds of place (city, admin1, country, ...) the gazetteer has under this very name or an
    alias."""
    # Imported here: the places package imports this one (entity clusters) at load time.
    from newsledger.nlp.places.gazetteer import ALIAS, load_gazetteer
    from newsledger.nlp.places.names import name_key

    return {m.feature.kind for m in load_gazetteer().lookup(name_key(name)) if m.quality <= ALIAS}


def is_person(ent: Span) -> bool:
    """'Oleh Ihnat, the air force spokesman', 'Ahmed Hassan': a role in apposition, or a known first name
    opening a two- or three-word name."""
    rules = label_rules()
    words = [t for t in ent if t.is_alpha]
    if not words or any(t.lower_ in rules.organization_words for t in words):
        return False
    role = any(child.dep_ == "appos" and child.lemma_.lower() in rules.person_roles and child.i >= ent.end
               for child in ent.root.children)
    named = 2 <= len(words) <= 3 and words[0].lower_ in rules.first_names and all(t.is_title for t in words)
    return role or named
