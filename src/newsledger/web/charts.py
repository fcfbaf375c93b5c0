"""The sourcing profile as bar geometry; the template draws it as inline SVG (no script, no inline style)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

BAR_HEIGHT = 16
BAR_GAP = 4
LABEL_WIDTH = 150
BAR_WIDTH = 140


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    width: int
    css: str


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per category, scaled to the largest count; zero rows are kept (a zero is news)."""

    title: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH

    @property
    def total_width(self) -> int:
        return self.label_width + self.bar_width + 40


def bar_chart(title: str, counts: Mapping[str, int], css_prefix: str) -> BarChart:
    largest = max(counts.values(), default=0) or 1
    bars = [
        Bar(
            label=label.replace("_", " "),
            count=count,
            y=index * (BAR_HEIGHT + BAR_GAP),
            width=round(BAR_WIDTH * count / largest),
            css=f"{css_prefix}-{label}",
        )
        for index, (label, count) in enumerate(counts.items())
    ]
    return BarChart(title=title, bars=bars, height=max(len(bars) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT))
