"""``newsledger evaluate casualties`` on a tiny FA-KES-format file written for these tests."""

from __future__ import annotations

import subprocess
import sys

from newsledger.evaluate.casualties import (
    baseline_figures,
    deadly_place,
    evaluate_casualties,
    government_mentions,
    governorate_city,
)
from newsledger.records import Analysis, Article, Entity, Event, Place, Quantity, Telling
from newsledger.records import Span as SpanRecord
from tests.conftest import FIXTURES, REPO

TINY = FIXTURES / "casualties" / "tiny_fakes.jsonl"


def test_scores_tolls_places_and_the_regex_baseline() -> None:
    scores = evaluate_casualties(TINY)
    ours, regexes = scores.newsledger, scores.baseline
    assert ours.articles == 3  # the article with no toll is not scored
    assert (ours.found, ours.headline, ours.any_equal, ours.place) == (3, 2, 2, 2)
    # the war's running total (300000) is no event's toll; counted, it takes the headline of the first
    assert ours.headline_all == 1
    # "killed at least 12" and "Fifteen fighters were killed" are beyond the digits-before-"killed" regexes
    assert (regexes.found, regexes.headline, regexes.any_equal) == (1, 1, 1)
    assert any(line.startswith("test-raqqa-3 [toll place]") for line in scores.details())


def test_baseline_reads_the_three_patterns() -> None:
    text = "12 people were killed. Jets struck killing 4. The death toll rose to 17. 9 storey blocks."
    assert sorted(baseline_figures(text)) == [4.0, 12.0, 17.0]


def test_governorate_cities_are_found_in_the_gazetteer() -> None:
    for name in ("aleppo", "deir ezzor", "hasakeh", "quneitra", "daraa", "lattakia", "tartous"):
        assert governorate_city(name) is not None, name


def test_command_prints_both_readers() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsledger.cli", "evaluate", "casualties", str(TINY), "--half", "a"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "newsledger" in result.stdout and "3 regexes" in result.stdout


# -- the deadly event's place, on records written for these tests --------------------------------------

REPORT = (
    "Moscow said on Tuesday its jets had struck militants near Homs, north of Homs city. Shelling killed "
    "4 people in Talbiseh and an air strike killed 23 civilians in Saraqib, the Observatory said. Moscow "
    "denied the strike."
)


def _span(text: str, start_at: int = 0) -> SpanRecord:
    start = REPORT.index(text, start_at)
    return SpanRecord(start=start, end=start + len(text), text=text)


def _place(pid: str, name: str, kind: str, point: tuple[float, float], *, at: int = 0, entity: str | None = None) -> Place:
    country = "RU" if name == "Moscow" else "SY"
    return Place(id=pid, span=_span(name, at), entity=entity, name=name, kind=kind, country=country,
                 lat=point[0], lon=point[1], confidence=0.9)


def _killed(qid: str, text: str) -> Quantity:
    return Quantity(id=qid, span=_span(text), value=float(text.split()[0]), unit="people", qualifier="exact",
                    low=None, high=None, outcome="killed")


def _event(eid: str, place: str | None, quantity: str, trigger: str) -> Event:
    return Event(id=eid, type="ASSAULT", mode="actual", place=place, quantities=[quantity],
                 tellings=[Telling(trigger=_span(trigger), quantities=[quantity])], confidence=0.8)


def _report(*, saraqib_placed: bool) -> Analysis:
    places = [
        _place("p1", "Moscow", "city", (55.75, 37.62), entity="e1"),
        _place("p2", "Homs", "admin1", (34.6, 38.5)),
        _place("p3", "Homs", "city", (34.73, 36.71), at=REPORT.index("Homs city")),
        _place("p4", "Talbiseh", "city", (34.84, 36.73)),
        _place("p5", "Moscow", "city", (55.75, 37.62), at=REPORT.index("Moscow denied"), entity="e1"),
    ]
    if saraqib_placed:
        places.append(_place("p6", "Saraqib", "city", (35.86, 36.8)))
    return Analysis(
        article=Article(id="t", text=REPORT),
        entities=[Entity(id="e1", name="Russia", label="GPE", mentions=[p.span for p in places if p.entity])],
        places=places,
        quantities=[_killed("q1", "4 people"), _killed("q2", "23 civilians")],
        events=[
            _event("v1", "p4", "q1", "killed 4"),
            _event("v2", "p6" if saraqib_placed else None, "q2", "killed 23"),
        ],
    )


def test_the_deadly_place_is_the_largest_tolls_event() -> None:
    place = deadly_place(_report(saraqib_placed=True))
    assert place is not None and place.name == "Saraqib"


def test_a_smaller_tolls_event_is_not_the_deadly_event() -> None:
    # the 23 dead have no place: the most named place is taken, not Talbiseh, where 4 died
    report = _report(saraqib_placed=False)
    assert government_mentions(report) == {"p1", "p5"}  # 'Moscow said', 'Moscow denied': Russia
    place = deadly_place(report)
    # Moscow, named twice as Russia's government, is no candidate; Homs the city beats Homs the region
    assert place is not None and (place.name, place.kind) == ("Homs", "city")
