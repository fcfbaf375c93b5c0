"""Everything the article page shows, computed from one Analysis: highlighted text, panel rows, chart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from newsledger.records import Analysis, Article, Attribution, Claim, Event, Place, Quantity, TimeRef
from newsledger.store.queries import ArticleVersion
from newsledger.web.charts import BarChart, bar_chart
from newsledger.web.geo import Located, MapView, map_view
from newsledger.web.highlight import Piece, highlighted, source_colours


@dataclass(frozen=True)
class QuoteRow:
    attribution: Attribution
    colour: int
    source: str
    time: TimeRef | None


@dataclass(frozen=True)
class ClaimRow:
    claim: Claim
    source: str | None


@dataclass(frozen=True)
class EventRow:
    event: Event
    place: Place | None
    time: TimeRef | None
    figures: list[Quantity]
    sources: list[str]


@dataclass(frozen=True)
class ArticleView:
    analysis: Analysis
    pieces: list[Piece]
    quotes: list[QuoteRow]
    claims: list[ClaimRow]
    events: list[EventRow]
    times: list[TimeRef]
    places: list[Place]
    charts: list[BarChart]
    map: MapView | None


# How many words of its text stand for an article that has no title.
TITLE_WORDS = 10


@dataclass(frozen=True)
class VersionNote:
    """Where this text stands among the versions of its URL: ``corrected_on`` is set when it replaced an
    earlier text (``earlier``); ``replaced_by`` when a later correction replaced it."""

    version: int
    corrected_on: str | None
    earlier: ArticleVersion | None
    replaced_by: ArticleVersion | None


def version_note(versions: list[ArticleVersion], article_id: str) -> VersionNote | None:
    """The note for one version (None for an article that was never corrected)."""
    own = next((v for v in versions if v.article_id == article_id), None)
    if own is None or len(versions) < 2:
        return None
    earlier = [v for v in versions if v.version < own.version]
    current = next((v for v in versions if v.current), None)
    return VersionNote(
        version=own.version,
        corrected_on=_when(own.first_seen) if earlier else None,
        earlier=earlier[-1] if earlier else None,
        replaced_by=current if current is not None and not own.current else None,
    )


def _when(moment: datetime) -> str:
    """A moment as a reader says it: "Mon 7 Apr 2025, 18:05 UTC"."""
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M} UTC"


def display_title(article: Article) -> str:
    """The article's title, or for an untitled one its first words: a reader recognises those, not an id."""
    if article.title and article.title.strip():
        return article.title.strip()
    words = article.text.split()
    if not words:
        return "Untitled article"
    head = " ".join(words[:TITLE_WORDS])
    return head + ("…" if len(words) > TITLE_WORDS else "")


def source_label(attribution: Attribution) -> str:
    if attribution.source_name:
        return attribution.source_name
    if attribution.source:
        return attribution.source.text
    return "(unnamed source)"


def located_places(places: list[Place]) -> list[Located]:
    """One map point per distinct placed name, counting its mentions."""
    counts = Counter(p.name for p in places if p.lat is not None and p.lon is not None)
    seen: dict[str, Located] = {}
    for p in places:
        if p.lat is None or p.lon is None or p.name in seen:
            continue
        seen[p.name] = Located(p.name, p.lat, p.lon, p.country, counts[p.name])
    return list(seen.values())


def article_view(analysis: Analysis) -> ArticleView:
    colours = source_colours(analysis)
    times = {t.id: t for t in analysis.times}
    places = {p.id: p for p in analysis.places}
    quantities = {q.id: q for q in analysis.quantities}
    attributions = {a.id: a for a in analysis.attributions}
    quotes = [
        QuoteRow(a, colours[a.id], source_label(a), times.get(a.time) if a.time else None)
        for a in sorted(analysis.attributions, key=lambda a: a.content.start)
    ]
    claims = [
        ClaimRow(c, source_label(attributions[c.attribution]) if c.attribution in attributions else None)
        for c in sorted(analysis.claims, key=lambda c: c.span.start)
    ]
    events = [
        EventRow(
            event=e,
            place=places.get(e.place) if e.place else None,
            time=times.get(e.date) if e.date else None,
            figures=[quantities[q] for q in e.quantities if q in quantities],
            sources=list(dict.fromkeys(t.source_name or "the article" for t in e.tellings)),
        )
        for e in sorted(analysis.events, key=lambda e: min(t.trigger.start for t in e.tellings))
    ]
    charts = []
    if analysis.sourcing:
        charts = [
            bar_chart("Claims by status", analysis.sourcing.claims_by_status, "status"),
            bar_chart("Attributions by source", analysis.sourcing.attributions_by_source_kind, "kind"),
        ]
    return ArticleView(
        analysis=analysis,
        pieces=highlighted(analysis),
        quotes=quotes,
        claims=claims,
        events=events,
        times=sorted(analysis.times, key=lambda t: t.span.start),
        places=sorted(analysis.places, key=lambda p: p.span.start),
        charts=charts,
        map=map_view(located_places(analysis.places)),
    )
