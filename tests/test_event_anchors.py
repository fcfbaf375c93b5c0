"""What a sentence tells as before or after its event is another happening, with its own figures."""

from __future__ import annotations

from datetime import date

from newsledger.analyze import analyze


def assaults(text: str, published: date) -> list[list[str]]:
    analysis = analyze(text, published=published)
    figures = {q.id: q.span.text for q in analysis.quantities}
    return [
        [figures[q] for q in event.quantities]
        for event in analysis.events
        if event.type == "ASSAULT"
    ]


def test_a_strike_days_before_is_not_the_attack_of_the_sentence() -> None:
    text = (
        "Six people were killed on Thursday when shells hit a bus station in Kadugli, two days after "
        "an air strike on a school in the town killed 14 children, aid workers said."
    )
    found = assaults(text, date(2025, 6, 13))
    assert ["Six people"] in found
    assert any("14 children" in figures and "Six people" not in figures for figures in found)


def test_an_attack_following_another_keeps_its_own_event() -> None:
    text = (
        "Following an ambush on a convoy near Gao last week that killed nine soldiers, the army shelled "
        "three villages on Monday, killing 11 civilians, residents said."
    )
    found = assaults(text, date(2025, 6, 10))
    assert not any("nine soldiers" in figures and "11 civilians" in figures for figures in found)
