"""Casualty figures: outcome, victims, part_of and running totals, on conflict copy written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from newsledger.analyze import analyze
from newsledger.nlp.quantities import quantity_records
from newsledger.records import Quantity

Parse = Callable[..., Doc]

STRIKE = (
    "A missile struck an apartment block in the city of Dnipro on Saturday, killing at least 11 people "
    "and wounding 47, regional officials said. Rescuers pulled two children from the rubble. "
    "By Sunday evening the death toll rose to 15, including 4 children. "
    "Two officials said the 9 storey building had partly collapsed and that dozens were missing. "
    "Police later revised the toll down to 14 after one of the dead was found to have died elsewhere. "
    "It was one of the deadliest days for the city this year."
)


def harmed(parse: Parse, text: str) -> dict[str, Quantity]:
    found = quantity_records(parse(text))
    for quantity in found:
        assert text[quantity.span.start : quantity.span.end] == quantity.span.text
    return {q.span.text: q for q in found}


@pytest.fixture(scope="module")
def strike(parse: Parse) -> dict[str, Quantity]:
    return harmed(parse, STRIKE)


def test_a_toll_is_read_with_its_outcome_in_every_shape(strike: dict[str, Quantity]) -> None:
    assert (strike["at least 11 people"].value, strike["at least 11 people"].outcome) == (11, "killed")
    assert (strike["47"].value, strike["47"].outcome) == (47, "injured")
    assert (strike["15"].value, strike["15"].outcome) == (15, "killed")
    assert (strike["14"].value, strike["14"].outcome) == (14, "killed")
    assert strike["dozens"].outcome == "missing"
    assert strike["at least 11 people"].category == "casualty"


def test_a_subset_is_part_of_the_toll_before_it(strike: dict[str, Quantity]) -> None:
    subset = strike["4 children"]
    assert (subset.outcome, subset.victims) == ("killed", "children")
    assert subset.part_of == strike["15"].id


def test_figures_that_are_not_tolls_have_no_outcome(strike: dict[str, Quantity]) -> None:
    assert strike["Two officials"].outcome is None
    assert strike["9 storey"].outcome is None
    assert not any("deadliest" in text or "days" in text for text in strike)


@pytest.mark.parametrize(
    ("text", "span", "value", "outcome", "victims"),
    [
        ("Shelling killed 12 and wounded 47 people in Homs.", "12", 12, "killed", None),
        ("Shelling killed 12 and wounded 47 people in Homs.", "47 people", 47, "injured", None),
        ("Two people were killed and 5 injured when a shell hit the market.", "5", 5, "injured", None),
        ("The raid left 2 dead and 5 injured in the village.", "2", 2, "killed", None),
        (
            "Government jets bombed the town killing four civilians.",
            "four civilians",
            4,
            "killed",
            "civilians",
        ),
        ("Hundreds were missing after the dam burst, the ministry said.", "Hundreds", None, "missing", None),
        ("Police arrested 30 protesters in the capital.", "30 protesters", 30, "detained", "protesters"),
        (
            "More than 1000 people were killed in Aleppo last month.",
            "More than 1000 people",
            1000,
            "killed",
            None,
        ),
        (
            "At least 25 soldiers died in the attack on Syrias army base.",
            "At least 25 soldiers",
            25,
            "killed",
            "soldiers",
        ),
    ],
)
def test_outcome_and_victims_by_syntax(
    parse: Parse, text: str, span: str, value: float | None, outcome: str, victims: str | None
) -> None:
    quantity = harmed(parse, text)[span]
    assert (quantity.value, quantity.outcome, quantity.victims) == (value, outcome, victims)


def test_gunmen_who_kill_are_not_the_victims(parse: Parse) -> None:
    found = harmed(parse, "12 gunmen killed 3 guards at the checkpoint.")
    assert found["12 gunmen"].outcome is None
    assert found["3 guards"].outcome == "killed"


def test_munitions_are_never_casualties(parse: Parse) -> None:
    found = harmed(parse, "Russia launched 120 missiles and 90 drones, killing three people.")
    assert [q.outcome for q in found.values()] == [None, None, "killed"]


def test_one_of_the_dead_is_a_part_of_the_toll(parse: Parse) -> None:
    found = harmed(parse, "Six people were killed in the strike. One of the dead was a child.")
    one = found["One"]
    assert (one.value, one.outcome, one.victims) == (1, "killed", "child")


def test_a_running_total_of_the_war_is_cumulative(parse: Parse) -> None:
    found = harmed(
        parse,
        "Three civilians were killed in the shelling on Monday. The conflict has killed more than 300000 "
        "people since 2011. More than 170000 people have been killed since the beginning of the war.",
    )
    assert found["Three civilians"].cumulative is False
    assert found["more than 300000 people"].cumulative is True
    assert found["More than 170000 people"].cumulative is True


def test_a_headline_without_commas_gives_each_figure_its_own_outcome(parse: Parse) -> None:
    found = harmed(parse, "2 killed 8 injured in rocket attack on Homs market.")
    assert (found["2"].outcome, found["8"].outcome) == ("killed", "injured")


def test_a_total_since_a_day_is_cumulative(parse: Parse) -> None:
    found = harmed(
        parse,
        "Barrel bombs killed 11 civilians in the town on Thursday. Since Saturday at least 68 civilians "
        "have been killed in air raids on the town.",
    )
    assert found["at least 68 civilians"].cumulative is True
    assert found["11 civilians"].cumulative is False


def test_a_total_since_a_day_is_the_events_toll_when_the_article_gives_no_other() -> None:
    text = (
        "At least 346 Islamic State fighters were killed since Tuesday in the fight over the Tabqa air base, "
        "the Observatory said on Sunday."
    )
    found = {q.span.text: q for q in analyze(text, published=date(2014, 8, 24)).quantities}
    assert found["At least 346 Islamic State fighters"].cumulative is False


def test_the_wounded_who_died_are_dead_added_to_the_toll(parse: Parse) -> None:
    found = harmed(
        parse,
        "An air strike on a market in Idlib killed 12 people and wounded 30 on Tuesday. Six of the wounded "
        "died later in hospital.",
    )
    assert (found["Six"].outcome, found["Six"].increment) == ("killed", True)
    assert (found["30"].outcome, found["12 people"].outcome) == ("injured", "killed")
    found = harmed(
        parse, "Shelling killed 12 people and wounded 30 in Idlib and six of the wounded died later."
    )
    assert (found["six"].outcome, found["six"].part_of) == ("killed", found["30"].id)
    assert found["30"].outcome == "injured"


def test_a_risen_death_toll_stays_the_dead(parse: Parse) -> None:
    found = harmed(parse, "The death toll from the car bomb in Azaz has risen to 27, a local official said.")
    assert (found["27"].outcome, found["27"].increment, found["27"].cumulative) == ("killed", False, False)


def test_people_taken_to_hospital_are_no_casualty_figure(parse: Parse) -> None:
    found = harmed(
        parse, "Shelling hit a school in Aleppo. Fourteen people were taken to the hospital, a doctor said."
    )
    assert found["Fourteen people"].outcome is None
    assert found["Fourteen people"].category != "casualty"


def test_groups_of_victims_under_one_harm_add_up_to_a_toll(parse: Parse) -> None:
    found = harmed(
        parse,
        "Clashes rocked the city of Hasakeh leaving 23 civilians - including nine children - and 16 fighters "
        "dead, the monitor said.",
    )
    total = found["23 civilians - including nine children - and 16 fighters"]
    assert (total.value, total.outcome, total.part_of, total.victims) == (39, "killed", None, None)
    assert found["23 civilians"].part_of == found["16 fighters"].part_of == total.id
    assert found["nine children"].part_of == found["23 civilians"].id
    found = harmed(
        parse, "The attack on the village killed at least 15 civilians, 27 fighters and 4 policemen."
    )
    total = found["at least 15 civilians, 27 fighters and 4 policemen"]
    assert (total.value, total.qualifier, total.low) == (46, "at_least", 46)


@pytest.mark.parametrize(
    "text",
    [
        "Rebel shelling killed 12 people and 3 soldiers in the town.",  # the soldiers may be among the people
        "A car bomb killed 9 soldiers and wounded 12 civilians at the checkpoint.",  # two harms
        "Shelling killed 19 people including five children and two women in Daraa.",  # parts, not groups
        "Russia fired 120 missiles and 90 drones at Kyiv overnight.",  # no one harmed
    ],
)
def test_no_total_without_named_groups_under_one_harm(parse: Parse, text: str) -> None:
    found = harmed(parse, text)
    assert not any(" and " in span for span in found)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Rebels fired tens of rocket shells on Aleppo killing according to the latest toll 44 civilians and "
            "wounding dozens.",
            "44 civilians",
        ),
        ("Air strikes hit the market in Idlib killing according to activists 12 people.", "12 people"),
    ],
)
def test_a_source_between_a_harm_verb_and_its_figure(parse: Parse, text: str, span: str) -> None:
    assert harmed(parse, text)[span].outcome == "killed"
