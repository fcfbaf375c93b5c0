"""Corrections and retractions across outlets (issues 16/17), on SQLite and PostgreSQL with the real
pipeline and Linker: the lead's Letpanhla trial (``tests/fixtures/letpanhla-strike``: "Correction: An
earlier version of this article said 30 people were wounded …") and a set written for this branch
(``tests/fixtures/djibo-correction``: an outlet's corrected toll, "14 people were killed, not 41", and a
ministry that "withdrew its statement that 40 soldiers had been killed"). Each README gives the expected
ledger, written before the first run, and says which parts are not met.
"""

from __future__ import annotations

import json

import pytest

from newsledger.records import Analysis
from newsledger.store import Store
from newsledger.store.links import EventView, event
from tests.store.test_multi_outlet_trials import FIXTURES, _analyses, _event_of, _link_all


@pytest.fixture(scope="session")
def letpanhla(nlp: object) -> dict[str, Analysis]:
    return _analyses("letpanhla-strike", ["wire", "copy", "rewrite", "own", "denial", "update"])


@pytest.fixture(scope="session")
def djibo(nlp: object) -> dict[str, Analysis]:
    return _analyses("djibo-correction", ["wire", "own", "withdrawal"])


def _toll(view: EventView, outcome: str) -> tuple[float, str, float] | None:
    found = next((t for t in view.tolls if t.outcome == outcome), None)
    return None if found is None else (found.latest, found.latest_by, found.highest)


def test_an_outlets_correction_supersedes_its_figure_without_disputing_the_strike(
    store: Store, letpanhla: dict[str, Analysis]
) -> None:
    _link_all(store, letpanhla)
    ids = {role: a.article.id for role, a in letpanhla.items()}
    strike = _event_of(store, letpanhla["wire"], "bombed")
    assert set(ids.values()) <= {t.article_id for t in strike.tellings}
    # the injured toll is the rescue team's 27; the 30 the earlier version gave is shown as withdrawn
    assert _toll(strike, "injured") == (27.0, "The rescue team", 30.0)
    injured = next(t for t in strike.tolls if t.outcome == "injured")
    assert injured.disagreement is not None
    assert "withdrawn: 30 (An earlier version of this article)" in injured.disagreement
    corrected = [t for t in strike.tellings if t.source_name == "An earlier version of this article"]
    assert corrected and {t.stance for t in corrected} == {"retracts"}
    assert not any(t.source_name == "Correction" for t in strike.tellings)
    # the correction neither disputes the strike nor drops Irrawaddy Voice from corroboration
    assert not any("Irrawaddy Voice" in d for d in strike.disputed_by)
    assert any("Naypyitaw Daily" in d for d in strike.disputed_by)
    assert "Irrawaddy Voice" in strike.corroborated_by and strike.independent_sources == 2
    assert _toll(strike, "killed") == (24.0, "a rescue team leader", 24.0)
    # "buried 18 people killed when …": the 18 is the own reporter's telling's figure, not an actor
    own = [t for t in strike.tellings if t.article_id == ids["own"] and t.trigger == "killed"]
    assert own and {c.value for t in own for c in t.casualties if c.outcome == "killed"} == {18.0}
    # "displaced people had been sheltering there" is no AID event
    analysis = letpanhla["own"]
    assert not any(e.type == "AID" for e in analysis.events)
    assert event(store, strike.event_id) == strike


def test_a_corrected_toll_and_a_withdrawn_statement_leave_the_standing_toll(
    store: Store, djibo: dict[str, Analysis]
) -> None:
    _link_all(store, djibo)
    ids = {role: a.article.id for role, a in djibo.items()}
    attack = _event_of(store, djibo["wire"], "killing")
    assert set(ids.values()) <= {t.article_id for t in attack.tellings}
    # neither the corrected 41 nor the withdrawn 40 is the toll; the 40 shows as withdrawn
    assert _toll(attack, "killed") == (14.0, "Residents", 14.0)
    killed = next(t for t in attack.tolls if t.outcome == "killed")
    assert 41.0 not in killed.figures
    assert killed.disagreement == "14 killed; withdrawn: 40 (Defence Ministry)"
    withdrawn = [t for t in attack.tellings if t.article_id == ids["withdrawal"] and t.stance == "retracts"]
    assert [c.value for t in withdrawn for c in t.casualties] == [40.0]
    # withdrawing its own figure, the ministry disputes nothing; all three outlets corroborate
    assert attack.disputed_by == []
    assert attack.independent_sources == 3
    assert sorted(attack.corroborated_by) == ["Naba Daily", "Ouaga Times", "Sahel Wire"]


def test_the_cli_shows_the_withdrawn_figure_and_the_retracting_telling(store_url: str, nlp: object) -> None:
    from tests.store.test_store_cli import invoke

    code, output = invoke("ingest", str(FIXTURES / "djibo-correction" / "articles.jsonl"), "--db", store_url)
    assert code == 0 and "3 added" in output
    code, output = invoke("query", "events", "--db", store_url, "--format", "json")
    rows = json.loads(output)
    attack = next(r for r in rows if r["killed"] == 14.0)
    code, output = invoke("query", "event", attack["linked_event_id"], "--db", store_url)
    assert "toll: 14 killed (Residents, 2025-08-02)" in output
    assert "withdrawn: 40 (Defence Ministry)" in output and "disputed by: no one" in output
    code, output = invoke(
        "query", "event", attack["linked_event_id"], "--tellings", "--db", store_url, "--format", "json"
    )
    stances = {t["source_name"]: t["stance"] for t in json.loads(output)}
    assert stances["Defence Ministry"] == "retracts"
