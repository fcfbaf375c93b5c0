"""Entities found by the short forms an analyst types: an acronym ("RSF") or a possessive ("Russia's
Defence Ministry"), in the CLI and the store query the web entity page uses."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from newsledger.analyze import analyze
from newsledger.cli import app
from newsledger.store import open_store, queries

WEEKEND = (
    "The Rapid Support Forces shelled Omdurman on Friday, killing at least 11 civilians, Sudan's health "
    "ministry said. The Russian Defence Ministry said on Saturday that its air defences had downed 12 "
    "Ukrainian drones over Belgorod. Kyiv did not comment on the claim."
)

runner = CliRunner()


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> str:
    db = str(tmp_path_factory.mktemp("short") / "ledger.db")
    with open_store(db) as store:
        store.ingest(analyze(WEEKEND, published=date(2025, 5, 3), outlet="Weekend Desk"))
    return db


def test_the_store_reads_acronyms_and_possessives(ledger: str) -> None:
    with open_store(ledger) as store:
        assert [n.name for n in queries.entity_short_forms(store, "RSF")] == ["Rapid Support Forces"]
        possessive = queries.entity_short_forms(store, "Russia's Defence Ministry")
        assert [n.name for n in possessive][:1] == ["Russian Defence Ministry"]
        assert queries.entity_short_forms(store, "Rapid Support Forces") == []  # not a short form
        assert queries.entity_short_forms(store, "XYZ") == []


@pytest.mark.parametrize(
    ("asked", "meant"),
    [("RSF", "Rapid Support Forces"), ("Russia's Defence Ministry", "Russian Defence Ministry")],
)
def test_query_entity_finds_a_short_form_and_says_how_it_read_it(ledger: str, asked: str, meant: str) -> None:
    result = runner.invoke(app, ["query", "entity", asked, "--db", ledger])
    assert result.exit_code == 0, result.stderr
    assert f"{asked!r} read as {meant!r}" in result.stderr
    assert result.stdout.strip()


def test_a_name_that_is_no_entity_gets_suggestions(ledger: str) -> None:
    result = runner.invoke(app, ["query", "entity", "Forces", "--db", ledger])
    assert "nothing on 'Forces'; names that hold it: Rapid Support Forces (1 article)" in result.stderr
