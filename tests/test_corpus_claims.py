"""Claim matching across articles and the history of a claim's status."""

from __future__ import annotations

from datetime import date

from newsledger.corpus.claims import LocalClaim, match_claims


def claim(article: str, text: str, status: str, day: int, source: str | None = None) -> LocalClaim:
    return LocalClaim(article, "c1", "s1", text, status, date(2024, 11, day), source, f"outlet-{article}")


REPORTED = claim(
    "a1",
    "Russia launched 120 missiles and 90 drones at Ukraine's energy grid overnight",
    "reported",
    17,
    "Ukrainian Air Force",
)
CONFIRMED = claim(
    "a2", "Russia launched 120 missiles and 90 drones at Ukraine's energy grid", "confirmed", 18, "Zelensky"
)
DENIED = claim(
    "a3", "launched 120 missiles and 90 drones at Ukraine's energy grid overnight", "denied", 19, "Kremlin"
)
OTHER_FIGURES = claim(
    "a4", "Russia launched 60 missiles and 40 drones at Ukraine's energy grid overnight", "reported", 20
)
UNRELATED = claim("a5", "The central bank kept its key interest rate at 13 percent", "asserted", 18)


def test_same_claim_across_articles_with_its_history_in_date_order() -> None:
    threads = match_claims([DENIED, UNRELATED, CONFIRMED, REPORTED, OTHER_FIGURES])
    thread = threads[("a1", "c1")]
    assert threads[("a2", "c1")] is thread and threads[("a3", "c1")] is thread
    assert thread.first_seen.source_name == "Ukrainian Air Force"
    assert [(e.status, e.published.day if e.published else 0) for e in thread.status_changes()] == [
        ("reported", 17),
        ("confirmed", 18),
        ("denied", 19),
    ]


def test_different_figures_or_subjects_are_different_claims() -> None:
    threads = match_claims([REPORTED, OTHER_FIGURES, UNRELATED])
    assert len({t.id for t in threads.values()}) == 3


def test_matching_does_not_depend_on_order() -> None:
    items = [REPORTED, CONFIRMED, DENIED, OTHER_FIGURES, UNRELATED]
    forward = {k: t.id for k, t in match_claims(items).items()}
    backward = {k: t.id for k, t in match_claims(list(reversed(items))).items()}
    assert forward == backward
