"""An Analysis as flat rows, one table per record type: the shape the store, Parquet and CSV share.

The records are nested (an attribution holds spans, an event holds tellings); databases and columnar files
want flat rows. This module is the single place that decides the columns, so that the SQL tables
(``store/schema.py``), the Parquet datasets (``newsledger export``, ``newsledger batch``) and the CSV files
agree column for column. Every row carries ``article_id``; spans become ``*_start``/``*_end``/``*_text``
columns; small lists (status cues, quantity ids, instruments) are JSON text, which every target can hold.

``TABLES`` lists each table's columns with a portable kind (text, int, float, bool, date, json); the
targets map kinds to their own types.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from newsledger.records import Analysis, Participant, Span

ColumnKind = Literal["text", "int", "float", "bool", "date", "json"]
Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind
    key: bool = False  # part of the table's primary key (with article_id)


def _span(prefix: str) -> list[Column]:
    return [
        Column(f"{prefix}_start", "int"),
        Column(f"{prefix}_end", "int"),
        Column(f"{prefix}_text", "text"),
    ]


def _participant(prefix: str) -> list[Column]:
    return [Column(f"{prefix}_name", "text"), Column(f"{prefix}_entity", "text"), *_span(prefix)]


ARTICLE_ID = Column("article_id", "text", key=True)

TABLES: dict[str, list[Column]] = {
    "articles": [
        ARTICLE_ID,
        Column("title", "text"),
        Column("published", "date"),
        Column("outlet", "text"),
        Column("url", "text"),
        Column("language", "text"),
        Column("source", "text"),
        Column("schema_version", "text"),
        Column("text", "text"),
    ],
    "entities": [
        ARTICLE_ID,
        Column("entity_id", "text", key=True),
        Column("name", "text"),
        Column("label", "text"),
        Column("mention_count", "int"),
    ],
    "mentions": [
        ARTICLE_ID,
        Column("entity_id", "text", key=True),
        Column("start", "int", key=True),
        Column("end", "int"),
        Column("text", "text"),
    ],
    "times": [
        ARTICLE_ID,
        Column("time_id", "text", key=True),
        *_span("span"),
        Column("type", "text"),
        Column("value", "text"),
        Column("mod", "text"),
        Column("relative", "bool"),
        Column("anchor", "date"),
    ],
    "attributions": [
        ARTICLE_ID,
        Column("attribution_id", "text", key=True),
        *_span("source"),
        Column("source_entity", "text"),
        Column("source_name", "text"),
        Column("source_kind", "text"),
        *_span("cue"),
        Column("cue_lemma", "text"),
        *_span("content"),
        Column("content_fragments", "json"),
        Column("form", "text"),
        Column("time_id", "text"),
        Column("confidence", "float"),
    ],
    "claims": [
        ARTICLE_ID,
        Column("claim_id", "text", key=True),
        *_span("span"),
        Column("attribution_id", "text"),
        Column("status", "text"),
        Column("status_cues", "json"),
        Column("polarity", "text"),
        Column("checkworthiness", "float"),
    ],
    "places": [
        ARTICLE_ID,
        Column("place_id", "text", key=True),
        *_span("span"),
        Column("entity_id", "text"),
        Column("name", "text"),
        Column("kind", "text"),
        Column("country", "text"),
        Column("admin1", "text"),
        Column("lat", "float"),
        Column("lon", "float"),
        Column("geonameid", "int"),
        Column("confidence", "float"),
        Column("form", "text"),
    ],
    "quantities": [
        ARTICLE_ID,
        Column("quantity_id", "text", key=True),
        *_span("span"),
        Column("value", "float"),
        Column("unit", "text"),
        Column("qualifier", "text"),
        Column("low", "float"),
        Column("high", "float"),
        Column("category", "text"),
        Column("outcome", "text"),
        Column("victims", "text"),
        Column("part_of", "text"),
        Column("cumulative", "bool"),
        Column("background", "bool"),
        Column("increment", "bool"),
    ],
    "events": [
        ARTICLE_ID,
        Column("event_id", "text", key=True),
        Column("type", "text"),
        Column("mode", "text"),
        *_participant("actor"),
        *_participant("target"),
        Column("instruments", "json"),
        Column("place_id", "text"),
        Column("time_id", "text"),
        Column("date", "text"),
        Column("quantity_ids", "json"),
        Column("status", "text"),
        Column("confidence", "float"),
    ],
    "tellings": [
        ARTICLE_ID,
        Column("event_id", "text", key=True),
        Column("position", "int", key=True),
        *_span("trigger"),
        Column("attribution_id", "text"),
        Column("source_name", "text"),
        Column("quantity_ids", "json"),
        Column("stance", "text"),
    ],
}


def analysis_rows(analysis: Analysis) -> dict[str, list[Row]]:
    """Every table's rows for one analysis, in ``TABLES`` order; JSON columns already serialized."""
    article = analysis.article
    aid = article.id
    times = {t.id: t for t in analysis.times}
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    rows["articles"].append(
        {
            "article_id": aid,
            "title": article.title,
            "published": article.published,
            "outlet": article.outlet,
            "url": article.url,
            "language": article.language,
            "source": article.source,
            "schema_version": analysis.version,
            "text": article.text,
        }
    )
    for entity in analysis.entities:
        rows["entities"].append(
            {
                "article_id": aid,
                "entity_id": entity.id,
                "name": entity.name,
                "label": entity.label,
                "mention_count": len(entity.mentions),
            }
        )
        rows["mentions"].extend(
            {"article_id": aid, "entity_id": entity.id, "start": m.start, "end": m.end, "text": m.text}
            for m in entity.mentions
        )
    for time in analysis.times:
        rows["times"].append(
            {
                "article_id": aid,
                "time_id": time.id,
                **_span_values("span", time.span),
                "type": time.type,
                "value": time.value,
                "mod": time.mod,
                "relative": time.relative,
                "anchor": time.anchor,
            }
        )
    for a in analysis.attributions:
        rows["attributions"].append(
            {
                "article_id": aid,
                "attribution_id": a.id,
                **_span_values("source", a.source),
                "source_entity": a.source_entity,
                "source_name": a.source_name,
                "source_kind": a.source_kind,
                **_span_values("cue", a.cue.span if a.cue else None),
                "cue_lemma": a.cue.lemma if a.cue else None,
                **_span_values("content", a.content),
                "content_fragments": _json_spans(a.content_fragments),
                "form": a.form,
                "time_id": a.time,
                "confidence": a.confidence,
            }
        )
    for c in analysis.claims:
        rows["claims"].append(
            {
                "article_id": aid,
                "claim_id": c.id,
                **_span_values("span", c.span),
                "attribution_id": c.attribution,
                "status": c.status,
                "status_cues": _json_spans(c.status_cues),
                "polarity": c.polarity,
                "checkworthiness": c.checkworthiness,
            }
        )
    for p in analysis.places:
        rows["places"].append(
            {
                "article_id": aid,
                "place_id": p.id,
                **_span_values("span", p.span),
                "entity_id": p.entity,
                "name": p.name,
                "kind": p.kind,
                "country": p.country,
                "admin1": p.admin1,
                "lat": p.lat,
                "lon": p.lon,
                "geonameid": p.geonameid,
                "confidence": p.confidence,
                "form": p.form,
            }
        )
    for q in analysis.quantities:
        rows["quantities"].append(
            {
                "article_id": aid,
                "quantity_id": q.id,
                **_span_values("span", q.span),
                "value": q.value,
                "unit": q.unit,
                "qualifier": q.qualifier,
                "low": q.low,
                "high": q.high,
                "category": q.category,
                "outcome": q.outcome,
                "victims": q.victims,
                "part_of": q.part_of,
                "cumulative": q.cumulative,
                "background": q.background,
                "increment": q.increment,
            }
        )
    for e in analysis.events:
        date = times[e.date].value if e.date in times else None
        rows["events"].append(
            {
                "article_id": aid,
                "event_id": e.id,
                "type": e.type,
                "mode": e.mode,
                **_participant_values("actor", e.actor),
                **_participant_values("target", e.target),
                "instruments": json.dumps([i.name for i in e.instruments], ensure_ascii=False),
                "place_id": e.place,
                "time_id": e.date,
                "date": date,
                "quantity_ids": json.dumps(e.quantities),
                "status": e.status,
                "confidence": e.confidence,
            }
        )
        rows["tellings"].extend(
            {
                "article_id": aid,
                "event_id": e.id,
                "position": i,
                **_span_values("trigger", t.trigger),
                "attribution_id": t.attribution,
                "source_name": t.source_name,
                "quantity_ids": json.dumps(t.quantities),
                "stance": t.stance,
            }
            for i, t in enumerate(e.tellings)
        )
    return rows


def rows_of_many(analyses: Iterable[Analysis]) -> dict[str, list[Row]]:
    """The rows of several analyses, table by table."""
    merged: dict[str, list[Row]] = {name: [] for name in TABLES}
    for analysis in analyses:
        for name, rows in analysis_rows(analysis).items():
            merged[name].extend(rows)
    return merged


def _span_values(prefix: str, span: Span | None) -> Row:
    return {
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
        f"{prefix}_text": span.text if span else None,
    }


def _participant_values(prefix: str, participant: Participant | None) -> Row:
    return {
        f"{prefix}_name": participant.name if participant else None,
        f"{prefix}_entity": participant.entity if participant else None,
        **_span_values(prefix, participant.span if participant else None),
    }


def _json_spans(spans: list[Span]) -> str:
    return json.dumps([[s.start, s.end] for s in spans])
