"""Places: every place an article names, geocoded offline, with the exact characters that name it.

The component ``newsledger_places`` runs after ``newsledger_entities``. It finds place mentions (the
NER's GPE, LOC and FAC spans, and gazetteer names the NER missed: :mod:`~newsledger.nlp.place_mentions`),
ranks each name's gazetteer places with the article as context (:mod:`~newsledger.nlp.geocode`), and
stores the result on ``doc._.places`` as plain data (token offsets, names, codes, coordinates), because
Docs cross process boundaries as msgpack. :func:`place_records` turns it into
:class:`~newsledger.records.Place` records.

A name no gazetteer place has is kept, with no coordinates and confidence 0: one unknown street never
costs the article its other places. A capital used for its government ('Moscow said', which the entity
component files under Russia) is still the city at its mention.

Config: ``adjectives`` also makes country adjectives and demonyms places ('Ukrainian forces' ->
Ukraine), and ``embedded`` place names inside organizations' names ('Huntsville Police Department'),
as the geoparsing corpora count them; both are off because such a word says whose, not where.
``detect_min_population`` is the smallest city the gazetteer finds on its own, without the NER.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsledger.nlp.entities import entity_clusters
from newsledger.nlp.gazetteer import Gazetteer, load_gazetteer
from newsledger.nlp.geocode import Resolution, resolve
from newsledger.nlp.place_mentions import MentionFinder, MentionRules, context_countries
from newsledger.nlp.placenames import name_key
from newsledger.records import Entity, Place
from newsledger.records import Span as SpanRecord

if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)

CONTEXT_LABELS = frozenset({"GPE", "NORP"})


@Language.factory(
    "newsledger_places",
    default_config={"adjectives": False, "embedded": False, "detect_min_population": 100_000},
    assigns=["doc._.places"],
    requires=["doc.ents", "doc._.entity_clusters", "token.tag"],
)
def make_places_component(
    nlp: Language, name: str, adjectives: bool, embedded: bool, detect_min_population: int
) -> PlacesComponent:
    return PlacesComponent(
        name, adjectives=adjectives, embedded=embedded, detect_min_population=detect_min_population
    )


class PlacesComponent:
    """Finds and geocodes the places of a Doc; the gazetteer is loaded at the first Doc, once a process."""

    def __init__(
        self,
        name: str = "newsledger_places",
        *,
        adjectives: bool = False,
        embedded: bool = False,
        detect_min_population: int = 100_000,
    ) -> None:
        self.name = name
        self.adjectives = adjectives
        self.embedded = embedded
        self.detect_min_population = detect_min_population
        self.rules = MentionRules.from_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = load_gazetteer()
        finder = MentionFinder(
            gazetteer,
            self.rules,
            detect_min_population=self.detect_min_population,
            adjectives=self.adjectives,
            embedded=self.embedded,
        )
        named = finder.find(doc)
        countries = article_countries(doc, gazetteer)
        resolutions = resolve(gazetteer, named, countries)
        extra = finder.find_conventional(doc, named)
        if extra:
            # The named places are resolved without the extras, so switching the conventions on adds
            # places but never changes one: the default output is a subset, exactly.
            added = {id(m) for m in extra}
            resolutions += [
                r for r in resolve(gazetteer, [*named, *extra], countries) if id(r.mention) in added
            ]
            resolutions.sort(key=lambda r: r.mention.start)
        doc._.places = [place_data(r) for r in resolutions]
        return doc


def article_countries(doc: Doc, gazetteer: Gazetteer) -> list[str]:
    """Countries the article's resolved entities stand for: 'Moscow said' (Russia), 'Ukrainian' (UA)."""
    names = [c.name for c in entity_clusters(doc) if c.label == "GPE"]
    codes = context_countries(names, gazetteer)
    for cluster in entity_clusters(doc):
        if cluster.label == "NORP":
            code = gazetteer.demonyms.get(name_key(cluster.name))
            codes += [code] * len(cluster.mentions) if code else []
    return codes


def place_data(resolution: Resolution) -> dict[str, Any]:
    """One resolved mention as msgpack-safe plain data (token offsets; the feature's fields)."""
    mention, feature = resolution.mention, resolution.feature
    data: dict[str, Any] = {
        "start": mention.start,
        "end": mention.end,
        "source": mention.source,
        "confidence": resolution.confidence,
    }
    if feature is None:
        return data
    return data | {
        "name": feature.name,
        "kind": feature.kind,
        "country": feature.country,
        "admin1": feature.admin1,
        "lat": feature.lat,
        "lon": feature.lon,
        "geonameid": feature.geonameid,
    }


def place_records(doc: Doc, *, entities: list[Entity]) -> list[Place]:
    """The places of a processed Doc as records, ids in text order, each linked to its entity if any."""
    records = []
    for number, data in enumerate(doc._.places or [], start=1):
        span = Span(doc, data["start"], data["end"])
        start, end = span.start_char, span.end_char
        records.append(
            Place(
                id=f"p{number}",
                span=SpanRecord(start=start, end=end, text=doc.text[start:end]),
                entity=_entity_at(entities, start, end),
                name=data.get("name") or span.text,
                kind=data.get("kind") or "other",
                country=data.get("country"),
                admin1=data.get("admin1"),
                lat=data.get("lat"),
                lon=data.get("lon"),
                geonameid=data.get("geonameid"),
                confidence=data["confidence"],
            )
        )
    return records


def _entity_at(entities: list[Entity], start: int, end: int) -> str | None:
    for entity in entities:
        if any(m.start < end and start < m.end for m in entity.mentions):
            return entity.id
    return None
