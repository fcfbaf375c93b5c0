"""The ledger's toll of an event counts totals only: a part ('including six children'), an increment
('two more bodies') and a running total are told, but none is the toll."""

from __future__ import annotations

from datetime import date

from newsledger.analyze import analyze
from newsledger.store import Store
from newsledger.store.links import Linker, story, story_events

WIRE = (
    "A missile struck an apartment block in Kramatorsk on Sunday evening, killing 14 people, including six "
    "children, regional governor Vadym Filashkin said on Monday. The war has killed more than 12,000 "
    "civilians since February 2022, according to the United Nations."
)
UPDATE = (
    "Rescuers pulled two more bodies from the rubble of the apartment block in Kramatorsk struck by a "
    "Russian missile on Sunday, regional governor Vadym Filashkin said on Tuesday."
)


def test_parts_increments_and_running_totals_are_no_toll(store: Store, nlp: object) -> None:
    linker = Linker(store)
    for text, outlet, day in ((WIRE, "Donbas Wire", 10), (UPDATE, "Kramatorsk Today", 11)):
        analysis = analyze(text, outlet=outlet, published=date(2025, 3, day))
        assert store.ingest(analysis).status == "added"
        linker.link(analysis)
    found = story(store, analysis.article.id)
    assert found is not None
    killed = [
        toll
        for view in story_events(store, found.story_id)
        for toll in view.tolls
        if toll.outcome == "killed"
    ]
    assert killed, "the strike has a killed toll"
    assert all(toll.latest == 14 and toll.highest == 14 for toll in killed)
