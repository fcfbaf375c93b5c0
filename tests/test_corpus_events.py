"""Cross-article event coreference: one strike told by several outlets, a different strike kept apart."""

from __future__ import annotations

from datetime import date

from newsledger.corpus.events import LocalEvent, TellingView, corefer_events


def event(
    article: str,
    *,
    actor: str | None = "russia",
    target: str | None = "kyiv",
    date: str | None = "2024-11-17",
    story: str = "s1",
    figures: tuple[str, ...] = (),
) -> LocalEvent:
    telling = TellingView(article, "ev1", 0, 6, "strike", None, figures)
    return LocalEvent(article, "ev1", story, "ASSAULT", "actual", actor, target, date, None, (telling,))


def test_compatible_tellings_become_one_event_with_figures_side_by_side() -> None:
    found = corefer_events(
        [
            event("a1", figures=("120 missiles",)),
            event("a2", actor=None, figures=("over 100 missiles",)),
            event("a3", date=None),
        ]
    )
    assert len({e.id for e in found.values()}) == 1
    assert [t.figures for t in found[("a1", "ev1")].tellings] == [
        ("120 missiles",),
        ("over 100 missiles",),
        (),
    ]


def test_a_clash_on_date_or_target_keeps_events_apart() -> None:
    found = corefer_events([event("a1"), event("a2", date="2024-11-20"), event("a3", target="odesa")])
    assert len({e.id for e in found.values()}) == 3


def test_an_unknown_value_does_not_bridge_two_clashing_events() -> None:
    found = corefer_events(
        [event("a1", target="kyiv"), event("a2", target=None), event("a3", target="odesa")]
    )
    assert found[("a1", "ev1")].id != found[("a3", "ev1")].id
    assert len({e.id for e in found.values()}) == 2


def test_other_stories_never_corefer() -> None:
    found = corefer_events([event("a1"), event("a2", story="s2")])
    assert found[("a1", "ev1")].id != found[("a2", "ev1")].id


def test_result_does_not_depend_on_order() -> None:
    items = [event("a1", target=None), event("a2"), event("a3", target="odesa"), event("a4", date=None)]
    forward = {k: e.id for k, e in corefer_events(items).items()}
    backward = {k: e.id for k, e in corefer_events(list(reversed(items))).items()}
    assert forward == backward


def test_one_day_written_two_ways_and_a_week_that_holds_it_agree() -> None:
    found = corefer_events(
        [event("a1", date="2025-04-14TEV"), event("a2", date="2025-04-14"), event("a3", date="2025-W16")]
    )
    assert len({e.id for e in found.values()}) == 1


def test_the_victims_as_target_do_not_clash_with_the_named_city() -> None:
    from newsledger.corpus.events import local_events
    from newsledger.records import Analysis, Article, Event, Participant, Span, Telling

    def analysis(article: str, target: Participant) -> Analysis:
        trigger = Span(start=0, end=6, text="struck")
        strike = Event(
            id="v1",
            type="ASSAULT",
            mode="actual",
            target=target,
            tellings=[Telling(trigger=trigger)],
            confidence=0.8,
        )
        return Analysis(article=Article(id=article, text="struck " * 5), events=[strike])

    people = Participant(span=Span(start=0, end=18, text="at least 11 people"), name="at least 11 people")
    city = Participant(span=Span(start=0, end=6, text="Dnipro"), entity="e1", name="Dnipro")
    found = corefer_events(
        [*local_events(analysis("a1", people), "s1", {}), *local_events(analysis("a2", city), "s1", {})]
    )
    assert found[("a1", "v1")].id == found[("a2", "v1")].id


def test_a_denial_joins_the_event_it_denies_not_a_later_one() -> None:
    monday = event("a1", date="2025-04-14", target="dnipro")
    friday = event("a2", date="2025-04-18", target="dnipro")
    denial = LocalEvent(
        "a3", "ev1", "s1", "ASSAULT", "negated", None, "dnipro", None, None, (), date(2025, 4, 15)
    )
    found = corefer_events([monday, friday, denial])
    assert found[("a3", "ev1")].id == found[("a1", "ev1")].id != found[("a2", "ev1")].id


def test_no_article_tells_what_happened_after_it_was_published() -> None:
    later = event("a1", date="2025-04-18")
    early = LocalEvent(
        "a2", "ev1", "s1", "ASSAULT", "actual", "russia", "kyiv", None, None, (), date(2025, 4, 15)
    )
    found = corefer_events([later, early])
    assert found[("a1", "ev1")].id != found[("a2", "ev1")].id


