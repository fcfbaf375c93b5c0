"""What the ledger's readers share: the tables, the article columns every row carries, running a
statement, and the link fields of event and claim rows."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Select, and_, select
from sqlalchemy.engine import RowMapping

from newsledger.store import schema
from newsledger.store.ledger import Store
from newsledger.store.links import Corroboration

articles = schema.articles
entities = schema.entities
mentions = schema.mentions
attributions = schema.attributions
claims = schema.claims
events = schema.events
tellings = schema.tellings
places = schema.places

AnySelect: TypeAlias = Select[*tuple[Any, ...]]

ARTICLE_COLUMNS = (
    articles.c.article_id,
    articles.c.title,
    articles.c.published,
    articles.c.outlet,
    articles.c.url,
)


def read_rows(store: Store, query: AnySelect) -> list[RowMapping]:
    with store.engine.connect() as connection:
        return list(connection.execute(query).mappings())


def current_between(query: AnySelect, since: date | None, until: date | None) -> AnySelect:
    query = query.where(articles.c.current)
    if since:
        query = query.where(articles.c.published >= since)
    if until:
        query = query.where(articles.c.published <= until)
    return query


def link_fields(found: Corroboration | None, kind: str) -> dict[str, Any]:
    """The link fields of an event or claim row; empty (left None) while its article is not linked."""
    if found is None:
        return {}
    return {
        f"linked_{kind}_id": found.linked_id,
        "story_id": found.story_id,
        "told_in": found.articles,
        "independent_sources": found.independent_sources,
    }


def first_telling() -> Any:
    """The first telling of each event: the words that tell it first, and who says so."""
    return select(tellings).where(tellings.c.position == 0).subquery("first_telling")


def link_join(
    link: Any, article_id: ColumnElement[Any], entity_id: ColumnElement[Any]
) -> ColumnElement[bool]:
    """The join of a ``link_entities`` alias to the record whose article and entity (or ``:source`` /
    ``:actor`` key) are given."""
    return and_(link.c.article_id == article_id, link.c.entity_id == entity_id)
