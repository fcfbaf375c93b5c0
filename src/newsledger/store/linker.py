"""Linking each article into the ledger as it arrives: its story, copies, entities, events and claims.

The link index lives in memory while articles are linked and in the ``link_*`` tables between runs (the
features and MinHash signature of each article, the similarities at or above ``KEEP_SIMILARITY``), so
linking a new article loads nothing but the index and reclusters only its own component: the articles
whose story can change. Entities, events and claims are resolved story by story, so only the stories whose
members changed are read back and resolved again.

Several processes may link into one ledger at once (two ``newsledger ingest`` runs, say). Each link is
one write transaction that first takes the ledger's link lock (SQLite: the write lock ``BEGIN IMMEDIATE``
takes; PostgreSQL: a transaction-level advisory lock), then catches its in-memory index up with the
articles other processes linked since (``StoryIndex.catch_up``), and only then computes and writes. So
links are computed one at a time over the whole linked ledger, whichever process computes them; if the
transaction fails, the in-memory index is rebuilt from the tables before the next link.
The corpus logic is in ``newsledger.corpus``; this module only feeds it and stores. It never imports spaCy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, text

from newsledger.corpus.features import ArticleFeatures, features_of
from newsledger.corpus.resolution import resolve_stories
from newsledger.corpus.stories import StoryIndex
from newsledger.corpus.wire import Copy, WireIndex
from newsledger.records import Analysis
from newsledger.store import schema
from newsledger.store.engine import write_transaction
from newsledger.store.ledger import Store, analysis_on
from newsledger.store.link_tables import (
    RESOLVED_TABLES,
    features_from_json,
    features_to_json,
    link_claims,
    link_copies,
    link_entities,
    link_events,
    link_features,
    link_similarities,
    link_stories,
)

# The key of the PostgreSQL advisory lock that makes linkers take turns (any constant of 64 bits).
LINK_LOCK_KEY = 0x6E6C_6C69_6E6B  # "nllink"
# Articles read per query when catching up with many articles linked elsewhere.
CHUNK = 500


@dataclass(frozen=True)
class LinkOutcome:
    article_id: str
    story_id: str
    copies: list[str]
    relinked: int  # articles whose entity, event and claim links were resolved again


class Linker:
    """Links articles of one ledger; build one per process, then ``link`` each new analysis."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.stories = StoryIndex()
        self.wire = WireIndex()
        self._retired: set[str] = set()
        with store.engine.connect() as connection:
            self._load(connection)

    def _load(self, connection: Connection) -> None:
        """Rebuild the in-memory index from the tables: the linked articles still current. A version a
        correction replaced keeps its ``link_features`` row (it was linked) but not its place in memory:
        it is no candidate for anything any more."""
        self.stories, self.wire = StoryIndex(), WireIndex()
        self._retired = _retired_linked(connection)
        for features, similar, signature, size, outlet in _stored_index(connection, None):
            if features.article_id in self._retired:
                continue
            self.stories.restore(features, similar)
            self.wire.restore(features.article_id, signature, size, outlet)
        for row in connection.execute(
            select(link_copies).order_by(link_copies.c.article_id, link_copies.c.other_id)
        ):
            if not {row.article_id, row.other_id} & self._retired:
                self.wire.restore_copy(Copy(row.article_id, row.other_id, row.jaccard, row.containment))
        self.stories.finish_restore(_stored_stories(connection))
        self._stale = False

    def _catch_up(self, connection: Connection) -> None:
        """Add to the in-memory index what other processes linked since it was built, and drop what their
        corrections replaced (under the lock)."""
        if self._stale:
            self._load(connection)
            return
        count = connection.execute(select(func.count()).select_from(link_features)).scalar_one()
        if count == len(self.stories) + len(self._retired):
            return
        retired = _retired_linked(connection)
        for article_id in sorted(retired - self._retired):
            self._forget(article_id)
        self._retired = retired
        ids = [i for i in connection.execute(select(link_features.c.article_id)).scalars()]
        missing = [i for i in ids if not self.stories.has(i) and i not in retired]
        rows = list(_stored_index(connection, missing))
        self.stories.catch_up(
            ((features, similar) for features, similar, *_ in rows), _stored_stories(connection)
        )
        for features, _, signature, size, outlet in rows:
            self.wire.add_signature(features.article_id, signature, size, outlet)

    def _link_replaced(
        self, connection: Connection, analysis: Analysis, features: ArticleFeatures
    ) -> LinkOutcome:
        """A version a correction already replaced (both ingested before any link): it is marked linked
        (its ``link_features`` row) but enters neither the index nor any story, copy or thread."""
        article = analysis.article
        alone = WireIndex()
        alone.add(article.id, article.text, article.outlet)
        connection.execute(insert(link_features).values(_features_row(analysis, features, alone)))
        self._retired.add(article.id)
        return LinkOutcome(article.id, "", [], 0)

    def _forget(self, article_id: str) -> set[str]:
        """Take a replaced version out of memory; returns the stories whose members that changed."""
        before = {self.stories.story_of(article_id)} if self.stories.has(article_id) else set()
        change = self.stories.remove(article_id)
        self.wire.remove(article_id)
        self._retired.add(article_id)
        return before | change.stories()

    def is_linked(self, article_id: str) -> bool:
        """Whether this process knows the article as linked, or as a linked version since replaced
        (another process may have linked it since: ``link`` checks again under the lock)."""
        return self.stories.has(article_id) or article_id in self._retired

    def link(self, analysis: Analysis) -> LinkOutcome:
        """Link one analysed article (already ingested) and store every link it changes, in one
        transaction under the link lock; linking an article already linked changes nothing."""
        article = analysis.article
        features = features_of(analysis)
        with write_transaction(self.store.engine) as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LINK_LOCK_KEY})
            self._catch_up(connection)
            if self.is_linked(article.id):
                story = self.stories.story_of(article.id) if self.stories.has(article.id) else ""
                return LinkOutcome(article.id, story, [], 0)
            try:
                return self._link(connection, analysis, features)
            except BaseException:
                self._stale = True  # the index may hold what the rolled-back transaction did not keep
                raise

    def _link(self, connection: Connection, analysis: Analysis, features: ArticleFeatures) -> LinkOutcome:
        article = analysis.article
        if _superseded(connection, [article.id]):
            return self._link_replaced(connection, analysis, features)
        # Only the stories whose members changed are resolved again: the rest keep their rows. An
        # earlier version this text replaces leaves its story (and the in-memory index, before the new
        # text is compared with anything), and that story is resolved again without it.
        predecessors = _predecessors(connection, article.id, article.url)
        left = {s for p in sorted(predecessors) if self.stories.has(p) for s in self._forget(p)}
        change = self.stories.add(features)
        found = self.wire.add(article.id, article.text, article.outlet)
        changed = change.stories() | left
        touched = sorted({a for story in changed for a in self.stories.story_members(story)} | predecessors)
        superseded = _superseded(connection, [*touched, article.id])
        live = [a for a in touched if a not in superseded]
        copies = [c for c in found if c.first not in superseded and c.second not in superseded]
        analyses = {a: analysis_on(connection, a) for a in live if a != article.id}
        if article.id not in superseded:
            analyses[article.id] = analysis
        story_of = {a: self.stories.story_of(a) for a in live}
        resolved = resolved_rows([x for x in analyses.values() if x is not None], story_of)
        connection.execute(insert(link_features).values(_features_row(analysis, features, self.wire)))
        similar = self.stories.similar_to(article.id)
        if similar:
            connection.execute(
                insert(link_similarities),
                [{"article_id": article.id, "other_id": o, "similarity": s} for o, s in similar.items()],
            )
        if copies:
            connection.execute(
                insert(link_copies),
                [
                    {
                        "article_id": c.first,
                        "other_id": c.second,
                        "jaccard": c.jaccard,
                        "containment": c.containment,
                    }
                    for c in copies
                ],
            )
        _drop_copies_of(connection, predecessors)
        for table in RESOLVED_TABLES:
            connection.execute(delete(table).where(table.c.article_id.in_(touched)))
        if story_of:
            connection.execute(
                insert(link_stories), [{"article_id": a, "story_id": s} for a, s in story_of.items()]
            )
        for table, rows in resolved.items():
            if rows:
                connection.execute(insert(table), rows)
        return LinkOutcome(
            article.id, self.stories.story_of(article.id), sorted({c.second for c in copies}), len(touched)
        )


