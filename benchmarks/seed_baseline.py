"""What the stock small model gets on the seed entities, scored by the same rules as ours.

The bare model has no resolution, so its entities are its mentions grouped by exact text and label.
Prints the seed entity figures of both, side by side. Asserts nothing.

    python benchmarks/seed_baseline.py
"""

from __future__ import annotations

from pathlib import Path

from newsledger import analyze
from newsledger.evaluate.seed import SectionScore, load_gold, published_of, score_entities
from newsledger.nlp.pipeline import load_bare_model
from newsledger.records import Entity, Span

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed-article"
NOT_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


def bare_entities(text: str) -> list[Entity]:
    groups: dict[tuple[str, str], list[Span]] = {}
    for ent in load_bare_model()(text).ents:
        if ent.label_ not in NOT_ENTITIES:
            span = Span(start=ent.start_char, end=ent.end_char, text=ent.text)
            groups.setdefault((ent.text, ent.label_), []).append(span)
    return [
        Entity(id=f"e{i}", name=name, label=label, mentions=mentions)
        for i, ((name, label), mentions) in enumerate(groups.items(), start=1)
    ]


def line(who: str, s: SectionScore) -> str:
    return (
        f"{who:28} found {s.found}/{s.gold}, right label {s.correct}, split {len(s.splits)}, "
        f"precision {s.precision:.1%}"
    )


def main() -> None:
    text, gold = load_gold(SEED)
    print(line("stock en_core_web_sm:", score_entities(bare_entities(text), gold["entities"])))
    ours = analyze(text, published=published_of(gold)).entities
    print(line("newsledger:", score_entities(ours, gold["entities"])))


if __name__ == "__main__":
    main()
