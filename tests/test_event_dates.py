"""The date of an event is when it happened, not when its source spoke."""

from __future__ import annotations

from datetime import date

from newsledger.analyze import analyze
from newsledger.nlp.events.links import _time_of_saying
from newsledger.records import Attribution, Cue, Span, TimeRef

TEXT = "Shelling killed four people in Kherson on Monday, officials said on Tuesday."


def span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start=start, end=start + len(words), text=words)


def test_a_date_outside_the_content_dates_the_saying() -> None:
    said = Attribution(
        id="a1", source=span("officials"), source_name="officials", source_kind="collective",
        cue=Cue(span=span("said"), lemma="say"), content=span("Shelling killed four people in Kherson on Monday"),
        content_fragments=[], form="indirect", confidence=0.9,
    )
    monday = TimeRef(id="t1", span=span("Monday"), type="DATE", value="2025-03-10", relative=True, anchor="2025-03-11")
    tuesday = TimeRef(id="t2", span=span("Tuesday"), type="DATE", value="2025-03-11", relative=True, anchor="2025-03-11")
    assert not _time_of_saying(monday, said)
    assert _time_of_saying(tuesday, said)
    assert not _time_of_saying(tuesday, None)


def test_the_day_a_source_spoke_does_not_date_the_deaths_it_reports() -> None:
    text = (
        "A drone strike hit a wedding celebration in the village of Djiguibombo near Bandiagara in central "
        "Mali on Sunday evening, killing at least 21 civilians, including six children, a local official "
        "and two residents said on Monday."
    )
    analysis = analyze(text, published=date(2025, 3, 10))
    times = {t.id: t for t in analysis.times}
    assaults = [e for e in analysis.events if e.type == "ASSAULT"]
    assert len(assaults) == 1, [[t.trigger.text for t in e.tellings] for e in assaults]
    strike = assaults[0]
    assert strike.date is not None and (times[strike.date].value or "").startswith("2025-03-09")
    assert len(strike.tellings) >= 2


def test_a_date_inside_what_was_said_still_dates_the_event() -> None:
    text = "Officials said on Tuesday that shelling had killed four people in Kherson on Monday."
    analysis = analyze(text, published=date(2025, 3, 11))
    times = {t.id: t for t in analysis.times}
    assault = next(e for e in analysis.events if e.type == "ASSAULT")
    assert assault.date is not None and times[assault.date].value == "2025-03-10"