def _features_row(analysis: Analysis, features: ArticleFeatures, wire: WireIndex) -> dict[str, Any]:
    minhash, shingles = wire.signature_of(analysis.article.id)
    return {
        "article_id": analysis.article.id,
        "features": features_to_json(features),
        "minhash": json.dumps(minhash),
        "shingles": shingles,
    }


def _predecessors(connection: Connection, article_id: str, url: str | None) -> set[str]:
    """The earlier versions of this article (same URL, other text) that are linked: a correction
    replaces them in every link, so they are taken out of their story, copies, entities, events and
    claim threads (their rows stay in the ledger as history)."""
    if not url:
        return set()
    articles = schema.articles
    query = (
        select(articles.c.article_id)
        .join(link_features, link_features.c.article_id == articles.c.article_id)
        .where(articles.c.url == url, articles.c.article_id != article_id, ~articles.c.current)
    )
    return set(connection.execute(query).scalars())


def _retired_linked(connection: Connection) -> set[str]:
    """The linked articles a later version replaced: kept in the tables as history, not in memory."""
    articles = schema.articles
    query = (
        select(link_features.c.article_id)
        .join(articles, articles.c.article_id == link_features.c.article_id)
        .where(~articles.c.current)
    )
    return set(connection.execute(query).scalars())


