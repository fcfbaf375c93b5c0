"""Cross-article event coreference: one strike told by several outlets, a different strike kept apart."""

from __future__ import annotations

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
