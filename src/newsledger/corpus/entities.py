"""Entity resolution across articles: one canonical entity per real person, organisation or place.

The input is each article's own entities (already merged within the article by the extractor) and the
story each article belongs to. Names are first grouped within each story, by rules in order of how much
they risk:

* the same full name, spelling variants folded ("Volodymyr Zelenskiy" / "Volodymyr Zelensky"), is one;
* names that agree ("J. Smith" / "John Smith", an acronym and its expansion) are one;
* a country's demonym ("Russian", the NORP of "Russian forces") is the country ("Russia"): the link is
  made here, across articles, and not in the article's own entities, because an article that only says
  "Russian forces" has no "Russia" to join, and its record keeps what the text says (a NORP);
* a bare surname ("Zelensky", "Smith") joins the one full name it agrees with, and stays alone when two
  people of the story share it ("John Smith" and "Sarah Smith" stay two, and the bare "Smith" is left
  unresolved rather than guessed).

Across stories, a group is known by its principal full name (the one its articles use most), folded: two
groups with the same principal name are one entity, whatever their stories, and the entity's id is made
from that name. So a story's groups are a function of that story's articles alone, and the same person
gets the same id in every story without looking at the others: a store re-resolves only the stories a
new article changes. A group with no full name (a bare "Smith") keeps an id of its own story.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsledger.corpus.disjoint import DisjointSets
from newsledger.corpus.names import country_of_demonym, name_words, names_agree, person_names_agree
from newsledger.records import Analysis

LABEL_FAMILY = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


@dataclass(frozen=True)
class LocalEntity:
    """One entity of one article, with the story the article is in."""

    article_id: str
    entity_id: str
    name: str
    label: str
    mentions: int
    story: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.entity_id)

    @property
    def country(self) -> str | None:
        """The country a NORP demonym stands for ('Russian' -> 'Russia'): the entity meets the country
        across articles, so the events whose actor is 'Russian' or 'Russian forces' are Russia's."""
        return country_of_demonym(self.name) if self.label == "NORP" else None

    @property
    def family(self) -> str:
        return "PLACE" if self.country else LABEL_FAMILY.get(self.label, self.label)

    @property
    def words(self) -> tuple[str, ...]:
        return name_words(self.country or self.name)


@dataclass
class CanonicalEntity:
    """One real-world entity across articles: its best name, every spelling used, where it is named."""

    id: str
    name: str
    label: str
    aliases: list[str]
    members: list[tuple[str, str]] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)


def local_entities(analysis: Analysis, story: str) -> list[LocalEntity]:
    return [
        LocalEntity(analysis.article.id, e.id, e.name, e.label, len(e.mentions), story)
        for e in analysis.entities
    ]


def resolve_entities(entities: Iterable[LocalEntity]) -> dict[tuple[str, str], CanonicalEntity]:
    """``{(article_id, entity_id): CanonicalEntity}`` for every local entity given."""
    ordered = sorted(entities, key=lambda e: (e.family, e.story, -len(e.words), e.name, e.key))
    sets: DisjointSets[tuple[str, str]] = DisjointSets(e.key for e in ordered)
    by_story: dict[tuple[str, str], list[LocalEntity]] = defaultdict(list)
    for entity in ordered:
        by_story[(entity.family, entity.story)].append(entity)
    for (family, _), members in sorted(by_story.items()):
        _group_story(family, members, sets.union)

    groups: dict[tuple[str, str], list[LocalEntity]] = defaultdict(list)
    for entity in ordered:
        groups[sets.find(entity.key)].append(entity)
    # Groups of different stories with the same principal full name are one entity.
    entities_by_identity: dict[tuple[str, ...], list[LocalEntity]] = defaultdict(list)
    for root, members in groups.items():
        entities_by_identity[_identity(root, members)].extend(members)
    resolved: dict[tuple[str, str], CanonicalEntity] = {}
    for identity, members in entities_by_identity.items():
        canonical = _canonical(identity, members)
        for member in members:
            resolved[member.key] = canonical
    return resolved


def _group_story(
    family: str, members: list[LocalEntity], union: Callable[[tuple[str, str], tuple[str, str]], None]
) -> None:
    """Join the names of one family within one story."""
    by_full_name: dict[tuple[str, ...], list[LocalEntity]] = defaultdict(list)
    for entity in members:
        if _is_full_name(family, entity.words):
            by_full_name[entity.words].append(entity)
    for same in by_full_name.values():
        for other in same[1:]:
            union(same[0].key, other.key)
    if family == "PERSON":
        _link_people(members, union)
        return
    for i, first in enumerate(members):
        for second in members[i + 1 :]:
            if names_agree(first.words, second.words):
                union(first.key, second.key)


def _is_full_name(family: str, words: tuple[str, ...]) -> bool:
    """Whether a name can identify its entity outside its story: a bare surname cannot; a one-word place
    or organisation can."""
    return len(words) > (1 if family == "PERSON" else 0)


def _identity(root: tuple[str, str], members: list[LocalEntity]) -> tuple[str, ...]:
    """What a story's group of names is known by across stories: its family and principal full name (the
    full name most of its articles use, the longer on a tie), or its story's root when it has none."""
    family = members[0].family
    full = Counter(m.words for m in members if _is_full_name(family, m.words))
    if not full:
        return ("story", members[0].story, *root)
    principal = sorted(full.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
    return (family, *principal)


def _link_people(
    members: list[LocalEntity], union: Callable[[tuple[str, str], tuple[str, str]], None]
) -> None:
    """Full names that agree are one person; a bare surname joins the one full name of the story it fits."""
    full = [m for m in members if len(m.words) > 1]
    bare = [m for m in members if len(m.words) == 1]
    for i, first in enumerate(full):
        for second in full[i + 1 :]:
            if person_names_agree(first.words, second.words):
                union(first.key, second.key)
    for surname in bare:
        fitting = {m.words for m in full if person_names_agree(surname.words, m.words)}
        distinct = _distinct_people(fitting)
        if len(distinct) == 1:
            match = next(m for m in full if m.words in distinct[0])
            union(surname.key, match.key)
        elif not fitting:
            for other in bare:
                if other is not surname and person_names_agree(surname.words, other.words):
                    union(surname.key, other.key)


def _distinct_people(names: set[tuple[str, ...]]) -> list[set[tuple[str, ...]]]:
    """Full names grouped into the people they can be ("J. Smith" with "John Smith", not "Sarah Smith")."""
    people: list[set[tuple[str, ...]]] = []
    for name in sorted(names):
        home = next((p for p in people if all(person_names_agree(name, n) for n in p)), None)
        if home is None:
            people.append({name})
        else:
            home.add(name)
    return people


def _canonical(identity: tuple[str, ...], members: list[LocalEntity]) -> CanonicalEntity:
    """The name most often used among the longest spellings; the label most members carry; an id made
    from the identity, so the same in every story."""
    named = [m for m in members if m.country is None]
    if named:
        longest = max(len(m.words) for m in named)
        names = Counter(m.name for m in named if len(m.words) == longest)
        name = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        label = Counter(m.label for m in named).most_common(1)[0][0]
    else:  # only demonyms ('Russian forces' in every article): the entity is the country they name
        name, label = sorted(m.country for m in members if m.country)[0], "GPE"
    digest = hashlib.sha1("|".join(identity).encode()).hexdigest()[:12]
    return CanonicalEntity(
        id=f"ent-{digest}",
        name=name,
        label=label,
        aliases=sorted({m.name for m in members}),
        members=sorted(m.key for m in members),
        stories=sorted({m.story for m in members}),
    )
