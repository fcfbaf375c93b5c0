"""Label repair from the gazetteer and the context: outlets are not PERSON, towns are not ORG, PERSON or
NORP, people are not ORG, countries are not PERSON.

The small model's label of a capitalised name is a guess from the name's shape. The sentence and the
offline gazetteer often know better: 'in El Fasher' puts a name the gazetteer has as a town after a
locative preposition (a GPE, so that it is geocoded and found by place); 'the Kyiv Post' ends in an
outlet word (an ORG, not a person); 'Ihnat, the police spokesman' has a person's role in apposition (a
PERSON); 'in central Mali' is a country the gazetteer knows by that very name (a GPE, whatever shape
the model saw in it); 'south of Aleppo' and "Idlib's countryside" locate by a town as 'in' does; and
'Aleppo' alone, which the small model tags NORP as often as not, is a large city the gazetteer knows
by that name and no people's name. Each rule asks about a kind of evidence, not about one name; the
words are in ``lexicons/label_repair.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Span

from newsledger.nlp.lexicons import load_json

OUTLET_MISLABELS = frozenset({"PERSON", "WORK_OF_ART", "PRODUCT", "FAC"})
"""What the small model makes of an outlet's name ('the Northstar Wire' as a WORK_OF_ART)."""
TOWN_KINDS = frozenset({"city", "admin1", "admin2"})
TOWN_MISLABELS = frozenset({"ORG", "PERSON", "NORP"})
"""What the small model makes of a town's name in Syrian and Ukrainian copy ('Tal al-Sheikh' as a
PERSON, 'Aleppo' as NORP)."""
MAX_TOWN_WORDS = 3
NORP_TOWN_MIN_POPULATION = 15_000
"""A NORP that is a city's name out of any locative context is the city only when the city is this
large: a small town's name that is also a people's ('Cherokee', 'Arab', 'Navajo') is more often the
people."""


@dataclass(frozen=True)
class LabelRules:
    outlet_words: frozenset[str]
    locative_preps: frozenset[str]
    locative_heads: frozenset[str]
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
        locative_heads=frozenset(raw["locative_heads"]),
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
    elif (label in TOWN_MISLABELS and is_town(ent)) or (label == "NORP" and is_city_name(ent)):
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
    """'near El Fasher', 'in Pokrovsk', 'south of Aleppo', "Idlib's countryside": a short name in a
    locative context, with no organization word, that the gazetteer knows as a town or region by its
    own name or an alias."""
    rules = label_rules()
    words = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "’s")]
    if not words or len(words) > MAX_TOWN_WORDS or any(t.lower_ in rules.organization_words for t in words):
        return False
    if words[0].lower_ == "the" or not _is_locative(ent):
        return False
    return bool(_gazetteer_kinds(" ".join(t.text for t in words)) & TOWN_KINDS)


def _is_locative(ent: Span) -> bool:
    """The name is where something is: the object of a locative preposition, the object of 'of' after
    a locative head ('south of', 'the outskirts of'), or the possessor of a locative head ("Idlib's
    countryside")."""
    rules = label_rules()
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:  # 'in Kostiantynivka and Druzhkivka'
        root = root.head
    if root.dep_ == "poss":
        return root.head.lower_ in rules.locative_heads
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ in rules.locative_preps:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in rules.locative_heads


def is_city_name(ent: Span) -> bool:
    """'Aleppo' tagged NORP: a one-word capitalised name that is no people's adjective or demonym nor a
    country's name, and that the gazetteer has as a city of :data:`NORP_TOWN_MIN_POPULATION` people or
    more."""
    words = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "’s")]
    if len(words) != 1 or not words[0].is_title:
        return False
    from newsledger.nlp.places.gazetteer import ALIAS, load_gazetteer
    from newsledger.nlp.places.names import name_key

    key = name_key(words[0].text)
    gazetteer = load_gazetteer()
    matches = [m for m in gazetteer.lookup(key) if m.quality <= ALIAS]
    if key in gazetteer.demonyms or any(m.feature.kind == "country" for m in matches):
        return False  # a country's name the model read as its people is left to the adjective reading
    return any(m.feature.kind == "city" and m.feature.population >= NORP_TOWN_MIN_POPULATION for m in matches)


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
