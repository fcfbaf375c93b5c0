"""The ``link_*`` tables: what linking across articles keeps in the ledger (migration 0002 builds them,
``0007`` adds the indexes a ledger of 100,000 linked articles needs).

- ``link_features``, ``link_similarities``: each article's story features and MinHash signature, and the
  story similarities at or above ``KEEP_SIMILARITY``: the index the ``Linker`` restores, never recomputed;
- ``link_stories``: each article's story; ``link_copies``: pairs of wire copies (same text, one source);
- ``link_entities``, ``link_events``, ``link_claims``: each article's entities, events and claims mapped to
  the canonical entity, the cross-article event and the claim thread they belong to.

Kept apart from the Linker and the queries so that both, the exports and ``queries`` share one definition.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Column, Float, ForeignKeyConstraint, Index, Integer, Table, Text

from newsledger.corpus.features import ArticleFeatures
from newsledger.store import schema


def _article_fk(table: str, column: str = "article_id") -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        [column], ["articles.article_id"], ondelete="CASCADE", name=f"fk_{table}_{column}"
    )


link_features = Table(
    "link_features",
    schema.metadata,
    Column("article_id", Text, primary_key=True),
    Column("features", Text, nullable=False),
    Column("minhash", Text, nullable=False),
    Column("shingles", Integer, nullable=False),
    _article_fk("link_features"),
)
link_stories = Table(
    "link_stories",
    schema.metadata,
    Column("article_id", Text, primary_key=True),
    Column("story_id", Text, nullable=False),
    _article_fk("link_stories"),
    Index("ix_link_stories_story_id", "story_id"),
)
link_similarities = Table(
    "link_similarities",
    schema.metadata,
    Column("article_id", Text, primary_key=True),
    Column("other_id", Text, primary_key=True),
    Column("similarity", Float, nullable=False),
    _article_fk("link_similarities"),
    _article_fk("link_similarities", "other_id"),
    # The primary key serves lookups by ``article_id``; a pair is stored once, so finding every pair of
    # an article also looks it up as ``other_id`` (the Linker catching up with another process), and so
    # does the cascade when an article is deleted: without this each was a scan of the largest link table.
    Index("ix_link_similarities_other_id", "other_id"),
)
link_copies = Table(
    "link_copies",
    schema.metadata,
    Column("article_id", Text, primary_key=True),
    Column("other_id", Text, primary_key=True),
    Column("jaccard", Float, nullable=False),
    Column("containment", Float, nullable=False),
    _article_fk("link_copies"),
    _article_fk("link_copies", "other_id"),
    Index("ix_link_copies_other_id", "other_id"),  # as for link_similarities
)
link_entities = Table(
    "link_entities",
    schema.metadata,
    Column("article_id", Text, primary_key=True),
    Column("entity_id", Text, primary_key=True),
    Column("canonical_id", Text, nullable=False),
    Column("canonical_name", Text, nullable=False),
    Column("label", Text, nullable=False),
    _article_fk("link_entities"),
    Index("ix_link_entities_canonical_id", "canonical_id"),
)
link_events = Table(
    "link_events",
    schema.metadata,
    Column("article_id", Text, primary_key=True),
    Column("event_id", Text, primary_key=True),
    Column("cross_event_id", Text, nullable=False),
    _article_fk("link_events"),
    Index("ix_link_events_cross_event_id", "cross_event_id"),
)
link_claims = Table(
    "link_claims",
    schema.metadata,
    Column("article_id", Text, primary_key=True),
    Column("claim_id", Text, primary_key=True),
    Column("thread_id", Text, nullable=False),
    _article_fk("link_claims"),
    Index("ix_link_claims_thread_id", "thread_id"),
)
RESOLVED_TABLES = (link_stories, link_entities, link_events, link_claims)


def features_to_json(features: ArticleFeatures) -> str:
    return json.dumps(
        {
            "published": features.published.isoformat() if features.published else None,
            "words": features.words,
            "names": features.names,
            "years": sorted(features.years),
            "event_types": sorted(features.event_types),
        }
    )


def features_from_json(article_id: str, text: str) -> ArticleFeatures:
    data = json.loads(text)
    return ArticleFeatures(
        article_id=article_id,
        published=date.fromisoformat(data["published"]) if data["published"] else None,
        words=data["words"],
        names=data["names"],
        years=frozenset(data["years"]),
        event_types=frozenset(data["event_types"]),
    )
