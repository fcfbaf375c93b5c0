"""The article text cut at every record boundary, so a template can wrap each piece in its highlights.

Article text is untrusted: it is never turned into HTML here. The text is split at the start and end of
every span the page highlights; each piece keeps the layers (quote, source, claim, event, ...) covering it
and the ids of the records they belong to. The template prints each piece through Jinja's autoescape
inside one ``<mark>`` or ``<span>``, so overlapping records (a claim inside a quote inside a paragraph)
never need nested or crossing tags.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from newsledger.records import Analysis, Attribution, Span

SOURCE_COLOURS = 8  # ledger.css defines .src-0 .. .src-7


@dataclass(frozen=True)
class Layer:
    """One record's claim on a stretch of text: which record, what kind of evidence, extra CSS classes."""

    ref: str
    kind: str
    css: str = ""


@dataclass(frozen=True)
class Piece:
    """A run of text covered by the same layers; plain text when ``layers`` is empty."""

    text: str
    layers: tuple[Layer, ...]

    @property
    def tag(self) -> str:
        """``mark`` for quoted words, the evidence a reader looks for first; ``span`` otherwise."""
        return "mark" if any(layer.kind == "quote" for layer in self.layers) else "span"

    @property
    def classes(self) -> str:
        names: dict[str, None] = {}
        for layer in self.layers:
            names[layer.kind] = None
            if layer.css:
                names[layer.css] = None
        return " ".join(names)

    @property
    def refs(self) -> str:
        """Record ids, innermost (shortest span) first: a click on the words selects the closest record."""
        return " ".join(dict.fromkeys(layer.ref for layer in self.layers))


def source_key(attribution: Attribution) -> str:
    """What makes two attributions the same source: the resolved entity, else the words."""
    if attribution.source_entity:
        return attribution.source_entity
    if attribution.source_name:
        return attribution.source_name.casefold()
    if attribution.source:
        return attribution.source.text.casefold()
    return f"unsourced:{attribution.id}"


def source_colours(analysis: Analysis) -> dict[str, int]:
    """A colour index per attribution, shared by every attribution of the same source, in reading order."""
    by_source: dict[str, int] = {}
    colours: dict[str, int] = {}
    for attribution in sorted(analysis.attributions, key=lambda a: a.content.start):
        key = source_key(attribution)
        colour = by_source.setdefault(key, len(by_source) % SOURCE_COLOURS)
        colours[attribution.id] = colour
    return colours


def layers_of(analysis: Analysis) -> list[tuple[Span, Layer]]:
    """Every highlighted span of the analysis with its layer."""
    colours = source_colours(analysis)
    found: list[tuple[Span, Layer]] = []
    for a in analysis.attributions:
        colour = f"src-{colours[a.id]}"
        found.extend((fragment, Layer(a.id, "quote", colour)) for fragment in a.content_fragments)
        if a.source:
            found.append((a.source, Layer(a.id, "source", colour)))
        if a.cue:
            found.append((a.cue.span, Layer(a.id, "cue")))
    for c in analysis.claims:
        found.append((c.span, Layer(c.id, "claim", f"status-{c.status}")))
        found.extend((cue, Layer(c.id, "status-cue")) for cue in c.status_cues)
    for event in analysis.events:
        found.extend((telling.trigger, Layer(event.id, "event")) for telling in event.tellings)
    found.extend((q.span, Layer(q.id, "figure")) for q in analysis.quantities)
    found.extend((t.span, Layer(t.id, "time")) for t in analysis.times)
    found.extend((p.span, Layer(p.id, "place")) for p in analysis.places)
    return found


def pieces(text: str, spans: Iterable[tuple[Span, Layer]]) -> list[Piece]:
    """Split ``text`` at every span boundary; each piece lists the layers that cover all of it.

    Spans outside the text or empty are ignored rather than trusted: a stored record from an older
    analysis must not break the page.
    """
    valid = [(span, layer) for span, layer in spans if 0 <= span.start < span.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s, _ in valid), *(s.end for s, _ in valid)})
    starting: dict[int, list[tuple[Span, Layer]]] = {}
    for span, layer in valid:
        starting.setdefault(span.start, []).append((span, layer))
    active: list[tuple[Span, Layer]] = []
    result: list[Piece] = []
    for start, end in pairwise(cuts):
        active = [(s, layer) for s, layer in active if s.end > start]
        active.extend(starting.get(start, []))
        innermost_first = sorted(active, key=lambda item: item[0].end - item[0].start)
        result.append(Piece(text[start:end], tuple(layer for _, layer in innermost_first)))
    return result


def highlighted(analysis: Analysis) -> list[Piece]:
    """The article's text as pieces carrying every record's highlight."""
    return pieces(analysis.article.text, layers_of(analysis))