def _superseded(connection: Connection, article_ids: list[str]) -> set[str]:
    """Of these articles, those a later version replaced (not ``current``): they take part in no link."""
    if not article_ids:
        return set()
    articles = schema.articles
    query = select(articles.c.article_id).where(articles.c.article_id.in_(article_ids), ~articles.c.current)
    return set(connection.execute(query).scalars())


def _drop_copies_of(connection: Connection, article_ids: set[str]) -> None:
    """Forget the wire copies found with versions since replaced: the new version finds its own."""
    if article_ids:
        ids = sorted(article_ids)
        connection.execute(
            delete(link_copies).where(link_copies.c.article_id.in_(ids) | link_copies.c.other_id.in_(ids))
        )


def resolved_rows(known: list[Analysis], story_of: dict[str, str]) -> dict[Table, list[dict[str, Any]]]:
    """The entity, event and claim link rows of whole stories (see
    :func:`~newsledger.corpus.resolution.resolve_stories`). A source or event participant given only as a
    description ("the Ukrainian president") that the story resolves to one person is an entity row too,
    keyed ``"<attribution id>:source"`` / ``"<event id>:actor"`` / ``"<event id>:target"``."""
    resolved = resolve_stories(known, story_of)
    return {
        link_entities: [
            {
                "article_id": a,
                "entity_id": e,
                "canonical_id": c.id,
                "canonical_name": c.name,
                "label": c.label,
            }
            for (a, e), c in (resolved.entities | resolved.described).items()
        ],
        link_events: [
            {"article_id": a, "event_id": e, "cross_event_id": x.id} for (a, e), x in resolved.events.items()
        ],
        link_claims: [
            {"article_id": a, "claim_id": c, "thread_id": t.id} for (a, c), t in resolved.claims.items()
        ],
    }


@dataclass(frozen=True)
class PendingOutcome:
    """What :func:`link_pending` did: articles linked, wire copies found among them."""

    linked: int
    copies: int


def unlinked_articles(store: Store) -> list[str]:
    """The ledger's articles that no linker has linked yet (e.g. an ingest killed between the article's
    commit and its link's, or one run with ``--no-link``), in id order."""
    articles = schema.articles
    query = (
        select(articles.c.article_id)
        .outerjoin(link_features, link_features.c.article_id == articles.c.article_id)
        .where(link_features.c.article_id.is_(None))
        .order_by(articles.c.article_id)
    )
    with store.engine.connect() as connection:
        return list(connection.execute(query).scalars())


def link_pending(store: Store, linker: Linker) -> PendingOutcome:
    """Link every article of the ledger not linked yet."""
    linked = copies = 0
    for article_id in unlinked_articles(store):
        analysis = store.analysis(article_id)
        if analysis is not None:
            outcome = linker.link(analysis)
            linked += 1 if outcome.relinked else 0
            copies += len(outcome.copies)
    return PendingOutcome(linked, copies)


def _stored_stories(connection: Connection) -> dict[str, str]:
    """Every linked article's story as stored: what the in-memory index takes back, never recomputes."""
    return dict(connection.execute(select(link_stories.c.article_id, link_stories.c.story_id)).tuples().all())


def _stored_index(
    connection: Connection, article_ids: list[str] | None
) -> Iterator[tuple[ArticleFeatures, dict[str, float], list[int], int, str | None]]:
    """The stored index entries of ``article_ids`` (None: all, in one pass), in id order: features, kept
    similarities (both directions), MinHash values, shingle count and outlet."""
    chunks = (
        [None]
        if article_ids is None
        else [sorted(article_ids)[start : start + CHUNK] for start in range(0, len(article_ids), CHUNK)]
    )
    for chunk in chunks:
        similar: dict[str, dict[str, float]] = {}
        pairs = select(link_similarities)
        query = (
            select(link_features, schema.articles.c.outlet)
            .join(schema.articles, schema.articles.c.article_id == link_features.c.article_id)
            .order_by(link_features.c.article_id)
        )
        if chunk is not None:
            pairs = pairs.where(
                link_similarities.c.article_id.in_(chunk) | link_similarities.c.other_id.in_(chunk)
            )
            query = query.where(link_features.c.article_id.in_(chunk))
        for row in connection.execute(pairs):
            similar.setdefault(row.article_id, {})[row.other_id] = row.similarity
            similar.setdefault(row.other_id, {})[row.article_id] = row.similarity
        for row in connection.execute(query):
            yield (
                features_from_json(row.article_id, row.features),
                similar.get(row.article_id, {}),
                json.loads(row.minhash),
                row.shingles,
                row.outlet,
            )
