"""Time expressions: the pure normalizer on its own, then the spaCy component on news text written here."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.nlp.times import time_refs
from newsledger.nlp.times.normalize import Tense, Timex, TimexContext, normalize
from newsledger.records import TimeRef

Parse = Callable[..., Doc]
MONDAY = date(2024, 11, 18)
FRIDAY = date(2024, 11, 22)


def value(text: str, anchor: date | None = MONDAY, tense: Tense | None = None, *,
          reference: str | None = None, quarter: str | None = None) -> str | None:
    timex = normalize(text, TimexContext(anchor=anchor, tense=tense, reference=reference, quarter=quarter))
    assert timex is not None, f"{text!r} not read as a time expression"
    return timex.value


def refs(parse: Parse, text: str, published: date | None = MONDAY) -> list[TimeRef]:
    found = time_refs(parse(text, published))
    for ref in found:
        assert text[ref.span.start:ref.span.end] == ref.span.text
    return found


def by_text(found: list[TimeRef]) -> dict[str, TimeRef]:
    return {ref.span.text: ref for ref in found}


# --- the normalizer -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Friday", "PAST", "2024-11-22"),  # published on a Friday: that very day, whatever the tense
        ("Friday", "FUTURE", "2024-11-22"),
        ("Tuesday", "PAST", "2024-11-19"),
        ("Tuesday", "FUTURE", "2024-11-26"),
        ("Saturday", "FUTURE", "2024-11-23"),
        ("last Tuesday", None, "2024-11-19"),
        ("next Tuesday", None, "2024-11-26"),
        ("this Tuesday", None, "2024-11-19"),
        ("this Tuesday", "FUTURE", "2024-11-26"),
        ("last Friday", None, "2024-11-15"),
        ("next Friday", None, "2024-11-29"),
    ],
)
def test_weekdays_follow_news_conventions(text: str, tense: Tense | None, expected: str) -> None:
    assert value(text, FRIDAY, tense) == expected


def test_a_bare_weekday_without_tense_is_the_last_one() -> None:
    assert value("Wednesday", MONDAY) == "2024-11-13"


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Sun 9am", "PAST", "2024-12-29T09:00"),  # across the year boundary, both ways
        ("Sun 9am", "FUTURE", "2025-01-05T09:00"),
        ("Dec. 30", "PAST", "2024-12-30"),
        ("Dec. 30", None, "2024-12-30"),
        ("in January", "FUTURE", "2025-01"),
        ("last year", None, "2024"),
    ],
)
def test_year_boundary(text: str, tense: Tense | None, expected: str) -> None:
    assert value(text, date(2025, 1, 1), tense) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("In September", "PAST", "2024-09"),
        ("In September", "FUTURE", "2025-09"),
        ("December", "PAST", "2023-12"),
        ("December", "FUTURE", "2024-12"),
        ("Sunday, 17 November", "PAST", "2024-11-17"),
        ("17 November", None, "2024-11-17"),
        ("Dec. 1", "PAST", "2024-12-01"),  # "declared a dividend payable Dec. 1": near beats the tense
        ("March 26, 1996", None, "1996-03-26"),
        ("19-Nov-12", None, "2012-11-19"),
        ("11/17/2024", None, "2024-11-17"),
        ("2024-11-17", None, "2024-11-17"),
        ("August 1988", None, "1988-08"),
        ("June last year", None, "2023-06"),
        ("January this year", None, "2024-01"),
        ("last December", None, "2023-12"),
        ("last October", None, "2024-10"),  # the October just gone
        ("this September", None, "2024-09"),
        ("nineteen ninety-six", None, "1996"),
        ("the year two thousand", None, "2000"),
    ],
)
def test_calendar_dates(text: str, tense: Tense | None, expected: str) -> None:
    assert value(text, MONDAY, tense) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2024-11-18"),
        ("yesterday", "2024-11-17"),
        ("tomorrow", "2024-11-19"),
        ("tonight", "2024-11-18TNI"),
        ("last night", "2024-11-17TNI"),
        ("this morning", "2024-11-18TMO"),
        ("overnight", "2024-11-17TNI"),
        ("the weekend", "2024-W46-WE"),
        ("this week", "2024-W47"),
        ("last week", "2024-W46"),
        ("the last week", "2024-W46"),
        ("next month", "2024-12"),
        ("last year", "2023"),
        ("two months ago", "2024-09"),
        ("two weeks ago", "2024-11-04"),
        ("three years ago", "2021"),
        ("earlier this year", "2024"),
        ("the third quarter", "2024-Q3"),
        ("this summer", "2024-SU"),
        ("last fall", "2023-FA"),
        ("the last decade", "201"),
        ("9 a.m. Tuesday", "2024-11-12T09:00"),
        ("noon Thursday", "2024-11-14T12:00"),
        ("Thanksgiving Day", "2024-11-28"),  # ten days ahead, not a year back
    ],
)
def test_relative_expressions_resolve_against_the_anchor(text: str, expected: str) -> None:
    timex = normalize(text, TimexContext(anchor=MONDAY))
    assert timex is not None
    assert (timex.value, timex.relative) == (expected, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", ("DATE", "PRESENT_REF", None)),
        ("currently", ("DATE", "PRESENT_REF", None)),
        ("recently", ("DATE", "PAST_REF", None)),
        ("the past", ("DATE", "PAST_REF", None)),
        ("the near future", ("DATE", "FUTURE_REF", None)),
        ("three days", ("DURATION", "P3D", None)),
        ("a decade", ("DURATION", "P10Y", None)),
        ("decades", ("DURATION", "PXY", None)),
        ("the past 20 years", ("DURATION", "P20Y", None)),
        ("the next three quarters", ("DURATION", "P9M", None)),
        ("2 1/2 years", ("DURATION", "P2Y6M", None)),
        ("5 1/2 hours", ("DURATION", "PT5H30M", None)),
        ("half an hour", ("DURATION", "PT30M", None)),
        ("16-hour", ("DURATION", "PT16H", None)),
        ("weeks or months", ("DURATION", "PXW", None)),
        ("up to 180 days", ("DURATION", "P180D", "EQUAL_OR_LESS")),
        ("more than four hours", ("DURATION", "PT4H", "MORE_THAN")),
        ("about two weeks", ("DURATION", "P2W", "APPROX")),
        ("quarterly", ("SET", "P3M", None)),
        ("daily", ("SET", "P1D", None)),
        ("every Thursday", ("SET", "XXXX-WXX-4", None)),
        ("each July", ("SET", "XXXX-07", None)),
        ("Tuesday nights", ("SET", "XXXX-WXX-2TNI", None)),
        ("twice a week", ("SET", "P1W", None)),
        ("the 1990s", ("DATE", "199", None)),
        ("the late 1970s", ("DATE", "197", "END")),
        ("mid-1996", ("DATE", "1996", "MID")),
        ("the 20th century", ("DATE", "19", None)),
        ("the end of 1994", ("DATE", "1994", "END")),
        ("1994 or later", ("DATE", "1994", "ON_OR_AFTER")),
        ("the last half of 1989", ("DATE", "1989-H2", None)),
        ("fiscal 1988", ("DATE", "1988", None)),
    ],
)
def test_types_values_and_mods(text: str, expected: tuple[str, str, str | None]) -> None:
    timex = normalize(text, TimexContext(anchor=MONDAY))
    assert timex is not None
    assert (timex.type, timex.value, timex.mod) == expected


def test_without_an_anchor_relative_values_stay_unresolved_and_absolute_ones_resolve() -> None:
    assert normalize("last Tuesday", TimexContext()) == Timex("DATE", None, relative=True)
    assert normalize("In September", TimexContext()) == Timex("DATE", None, relative=True)
    assert normalize("March 26, 1996", TimexContext()) == Timex("DATE", "1996-03-26")
    assert normalize("three days", TimexContext()) == Timex("DURATION", "P3D")


def test_absolute_values_are_not_relative() -> None:
    timex = normalize("17 November 2024", TimexContext(anchor=MONDAY))
    assert timex == Timex("DATE", "2024-11-17", relative=False)


@pytest.mark.parametrize("text", ["to", "car", "100M", "2882015", "49", "80486", "6-year-old", "morning"])
def test_look_alikes_are_not_time_expressions(text: str) -> None:
    # "may" alone reads as the month; the tagger drops the modal by its part of speech (tested below).
    assert normalize(text, TimexContext(anchor=MONDAY)) is None


def test_earnings_reports_compare_with_the_same_quarter_a_year_earlier() -> None:
    assert value("a year earlier", quarter="2024-Q3") == "2023-Q3"
    assert value("the year-ago quarter", quarter="2024-Q3") == "2023-Q3"
    assert value("the latest period", quarter="2024-Q3") == "2024-Q3"
    assert value("a year earlier") == "2023"


def test_that_day_takes_the_date_named_before() -> None:
    assert value("that same day", reference="2024-10-23") == "2024-10-23"
    assert normalize("that same day", TimexContext(anchor=MONDAY)) == Timex("DATE", None, relative=True)


# --- the component ------------------------------------------------------------------------------------------

SEED_LIKE = (
    "Ukraine's president did not confirm the decision, but said on Sunday that the rockets would speak. "
    "In September, the Kremlin warned that such a step would mean war. On Sunday, 17 November, Russian "
    "troops carried out a large-scale strike. The transition comes two months before the inauguration."
)


def test_seed_like_article(parse: Parse) -> None:
    found = refs(parse, SEED_LIKE)
    texts = [ref.span.text for ref in found]
    assert texts == ["Sunday", "September", "Sunday", "17 November", "two months"]
    assert [ref.value for ref in found[:4]] == ["2024-11-17", "2024-09", "2024-11-17", "2024-11-17"]
    assert [ref.id for ref in found] == ["t1", "t2", "t3", "t4", "t5"]
    assert all(ref.anchor == MONDAY and ref.relative for ref in found[:4])
    duration = found[4]
    assert (duration.type, duration.value, duration.relative) == ("DURATION", "P2M", False)
    assert duration.anchor is None


def test_extents_follow_timeml(parse: Parse) -> None:
    text = ("The last week was calm. Troops will attack next Friday afternoon, a source said. "
            "Sales fell in the year ended Sept. 30. The talks lasted barely a month. "
            "Earlier yesterday, drones struck Odesa.")
    found = by_text(refs(parse, text))
    assert set(found) == {"The last week", "next Friday afternoon", "the year", "Sept. 30", "a month",
                          "Earlier yesterday"}
    assert found["next Friday afternoon"].value == "2024-11-22TAF"
    assert found["next Friday afternoon"].type == "TIME"
    assert found["Earlier yesterday"].mod == "START"


def test_a_weekday_before_a_full_date_is_tagged_apart_and_takes_its_date(parse: Parse) -> None:
    found = refs(parse, "Officials met on Tuesday, 5 March 2024, in Geneva.", None)
    assert [(ref.span.text, ref.value) for ref in found] == [
        ("Tuesday", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
    ]


def test_clock_times_join_their_day(parse: Parse) -> None:
    found = refs(parse, "The deadline was moved to 9 a.m. Tuesday. Flights leave on Tuesday nights.")
    assert [(ref.span.text, ref.type, ref.value) for ref in found] == [
        ("9 a.m. Tuesday", "TIME", "2024-11-12T09:00"),
        ("Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    ]


def test_the_tense_of_the_governing_verb_picks_the_weekday(parse: Parse) -> None:
    said = refs(parse, "The minister said on Wednesday that the talks had failed.")
    will = refs(parse, "The minister will travel to Kyiv on Wednesday.")
    expected = refs(parse, "The minister is expected to travel to Kyiv on Wednesday.")
    assert said[0].value == "2024-11-13"
    assert will[0].value == "2024-11-20"
    assert expected[0].value == "2024-11-20"


def test_friday_in_an_article_published_on_a_friday(parse: Parse) -> None:
    for text in ("The minister resigned on Friday.", "The minister will resign on Friday."):
        assert refs(parse, text, FRIDAY)[0].value == "2024-11-22"


def test_words_and_numbers_that_are_not_dates(parse: Parse) -> None:
    text = ("The ceasefire may hold, officials said. Output rose to 100M barrels. Call 2882015 for a car. "
            "The suspect, 37 years old, was arrested. A 6-year-old boy was hurt. Jorge Hernandez, 49, "
            "disappeared. The company raised its quarterly dividend.")
    assert refs(parse, text) == []


def test_expressions_the_model_misses(parse: Parse) -> None:
    text = ("Prices are now rising and currently stand at a record, after the policy changed recently. "
            "Over the weekend drones struck; overnight, air defences downed 30 more. The rate is adjusted "
            "quarterly, and the war has lasted for years. Meetings are held every Thursday.")
    found = by_text(refs(parse, text))
    assert {name: found[name].value for name in found} == {
        "now": "PRESENT_REF",
        "currently": "PRESENT_REF",
        "recently": "PAST_REF",
        "the weekend": "2024-W46-WE",
        "overnight": "2024-11-17TNI",
        "quarterly": "P3M",
        "years": "PXY",
        "every Thursday": "XXXX-WXX-4",
    }
    assert found["quarterly"].type == "SET"


def test_without_a_publication_date_nothing_relative_is_guessed(parse: Parse) -> None:
    text = "Talks resumed on Tuesday after a pause since March 1996, and lasted three days."
    found = refs(parse, text, None)
    assert [(ref.span.text, ref.value, ref.relative, ref.anchor) for ref in found] == [
        ("Tuesday", None, True, None),
        ("March 1996", "1996-03", False, None),
        ("three days", "P3D", False, None),
    ]


def test_component_stores_spans_with_their_timex(parse: Parse) -> None:
    doc = parse("Sales rose in the third quarter from a year earlier.", MONDAY)
    spans = list(doc.spans["times"])
    assert [span.text for span in spans] == ["the third quarter", "a year earlier"]
    assert [span._.timex.value for span in spans] == ["2024-Q3", "2023-Q3"]


def test_docs_serialize_with_their_times(nlp: Language, parse: Parse) -> None:
    # Without a publication date: doc._.published (a date) is not msgpack-serializable itself.
    doc = parse("Sales rose in the third quarter of 2024.")
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(span.text, span._.timex) for span in restored.spans["times"]] == [
        ("the third quarter of 2024", Timex("DATE", "2024-Q3"))
    ]


def test_component_is_registered_and_picklable(nlp: Language) -> None:
    assert "newsledger_times" in nlp.pipe_names
    analysis = nlp.analyze_pipes()
    assert analysis is not None
    assert not analysis["problems"]["newsledger_times"]
    restored = pickle.loads(pickle.dumps(nlp.get_pipe("newsledger_times")))
    assert restored.spans_key == "times"


def test_empty_text_has_no_times(parse: Parse) -> None:
    assert time_refs(parse(" ", MONDAY)) == []


def test_numeric_dates_and_abbreviations_near_a_year_boundary(parse: Parse) -> None:
    text = "The film opened on 19-Nov-12. The law took effect on 11/17/2024. Trading will resume Sun 9am."
    found = refs(parse, text, date(2024, 12, 31))
    assert [(ref.span.text, ref.value) for ref in found] == [
        ("19-Nov-12", "2012-11-19"),
        ("11/17/2024", "2024-11-17"),
        ("Sun 9am", "2025-01-05T09:00"),
    ]


def test_shortly_or_soon_before_a_time_is_no_future_reference(parse: Callable[..., Doc]) -> None:
    doc = parse("Traders said the market was crowded when the drone hit shortly before noon.", date(2025, 3, 12))
    assert [span.text for span in doc.spans["times"]] == ["noon"]
