"""In the ledger, 'Russia' lists the events whose actor is 'Russian forces' (issue 17): the NORP 'Russian'
and the GPE 'Russia' are one canonical entity once the articles are linked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsledger.analyze import analyze
from newsledger.store import open_store, queries
from newsledger.store.links import Linker

SHELLING = (
    "Russian forces shelled Kupiansk on Monday, killing two civilians, the regional governor said. "
    "Residents said the strikes hit a school and a market."
)
CAPTURE = (
    "Russia said on Wednesday it had captured the village of Synkivka in the Kharkiv region. Ukraine's "
    "General Staff said its troops were still holding positions near the village."
)


def test_russia_shows_the_events_of_russian_forces(tmp_path: Path) -> None:
    shelling = analyze(SHELLING, outlet="Northstar Wire", published=date(2024, 11, 18))
    capture = analyze(CAPTURE, outlet="Levant Times", published=date(2024, 11, 20))
    assert any(e.label == "NORP" and e.name == "Russian" for e in shelling.entities)
    russian = next(e.id for e in shelling.entities if e.name == "Russian")
    assert any(event.actor is not None and event.actor.entity == russian for event in shelling.events)
    with open_store(f"sqlite:///{tmp_path / 'ledger.db'}") as store:
        for analysis in (shelling, capture):
            store.ingest(analysis)
        linker = Linker(store)
        for analysis in (shelling, capture):
            linker.link(analysis)
        items = queries.entity_timeline(store, "Russia")
    articles = {item.article_id for item in items if item.kind == "event"}
    assert shelling.article.id in articles
