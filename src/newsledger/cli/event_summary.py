"""``newsledger query event``: one cross-article event as lines a reader takes in at a glance, and its
tellings as rows for a table, JSON or CSV."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from newsledger.corpus.tolls import number
from newsledger.store.links import CasualtyFigure, EventView


class TellingRow(BaseModel):
    """One telling as ``query event --tellings`` prints it; ``casualties`` as ``{value, qualifier,
    outcome, victims}``; ``credits`` the other outlet it is credited to (then not an independent source)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    published: date | None
    outlet: str | None
    source_name: str | None
    stance: str | None
    credits: str | None = None
    casualties: list[dict[str, object]] = Field(default_factory=list)
    figures: list[str]
    trigger: str
    article_id: str
    event_id: str


def figure_text(figure: CasualtyFigure) -> str:
    """'at_least 11 people killed' as a reader writes it: 'at least 11 killed (people)'."""
    qualifier = "" if figure.qualifier == "exact" else figure.qualifier.replace("_", " ") + " "
    value = number(figure.value) if figure.value is not None else "?"
    victims = f" ({figure.victims})" if figure.victims else ""
    return f"{qualifier}{value} {figure.outcome or ''}{victims}".strip()


def telling_rows(found: EventView) -> list[TellingRow]:
    return [
        TellingRow(
            published=t.published,
            outlet=t.outlet,
            source_name=t.source_name,
            stance=t.stance,
            credits=t.credits,
            casualties=[
                {"value": c.value, "qualifier": c.qualifier, "outcome": c.outcome, "victims": c.victims}
                for c in t.casualties
            ],
            figures=t.figures,
            trigger=t.trigger,
            article_id=t.article_id,
            event_id=t.event_id,
        )
        for t in found.tellings
    ]


def summary_lines(found: EventView) -> list[str]:
    """Type, place and date; tellings; current toll with who gives it; disagreements; corroborated by;
    disputed by."""
    head = " · ".join(filter(None, [found.type, found.place, found.date]))
    lines = [
        f"event {found.event_id}: {head}",
        f"story {found.story_id}: {len(found.tellings)} tellings in {found.articles} articles",
    ]
    for toll in found.tolls:
        highest = (
            "" if toll.highest == toll.latest else f"; highest {number(toll.highest)} ({toll.highest_by})"
        )
        when = toll.latest_published or "undated"
        lines.append(f"toll: {number(toll.latest)} {toll.outcome} ({toll.latest_by}, {when}){highest}")
    if not found.tolls:
        lines.append("toll: no casualty figure given")
    lines += [f"figures disagree: {d}" for d in found.disagreements]
    outlets = ", ".join(found.corroborated_by) or "none"
    lines.append(f"corroborated by {found.independent_sources} independent sources: {outlets}")
    lines.append("disputed by: " + ("; ".join(found.disputed_by) or "no one"))
    return lines
