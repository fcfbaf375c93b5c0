"""One cross-article event as the ledger shows it: its tellings with their stance and casualty
figures, the independent sources that affirm it, who disputes it, and its current toll.

Kept apart from :mod:`newsledger.store.links` (which reads the tables) so that what an event's summary
says is decided in one place from plain rows: a telling that denies the event never counts as
corroboration, wire copies count once, and the toll is :func:`newsledger.corpus.tolls.tolls`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from newsledger.corpus.credits import article_credit
from newsledger.corpus.disjoint import DisjointSets
from newsledger.corpus.tolls import Figure, GivenFigure, tolls
from newsledger.corpus.wire import independent_sources


class ViewRow(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CasualtyFigure(ViewRow):
    """A figure of people harmed as one telling gives it."""

    value: float | None
    qualifier: str
    outcome: str | None
    victims: str | None
    text: str
    part_of: str | None = None
    """The figure this one is part of ('including six children'): never a toll of its own."""
    aside: bool = False
    """A running total, an increment or an older toll told beside the event: not its toll."""


class EventTelling(ViewRow):
    article_id: str
    event_id: str
    outlet: str | None
    published: date | None
    start: int
    end: int
    trigger: str
    actor: str | None = Field(default=None, description="the actor's canonical name in this article")
    target: str | None = Field(default=None, description="the target's canonical name in this article")
    place: str | None = None
    day: str | None = Field(default=None, description="TIMEX3 value of the day it happened, as told here")
    mode: str | None = None
    source_name: str | None
    stance: str | None = Field(default=None, description="affirms, denies, hedges, reports or retracts")
    credits: str | None = Field(
        default=None,
        description="the other outlet this telling is credited to ('according to Reuters', a dateline's "
        "'(Meridian Press)'): that outlet's telling, not an independent source",
    )
    figures: list[str]
    casualties: list[CasualtyFigure] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def detail(self) -> str:
        """Who → whom · where · when (· mode unless actual), as this telling's article has the event."""
        parts = [f"{self.actor or '?'} → {self.target or '?'}"]
        parts += [value for value in (self.place, self.day) if value]
        if self.mode and self.mode != "actual":
            parts.append(self.mode)
        return " · ".join(parts)


class TollView(ViewRow):
    """The ledger's current toll for one outcome, with who gives it."""

    outcome: str
    latest: float
    latest_by: str
    latest_published: date | None
    highest: float
    highest_by: str
    figures: list[float]
    disagreement: str | None


class EventView(ViewRow):
    event_id: str
    type: str
    story_id: str
    independent_sources: int = Field(description="independent sources (copies once) whose telling affirms")
    articles: int
    place: str | None = None
    date: str | None = None
    corroborated_by: list[str] = Field(
        default_factory=list,
        description="each affirming independent source once: its outlets joined by ' = '",
    )
    disputed_by: list[str] = Field(default_factory=list, description="who denies it, and where")
    tolls: list[TollView] = Field(default_factory=list)
    tellings: list[EventTelling]

    @property
    def figures(self) -> list[str]:
        """Every figure given for the event, once each, in the order of its tellings."""
        return list(dict.fromkeys(f for t in self.tellings for f in t.figures))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def disagreements(self) -> list[str]:
        """Figures that differ across tellings, one line per outcome: "11 / 12 / 15 killed"."""
        return [t.disagreement for t in self.tolls if t.disagreement]

    def toll(self, outcome: str) -> float | None:
        """The current (latest) figure for ``outcome``, if any telling gives one."""
        return next((t.latest for t in self.tolls if t.outcome == outcome), None)


def article_stance(stances: Iterable[str | None]) -> str:
    """One article's stance on an event from its tellings': a denial anywhere in it outweighs the rest
    (the denying side also gives its own account), then affirms, hedges, reports. A telling taken back
    (a correction of the article's earlier version, a withdrawn statement) is no denial: it only decides
    an article that tells nothing else ("retracts")."""
    found = set(stances)
    if found and found <= {"retracts"}:
        return "retracts"
    return next((s for s in ("denies", "affirms", "hedges") if s in found), "reports")


