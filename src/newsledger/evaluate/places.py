"""Score places on toponym corpora with coordinates: LGL and GeoWebNews, converted to JSONL.

One document a line: ``doc_id``, ``text``, optional ``dct`` (publication date) and ``toponyms``, each
with ``span`` ``[start, end)``, ``name``, ``lat``/``lon`` (null when the corpus has no place for it) and
either ``fcode`` (LGL: the GeoNames feature code) or ``type`` (GeoWebNews: Literal, Metonymic,
Non_Literal_Modifier, Demonym ...). Both formats are read the same way; the group a toponym is counted
under is its ``type`` when it has one, else its feature class.

The figure that matters is ``resolved``: the share of ALL gold toponyms that we found (the span of a
Place record, of any ``form``, overlaps it) and placed within 161 km (100 miles, the field's usual
threshold). A gold toponym with no
coordinates (a street, a demonym) counts as resolved when found: the corpus has nothing to place it
against, as the LGL README says ("they still count for geotagging, but not for geocoding").
``resolved_strict`` counts those as failures. ``with_coordinates_161`` is the product owner's
counting: only the gold toponyms that have coordinates, the share of them found and placed within
161 km (a gold toponym without coordinates is left out, neither right nor wrong). Also: precision
(our places that overlap a gold toponym), accuracy@161 km and the mean and median error over the found
toponyms with coordinates, and the precision of the places the gazetteer found without the NER.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.evaluate.gold_files import Half, jsonl_records
from newsledger.nlp.entities import entity_records
from newsledger.nlp.pipeline import MODEL_COMPONENTS, make_doc
from newsledger.nlp.places import PlacesComponent, place_records
from newsledger.nlp.places.geocode import distance_km
from newsledger.records import Place

ACCURATE_KM = 161.0
PLACES_NEEDS = frozenset({"newsledger_entities", "newsledger_places"})
FEATURE_CLASSES = {"PCL": "country", "ADM1": "admin1", "ADM2": "admin2", "PPL": "city", "CONT": "continent"}


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    group: str


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    text: str
    published: date | None
    toponyms: tuple[GoldToponym, ...]


@dataclass
class Counts:
    """Counts for all toponyms or one group of them."""

    gold: int = 0
    with_coordinates: int = 0
    found: int = 0
    found_with_coordinates: int = 0
    resolved: int = 0
    within_161: int = 0
    errors_km: list[float] = field(default_factory=list)

    def add(self, toponym: GoldToponym, place: Place | None) -> None:
        self.gold += 1
        has_point = toponym.lat is not None and toponym.lon is not None
        self.with_coordinates += has_point
        if place is None:
            return
        self.found += 1
        if not has_point:
            self.resolved += 1
            return
        self.found_with_coordinates += 1
        if place.lat is None or place.lon is None or toponym.lat is None or toponym.lon is None:
            return
        error = distance_km(toponym.lat, toponym.lon, place.lat, place.lon)
        self.errors_km.append(error)
        if error <= ACCURATE_KM:
            self.within_161 += 1
            self.resolved += 1

    @property
    def resolved_share(self) -> float:
        return self.resolved / self.gold if self.gold else 0.0

    @property
    def resolved_strict(self) -> float:
        return self.within_161 / self.gold if self.gold else 0.0

    @property
    def with_coordinates_161(self) -> float:
        """The product owner's figure: of the gold toponyms with coordinates, the share found and placed
        within 161 km (those without coordinates are left out, not counted as right)."""
        return self.within_161 / self.with_coordinates if self.with_coordinates else 0.0

    @property
    def found_share(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def accuracy_161(self) -> float:
        return self.within_161 / self.found_with_coordinates if self.found_with_coordinates else 0.0

    @property
    def mean_error_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0

    @property
    def median_error_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0


@dataclass
class Precision:
    """Our places, and how many of them overlap a gold toponym."""

    places: int = 0
    matched: int = 0

    def add(self, matched: bool) -> None:
        self.places += 1
        self.matched += matched

    @property
    def share(self) -> float:
        return self.matched / self.places if self.places else 0.0

    def __str__(self) -> str:
        return f"{self.share:.1%} ({self.matched}/{self.places})"


@dataclass
class Mode:
    """Scores of one way of counting: all toponyms, per group, and the precision of our places."""

    all: Counts = field(default_factory=Counts)
    groups: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    precision: Precision = field(default_factory=Precision)


@dataclass
class PlaceScores:
    """Scores over a corpus, two ways.

    ``convention`` (the headline) scores every Place record newsledger emits, of any form, as the
    geoparsing corpora count toponyms: country adjectives ('Ukrainian') and names inside organizations'
    names ('Huntsville Police') are toponyms there. ``named`` scores only the records of form ``name``,
    what a user who filters the adjectives and embedded names out keeps.
    """

    corpus: str
    documents: int
    named: Mode = field(default_factory=Mode)
    convention: Mode = field(default_factory=Mode)
    detected: Precision = field(default_factory=Precision)
    misses: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def table(self) -> Table:
        table = Table(title=f"newsledger evaluate places: {self.corpus} ({self.documents} documents)")
        columns = (
            "toponyms",
            "gold",
            "found",
            "acc@161",
            "found+placed@161",
            "strict",
            "with coords: placed@161",
            "names only: found",
            "names only: found+placed@161",
            "mean km",
            "median km",
        )
        for column in columns:
            table.add_column(column, justify="left" if column == "toponyms" else "right")
        groups = sorted(self.convention.groups, key=lambda g: -self.convention.groups[g].gold)
        rows = [("all", self.named.all, self.convention.all)]
        rows += [(g, self.named.groups[g], self.convention.groups[g]) for g in groups]
        for label, named, convention in rows:
            table.add_row(
                label,
                str(named.gold),
                f"{convention.found_share:.1%}",
                f"{convention.accuracy_161:.1%}",
                f"{convention.resolved_share:.1%}",
                f"{convention.resolved_strict:.1%}",
                f"{convention.with_coordinates_161:.1%} "
                f"({convention.within_161}/{convention.with_coordinates})",
                f"{named.found_share:.1%}",
                f"{named.resolved_share:.1%}",
                f"{convention.mean_error_km:.0f}",
                f"{convention.median_error_km:.0f}",
            )
        table.caption = (
            f"precision: all places {self.convention.precision}, names only {self.named.precision}; "
            f"places found by the gazetteer alone: precision {self.detected}. found = a Place record of "
            "any form overlaps the gold toponym; acc@161 over the found toponyms with coordinates; "
            "found+placed@161 over ALL gold toponyms (one with no gold point counts when found); "
            "strict counts those as failures; with coords: placed@161 leaves them out (the product owner's "
            "counting: of the gold toponyms with coordinates, the share found and placed within 161 km)"
        )
        return table

    def details(self, limit: int = 40) -> list[str]:
        lines = [f"missed {m}" for m in self.misses[:limit]]
        lines += [f"misplaced {m}" for m in self.misplaced[:limit]]
        lines += [f"not in gold {m}" for m in self.false_alarms[:limit]]
        return lines


def read_documents(path: Path, half: Half | None = None) -> Iterator[GoldDocument]:
    for _, record in jsonl_records(path, half):
        yield _document(record)


def _document(record: dict[str, Any]) -> GoldDocument:
    dct = record.get("dct")
    toponyms = tuple(
        GoldToponym(
            start=t["span"][0],
            end=t["span"][1],
            name=t["name"],
            lat=t.get("lat"),
            lon=t.get("lon"),
            group=t.get("type") or _feature_class(t.get("fcode")),
        )
        for t in record["toponyms"]
        if t["span"][0] >= 0
    )
    return GoldDocument(
        doc_id=str(record["doc_id"]),
        text=record["text"],
        published=date.fromisoformat(dct[:10]) if dct else None,
        toponyms=toponyms,
    )


def _feature_class(fcode: str | None) -> str:
    if not fcode:
        return "no gazetteer entry"
    return next((label for prefix, label in FEATURE_CLASSES.items() if fcode.startswith(prefix)), "other")


def evaluate_places(
    path: Path, nlp: Language, *, half: Half | None = None, batch_size: int = 8
) -> PlaceScores:
    """Run the pipeline over a corpus and score its places both ways (see :class:`PlaceScores`).

    Only the components places depend on run (the model, entities, places): the others cannot change
    the result and would triple the time. The places component runs as configured: by default it emits
    adjectives and embedded names too, each with its ``form``.
    """
    documents = list(read_documents(path, half))
    scores = PlaceScores(path.parent.name or path.name, len(documents))
    needed = [name for name in nlp.pipe_names if name in MODEL_COMPONENTS or name in PLACES_NEEDS]
    if not isinstance(nlp.get_pipe("newsledger_places"), PlacesComponent):
        raise TypeError("the pipeline's newsledger_places is not newsledger's places component")
    with nlp.select_pipes(enable=needed):
        docs = (make_doc(nlp, d.text, d.published) for d in documents)
        for document, doc in zip(documents, nlp.pipe(docs, batch_size=batch_size), strict=True):
            _score_document(scores, document, doc)
    return scores


def _score_document(scores: PlaceScores, document: GoldDocument, doc: Doc) -> None:
    places = place_records(doc, entities=entity_records(doc))
    sources = [data.get("source") for data in doc._.places or []]
    named = [p for p in places if p.form == "name"]
    for toponym in document.toponyms:
        for mode, candidates in ((scores.named, named), (scores.convention, places)):
            place = _best_overlap(toponym, candidates)
            mode.all.add(toponym, place)
            mode.groups[toponym.group].add(toponym, place)
        place = _best_overlap(toponym, places)
        where = f"{document.doc_id} {toponym.name!r} ({toponym.group})"
        if place is None:
            scores.misses.append(where)
        elif (
            toponym.lat is not None
            and toponym.lon is not None
            and (
                place.lat is None
                or place.lon is None
                or distance_km(toponym.lat, toponym.lon, place.lat, place.lon) > ACCURATE_KM
            )
        ):
            scores.misplaced.append(f"{where} -> {place.name} {place.country} {place.lat},{place.lon}")
    for place, source in zip(places, sources, strict=True):
        matched = any(t.start < place.span.end and place.span.start < t.end for t in document.toponyms)
        scores.convention.precision.add(matched)
        if place.form == "name":
            scores.named.precision.add(matched)
        if source == "gazetteer":
            scores.detected.add(matched)
        if not matched:
            scores.false_alarms.append(f"{document.doc_id} {place.span.text!r} -> {place.name} ({source})")


def _best_overlap(toponym: GoldToponym, places: list[Place]) -> Place | None:
    overlapping = [p for p in places if p.span.start < toponym.end and toponym.start < p.span.end]
    if not overlapping:
        return None
    return max(overlapping, key=lambda p: min(p.span.end, toponym.end) - max(p.span.start, toponym.start))
