"""An outlet's correction and a source's retraction (issue 16/17: the Letpanhla trial).

"Correction: An earlier version of this article said 30 people were wounded" is the outlet taking back
its own figure: the label names no speaker, the earlier version's claim is retracted, and its telling
"retracts" — out of the toll, shown as withdrawn, and no denial of the event. Each case has its
contrast, so a fix cannot simply drop the words."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.analyze import analyze
from newsledger.corpus.tolls import Figure, GivenFigure, tolls
from newsledger.records import Analysis, Event
from newsledger.store.event_views import article_stance


def run(text: str) -> Analysis:
    return analyze(text, published=date(2025, 3, 4), outlet="Coastline Herald")


def sources(analysis: Analysis) -> list[str]:
    return [a.source.text for a in analysis.attributions if a.source is not None]


def status_of(analysis: Analysis, piece: str) -> str:
    return next(str(c.status) for c in analysis.claims if piece in c.span.text)


@pytest.mark.parametrize(
    "label", ["Correction", "CORRECTION", "Clarification", "Editor's note", "Editor's Note", "Update", "Updated"]
)
def test_an_editorial_label_before_a_colon_is_no_speaker(nlp: object, label: str) -> None:
    found = run(
        f"{label}: An earlier version of this story said the ferry carried 80 passengers. The port "
        "authority says it carried 68."
    )
    assert label not in sources(found) and label.upper() not in sources(found)
    assert "The port authority" in sources(found)


def test_a_name_before_a_headline_colon_still_speaks(nlp: object) -> None:
    found = run("Mayor Ruiz: Ferry was overloaded when it left port")
    assert sources(found) == ["Mayor Ruiz"]


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("An earlier version of this article said 30 people were wounded in the blast.", "30 people"),
        ("A previous version of this story said the bridge had collapsed on Monday.", "the bridge had"),
        ("The original version of this report stated that the mayor had resigned.", "the mayor"),
        ("An earlier edition of this article reported that the ferry sank near Tanjung.", "the ferry"),
    ],
)
def test_what_an_earlier_version_of_the_text_said_is_retracted(nlp: object, text: str, piece: str) -> None:
    assert status_of(run(text), piece) == "retracted"


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        # a version with nothing putting it before this text, or another outlet's report, is a source
        ("The latest version of the bill says 12,000 households will be paid.", "12,000 households"),
        ("An earlier report by the coastguard said 30 people were missing.", "30 people"),
    ],
)
def test_other_versions_and_reports_only_report(nlp: object, text: str, piece: str) -> None:
    assert status_of(run(text), piece) == "reported"


def _injured(event: Event) -> list[tuple[str | None, str | None]]:
    return [(t.source_name, t.stance) for t in event.tellings]


def test_a_corrected_figure_retracts_its_telling_and_the_new_one_affirms(nlp: object) -> None:
    found = run(
        "A car bomb exploded outside the central market in Kismayo on Monday, police said.\n\n"
        "Correction: An earlier version of this article said 30 people were wounded in the blast. "
        "The police say 27 were wounded."
    )
    tellings = [t for e in found.events for t in e.tellings]
    stances = {t.source_name: t.stance for t in tellings if t.quantities}
    assert stances.get("An earlier version of this article") == "retracts"
    assert stances.get("The police") == "affirms"
    assert not any(t.stance == "denies" for t in tellings)


def test_a_reduced_relative_makes_its_noun_the_patient_and_keeps_its_figure(nlp: object) -> None:
    found = run(
        "Villagers on Wednesday buried 18 people killed when a military aircraft dropped two bombs on the "
        "monastery late on Tuesday."
    )
    killed = next(e for e in found.events if any(t.trigger.text == "killed" for t in e.tellings))
    assert killed.actor is None or "18" not in killed.actor.span.text
    figures = {q.value for q in found.quantities if q.id in killed.quantities and q.outcome == "killed"}
    assert figures == {18.0}


def given(value: float, by: str, day: int, stance: str) -> GivenFigure:
    return GivenFigure(Figure(value, "exact", "injured", None, f"{value:g}"), by, date(2025, 5, day), stance)


def test_a_withdrawn_figure_is_no_toll_but_shows_as_withdrawn() -> None:
    (injured,) = tolls(
        [
            given(30, "Asia Pacific Wire", 14, "affirms"),
            given(30, "An earlier version of this article", 15, "retracts"),
            given(27, "The rescue team", 15, "affirms"),
        ]
    )
    assert (injured.latest, injured.latest_by, injured.highest) == (27, "The rescue team", 30)
    assert injured.disagreement == "27 / 30 injured; withdrawn: 30 (An earlier version of this article)"


def test_a_figure_only_withdrawn_is_no_toll_at_all() -> None:
    assert tolls([given(40, "the ministry", 15, "retracts")]) == []
    (injured,) = tolls([given(40, "the ministry", 14, "retracts"), given(14, "the ministry", 15, "affirms")])
    assert injured.latest == 14 and injured.highest == 14
    assert injured.disagreement == "14 injured; withdrawn: 40 (the ministry)"


def test_a_retraction_does_not_make_the_article_deny() -> None:
    assert article_stance(["affirms", "retracts"]) == "affirms"
    assert article_stance(["reports", "retracts"]) == "reports"
    assert article_stance(["retracts"]) == "retracts"
    assert article_stance(["retracts", "denies"]) == "denies"
