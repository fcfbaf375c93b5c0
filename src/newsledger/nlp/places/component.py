"""Places: every place an article names, geocoded offline, with the exact characters that name it.

The component ``newsledger_places`` runs after ``newsledger_entities``. It finds place mentions (the
NER's GPE, LOC and FAC spans, and gazetteer names the NER missed: :mod:`.mentions`),
ranks each name's gazetteer places with the article as context (:mod:`.geocode`), and
stores the result on ``doc._.places`` as plain data (token offsets, names, codes, coordinates), because
Docs cross process boundaries as msgpack. :func:`place_records` turns it into
:class:`~newsledger.records.Place` records.

A name no gazetteer place has is kept: one unknown name never costs the article its other places. It
gets the point of the place the text puts it near ('the Abu Shouk camp near El Fasher'), else, like a
street, road or building (a site: no pip gazetteer has them), of the town named next to it ('Main
Street in Springfield, Ill.') or the article's main town, at half that town's confidence; in an
article that names no town it has no coordinates and confidence 0. A capital used for
its government ('Moscow said', which the entity component files under Russia) is still the city at its
mention.

Every place has a ``form``: ``name`` when the text names it, ``adjective`` for a country adjective
or demonym ('Ukrainian forces' -> Ukraine, 'Texans' -> Texas), ``embedded`` for a place name inside an
organization's name ('Huntsville Police Department'). The geoparsing corpora count all three as
toponyms; a user who wants only where things happen filters on ``form == "name"``. Config
``adjectives`` and ``embedded`` (both on) switch the last two off; ``detect_min_population`` is the
smallest city the gazetteer finds on its own, without the NER.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsledger.nlp.doc_text import doc_text
from newsledger.nlp.entities.component import entity_clusters
from newsledger.nlp.places.gazetteer import Gazetteer, load_gazetteer
from newsledger.nlp.places.geocode import Resolution, resolve
from newsledger.nlp.places.mentions import MentionFinder, MentionRules, context_countries
from newsledger.nlp.places.names import name_key
from newsledger.records import Entity, Place, PlaceForm
from newsledger.records import Span as SpanRecord

if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)

CONTEXT_LABELS = frozenset({"GPE", "NORP"})
# A site (a street, road or building) lies in a town or county named within this many tokens of it.
SITE_TOWN_KINDS = frozenset({"city", "admin2"})
SITE_REACH = 12
# What ends a description between a name and a town: a verb says something else, a conjunction starts
# another place.
DESCRIPTION_BREAKS = frozenset({"VERB", "AUX", "CCONJ", "SCONJ"})
# How the text names a place, by what found the mention; every other source is a name.
FORMS: dict[str, PlaceForm] = {"adjective": "adjective", "embedded": "embedded"}


@Language.factory(
    "newsledger_places",
    default_config={"adjectives": True, "embedded": True, "detect_min_population": 100_000},
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
        adjectives: bool = True,
        embedded: bool = True,
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
        # Adjectives and embedded names are resolved with the names: 'the Indiana State Police' says
        # which Richmond the article means.
        mentions = [*named, *finder.find_conventional(doc, named)]
        resolutions = resolve(gazetteer, mentions, article_countries(doc, gazetteer))
        place_sites(resolutions, doc)
        doc._.places = [place_data(r) for r in resolutions]
        return doc


def place_sites(resolutions: list[Resolution], doc: Doc) -> None:
    """Give each site (a street, road or building no gazetteer has) and each name no gazetteer has (a
    camp, a village, a neighbourhood) the town it lies in: the town named right after it ('Main Street
    in Springfield', 'Elm Drive, Paris'), else right before it, else (a street only) the town the article
    names most: a local story's streets are in its town. A name's town must be named in one
    description with it (:func:`_described_with`). Its confidence is half the town's: the place may be
    outside it. A place already put at the place
    the text says it is near (:mod:`.geocode`) keeps that."""
    towns = [r for r in resolutions if r.feature is not None and r.feature.kind in SITE_TOWN_KINDS]
    if not towns:
        return
    named = Counter(r.feature.id for r in towns if r.feature is not None)
    main = max(towns, key=lambda r: named[r.feature.id] if r.feature is not None else 0)
    for site in resolutions:
        if site.feature is not None or site.within is not None:
            continue
        start, end = site.mention.start, site.mention.end
        if site.mention.kind == "site":
            after = [t for t in towns if 0 <= t.mention.start - end <= SITE_REACH]
            before = [t for t in towns if 0 <= start - t.mention.end <= SITE_REACH]
            town: Resolution | None = after[0] if after else before[-1] if before else main
        else:
            town = _described_with(site, towns, doc)
        if town is not None:
            site.within, site.confidence = town.feature, round(town.confidence / 2, 3)


def _described_with(name: Resolution, towns: list[Resolution], doc: Doc) -> Resolution | None:
    """The town named right after or before a name in one description, nothing but description between
    ('Portroe, Co Tipperary', 'Toomevara, outside Nenagh', 'the Nenagh suburb of Birdhill'): no verb,
    no conjunction, no sentence end. 'They met in Zzyzxville and then flew on to Berlin' says nothing
    of where Zzyzxville is."""
    start, end = name.mention.start, name.mention.end
    after = [t for t in towns if 0 <= t.mention.start - end <= SITE_REACH]
    before = [t for t in towns if 0 <= start - t.mention.end <= SITE_REACH]
    gaps = [(t, doc[end : t.mention.start]) for t in after[:1]]
    gaps += [(t, doc[t.mention.end : start]) for t in before[-1:]]
    for town, gap in gaps:
        if not any(t.pos_ in DESCRIPTION_BREAKS or t.is_sent_start or t.text in {".", ";"} for t in gap):
            return town
    return None


def article_countries(doc: Doc, gazetteer: Gazetteer) -> list[str]:
    """Countries the article's resolved entities stand for: 'Moscow said' (Russia), 'Ukrainian' (UA)."""
    names = [c.name for c in entity_clusters(doc) if c.label == "GPE"]
    codes = context_countries(names, gazetteer)
    for cluster in entity_clusters(doc):
        if cluster.label == "NORP":
            code = gazetteer.demonyms.get(name_key(cluster.name))
            place = gazetteer.coded(code) if code else None
            country = place.country if place is not None else None
            codes += [country] * len(cluster.mentions) if country else []
    return codes


def place_data(resolution: Resolution) -> dict[str, Any]:
    """One resolved mention as msgpack-safe plain data (token offsets; the feature's fields)."""
    mention, feature = resolution.mention, resolution.feature
    data: dict[str, Any] = {
        "start": mention.start,
        "end": mention.end,
        "source": mention.source,
        "form": FORMS.get(mention.source, "name"),
        "confidence": resolution.confidence,
    }
    if feature is None and resolution.within is not None:
        town = resolution.within
        return data | {
            "kind": "other",
            "country": town.country,
            "admin1": town.admin1,
            "lat": town.lat,
            "lon": town.lon,
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
    text = doc_text(doc)
    for number, data in enumerate(doc._.places or [], start=1):
        span = Span(doc, data["start"], data["end"])
        start, end = span.start_char, span.end_char
        records.append(
            Place(
                id=f"p{number}",
                span=SpanRecord(start=start, end=end, text=text[start:end]),
                entity=_entity_at(entities, start, end),
                name=data.get("name") or span.text,
                kind=data.get("kind") or "other",
                country=data.get("country"),
                admin1=data.get("admin1"),
                lat=data.get("lat"),
                lon=data.get("lon"),
                geonameid=data.get("geonameid"),
                confidence=data["confidence"],
                form=data.get("form", "name"),
            )
        )
    return records


def _entity_at(entities: list[Entity], start: int, end: int) -> str | None:
    for entity in entities:
        if any(m.start < end and start < m.end for m in entity.mentions):
            return entity.id
    return None
