"""Full-text search of articles and claims: FTS5 on SQLite, tsvector on PostgreSQL, one query syntax."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
)

from newsledger.store import schema
from newsledger.store.ledger import Store
from newsledger.store.queries.common import (
    ARTICLE_COLUMNS,
    articles,
    claims,
    read_rows,
)
from newsledger.store.results import (
    SearchHit,
)

_SNIPPET_WORDS = 16
_QUERY_TERMS = re.compile(r'(-?)"([^"]*)"|(-?)([\w]+)')
_ARTICLES_FTS = table(schema.SQLITE_ARTICLES_FTS, column("article_id"), column("title"), column("text"))
_CLAIMS_FTS = table(schema.SQLITE_CLAIMS_FTS, column("article_id"), column("claim_id"), column("text"))


def search(store: Store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Articles (title and text) and claims holding ``text``: words must all appear (stemmed, so
    "strikes" finds "strike"), "quoted words" as a phrase, ``OR`` between alternatives, ``-word`` not."""
    if store.dialect == "sqlite":
        hits = _search_sqlite(store, text, limit)
    else:
        hits = _search_postgresql(store, text, limit)
    hits = [hit.model_copy(update={"snippet": " ".join(hit.snippet.split())}) for hit in hits]
    return sorted(hits, key=lambda hit: -hit.rank)[:limit]


def fts5_query(text: str) -> str | None:
    """The user's words as an FTS5 query with the same reading as PostgreSQL's websearch_to_tsquery:
    terms all required, "quoted" phrases, OR between terms, -term excluded. None when no word is left.

    Every term is quoted, so FTS5 operators and punctuation in the user's text are just words.
    """
    required: list[str] = []
    excluded: list[str] = []
    alternative = False
    for match in _QUERY_TERMS.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        words = re.findall(r"\w+", match.group(2) if match.group(2) is not None else match.group(4))
        if not words:
            continue
        if match.group(4) == "OR" and required:
            alternative = True
            continue
        term = '"' + " ".join(words) + '"'
        if negated:
            excluded.append(term)
        elif alternative:
            required[-1] = f"({required[-1]} OR {term})"
            alternative = False
        else:
            required.append(term)
    if not required:
        return None
    return " AND ".join(required) + "".join(f" NOT {term}" for term in excluded)


def claims_matching(store: Store, text: str) -> Any:
    """The (article_id, claim_id) of the claims holding ``text``, as a subquery; None if ``text`` has
    no word to look for."""
    if store.dialect == "sqlite":
        expression = fts5_query(text)
        if expression is None:
            return None
        fts = _CLAIMS_FTS
        return (
            select(fts.c.article_id, fts.c.claim_id)
            .where(literal_column(schema.SQLITE_CLAIMS_FTS).op("MATCH")(expression))
            .subquery("matched")
        )
    query = func.websearch_to_tsquery(literal_column("'english'"), text)
    return (
        select(claims.c.article_id, claims.c.claim_id)
        .where(literal_column(schema.PG_CLAIM_DOCUMENT).op("@@")(query))
        .subquery("matched")
    )


def _search_sqlite(store: Store, text: str, limit: int) -> list[SearchHit]:
    expression = fts5_query(text)
    if expression is None:
        return []
    fts_articles: ColumnElement[Any] = literal_column(schema.SQLITE_ARTICLES_FTS)
    article_hits = (
        select(
            *ARTICLE_COLUMNS,
            literal("article").label("kind"),
            func.snippet(fts_articles, -1, "[", "]", "…", _SNIPPET_WORDS).label("snippet"),
            (-func.bm25(fts_articles)).label("rank"),
        )
        .select_from(_ARTICLES_FTS)
        .join(articles, articles.c.article_id == _ARTICLES_FTS.c.article_id)
        .where(fts_articles.op("MATCH")(expression), articles.c.current)
        .order_by(func.bm25(fts_articles))
        .limit(limit)
    )
    fts_claims: ColumnElement[Any] = literal_column(schema.SQLITE_CLAIMS_FTS)
    claim_hits = (
        select(
            *ARTICLE_COLUMNS,
            literal("claim").label("kind"),
            _CLAIMS_FTS.c.claim_id,
            func.snippet(fts_claims, 2, "[", "]", "…", _SNIPPET_WORDS).label("snippet"),
            (-func.bm25(fts_claims)).label("rank"),
        )
        .select_from(_CLAIMS_FTS)
        .join(articles, articles.c.article_id == _CLAIMS_FTS.c.article_id)
        .where(fts_claims.op("MATCH")(expression), articles.c.current)
        .order_by(func.bm25(fts_claims))
        .limit(limit)
    )
    return [SearchHit(**row) for query in (article_hits, claim_hits) for row in read_rows(store, query)]


def _search_postgresql(store: Store, text: str, limit: int) -> list[SearchHit]:
    tsquery = func.websearch_to_tsquery(literal_column("'english'"), text)
    document: ColumnElement[Any] = literal_column(schema.PG_ARTICLE_DOCUMENT)
    options = f"StartSel=[, StopSel=], MaxWords={_SNIPPET_WORDS}, MinWords=6, MaxFragments=1"
    best_articles = (
        select(articles.c.article_id, func.ts_rank(document, tsquery).label("rank"))
        .where(document.op("@@")(tsquery), articles.c.current)
        .order_by(literal_column("rank").desc())
        .limit(limit)
        .subquery("best")
    )
    article_hits = select(
        *ARTICLE_COLUMNS,
        literal("article").label("kind"),
        func.ts_headline(
            literal_column("'english'"),
            func.coalesce(articles.c.title, "") + " " + articles.c.text,
            tsquery,
            options,
        ).label("snippet"),
        best_articles.c.rank,
    ).join(best_articles, best_articles.c.article_id == articles.c.article_id)
    claim_document: ColumnElement[Any] = literal_column(schema.PG_CLAIM_DOCUMENT)
    best_claims = (
        select(claims.c.article_id, claims.c.claim_id, func.ts_rank(claim_document, tsquery).label("rank"))
        .join(articles, articles.c.article_id == claims.c.article_id)
        .where(claim_document.op("@@")(tsquery), articles.c.current)
        .order_by(literal_column("rank").desc())
        .limit(limit)
        .subquery("best")
    )
    claim_hits = (
        select(
            *ARTICLE_COLUMNS,
            literal("claim").label("kind"),
            claims.c.claim_id,
            func.ts_headline(literal_column("'english'"), claims.c.span_text, tsquery, options).label(
                "snippet"
            ),
            best_claims.c.rank,
        )
        .select_from(best_claims)
        .join(
            claims,
            and_(
                claims.c.article_id == best_claims.c.article_id, claims.c.claim_id == best_claims.c.claim_id
            ),
        )
        .join(articles, articles.c.article_id == claims.c.article_id)
    )
    return [SearchHit(**row) for query in (article_hits, claim_hits) for row in read_rows(store, query)]
