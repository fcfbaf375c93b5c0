"""The scope of a toll: this article's event, a period's total, an earlier event's toll or an addition,
and numbers the model reads as dates. Conflict copy written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from newsledger.analyze import analyze
from newsledger.evaluate.casualties import killed_figures
from newsledger.nlp.quantities import quantity_records
from newsledger.records import Analysis, Article, Quantity
from newsledger.records import Span as SpanRecord

Parse = Callable[..., Doc]
PUBLISHED = date(2016, 6, 12)  # a Sunday


def figures(parse: Parse, text: str, published: date | None = PUBLISHED) -> dict[str, Quantity]:
    found = quantity_records(parse(text, published))
    for quantity in found:
        assert text[quantity.span.start : quantity.span.end] == quantity.span.text
    return {q.span.text: q for q in found}


SHRINE = (
    "At least 20 people were killed on Saturday in twin bombings near the Sayeda Zeinab shrine south of "
    "Damascus, a monitor said. A string of bombings near the shrine in February left 134 people dead. "
    "In January another attack claimed by the same group killed 70 people. "
    "The last attack on the shrine on April 25 killed at least seven."
)


def test_tolls_dated_well_before_the_article_are_background(parse: Parse) -> None:
    found = figures(parse, SHRINE)
    assert not found["At least 20 people"].background
    assert found["134 people"].background and not found["134 people"].cumulative
    assert found["70 people"].background
    assert found["at least seven"].background
    assert all(q.outcome == "killed" for q in found.values())


def test_without_a_publication_date_nothing_is_background(parse: Parse) -> None:
    found = figures(parse, SHRINE, published=None)
    assert not any(q.background for q in found.values())


def test_a_relative_clause_takes_the_date_of_its_noun(parse: Parse) -> None:
    found = figures(
        parse,
        "Rebels shelled the town on Saturday, killing 9 people. The regime first carried out a massacre "
        "there on May 25 2012 during which 108 people were killed.",
    )
    assert not found["9 people"].background
    assert found["108 people"].background


def test_the_day_before_publication_is_still_the_news(parse: Parse) -> None:
    found = figures(
        parse, "Air strikes on a market in Idlib killed 15 civilians on Friday, the monitor said."
    )
    assert not found["15 civilians"].background


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The army said rebel shelling killed 84 people in Aleppo during the past three days.", "84 people"),
        (
            "In 24 hours of fighting the Observatory said at least 38 fighters were killed.",
            "at least 38 fighters",
        ),
        ("Similar attacks that took place in the city in the past 48 hours killed 10 people.", "10 people"),
        ("The death toll over the whole weekend was at least 44, medics said.", "at least 44"),
        (
            "Government bombing has killed 320 civilians in the province so far, the group said.",
            "320 civilians",
        ),
        ("At least 400 people have been killed in the town this year.", "At least 400 people"),
        (
            "More than 150000 people have been killed since the revolt began in March 2011 and nine million "
            "have been driven from their homes.",
            "More than 150000 people",
        ),
    ],
)
def test_a_period_or_aggregate_scope_makes_a_running_total(parse: Parse, text: str, span: str) -> None:
    # beside the toll of one attack, as news gives a period's total
    found = figures(parse, f"A car bomb killed 3 people at a checkpoint in Homs on Sunday. {text}")
    assert (found[span].outcome, found[span].cumulative) == ("killed", True)
    assert not found["3 people"].cumulative


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The army said rebel shelling killed 84 people in Aleppo during the past three days.", "84 people"),
        (
            "At least 72 civilians have been killed and over 325 wounded in the bombing on Idlib over the "
            "past few days.",
            "At least 72 civilians",
        ),
        (
            "In 24 hours of fighting the Observatory said at least 38 fighters were killed.",
            "at least 38 fighters",
        ),
    ],
)
def test_without_the_toll_of_one_attack_a_few_days_toll_is_the_events(
    parse: Parse, text: str, span: str
) -> None:
    found = figures(parse, text)
    assert (found[span].outcome, found[span].cumulative) == ("killed", False)


@pytest.mark.parametrize(
    "text",
    [
        "At least 400 people have been killed in the town this year.",
        "More than 150000 people have been killed since the revolt began in March 2011.",
        "Government bombing has killed 320 civilians in the province so far, the group said.",
    ],
)
def test_a_long_period_stays_a_running_total_even_alone(parse: Parse, text: str) -> None:
    assert [q.cumulative for q in figures(parse, text).values() if q.outcome == "killed"] == [True]


def test_one_event_on_one_day_is_no_running_total(parse: Parse) -> None:
    found = figures(parse, "A car bomb killed 12 people at a checkpoint in Homs on Sunday morning.")
    assert (found["12 people"].cumulative, found["12 people"].background) == (False, False)


def test_the_length_of_one_battle_is_no_period(parse: Parse) -> None:
    found = figures(parse, "A three-hour battle killed 20 fighters near the air base on Saturday.")
    assert (found["20 fighters"].cumulative, found["20 fighters"].background) == (False, False)


def test_more_bodies_are_an_increment_not_a_toll(parse: Parse) -> None:
    found = figures(
        parse,
        "A barrel bomb killed 11 people in the market on Saturday. Rescuers pulled two more bodies from the "
        "rubble on Sunday. Another 3 people died of their wounds in hospital.",
    )
    assert not found["11 people"].increment
    assert found["two more bodies"].increment and found["two more bodies"].outcome == "killed"
    assert found["3 people"].increment


def test_a_subset_larger_than_the_toll_is_not_part_of_it(parse: Parse) -> None:
    found = figures(
        parse,
        "More than 150000 people have been killed since the revolt began in March 2011 and nine million "
        "have been driven from their homes including 2.6 million international refugees.",
    )
    refugees = found["2.6 million international refugees"]
    assert refugees.outcome != "killed" and refugees.part_of != found["More than 150000 people"].id


def test_a_subset_of_a_toll_still_takes_its_outcome(parse: Parse) -> None:
    found = figures(parse, "Shelling killed 19 people including five children in Daraa on Saturday.")
    assert (found["five children"].outcome, found["five children"].part_of) == (
        "killed",
        found["19 people"].id,
    )


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("23 November 2016 2 killed others injured in shelling on Aleppo and Quneitra.", "2", 2),
        ("Kurdish police put the death toll at 16 earlier.", "16", 16),
        ("Activists said the gas attack killed 1300 in Ghouta.", "1300", 1300),
    ],
)
def test_a_number_the_model_takes_for_a_time_is_still_a_toll(
    parse: Parse, text: str, span: str, value: int
) -> None:
    quantity = figures(parse, text)[span]
    assert (quantity.value, quantity.outcome) == (value, "killed")


def test_a_year_is_still_a_year(parse: Parse) -> None:
    found = figures(parse, "Rebels seized the town in 2014. In 2015 the army killed 50 people there.")
    assert [(q.value, q.background) for q in found.values()] == [(50, True)]


def test_the_numbers_of_a_date_are_no_toll(parse: Parse) -> None:
    found = figures(
        parse, "5 Sep 2016 At least 42 people were killed in simultaneous bomb blasts in Tartous."
    )
    assert [q.value for q in found.values() if q.outcome == "killed"] == [42]
    found = figures(
        parse, "09-07-2015 Air Strikes Kill 7 Gunmen in Idlib. Seven gunmen were killed on Wednesday."
    )
    assert 9 not in [q.value for q in found.values()]


@pytest.mark.parametrize(
    ("text", "span", "outcome"),
    [
        (
            "Rockets hit the city killing two people injuring eight and causing material damage.",
            "two people",
            "killed",
        ),
        (
            "Rockets hit the city killing two people injuring eight and causing material damage.",
            "eight",
            "injured",
        ),
        (
            "The war has claimed the lives of over 470000 people injured 1.9 million others and displaced "
            "millions.",
            "over 470000 people",
            "killed",
        ),
        (
            "Clashes rocked the city leaving 23 civilians - including nine children - dead, the monitor said.",
            "23 civilians",
            "killed",
        ),
        ("The video purports to show the killing of two activists in Raqqa.", "two activists", "killed"),
    ],
)
def test_outcomes_the_trial_copy_got_wrong(parse: Parse, text: str, span: str, outcome: str) -> None:
    assert figures(parse, text)[span].outcome == outcome


def test_those_killed_take_no_object(parse: Parse) -> None:
    found = figures(parse, "As well as those killed at least 160 people were injured, the monitor said.")
    assert found["at least 160 people"].outcome != "killed"


def _killed(quantity_id: str, value: float, **scope: bool) -> Quantity:
    return Quantity(
        id=quantity_id,
        span=SpanRecord(start=0, end=1, text="x"),
        value=value,
        unit="people",
        qualifier="exact",
        low=value,
        high=value,
        category="casualty",
        outcome="killed",
        **scope,
    )


def test_the_headline_leaves_out_totals_earlier_tolls_and_additions() -> None:
    analysis = Analysis(
        article=Article(id="0" * 16, text="x"),
        quantities=[
            _killed("q1", 20),
            _killed("q2", 134, background=True),
            _killed("q3", 300000, cumulative=True),
            _killed("q4", 2, increment=True),
        ],
    )
    assert [q.value for q in killed_figures(analysis)] == [20]
    assert [q.value for q in killed_figures(analysis, cumulative=True)] == [20, 134, 300000, 2]


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        (
            "Between 500 and 1300 people died in the gas attack on Ghouta, activists said.",
            "Between 500 and 1300 people",
            500,
            1300,
        ),
        ("Shelling killed 10 to 15 people in the town of Douma.", "10 to 15 people", 10, 15),
        ("Shelling killed 10-15 people in the town of Douma.", "10-15 people", 10, 15),
    ],
)
def test_a_range_keeps_its_bounds_and_gives_no_single_value(
    parse: Parse, text: str, span: str, low: int, high: int
) -> None:
    quantity = figures(parse, text)[span]
    assert (quantity.value, quantity.low, quantity.high, quantity.outcome) == (None, low, high, "killed")
    assert len([q for q in figures(parse, text).values() if q.outcome == "killed"]) == 1


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "State media said 49 opposition fighters were killed and wounded in the clashes.",
            "49 opposition fighters",
        ),
        ("The air strikes killed and wounded 30 people in the village.", "30 people"),
    ],
)
def test_killed_and_wounded_together_are_casualties_not_the_dead(parse: Parse, text: str, span: str) -> None:
    assert figures(parse, text)[span].outcome == "casualties"


def test_killed_and_wounded_apart_keep_their_own_outcomes(parse: Parse) -> None:
    found = figures(parse, "Shelling killed 12 and wounded 47 people in the town of Homs.")
    assert (found["12"].outcome, found["47 people"].outcome) == ("killed", "injured")


def test_more_of_another_outcome_is_no_increment(parse: Parse) -> None:
    found = figures(parse, "At least 42 people were killed and dozens more wounded in the bomb blasts.")
    assert not found["dozens"].increment and found["dozens"].outcome == "injured"


def test_a_harm_verb_right_before_a_figure_counts_it_in_a_long_sentence() -> None:
    # the parser makes "civilians" the subject of "said"; the figure is still the killing's
    text = (
        "A drone strike hit a wedding celebration in the village of Djiguibombo near Bandiagara in central "
        "Mali on Sunday evening, killing at least 21 civilians, including six children, a local official "
        "and two residents said on Monday."
    )
    figures = {q.span.text: q for q in analyze(text, published=date(2025, 3, 10)).quantities}
    assert figures["at least 21 civilians"].outcome == "killed"
    assert figures["six children"].part_of == figures["at least 21 civilians"].id
    assert figures["two residents"].outcome is None


def test_a_concurrent_event_keeps_its_own_toll(parse: Parse) -> None:
    # "background" hides a toll from its event; a drone strike told "separately" is an event of the news
    found = figures(
        parse,
        "A gas attack hit the town of Khan Sheikhun on Saturday. Meanwhile the opposition said the attack "
        "killed more than 100 people. Separately, a drone hit a house in Idlib late on Friday, injuring two "
        "people, the governor said.",
    )
    assert not found["more than 100 people"].background
    assert not found["two people"].background and found["two people"].outcome == "injured"


def test_a_toll_in_another_articles_headline_left_in_the_text_is_background(parse: Parse) -> None:
    found = figures(
        parse,
        "The US-led coalition has killed more than 20 Islamic State operatives who were plotting attacks, "
        "the defense secretary said on Saturday. Read more Syrian Airstrikes Kill Over 100 Daesh Fighters "
        "in Hama Province WASHINGTON The coalition also captured one of the group's chemists.",
    )
    assert found["Over 100 Daesh Fighters"].background
    assert not found["more than 20 Islamic State operatives"].background


def test_the_articles_own_headline_and_proper_names_are_no_other_headline(parse: Parse) -> None:
    found = figures(
        parse,
        "Car Bomb Kills 25 People In Homs Market. The Syrian Observatory for Human Rights said 25 Syrian "
        "Arab Army soldiers were killed near Homs on Saturday.",
    )
    assert not any(q.background for q in found.values())


def test_past_the_lead_an_undated_toll_in_a_relative_clause_recalls_another_attack(parse: Parse) -> None:
    found = figures(
        parse,
        "Six people were killed when US missiles struck the Shayrat air base on Saturday, state media said. "
        "The base was the launch pad for a chemical attack on an Idlib village that left 87 civilians dead.",
    )
    assert found["87 civilians"].background and found["87 civilians"].outcome == "killed"
    assert not found["Six people"].background


def test_a_relative_clause_of_the_news_day_is_the_news(parse: Parse) -> None:
    found = figures(
        parse,
        "Activists accused government forces of a gas attack on the town of Zamalka. They said it was a "
        "nerve gas attack that killed at least 213 people on Saturday.",
    )
    assert not found["at least 213 people"].background
    found = figures(
        parse,
        "The Syrian Coalition spoke on Sunday. It condemned the massacre committed by the air force in Raqqa "
        "today where 65 civilians were killed.",
    )
    assert not found["65 civilians"].background
