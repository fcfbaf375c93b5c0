"""The links across articles as datasets of their own, for ``newsledger export`` in every format.

One dataset per kind of link, each a flat table with typed columns (so CSV, Parquet and JSON lines carry
the same columns):

- ``stories``: one row per story: articles, independent sources, first and last publication date;
- ``story_members``: which story each article is in;
- ``copy_groups``: articles that are the same text (wire copies), the group named by its smallest article
  id; ``wire_copies``: the copy pairs found, with their MinHash Jaccard and containment;
- ``entity_links``: each article's entity mapped to its canonical entity across articles;
- ``event_links``: each article's event mapped to the cross-article event; ``event_tellings``: every
  telling of every cross-article event, with its source, trigger words, stance (affirms, denies, hedges,
  reports) and casualty figures (JSON ``[{value, qualifier, outcome, victims}]``);
- ``claim_links``: each article's claim mapped to its claim thread; ``claim_history``: every telling of
  every thread in date order with its status, so reported → confirmed / denied can be read off.

Rows stream from the database (the story summary and the copy groups are built in memory: one row per
story, and only the articles that have copies).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from sqlalchemy import and_, select

from newsledger.corpus.disjoint import DisjointSets
from newsledger.store import schema
from newsledger.store.ledger import Store
from newsledger.store.link_tables import link_claims, link_copies, link_entities, link_events, link_stories
from newsledger.store.links import list_stories

BATCH_ROWS = 5_000
Row = dict[str, Any]


@dataclass(frozen=True)
class LinkDataset:
    """One dataset: its columns (name and Arrow type, in order) and its rows, in batches."""

    name: str
    columns: list[tuple[str, pa.DataType]]
    batches: Callable[[Store], Iterator[list[Row]]]

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(n, t) for n, t in self.columns])


def _select_batches(query: Any) -> Callable[[Store], Iterator[list[Row]]]:
    def batches(store: Store) -> Iterator[list[Row]]:
        with store.engine.connect() as connection:
            result = connection.execution_options(yield_per=BATCH_ROWS).execute(query).mappings()
            for batch in result.partitions():
                yield [dict(row) for row in batch]

    return batches


def _stories(store: Store) -> Iterator[list[Row]]:
    rows = [s.model_dump() for s in list_stories(store, limit=2**62)]
    for start in range(0, len(rows), BATCH_ROWS):
        yield rows[start : start + BATCH_ROWS]


def _copy_groups(store: Store) -> Iterator[list[Row]]:
    groups: DisjointSets[str] = DisjointSets()
    with store.engine.connect() as connection:
        for row in connection.execute(select(link_copies.c.article_id, link_copies.c.other_id)):
            groups.add(row.article_id)
            groups.add(row.other_id)
            groups.union(row.article_id, row.other_id)
    rows = [
        {"article_id": article, "group_id": min(members)}
        for members in groups.groups().values()
        for article in sorted(members)
    ]
    yield sorted(rows, key=lambda r: (r["group_id"], r["article_id"]))


def _with_casualties(query: Any) -> Callable[[Store], Iterator[list[Row]]]:
    """The tellings of ``query`` with their casualty figures as JSON ``[{value, qualifier, outcome,
    victims}]``, read per batch from the quantities they cite: a reader of ``event_tellings`` sees
    each outlet's toll and its stance without joining tables."""
    rows_of = _select_batches(query)

    def batches(store: Store) -> Iterator[list[Row]]:
        for rows in rows_of(store):
            figures = _casualties_of(store, sorted({r["article_id"] for r in rows}))
            for row in rows:
                cited = json.loads(row["quantity_ids"] or "[]")
                given = [figures[(row["article_id"], q)] for q in cited if (row["article_id"], q) in figures]
                row["casualties"] = json.dumps(given, ensure_ascii=False, separators=(",", ":"))
            yield rows

    return batches


def _casualties_of(store: Store, article_ids: list[str]) -> dict[tuple[str, str], Row]:
    q = schema.quantities
    query = select(q.c.article_id, q.c.quantity_id, q.c.value, q.c.qualifier, q.c.outcome, q.c.victims).where(
        q.c.article_id.in_(article_ids), q.c.outcome.is_not(None)
    )
    with store.engine.connect() as connection:
        return {
            (r.article_id, r.quantity_id): {
                "value": r.value,
                "qualifier": r.qualifier or "exact",
                "outcome": r.outcome,
                "victims": r.victims,
            }
            for r in connection.execute(query)
        }


a, claims, tellings, attributions = schema.articles, schema.claims, schema.tellings, schema.attributions
# Only current versions are exported, as in ``analyses.jsonl``: a link row of a version a correction
# replaced (linking removes those; an ingest with ``--no-link`` leaves them until the next link) would
# point at an article the export does not hold.
CURRENT = select(a.c.article_id).where(a.c.current)
TEXT, INT, FLOAT, DATE = pa.string(), pa.int64(), pa.float64(), pa.date32()