def test_places_within_a_city_agree_and_two_cities_do_not() -> None:
    from newsledger.corpus.event_match import PlaceView, places_agree

    dnipro = PlaceView("709930", "city", "UA", 48.45, 34.98)
    district = PlaceView("Sobornyi", "other", "UA", 48.46, 35.04)
    region = PlaceView("709929", "admin1", "UA", 48.5, 34.9)
    kharkiv = PlaceView("706483", "city", "UA", 49.98, 36.25)
    assert places_agree(dnipro, district) and places_agree(dnipro, region)
    assert not places_agree(dnipro, kharkiv)


def test_a_night_meets_the_small_hours_of_the_next_day_only() -> None:
    from newsledger.corpus.event_match import dates_agree

    assert dates_agree("2025-03-09TNI", "2025-03-10T03:00")
    assert not dates_agree("2025-03-09TNI", "2025-03-11")
    assert not dates_agree("2025-03-09TEV", "2025-03-10T03:00")


def test_a_denial_dated_by_the_day_it_was_made_joins_the_strike_it_denies() -> None:
    """'The RSF on Tuesday denied attacking a market': the denial's date is Tuesday, the strike Monday's."""
    monday = event("a1", actor="rsf", date="2025-06-09", target="el fasher")
    denial = LocalEvent(
        "a2", "ev1", "s1", "ASSAULT", "negated", "rsf", "el fasher", "2025-06-10", None, (), date(2025, 6, 10)
    )
    found = corefer_events([monday, denial])
    assert found[("a2", "ev1")].id == found[("a1", "ev1")].id
    # a denial never comes before what it denies, nor weeks after it
    before = event("a3", actor="rsf", date="2025-06-12", target="el fasher")
    weeks = event("a4", actor="rsf", date="2025-05-20", target="el fasher")
    found = corefer_events([before, weeks, denial])
    assert found[("a2", "ev1")].id not in {found[("a3", "ev1")].id, found[("a4", "ev1")].id}


def _placed(article: str, where: object, target: str | None, day: str | None, **more: object) -> LocalEvent:
    from newsledger.corpus.event_match import PlaceView

    assert isinstance(where, PlaceView)
    return LocalEvent(
        article, "ev1", "s1", "ASSAULT", "actual", "drone", target, day, where.key, (), None, where,
        target_where=where if target else None, **more,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_village_the_gazetteer_cannot_place_joins_the_strike_on_its_day_and_not_on_another() -> None:
    """'a wedding in the village of Djiguibombo near Bandiagara' (no coordinates) is the strike told
    "near Bandiagara" the same Sunday: an unmapped name is unknown, not another place; a strike on the
    town three days later stays apart, and so does one in another country."""
    from newsledger.corpus.event_match import PlaceView

    village = PlaceView("Djiguibombo", "other", None, None, None)
    town = PlaceView("2460954", "city", "ML", 14.35, -3.61)
    kidal = PlaceView("2455290", "city", "ML", 18.44, 1.41)
    wire = _placed("a1", village, "djiguibombo", "2025-03-09TEV")
    local = _placed("a2", town, "bandiagara", "2025-03-09")
    market = _placed("a3", town, "bandiagara", "2025-03-12")
    elsewhere = _placed("a4", kidal, "kidal", "2025-03-09")
    found = corefer_events([wire, local, market, elsewhere])
    assert found[("a1", "ev1")].id == found[("a2", "ev1")].id
    assert found[("a3", "ev1")].id != found[("a2", "ev1")].id
    assert found[("a4", "ev1")].id != found[("a2", "ev1")].id
    # without a day on one side nothing but the unmapped name is known: it does not bridge the two
    undated = _placed("a5", village, "djiguibombo", None)
    assert (
        corefer_events([undated, local])[("a5", "ev1")].id
        != corefer_events([undated, local])[("a2", "ev1")].id
    )
    # ... unless both give the same figure
    figured = _placed("a6", village, "djiguibombo", None, figures=frozenset({21.0}))
    counted = _placed("a7", town, "bandiagara", "2025-03-09", figures=frozenset({21.0}))
    both = corefer_events([figured, counted])
    assert both[("a6", "ev1")].id == both[("a7", "ev1")].id
