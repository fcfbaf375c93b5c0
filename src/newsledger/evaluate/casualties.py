"""Score casualty figures and the deadly event's place on FA-KES-style JSONL (Syrian war news).

One article a line: ``doc_id``, ``text``, ``published``, ``outlet``, ``title`` and ``gold`` with the
crowd's ``killed`` total and ``location`` (one of 12 governorate cities). Articles with a gold total of 0
are not scored: there is no toll to find. Per article, as the data set's README says it is scored:

- ``found``: newsledger gives at least one figure with outcome ``killed``;
- ``headline``: the largest killed figure equals the crowd's total. Left out, as no toll of the event
  the article reports: a running or period total ("the conflict has killed 300,000", "84 killed in three
  days", ``Quantity.cumulative``), the toll of an earlier event or period ("a bombing in February left
  134 dead", ``Quantity.background``) and an addition to a toll ("two more bodies",
  ``Quantity.increment``). ``headline, all`` is the same test with every killed figure counted;
- ``any``: some killed figure equals it;
- ``place``: the place of the main deadly event (the event whose figures hold the largest killed
  figure), or failing that the most named sub-national place, lies within 100 km of the crowd's
  governorate city, located in newsledger's own gazetteer. Every place newsledger outputs is a
  candidate, as the product owner counts: keeping namesakes abroad out is the geocoder's job (it
  resolves an article's places together), not the evaluator's.

The same documents are also read by three regular expressions ("N ... killed", "killing N", "death toll
... N"), the data set's baseline, so that the comparison is on the page.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from newsledger.evaluate.gold_files import Half, jsonl_records
from newsledger.evaluate.metrics import ratio
from newsledger.records import Analysis, Place, Quantity

if TYPE_CHECKING:
    from newsledger.nlp.places.gazetteer import Gazetteer, Match

PLACE_KM = 100.0
SUB_NATIONAL = frozenset({"admin1", "admin2", "city"})
# The crowd's spellings of the governorate cities, as the gazetteer spells them.
GOVERNORATE_CITIES = {
    "aleppo": "aleppo",
    "damascus": "damascus",
    "idlib": "idlib",
    "raqqa": "raqqa",
    "homs": "homs",
    "deir ezzor": "deir ez-zor",
    "hasakeh": "al hasakah",
    "hama": "hama",
    "quneitra": "al qunaytirah",
    "daraa": "dar'a",
    "lattakia": "latakia",
    "tartous": "tartus",
}
# Our reading of the README's three baseline patterns: a number and "killed" in one sentence, "killing"
# then a number, "death toll" then a number in one sentence; digits only.
BASELINE = (
    re.compile(r"\b(\d+)\b[^.\d]{0,80}?\bkilled\b", re.IGNORECASE),
    re.compile(r"\bkilling\s+\D{0,20}?(\d+)", re.IGNORECASE),
    re.compile(r"\bdeath\s+toll\b[^.\d]{0,80}?(\d+)\b", re.IGNORECASE),
)


@dataclass(frozen=True)
class GoldArticle:
    doc_id: str
    text: str
    published: date | None
    outlet: str | None
    title: str | None
    killed: int
    location: str


@dataclass
class Tally:
    """How many scored articles pass each test, for one reader (newsledger or the regexes)."""

    articles: int = 0
    found: int = 0
    headline: int = 0
    headline_all: int = 0
    any_equal: int = 0
    place: int = 0

    def add(
        self, gold: int, figures: list[float], place_ok: bool | None = None, every: list[float] | None = None
    ) -> None:
        """``figures`` the killed figures scored; ``every`` those and the running totals."""
        every = figures if every is None else every
        self.articles += 1
        self.found += bool(every)
        self.headline += bool(figures) and max(figures) == gold
        self.headline_all += bool(every) and max(every) == gold
        self.any_equal += gold in every
        self.place += bool(place_ok)


@dataclass
class CasualtyScores:
    corpus: str
    newsledger: Tally = field(default_factory=Tally)
    baseline: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)

    def table(self) -> Table:
        table = Table(
            title=f"newsledger evaluate casualties: {self.corpus} ({self.newsledger.articles} articles)"
        )
        columns = (
            "reader",
            "killed figure found",
            "headline = crowd",
            "headline, all",
            "any = crowd",
            "place ≤ 100 km",
        )
        for column in columns:
            table.add_column(column, justify="left" if column == "reader" else "right")
        for name, tally in (("newsledger", self.newsledger), ("3 regexes", self.baseline)):
            place = _share(tally.place, tally.articles) if tally is self.newsledger else "-"
            table.add_row(
                name,
                _share(tally.found, tally.articles),
                _share(tally.headline, tally.articles),
                _share(tally.headline_all, tally.articles),
                _share(tally.any_equal, tally.articles),
                place,
            )
        table.caption = (
            "articles with a crowd total > 0; headline = the largest killed figure equals the crowd's "
            "total, running and period totals, earlier events' tolls and additions left out (headline, "
            "all: counted); place = the main deadly "
            "event's place (else the most named sub-national place) "
            f"within {PLACE_KM:.0f} km of the crowd's governorate city"
        )
        return table

    def details(self, limit: int = 60) -> list[str]:
        return self.misses[:limit]


def _share(part: int, whole: int) -> str:
    return f"{ratio(part, whole):.1%} ({part})"


def read_articles(path: Path, half: Half | None = None) -> Iterator[GoldArticle]:
    for _, record in jsonl_records(path, half):
        yield _article(record)


def _article(record: dict[str, Any]) -> GoldArticle:
    gold = record["gold"]
    published = record.get("published")
    return GoldArticle(
        doc_id=str(record["doc_id"]),
        text=record["text"],
        published=date.fromisoformat(published[:10]) if published else None,
        outlet=record.get("outlet"),
        title=record.get("title"),
        killed=int(gold["killed"]),
        location=str(gold["location"]).lower(),
    )


def killed_figures(analysis: Analysis, *, cumulative: bool = False) -> list[Quantity]:
    """The article's figures of people killed that give a number (not "dozens"), totals only: a part
    ("including 4 children") is not a toll of its own, nor (unless ``cumulative`` asks for every figure)
    a running total, an earlier event's toll or an addition to a toll."""
    return [
        q
        for q in analysis.quantities
        if q.outcome == "killed"
        and q.value is not None
        and q.part_of is None
        and (cumulative or not (q.cumulative or q.background or q.increment))
    ]


