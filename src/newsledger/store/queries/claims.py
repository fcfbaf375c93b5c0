"""Claims by status, the kind of their source, date and words, with their corroboration."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    and_,
    func,
    select,
)

from newsledger.store.ledger import Store
from newsledger.store.links import claim_corroboration
from newsledger.store.queries.common import (
    ARTICLE_COLUMNS,
    articles,
    attributions,
    claims,
    current_between,
    link_fields,
    read_rows,
)
from newsledger.store.queries.search import claims_matching
from newsledger.store.results import (
    ClaimRow,
)


def find_claims(
    store: Store,
    *,
    status: str | None = None,
    source_kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    text: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[ClaimRow]:
    """Claims, newest article first, filtered by status, the kind of their source, date and words."""
    query = (
        select(
            *ARTICLE_COLUMNS,
            claims.c.claim_id,
            claims.c.span_text.label("text"),
            claims.c.span_start.label("start"),
            claims.c.span_end.label("end"),
            claims.c.status,
            claims.c.polarity,
            claims.c.checkworthiness,
            claims.c.attribution_id,
            # the source as the text names it when it is not a resolved entity ("Two Ukrainian
            # officials", "The Israeli military"): a claim's source is never left blank when it has one
            func.coalesce(attributions.c.source_name, attributions.c.source_text).label("source_name"),
            attributions.c.source_kind,
            attributions.c.cue_lemma.label("cue"),
        )
        .select_from(claims)
        .join(articles, articles.c.article_id == claims.c.article_id)
        .outerjoin(
            attributions,
            and_(
                attributions.c.article_id == claims.c.article_id,
                attributions.c.attribution_id == claims.c.attribution_id,
            ),
        )
    )
    if status:
        query = query.where(claims.c.status == status)
    if source_kind:
        query = query.where(attributions.c.source_kind == source_kind)
    if text:
        matched = claims_matching(store, text)
        if matched is None:
            return []
        query = query.where(
            claims.c.article_id == matched.c.article_id, claims.c.claim_id == matched.c.claim_id
        )
    query = current_between(query, since, until).order_by(
        articles.c.published.desc().nulls_last(), articles.c.article_id, claims.c.span_start
    )
    rows = read_rows(store, query.limit(limit).offset(offset))
    linked = claim_corroboration(store, [(row["article_id"], row["claim_id"]) for row in rows])
    return [
        ClaimRow(**row, **link_fields(linked.get((row["article_id"], row["claim_id"])), "claim"))
        for row in rows
    ]
