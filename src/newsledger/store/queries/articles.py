"""The ledger's articles, newest first, their versions, and the inputs that could not be read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    func,
    select,
)

from newsledger.store import schema
from newsledger.store.ledger import Store
from newsledger.store.queries.common import (
    ARTICLE_COLUMNS,
    articles,
    attributions,
    claims,
    entities,
    events,
    read_rows,
)
from newsledger.store.results import (
    ArticleSummary,
    FailureRow,
)


def list_articles(store: Store, *, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
    """The current articles, newest first, with how many records of each kind they hold."""

    def count(records: Any) -> Any:
        query = select(func.count()).where(records.c.article_id == articles.c.article_id)
        return query.scalar_subquery()

    query = (
        select(
            *ARTICLE_COLUMNS,
            articles.c.version,
            articles.c.current,
            articles.c.first_seen,
            articles.c.language,
            count(entities).label("entities"),
            count(attributions).label("attributions"),
            count(claims).label("claims"),
            count(events).label("events"),
        )
        .where(articles.c.current)
        .order_by(articles.c.published.desc().nulls_last(), articles.c.first_seen.desc())
        .limit(limit)
        .offset(offset)
    )
    return [ArticleSummary(**row) for row in read_rows(store, query)]


def failures(store: Store, *, limit: int = 200) -> list[FailureRow]:
    """The inputs that could not be read or analyzed, latest first."""
    failed = schema.failures
    query = select(failed).order_by(failed.c.at.desc(), failed.c.id.desc()).limit(limit)
    return [FailureRow(**row) for row in read_rows(store, query)]


@dataclass(frozen=True)
class ArticleVersion:
    """One text stored under an article's URL: ``first_seen`` is when the ledger got it, which is when
    a correction was seen (a corrected article rarely says when it was corrected)."""

    article_id: str
    version: int
    current: bool
    first_seen: datetime
    published: date | None


def article_versions(store: Store, article_id: str) -> list[ArticleVersion]:
    """Every version stored under this article's URL, oldest first (just the article itself when it has
    no URL; none when the ledger does not hold it), so a page can say "corrected on …" and link the
    earlier text, or send a reader of an old version to the current one."""
    own = select(articles.c.url).where(articles.c.article_id == article_id).scalar_subquery()
    query = (
        select(
            articles.c.article_id,
            articles.c.version,
            articles.c.current,
            articles.c.first_seen,
            articles.c.published,
        )
        .where((articles.c.article_id == article_id) | (articles.c.url == own))
        .order_by(articles.c.version)
    )
    return [ArticleVersion(**row) for row in read_rows(store, query)]