def deadly_place(analysis: Analysis) -> Place | None:
    """The place of the event that holds the largest killed figure; failing that, the sub-national place
    the article names most often (the first named among equals, its town before a region of the same
    name: 'Homs' the city, not the governorate), a capital named as its government left out
    (:func:`government_mentions`). An event holding only a smaller toll is not the main deadly event,
    wherever it happened. Every placed town or region the product outputs counts: the evaluator does
    not second-guess the geocoder (a namesake abroad it outputs is scored as the miss it is)."""
    governments = government_mentions(analysis)
    candidates = [
        p for p in analysis.places if p.kind in SUB_NATIONAL and p.lat is not None and p.id not in governments
    ]
    places = {p.id: p for p in candidates}
    killed = killed_figures(analysis)
    largest = max((q.value or 0 for q in killed), default=None)
    for quantity in (q for q in killed if q.value == largest):
        for event in analysis.events:
            place = places.get(event.place or "")
            if quantity.id in event.quantities and place is not None:
                return place
    if not candidates:
        return None
    counts = Counter(p.name for p in candidates)
    best = max(counts.values())
    first = next(p for p in candidates if counts[p.name] == best)
    return next((p for p in candidates if p.name == first.name and p.kind == "city"), first)


def government_mentions(analysis: Analysis) -> set[str]:
    """The ids of the places named only as a government: a capital the entity component files under
    its country ('Moscow said', "Damascus's allies" are Russia and Syria). The city is still the
    place at the mention, but the sentence says nothing happened there."""
    from newsledger.nlp.places.gazetteer import ALIAS, load_gazetteer

    gazetteer = load_gazetteer()
    countries = {
        entity.id
        for entity in analysis.entities
        if any(m.feature.kind == "country" and m.quality <= ALIAS for m in _matches(gazetteer, entity.name))
    }
    return {p.id for p in analysis.places if p.kind == "city" and p.entity in countries}


def _matches(gazetteer: Gazetteer, name: str) -> list[Match]:
    from newsledger.nlp.places.names import name_key

    return gazetteer.lookup(name_key(name))


def baseline_figures(text: str) -> list[float]:
    """The numbers the three regular expressions read as killed."""
    return [float(match.group(1)) for pattern in BASELINE for match in pattern.finditer(text)]


@functools.cache
def governorate_city(location: str) -> tuple[float, float] | None:
    """The coordinates of a governorate city, from newsledger's gazetteer (the largest Syrian city of
    that name)."""
    from newsledger.nlp.places.gazetteer import load_gazetteer
    from newsledger.nlp.places.names import name_key

    name = GOVERNORATE_CITIES.get(location, location)
    matches = [
        m
        for m in load_gazetteer().lookup(name_key(name))
        if m.feature.country == "SY" and m.feature.kind == "city" and m.feature.lat is not None
    ]
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.quality, -m.feature.population)).feature
    assert best.lat is not None and best.lon is not None
    return best.lat, best.lon


def place_within(place: Place | None, location: str) -> bool:
    from newsledger.nlp.places.geocode import distance_km

    city = governorate_city(location)
    if place is None or place.lat is None or place.lon is None or city is None:
        return False
    return distance_km(city[0], city[1], place.lat, place.lon) <= PLACE_KM


def score_article(scores: CasualtyScores, article: GoldArticle, analysis: Analysis) -> None:
    figures = [q.value for q in killed_figures(analysis) if q.value is not None]
    every = [q.value for q in killed_figures(analysis, cumulative=True) if q.value is not None]
    place = deadly_place(analysis)
    place_ok = place_within(place, article.location)
    scores.newsledger.add(article.killed, figures, place_ok, every)
    scores.baseline.add(article.killed, baseline_figures(article.text))
    missed = [
        name
        for name, ok in (("toll", figures and max(figures) == article.killed), ("place", place_ok))
        if not ok
    ]
    if missed:
        where = f"{place.name} ({place.kind})" if place is not None else None
        scores.misses.append(
            f"{article.doc_id} [{' '.join(missed)}]: crowd {article.killed} in {article.location}; "
            f"killed {sorted(figures, reverse=True)}, place {where}"
        )


def evaluate_casualties(path: Path, *, half: Half | None = None) -> CasualtyScores:
    """Analyse every article with a crowd toll and score it (see the module docstring)."""
    from newsledger.analyze import analyze_many
    from newsledger.sources.prepare import article_from_text

    articles = [a for a in read_articles(path, half) if a.killed > 0]
    scores = CasualtyScores(path.parent.name or path.name)
    prepared: Iterable[Any] = (
        article_from_text(a.text, source=a.doc_id, published=a.published, outlet=a.outlet, title=a.title)
        for a in articles
    )
    for article, analysis in zip(articles, analyze_many(prepared), strict=True):
        score_article(scores, article, analysis)
    return scores
