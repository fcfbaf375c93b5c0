"""The rows an event's independence is read from: each article's dateline outlet and, for each telling
with an attribution, the other outlet that attribution credits (:mod:`newsledger.corpus.credits`).

Kept apart from :mod:`newsledger.store.links` (which reads the event rows) because it reads two more
tables, the articles' texts and their attributions, for one question only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from newsledger.corpus.credits import Frame, credited_outlet, dateline_outlet
from newsledger.store import schema

TellingKey = tuple[str, str, int]
"""(article_id, event_id, trigger_start) of one telling."""


def _pair(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


def read_credits(
    connection: Any, rows: Iterable[Any], outlets: Mapping[str, str | None]
) -> tuple[dict[TellingKey, str | None], dict[str, str]]:
    """``(telling credits, dateline outlets)``: for each telling row with an attribution, the outlet it
    credits (its article's own, "told Radio Kankan", included; ``None`` when it names none); for each
    article whose dateline names
    another outlet ("(Meridian Press) —" in the Sahel Daily), that outlet."""
    rows = list(rows)
    article_ids = sorted({r.article_id for r in rows})
    if not article_ids:
        return {}, {}
    articles, attributions = schema.articles, schema.attributions
    texts = {
        r.article_id: r.text
        for r in connection.execute(
            select(articles.c.article_id, articles.c.text).where(articles.c.article_id.in_(article_ids))
        )
    }
    query = select(
        attributions.c.article_id,
        attributions.c.attribution_id,
        attributions.c.source_start,
        attributions.c.source_end,
        attributions.c.source_kind,
        attributions.c.source_name,
        attributions.c.cue_start,
        attributions.c.cue_end,
        attributions.c.content_start,
        attributions.c.content_end,
    ).where(attributions.c.article_id.in_(article_ids))
    frames = {
        (r.article_id, r.attribution_id): Frame(
            _pair(r.source_start, r.source_end),
            r.source_kind,
            r.source_name,
            _pair(r.cue_start, r.cue_end),
            _pair(r.content_start, r.content_end),
        )
        for r in connection.execute(query)
    }
    known = {o for o in outlets.values() if o}
    credits: dict[TellingKey, str | None] = {}
    for row in rows:
        frame = frames.get((row.article_id, row.attribution_id)) if row.attribution_id else None
        if frame is not None and row.article_id in texts:
            key = (row.article_id, row.event_id, row.trigger_start)
            credits[key] = credited_outlet(texts[row.article_id], frame, None, known)
    datelines = {
        a: found
        for a, text in texts.items()
        if (found := dateline_outlet(text)) and found.casefold() != (outlets.get(a) or "").casefold()
    }
    return credits, datelines
