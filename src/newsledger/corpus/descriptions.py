"""Descriptions across articles: "the Ukrainian president" in one article is the person another names.

An article that says only "the Ukrainian president said" leaves its source unnamed; the extractor resolves
such a description only to a person named in the same article. Across a story it can do better: the
story's other articles give their people titles ("Ukrainian President Volodymyr Zelensky", "Sergei Lavrov,
Russia's foreign minister,"), and a description whose office and country are the title of exactly one
person of the story is that person. An office with no country ("the president") needs the office alone to
be unique in the story; anything ambiguous stays unresolved rather than guessed.

Offices are data (``data/offices.json``): heads that one person holds at a time ("president", "foreign
minister"), never generic ones ("official", "witness"). Countries come from the article's own place
records (an adjective "Ukrainian", a name "Russia's", "of Ukraine"), so "the Ukrainian president" and "the
president of Ukraine" are one description. Everything is a function of one story's articles.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsledger.corpus.entities import CanonicalEntity
from newsledger.records import Analysis, Place, Span

WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
# A description written as an apposition of a name: "Sergei Lavrov, Russia's foreign minister," and
# "Russia's foreign minister, Sergei Lavrov".
APPOSITION_AFTER = re.compile(r"\s*,\s+(?P<description>[^,.;:()\"“”]{3,60}?)\s*[,.;]")
APPOSITION_BEFORE = re.compile(r"(?:\A|[,.;:(\"“”]\s*|\s)(?P<description>[^,.;:()\"“”]{3,60}?),\s*\Z")
# What may stand between a country and the office after it: "Ukrainian President", "Russia's minister".
POSSESSIVE_GAP = re.compile(r"(?:'s|’s)?\s+")
# The keys of described sources and participants: "<attribution id>:source", "<event id>:actor".
SOURCE_KEY, ACTOR_KEY, TARGET_KEY = ":source", ":actor", ":target"
# How far before a name its title can start.
TITLE_REACH = 80


@dataclass(frozen=True)
class Office:
    """An office and, where the text says, the country it is held in: ("foreign minister", "RU")."""

    title: str
    country: str | None


@dataclass(frozen=True)
class OfficeWords:
    heads: frozenset[str]
    modifiers: frozenset[str]
    determiners: frozenset[str]

    @property
    def vocabulary(self) -> frozenset[str]:
        words = {w for phrase in self.heads | self.modifiers for w in phrase.split()}
        return frozenset(words | {"of"})


@cache
def office_words() -> OfficeWords:
    data = json.loads(resources.files("newsledger.corpus").joinpath("data/offices.json").read_text())
    return OfficeWords(frozenset(data["heads"]), frozenset(data["modifiers"]), frozenset(data["determiners"]))


def office_title(words: list[str]) -> str | None:
    """The office the words name, lowercased ("deputy foreign minister"), or None: leading determiners
    dropped, the last one or more words a head, every word before it a modifier."""
    lexicon = office_words()
    words = [w.lower().rstrip(".") for w in words]
    while words and words[0] in lexicon.determiners:
        words = words[1:]
    for size in (4, 3, 2, 1):
        if len(words) >= size and " ".join(words[-size:]) in lexicon.heads:
            before = words[:-size]
            if all(w in lexicon.modifiers for w in before):
                return " ".join(words)
    return None


def describe(text: str, span: Span, places: list[Place]) -> Office | None:
    """The office a noun phrase names, with the country of a place inside it: "the Ukrainian president",
    "Ukraine's foreign minister", "the president of Ukraine"."""
    inside = [p for p in places if span.start <= p.span.start and p.span.end <= span.end]
    words = []
    for match in WORD.finditer(text, span.start, span.end):
        start = match.start()
        if any(p.span.start <= start < p.span.end for p in inside):
            continue
        word = match.group()
        if word.lower() in {"'s", "’s"}:
            continue
        words.append(word)
    # "the president of Ukraine": the "of" that led to the place goes with it.
    if words and words[-1].lower() == "of" and inside:
        words = words[:-1]
    title = office_title(words)
    if title is None:
        return None
    return Office(title, inside[0].country if inside else None)


def titles_of(analysis: Analysis) -> dict[str, set[Office]]:
    """``{entity_id: offices}``: the offices this article gives its people, before their names ("Foreign
    Minister Dmytro Kuleba"), in appositions, and by resolving a described source to them."""
    text = analysis.article.text
    places = analysis.places
    found: dict[str, set[Office]] = defaultdict(set)
    for entity in analysis.entities:
        if entity.label != "PERSON":
            continue
        for mention in entity.mentions:
            for office in _titles_around(text, mention, places):
                found[entity.id].add(office)
    people = {e.id for e in analysis.entities if e.label == "PERSON"}
    for attribution in analysis.attributions:
        if attribution.source is not None and attribution.source_entity in people:
            described = describe(text, attribution.source, places)
            if described is not None:
                found[attribution.source_entity].add(described)
    return found


def _titles_around(text: str, mention: Span, places: list[Place]) -> Iterable[Office]:
    before = _title_before(text, mention.start, places)
    if before is not None:
        yield before
    after = APPOSITION_AFTER.match(text, mention.end)
    if after:
        span = Span(start=after.start("description"), end=after.end("description"), text="")
        office = describe(text, span, places)
        if office is not None:
            yield office
    window_start = max(0, mention.start - TITLE_REACH)
    preceding = APPOSITION_BEFORE.search(text[window_start : mention.start])
    if preceding:
        end = window_start + preceding.end("description")
        # The clause before the comma may hold more than the description ("met the Russian foreign
        # minister, Sergei Lavrov"): the description starts at a determiner or a place, or the clause does.
        starts = [window_start + preceding.start("description")]
        for match in WORD.finditer(text, starts[0], end):
            place = any(p.span.start == match.start() for p in places)
            if place or match.group().lower() in office_words().determiners:
                starts.append(match.start())
        for start in starts:
            office = describe(text, Span(start=start, end=end, text=""), places)
            if office is not None:
                yield office
                break


def _title_before(text: str, start: int, places: list[Place]) -> Office | None:
    """The office words right before a name ("Ukrainian President Volodymyr Zelensky"), and the country
    of a place standing just before them."""
    vocabulary = office_words().vocabulary
    window_start = max(0, start - TITLE_REACH)
    words = list(WORD.finditer(text, window_start, start))
    taken: list[re.Match[str]] = []
    edge = start
    for match in reversed(words):
        if text[match.end() : edge].strip() or match.group().lower().rstrip(".") not in vocabulary:
            break
        taken.insert(0, match)
        edge = match.start()
    if not taken:
        return None
    title = office_title([m.group() for m in taken])
    if title is None:
        return None
    country = next((p.country for p in places if POSSESSIVE_GAP.fullmatch(text, p.span.end, edge)), None)
    return Office(title, country)


def resolve_descriptions(
    analyses: list[Analysis], canonical: Mapping[tuple[str, str], CanonicalEntity]
) -> dict[tuple[str, str], CanonicalEntity]:
    """Within one story: ``{(article_id, "<attribution id>:source" | "<event id>:actor" | ":target"):
    CanonicalEntity}`` for each unnamed description that the story's titles give to exactly one person."""
    holders: dict[Office, dict[str, CanonicalEntity]] = defaultdict(dict)
    for analysis in analyses:
        for entity_id, offices in titles_of(analysis).items():
            person = canonical.get((analysis.article.id, entity_id))
            if person is None:
                continue
            for office in offices:
                holders[office][person.id] = person
    if not holders:
        return {}
    resolved: dict[tuple[str, str], CanonicalEntity] = {}
    for analysis in analyses:
        for key, span in unnamed_descriptions(analysis):
            described = describe(analysis.article.text, span, analysis.places)
            if described is None:
                continue
            people = _holders_of(described, holders)
            if len(people) == 1:
                resolved[(analysis.article.id, key)] = next(iter(people.values()))
    return resolved


def _holders_of(
    office: Office, holders: Mapping[Office, dict[str, CanonicalEntity]]
) -> dict[str, CanonicalEntity]:
    """The people of the story who hold the office (in its country, when the description names one)."""
    if office.country is not None:
        return dict(holders.get(office, {}))
    found: dict[str, CanonicalEntity] = {}
    for held, people in holders.items():
        if held.title == office.title:
            found |= people
    return found


def unnamed_descriptions(analysis: Analysis) -> Iterable[tuple[str, Span]]:
    """Sources and event participants the article describes without naming a person: no entity, or only
    the country of the office ("the Russian president" held by the entity Russia)."""
    people = {e.id for e in analysis.entities if e.label == "PERSON"}
    for attribution in analysis.attributions:
        if attribution.source is not None and attribution.source_entity not in people:
            yield attribution.id + SOURCE_KEY, attribution.source
    for event in analysis.events:
        for suffix, participant in ((ACTOR_KEY, event.actor), (TARGET_KEY, event.target)):
            if participant is not None and participant.entity not in people:
                yield event.id + suffix, participant.span
