"""The human-readable summary of an Analysis (``newsledger extract --format text``), as rich renderables."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.markup import escape
from rich.table import Table

from newsledger.records import Analysis


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