LINK_DATASETS: list[LinkDataset] = [
    LinkDataset(
        "stories",
        [
            ("story_id", TEXT),
            ("title", TEXT),
            ("articles", INT),
            ("independent_sources", INT),
            ("first", DATE),
            ("last", DATE),
        ],
        _stories,
    ),
    LinkDataset(
        "story_members",
        [("story_id", TEXT), ("article_id", TEXT)],
        _select_batches(
            select(link_stories.c.story_id, link_stories.c.article_id)
            .where(link_stories.c.article_id.in_(CURRENT))
            .order_by(link_stories.c.story_id, link_stories.c.article_id)
        ),
    ),
    LinkDataset("copy_groups", [("group_id", TEXT), ("article_id", TEXT)], _copy_groups),
    LinkDataset(
        "wire_copies",
        [("article_id", TEXT), ("other_id", TEXT), ("jaccard", FLOAT), ("containment", FLOAT)],
        _select_batches(select(link_copies).order_by(link_copies.c.article_id, link_copies.c.other_id)),
    ),
    LinkDataset(
        "entity_links",
        [
            ("article_id", TEXT),
            ("entity_id", TEXT),
            ("canonical_id", TEXT),
            ("canonical_name", TEXT),
            ("label", TEXT),
        ],
        _select_batches(
            select(link_entities)
            .where(link_entities.c.article_id.in_(CURRENT))
            .order_by(link_entities.c.canonical_id, link_entities.c.article_id, link_entities.c.entity_id)
        ),
    ),
    LinkDataset(
        "event_links",
        [("article_id", TEXT), ("event_id", TEXT), ("cross_event_id", TEXT)],
        _select_batches(
            select(link_events)
            .where(link_events.c.article_id.in_(CURRENT))
            .order_by(link_events.c.cross_event_id, link_events.c.article_id, link_events.c.event_id)
        ),
    ),
    LinkDataset(
        "event_tellings",
        [
            ("cross_event_id", TEXT),
            ("article_id", TEXT),
            ("event_id", TEXT),
            ("position", INT),
            ("published", DATE),
            ("outlet", TEXT),
            ("trigger_text", TEXT),
            ("trigger_start", INT),
            ("trigger_end", INT),
            ("source_name", TEXT),
            ("quantity_ids", TEXT),
            ("stance", TEXT),
            ("casualties", TEXT),
        ],
        _with_casualties(
            select(
                link_events.c.cross_event_id,
                tellings.c.article_id,
                tellings.c.event_id,
                tellings.c.position,
                a.c.published,
                a.c.outlet,
                tellings.c.trigger_text,
                tellings.c.trigger_start,
                tellings.c.trigger_end,
                tellings.c.source_name,
                tellings.c.quantity_ids,
                tellings.c.stance,
            )
            .join(
                tellings,
                and_(
                    tellings.c.article_id == link_events.c.article_id,
                    tellings.c.event_id == link_events.c.event_id,
                ),
            )
            .join(a, a.c.article_id == link_events.c.article_id)
            .where(a.c.current)
            .order_by(
                link_events.c.cross_event_id,
                a.c.published,
                tellings.c.article_id,
                tellings.c.event_id,
                tellings.c.position,
            )
        ),
    ),
    LinkDataset(
        "claim_links",
        [("article_id", TEXT), ("claim_id", TEXT), ("thread_id", TEXT)],
        _select_batches(
            select(link_claims)
            .where(link_claims.c.article_id.in_(CURRENT))
            .order_by(link_claims.c.thread_id, link_claims.c.article_id, link_claims.c.claim_id)
        ),
    ),
    LinkDataset(
        "claim_history",
        [
            ("thread_id", TEXT),
            ("published", DATE),
            ("outlet", TEXT),
            ("article_id", TEXT),
            ("claim_id", TEXT),
            ("status", TEXT),
            ("source_name", TEXT),
            ("text", TEXT),
        ],
        _select_batches(
            select(
                link_claims.c.thread_id,
                a.c.published,
                a.c.outlet,
                claims.c.article_id,
                claims.c.claim_id,
                claims.c.status,
                attributions.c.source_name,
                claims.c.span_text.label("text"),
            )
            .join(
                claims,
                and_(
                    claims.c.article_id == link_claims.c.article_id,
                    claims.c.claim_id == link_claims.c.claim_id,
                ),
            )
            .join(a, a.c.article_id == link_claims.c.article_id)
            .where(a.c.current)
            .outerjoin(
                attributions,
                and_(
                    attributions.c.article_id == claims.c.article_id,
                    attributions.c.attribution_id == claims.c.attribution_id,
                ),
            )
            .order_by(
                link_claims.c.thread_id,
                a.c.published.asc().nulls_last(),
                claims.c.article_id,
                claims.c.claim_id,
            )
        ),
    ),
]