def event_view(
    cross: str,
    type_: str,
    told: list[EventTelling],
    story_id: str,
    outlets: dict[str, str | None],
    copies: list[tuple[str, str]],
    wheres: list[tuple[str | None, str | None]],
    attributed: Mapping[tuple[str, str, int], str | None] | None = None,
    datelines: Mapping[str, str] | None = None,
) -> EventView:
    """The event's summary: affirming independent sources, who disputes it, the current toll.

    ``attributed`` holds, for each telling with an attribution (``(article_id, event_id, start)``), the
    outlet it credits or ``None``; ``datelines`` the other outlet an article's dateline names. An
    article whose lead credits another outlet is that outlet's telling
    (:func:`newsledger.corpus.credits.article_credit`): it joins that outlet's source. An article that
    only reports what an affirming outlet says ("according to Northstar Wire") is shown in that
    outlet's source and adds none."""
    stance_of: dict[str, str] = {
        a: article_stance(t.stance for t in told if t.article_id == a) for a in {t.article_id for t in told}
    }
    affirming = {a for a, s in stance_of.items() if s == "affirms"}
    disputed = [
        f"{t.source_name or 'unnamed source'} ({t.outlet or t.article_id}, {t.published or 'undated'})"
        for t in told
        if t.stance == "denies"
    ]
    credited = _credited(told, set(stance_of), outlets, attributed or {}, datelines or {})
    affirming_outlets = {str(outlets.get(a)).casefold() for a in affirming if outlets.get(a)}
    relaying = {
        a
        for a, s in stance_of.items()
        if s == "reports" and a in credited and credited[a].casefold() in affirming_outlets
    }
    corroborated = source_groups(
        affirming | relaying, outlets, _copies_among(copies, affirming | relaying), credited
    )
    given = [
        GivenFigure(
            Figure(c.value, c.qualifier, c.outcome, c.victims, c.text, c.part_of),
            t.source_name or t.outlet or t.article_id,
            t.published,
            t.stance,
        )
        for t in told
        for c in t.casualties
        if c.value is not None and c.outcome is not None and not c.aside
    ]
    places = [p for p, _ in wheres if p]
    dates = sorted(d for _, d in wheres if d)
    return EventView(
        event_id=cross,
        type=type_,
        story_id=story_id,
        independent_sources=independent_sources(
            {a: outlets.get(a) for a in affirming}, _copies_among(copies, affirming), credited
        ),
        articles=len(stance_of),
        place=max(set(places), key=places.count) if places else None,
        date=dates[0] if dates else None,
        corroborated_by=corroborated,
        disputed_by=list(dict.fromkeys(disputed)),
        tolls=[TollView(**vars(t) | {"figures": list(t.figures)}) for t in tolls(given)],
        tellings=told,
    )


def _credited(
    told: list[EventTelling],
    articles: set[str],
    outlets: Mapping[str, str | None],
    attributed: Mapping[tuple[str, str, int], str | None],
    datelines: Mapping[str, str],
) -> dict[str, str]:
    """``{article_id: outlet}`` for each of ``articles`` that is another outlet's telling."""
    found = {}
    for article in sorted(articles):
        credits = [
            attributed[key]
            for t in told
            if t.article_id == article
            and t.stance not in {"denies", "retracts"}
            and (key := (t.article_id, t.event_id, t.start)) in attributed
        ]
        if (outlet := article_credit(datelines.get(article), outlets.get(article), credits)) is not None:
            found[article] = outlet
    return found


def source_groups(
    articles: set[str],
    outlets: Mapping[str, str | None],
    copies: list[tuple[str, str]],
    credited: Mapping[str, str] | None = None,
) -> list[str]:
    """Each independent source among ``articles`` once, its outlets joined: "Meridian Wire = Harbour
    Gazette = Daily Courier" for a wire story and the papers that ran it (as ``independent_sources``
    counts them: copies join, so do the articles of one outlet, and an article that credits an outlet
    joins that outlet, which is named even when none of its own articles tells the event)."""
    sources: DisjointSets[str] = DisjointSets()
    credited = credited or {}
    for article in sorted(articles):
        sources.add("a:" + article)
        if outlets.get(article):
            sources.union("a:" + article, "o:" + str(outlets[article]).casefold())
        if article in credited:
            sources.union("a:" + article, "o:" + credited[article].casefold())
    for first, second in copies:
        sources.union("a:" + first, "a:" + second)
    groups: dict[str, list[str]] = {}
    for article in sorted(articles):
        names = groups.setdefault(sources.find("a:" + article), [])
        for name in (outlets.get(article) or article, credited.get(article)):
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return sorted((" = ".join(sorted(n, key=str.casefold)) for n in groups.values()), key=str.casefold)


def _copies_among(copies: list[tuple[str, str]], articles: set[str]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in copies if a in articles and b in articles]


def casualty(figure: Any) -> CasualtyFigure:
    return CasualtyFigure(
        value=figure.value,
        qualifier=figure.qualifier or "exact",
        outcome=figure.outcome,
        victims=figure.victims,
        text=figure.text,
        part_of=figure.part_of,
        aside=figure.aside,
    )
