"""The human-readable summary of an Analysis (``newsledger extract --format text``), as rich renderables."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.markup import escape
from rich.table import Table

from newsledger.records import Analysis, SourcingProfile, Span


def summary(analysis: Analysis) -> Iterator[RenderableType]:
    """Header line, entity table and time table for one analysis."""
    article = analysis.article
    facts = [
        f"[bold]{escape(article.title or article.source or article.id)}[/bold]",
        f"{len(article.text.split()):,} words",
    ]
    facts += [
        f"{name} {escape(str(value))}"
        for name, value in (
            ("published", article.published),
            ("outlet", article.outlet),
            ("language", article.language),
        )
        if value
    ]
    yield " · ".join(facts)
    yield entity_table(analysis)
    yield time_table(analysis)
    yield attribution_table(analysis)
    yield claim_table(analysis)
    if analysis.sourcing is not None:
        yield sourcing_table(analysis.sourcing)
    yield quantity_table(analysis)
    yield event_table(analysis)
    yield place_table(analysis)


def entity_table(analysis: Analysis) -> Table:
    table = Table(title=f"Entities ({len(analysis.entities)})", title_justify="left")
    table.add_column("id")
    table.add_column("name")
    table.add_column("label")
    table.add_column("mentions", justify="right")
    table.add_column("written as")
    for entity in analysis.entities:
        written = sorted({m.text for m in entity.mentions} - {entity.name})
        table.add_row(
            entity.id,
            escape(entity.name),
            entity.label,
            str(len(entity.mentions)),
            escape(", ".join(written)),
        )
    return table


def time_table(analysis: Analysis) -> Table:
    table = Table(title=f"Times ({len(analysis.times)})", title_justify="left")
    table.add_column("id")
    table.add_column("text")
    table.add_column("type")
    table.add_column("value")
    table.add_column("resolved")
    for time in analysis.times:
        how = f"relative to {time.anchor}" if time.relative and time.anchor else "as written"
        if time.value is None:
            how = "unresolved"
        table.add_row(
            time.id,
            escape(time.span.text),
            time.type,
            escape(time.value or "—") + (f" ({time.mod})" if time.mod else ""),
            how,
        )
    return table


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def attribution_table(analysis: Analysis) -> Table:
    table = Table(title=f"Attributions ({len(analysis.attributions)})", title_justify="left")
    for column in ("id", "source", "kind", "cue", "form", "content"):
        table.add_column(column)
    for a in analysis.attributions:
        source = a.source_name or (a.source.text if a.source else "—")
        table.add_row(
            a.id,
            escape(source),
            a.source_kind,
            escape(a.cue.lemma if a.cue else "—"),
            a.form,
            escape(_clip(a.content.text)),
        )
    return table


def quantity_table(analysis: Analysis) -> Table:
    table = Table(title=f"Figures ({len(analysis.quantities)})", title_justify="left")
    for column in ("id", "text", "value", "unit", "qualifier", "category"):
        table.add_column(column)
    for q in analysis.quantities:
        value = "—"
        if q.value is not None:
            value = f"{q.value:g}"
        elif q.low is not None and q.high is not None:
            value = f"{q.low:g}–{q.high:g}"
        table.add_row(q.id, escape(q.span.text), value, escape(q.unit or "—"), q.qualifier, q.category or "—")
    return table


def claim_table(analysis: Analysis) -> Table:
    """Each claim with its status, the words that decided it (with their offsets) and its check-worthiness."""
    table = Table(title=f"Claims ({len(analysis.claims)})", title_justify="left")
    for column in ("id", "status", "claim", "decided by", "source", "check"):
        table.add_column(column, justify="right" if column == "check" else "left")
    for c in analysis.claims:
        table.add_row(
            c.id,
            c.status + (" (neg.)" if c.polarity == "negative" else ""),
            escape(_clip(c.span.text)),
            escape("; ".join(_cue(cue) for cue in c.status_cues) or "—"),
            c.attribution or "—",
            f"{c.checkworthiness:.2f}",
        )
    return table


def _cue(span: Span) -> str:
    return f"“{span.text}” {span.start}–{span.end}"


def sourcing_table(sourcing: SourcingProfile) -> Table:
    """How the article knows what it says: claims by status, sources by kind, and two shares."""
    table = Table(title="Sourcing profile", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("value")
    table.add_row("claims by status", _counts(sourcing.claims_by_status))
    table.add_row("attributions by source", _counts(sourcing.attributions_by_source_kind))
    table.add_row("on anonymous sources", f"{sourcing.anonymous_share:.0%} of attributed claims")
    table.add_row("unsourced judgement", f"{sourcing.unsourced_judgement_share:.0%} of claims")
    return table


def _counts(counts: dict[str, int]) -> str:
    return " · ".join(f"{name} {count}" for name, count in counts.items() if count) or "—"


def event_table(analysis: Analysis) -> Table:
    """Who did what to whom, when, with which figures, and who says so."""
    times = {t.id: t for t in analysis.times}
    quantities = {q.id: q for q in analysis.quantities}
    places = {p.id: p for p in analysis.places}
    table = Table(title=f"Events ({len(analysis.events)})", title_justify="left")
    for column in ("id", "type", "mode", "actor → target", "date", "place", "figures", "told by", "status"):
        table.add_column(column)
    for event in analysis.events:
        actor = event.actor.name if event.actor else "?"
        target = event.target.name if event.target else "?"
        date = times[event.date].value if event.date in times else None
        place = places[event.place].name if event.place in places else None
        figures = "; ".join(quantities[q].span.text for q in event.quantities if q in quantities)
        sources = sorted({t.source_name for t in event.tellings if t.source_name})
        table.add_row(
            event.id,
            event.type,
            event.mode,
            escape(f"{actor} → {target}"),
            escape(date or "—"),
            escape(place or "—"),
            escape(figures or "—"),
            escape(", ".join(sources) or "—") + f" ({len(event.tellings)} told)",
            event.status or "—",
        )
    return table


def place_table(analysis: Analysis) -> Table:
    table = Table(title=f"Places ({len(analysis.places)})", title_justify="left")
    for column in ("id", "text", "place", "kind", "country", "lat, lon"):
        table.add_column(column)
    for place in analysis.places:
        placed = place.lat is not None and place.lon is not None
        where = f"{place.lat:.2f}, {place.lon:.2f}" if placed else "—"
        table.add_row(
            place.id,
            escape(place.span.text),
            escape(place.name),
            place.kind,
            place.country or "—",
            where,
        )
    return table
