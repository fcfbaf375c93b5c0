"""The ledger's queries, on both databases, checked against the analyses that went in."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from newsledger.records import Analysis
from newsledger.store import Store, queries
from newsledger.store.queries import fts5_query


def _current(ledger_analyses: list[Analysis], kharkiv_update: Analysis) -> list[Analysis]:
    """The analyses whose articles are current in ``filled_store``: the update replaced the first."""
    return [kharkiv_update, *ledger_analyses[1:]]


def test_list_articles_shows_current_versions_newest_first_with_counts(
    filled_store: Store, ledger_analyses: list[Analysis], kharkiv_update: Analysis
) -> None:
    listed = queries.list_articles(filled_store)
    current = sorted(_current(ledger_analyses, kharkiv_update), key=lambda a: a.article.published or date.min)
    assert [row.article_id for row in listed] == [a.article.id for a in reversed(current)]
    update = next(row for row in listed if row.article_id == kharkiv_update.article.id)
    assert (update.version, update.current, update.title) == (2, True, "Kharkiv toll rises to 15")
    assert (update.claims, update.events) == (len(kharkiv_update.claims), len(kharkiv_update.events))
    assert update.first_seen.tzinfo is not None
    assert [row.article_id for row in queries.list_articles(filled_store, limit=2, offset=1)] == [
        a.article.id for a in list(reversed(current))[1:3]
    ]


def test_entity_timeline_gathers_what_it_said_what_was_said_about_it_and_its_events(
    filled_store: Store, ledger_analyses: list[Analysis], kharkiv_update: Analysis
) -> None:
    timeline = queries.entity_timeline(filled_store, "volodymyr ZELENSKY")
    rutte_article = ledger_analyses[1]
    said = [item for item in timeline if item.kind == "said"]
    expected_said = sorted(
        (a.article.published, a.article.id, x.content.start, x.content.text)
        for a in _current(ledger_analyses, kharkiv_update)
        for x in a.attributions
        if x.source_name == "Volodymyr Zelensky"
    )
    assert [(i.published, i.article_id, i.start, i.text) for i in said] == expected_said
    assert {i.article_id for i in said} == {kharkiv_update.article.id, rutte_article.article.id}

    about = [item for item in timeline if item.kind == "said_about"]
    assert about, "the claim that Zelensky met Rutte mentions him"
    for item in about:
        analysis = next(a for a in [*ledger_analyses, kharkiv_update] if a.article.id == item.article_id)
        mention_starts = [
            m.start for e in analysis.entities if e.name == "Volodymyr Zelensky" for m in e.mentions
        ]
        assert any(item.start <= start < item.end for start in mention_starts)
        assert item.source_name != "Volodymyr Zelensky"

    events = [item for item in timeline if item.kind == "event"]
    consult = next(e for e in rutte_article.events if e.type == "CONSULT")
    assert any(i.record_id == consult.id and i.role == "actor" and i.target == "Mark Rutte" for i in events)
    keys = [(i.published, i.article_id, i.start) for i in timeline]
    assert keys == sorted(keys)
    assert all(i.article_id != ledger_analyses[0].article.id for i in timeline), "old version left out"


def test_entity_timeline_filters_by_date_and_limit(filled_store: Store) -> None:
    late = queries.entity_timeline(filled_store, "Volodymyr Zelensky", since=date(2024, 11, 20))
    assert late and all(i.published and i.published >= date(2024, 11, 20) for i in late)
    early = queries.entity_timeline(filled_store, "Volodymyr Zelensky", until=date(2024, 11, 19))
    assert early and all(i.published and i.published <= date(2024, 11, 19) for i in early)
    assert len(queries.entity_timeline(filled_store, "Volodymyr Zelensky", limit=2)) == 2
    assert queries.entity_timeline(filled_store, "Zelensky") == []


def test_entity_names_finds_the_canonical_name_from_a_part(filled_store: Store) -> None:
    names = queries.entity_names(filled_store, "zelensky")
    assert [(n.name, n.label, n.articles) for n in names] == [("Volodymyr Zelensky", "PERSON", 2)]
    assert queries.entity_names(filled_store, "100%_") == []


def test_find_claims_by_status_source_kind_and_date(
    filled_store: Store, ledger_analyses: list[Analysis], kharkiv_update: Analysis
) -> None:
    current = _current(ledger_analyses, kharkiv_update)
    for status in ("reported", "denied", "hedged", "asserted"):
        found = queries.find_claims(filled_store, status=status)
        expected = {(a.article.id, c.id) for a in current for c in a.claims if c.status == status}
        assert {(row.article_id, row.claim_id) for row in found} == expected, status
        assert expected
    kinds = {
        (a.article.id, c.id): x.source_kind
        for a in current
        for c in a.claims
        for x in a.attributions
        if x.id == c.attribution
    }
    anonymous = queries.find_claims(filled_store, source_kind="anonymous")
    assert {(r.article_id, r.claim_id) for r in anonymous} == {
        k for k, v in kinds.items() if v == "anonymous"
    }
    assert all(r.source_kind == "anonymous" and r.cue for r in anonymous)
    dated = queries.find_claims(filled_store, since=date(2024, 11, 21), until=date(2024, 11, 23))
    assert {r.article_id for r in dated} == {ledger_analyses[2].article.id}
    published = [r.published or date.min for r in queries.find_claims(filled_store)]
    assert published == sorted(published, reverse=True)


def test_find_claims_by_words_uses_full_text(filled_store: Store) -> None:
    found = queries.find_claims(filled_store, text="civilian")  # stemmed: finds "civilians"
    assert found and all("civilians" in row.text for row in found)
    assert queries.find_claims(filled_store, text="civilians", status="denied")[0].text == (
        "its forces had targeted civilians"
    )
    assert queries.find_claims(filled_store, text="!!!") == []


def test_find_events_by_type_place_country_and_day(
    filled_store: Store, ledger_analyses: list[Analysis]
) -> None:
    assault = queries.find_events(filled_store, type="assault")
    assert assault and {row.type for row in assault} == {"ASSAULT"}
    sudan = queries.find_events(filled_store, country="sd")
    fasher = ledger_analyses[2]
    assert {row.event_id for row in sudan} == {e.id for e in fasher.events if e.place == "p1"}
    assert sudan[0].place == "El Fasher" and sudan[0].lat is not None and sudan[0].text
    assert [r.event_id for r in queries.find_events(filled_store, place="el fasher")] == [
        r.event_id for r in sudan
    ]
    tbilisi = queries.find_events(filled_store, place="Tbilisi", type="PROTEST")
    assert [(r.type, r.country, r.date) for r in tbilisi] == [("PROTEST", "GE", "2024-11-25")]
    late = queries.find_events(filled_store, since=date(2024, 11, 24))
    assert late and {r.article_id for r in late} == {ledger_analyses[3].article.id}
    assert queries.find_events(filled_store, type="SANCTION") == []


def test_search_finds_articles_and_claims_with_the_words_marked(
    filled_store: Store, ledger_analyses: list[Analysis]
) -> None:
    hits = queries.search(filled_store, "air defence")
    assert {h.kind for h in hits} == {"article", "claim"}
    assert all("[" in h.snippet for h in hits)
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)
    phrase = queries.search(filled_store, '"water cannon"')
    assert {h.article_id for h in phrase} == {ledger_analyses[3].article.id}
    either = queries.search(filled_store, "Tbilisi OR Fasher")
    assert {h.article_id for h in either} == {ledger_analyses[2].article.id, ledger_analyses[3].article.id}
    without = queries.search(filled_store, "missiles -Rutte")
    assert without and all("Rutte" not in h.snippet for h in without)
    assert ledger_analyses[1].article.id not in {h.article_id for h in without if h.kind == "article"}
    assert queries.search(filled_store, "") == []
    assert queries.search(filled_store, "zzzqqq") == []


def test_search_on_postgresql_uses_the_gin_indexes(filled_store: Store) -> None:
    if filled_store.dialect != "postgresql":
        with filled_store.engine.connect() as connection:
            names = connection.execute(
                text("SELECT name FROM sqlite_master WHERE name LIKE '%_fts'")
            ).scalars()
            assert set(names) == {"articles_fts", "claims_fts"}
        return
    with filled_store.engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))
        plan = connection.execute(
            text(
                "EXPLAIN SELECT article_id FROM claims WHERE "
                "to_tsvector('english', span_text) @@ websearch_to_tsquery('english', 'civilians')"
            )
        ).scalars()
        assert "ix_claims_search" in "\n".join(plan)


def test_fts5_query_quotes_every_term() -> None:
    assert fts5_query("air defence") == '"air" AND "defence"'
    assert fts5_query('"water cannon" police') == '"water cannon" AND "police"'
    assert fts5_query("Tbilisi OR Fasher -Rutte") == '("Tbilisi" OR "Fasher") NOT "Rutte"'
    assert fts5_query('NEAR(a b) AND "') == '"NEAR" AND "a" AND "b" AND "AND"'
    assert fts5_query("-only") is None


def test_failures_lists_latest_first(store: Store) -> None:
    store.record_failure("a.txt", "the file is empty")
    store.record_failure("b.html", "no article in the page")
    assert [(f.source, f.reason) for f in queries.failures(store)] == [
        ("b.html", "no article in the page"),
        ("a.txt", "the file is empty"),
    ]
    assert len(queries.failures(store, limit=1)) == 1
