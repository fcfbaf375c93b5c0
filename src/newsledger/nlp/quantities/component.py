"""Figures: "at least 120 missiles", "about 90 drones", "up to 3,000 troops", "hundreds of civilians".

The component ``newsledger_quantities`` starts from the model's CARDINAL, MONEY, QUANTITY and PERCENT
entities and from vague counts it misses ("dozens of"), then reads each one with the lexicon
``quantities.json``: the qualifier before the number (which may sit just outside the entity), the
number itself (digits, words, scales such as "1.2bn"), a range ("10 to 15", "between 10 and 15"), and the
thing counted — the noun the number modifies, or the noun after "of". A figure that counts nothing
(the "one" of "one of the largest", "one of the deadliest days") is not kept, unless it is money or a
percentage, or people harmed: :mod:`.casualties` reads what happened to the people a figure counts
("killed 12", "47 wounded", "the toll rose to 17") into ``outcome`` and ``victims``, and a figure after
"including" becomes ``part_of`` the toll before it in its sentence.

Each figure is stored on ``doc._.quantities`` as plain data (Docs cross processes as msgpack);
:func:`quantity_records` turns them into :class:`~newsledger.records.Quantity` records.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.nlp.doc_text import doc_text
from newsledger.nlp.lexicons import load_json
from newsledger.nlp.quantities.casualties import CasualtyReader, Harm, past_aside
from newsledger.nlp.quantities.scope import DocTimes, Scope, ScopeReader
from newsledger.records import Quantity
from newsledger.records import Span as SpanRecord

FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# Words that may stand between a number and the noun it counts: "90 Shahed drones", "4 more people".
BETWEEN = frozenset({"amod", "compound", "nummod", "quantmod", "advmod", "det"})
DIGITS = re.compile(r"^(?P<number>\d+(?:[.,]\d+)*)(?P<scale>[a-z]+)?$", re.IGNORECASE)
RANGE_WORDS = frozenset({"to", "-", "–", "—", "and", "or"})
MAX_QUALIFIER_WORDS = 4
HARMED = frozenset({"people", "casualty"})
PEOPLE_CATEGORIES = HARMED
# The model may take a bare number for a date or a time ("wounding 47", "put the toll at 16").
TIME_LABELS = frozenset({"DATE", "TIME"})
# What writes numbers into one date or code: "09-07-2015", "17/06", "15:14".
NUMBER_JOINERS = frozenset({"-", "/", "–", ":"})
# Qualifiers whose figures add up to a total: "at least 50 fighters and two civilians" is at least 52.
SUMMABLE = frozenset({"exact", "at_least", "more_than"})

if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)


@dataclass(frozen=True)
class Figure:
    """One figure while the pipeline runs: character offsets and the reading of the words."""

    start: int
    end: int
    value: float | None
    unit: str | None
    qualifier: str
    low: float | None
    high: float | None
    category: str | None
    outcome: str | None = None
    victims: str | None = None
    subset: bool = False
    cumulative: bool = False
    background: bool = False
    increment: bool = False
    part_of: int | None = None
    # cumulative over a few days at most: see _with_period_tolls
    short_period: bool = False


@Language.factory("newsledger_quantities", assigns=["doc._.quantities"], requires=["doc.ents", "token.dep"])
def make_quantities_component(nlp: Language, name: str) -> QuantityReader:
    return QuantityReader()


class QuantityReader:
    """Reads the figures of a Doc with the ``quantities.json`` lexicon."""

    def __init__(self) -> None:
        lexicon = load_json("quantities", "quantities.json")
        self.qualifiers: dict[str, str] = lexicon["qualifiers"]
        self.number_words: dict[str, float] = lexicon["number_words"]
        self.scales: dict[str, float] = lexicon["scales"]
        self.vague: dict[str, list[float | None]] = lexicon["vague"]
        self.currencies: dict[str, str] = lexicon["currencies"]
        self.categories = {word: name for name, words in lexicon["categories"].items() for word in words}
        self.casualty_verbs = frozenset(lexicon["casualty_verbs"])
        self.casualty_outcomes = frozenset(lexicon["casualty_outcomes"])
        self.longest_qualifier = max(len(q.split()) for q in self.qualifiers)
        # What a figure of people harmed cannot count: munitions, vehicles, distances, times, ...
        things = {w for name, words in lexicon["categories"].items() if name not in HARMED for w in words}
        self.harm = CasualtyReader(lexicon, frozenset(things))
        self.scope = ScopeReader(lexicon)
        self.times: DocTimes | None = None

    def __call__(self, doc: Doc) -> Doc:
        self.times = DocTimes(doc)  # the Doc's time expressions, indexed once for all its figures
        try:
            read = [(span, self.read(span)) for span in self.candidates(doc)]
        finally:
            self.times = None
        kept = [(span, figure) for span, figure in read if figure is not None]
        totals = self._with_totals(_with_increments(kept))
        doc._.quantities = [asdict(f) for f in _with_period_tolls(_with_parts(totals))]
        return doc

    def _with_totals(self, kept: list[tuple[Span, Figure]]) -> list[tuple[Span, Figure]]:
        """ "killed 15 civilians and 27 fighters", "left 23 civilians - including nine children - and 16
        fighters dead": groups of victims named apart and coordinated under one harm add up to a toll the
        text gives without writing it, 42. The total is a figure of its own, spanning the groups, just
        before them, and each group is part of it; only groups said by who they were count (in "12 people
        and 3 soldiers" the soldiers may be among the people), and only numbers (not "dozens")."""
        anchors = {_anchor(span).i: index for index, (span, _) in enumerate(kept)}
        groups: dict[int, list[int]] = {}
        root_of: dict[int, int] = {}  # "10 soldiers, 5 rebels and 3 civilians": one chain, one total
        for index, (span, figure) in enumerate(kept):
            anchor = _anchor(span)
            if anchor.dep_ != "conj":
                continue
            head = past_aside(anchor.head, anchor)
            first = anchors.get(head.i)
            if first is None or first >= index:
                continue
            first = root_of.get(first, first)
            if self._adds_up(kept[first][1], figure):
                groups.setdefault(first, [first]).append(index)
                root_of[index] = first
        if not groups:
            return kept
        out: list[tuple[Span, Figure]] = []
        position: dict[int, int] = {}
        for index, (span, figure) in enumerate(kept):
            if index in groups:
                out.append(self._total(kept, groups[index]))
            position[index] = len(out)
            out.append((span, figure))
        for members in groups.values():
            total = position[members[0]] - 1
            for member in members:
                span, figure = out[position[member]]
                out[position[member]] = (span, replace(figure, part_of=total))
        return out

    def _adds_up(self, first: Figure, other: Figure) -> bool:
        """Two figures are groups of one toll: the same harm, exact numbers, victims named, neither a part
        nor an addition."""
        return (
            first.outcome == other.outcome
            and first.outcome in self.casualty_outcomes
            and all(
                f.value is not None
                and f.qualifier in SUMMABLE
                and f.victims is not None
                and not (f.subset or f.increment or f.part_of is not None)
                for f in (first, other)
            )
            and first.victims != other.victims
        )

    def _total(self, kept: list[tuple[Span, Figure]], members: list[int]) -> tuple[Span, Figure]:
        """The figure that adds up the groups ``members`` of ``kept``: from the first to the last."""
        first_span, first = kept[members[0]]
        last_span, last = kept[members[-1]]
        parts = [kept[m][1] for m in members]
        value = sum(p.value or 0.0 for p in parts)
        bounded = [p for p in parts if p.qualifier != "exact"]
        qualifier = "at_least" if bounded else "exact"
        low, high = _bounds(qualifier, value, None, None)
        span = first_span.doc[first_span.start : last_span.end]
        return span, replace(
            first,
            end=last.end,
            value=value,
            unit="people",
            qualifier=qualifier,
            low=low,
            high=high,
            victims=None,
            cumulative=any(p.cumulative for p in parts),
            background=any(p.background for p in parts),
            short_period=all(p.short_period or not p.cumulative for p in parts),
        )

    def _times(self, doc: Doc) -> DocTimes:
        if self.times is None or self.times.doc is not doc:
            self.times = DocTimes(doc)
        return self.times

    def candidates(self, doc: Doc) -> list[Span]:
        """The model's figure entities, plus vague counts ("dozens of", "hundreds of") it left untagged.

        A number inside a time expression the times component read ("5 Sep 2016", "12 June 2016") is no
        figure; one the model swallowed into a DATE or TIME entity that the times component left out
        ("23 November 2016 2 killed", "put the toll at 16 earlier") is a candidate."""
        in_time = self._times(doc).tokens
        spans = [ent for ent in doc.ents if ent.label_ in FIGURE_LABELS and not _inside_time(ent, in_time)]
        covered = {t.i for span in spans for t in span}
        for token in doc:
            if token.i in covered:
                continue
            vague = token.lower_ in self.vague and self._counts_something(token)
            if (
                vague
                or (_bare_number(token, in_time) and self._counts_harm(token))
                or self._year_harmed(token)
            ):
                spans.append(doc[token.i : token.i + 1])
        return _joined_ranges(sorted(spans, key=lambda span: span.start))

    def _year_harmed(self, token: Token) -> bool:
        """ "killed 1300", "1200 were killed": with its comma stripped a four-digit toll looks like a year
        to the model and the times component; the object or passive subject of an outcome verb is a toll,
        since no year is killed."""
        if not (token.is_digit and len(token.text) == 4) or token.dep_ not in {"dobj", "nsubjpass"}:
            return False
        if token.ent_type_ and token.ent_type_ not in TIME_LABELS:
            return False
        return self.harm.outcome_of(token.head) is not None

    def _counts_harm(self, token: Token) -> bool:
        """A number the model tagged as something else ("wounding 47" as a DATE) that counts people harmed."""
        doc = token.doc
        return (
            self.harm.read(
                doc[token.i : token.i + 1], token, _counted_noun(doc[token.i : token.i + 1])
            ).outcome
            is not None
        )

    def read(self, span: Span) -> Figure | None:
        doc = span.doc
        start, skip, qualifier = self._qualifier(span)
        span = self._with_attached_scale(span)
        number_tokens = list(span)[skip:]
        currency = self._currency(span)
        low, high, value, kind = self._numbers(number_tokens)
        if kind is None:
            return None
        if kind in {"range", "vague"}:
            qualifier = kind
        measured = currency is None and span.label_ != "PERCENT"
        counted = _counted_noun(span) if measured else None
        if counted is not None and counted.i in (self._times(doc).tokens or ()):
            counted = None  # "23 November 2016 2 killed": the number hangs from the date
        if counted is not None and _superlative_of(span, counted):
            return None  # "one of the deadliest days" counts no days
        unit = currency or ("percent" if span.label_ == "PERCENT" else None)
        if counted is not None:
            unit = counted.lemma_.lower()
        harm = Harm(None, None, False)
        scope = Scope()
        if measured and number_tokens:
            number = _last_number(number_tokens)
            harm = self.harm.read(span, number, counted)
            if harm.outcome is not None:
                anchor = counted if counted is not None else number
                scope = self.scope.read(span, anchor, number, self._times(doc))
        if unit is None and harm.outcome is not None:
            unit = "people"
        if unit is None:
            return None
        # "£600m." at the end of a sentence: the full stop is not part of the figure.
        end = span.end_char - (len(span[-1].text) - len(span[-1].text.rstrip(".")))
        if counted is not None:
            end = max(end, counted.idx + len(counted.text))
        if currency and start > 0 and doc[start - 1].lower_ in self.currencies:
            start -= 1
        low, high = _bounds(qualifier, value, low, high)
        return Figure(
            start=doc[start].idx,
            end=end,
            value=value,
            unit=unit,
            qualifier=qualifier,
            low=low,
            high=high,
            category="casualty"
            if harm.outcome in self.casualty_outcomes
            else self._category(unit, currency, counted),
            outcome=harm.outcome,
            victims=harm.victims,
            subset=harm.subset,
            cumulative=harm.cumulative or scope.cumulative,
            background=scope.background and not harm.cumulative,
            increment=scope.increment or harm.increment,
            short_period=(harm.short_period or not harm.cumulative)
            and (scope.short_period or not scope.cumulative),
        )

    def _counts_something(self, token: Token) -> bool:
        """A vague count is a figure when it counts a noun ("dozens of") or people harmed ("dozens
        injured", "hundreds were missing")."""
        if _next_is_of(token):
            return True
        return self.harm.read(token.doc[token.i : token.i + 1], token, None).outcome is not None

    def _with_attached_scale(self, span: Span) -> Span:
        """'£600m': the model may leave the 'm' (or 'bn') written against the number out of the entity."""
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and not span[-1].whitespace_ and after.lower_.rstrip(".") in self.scales:
            return doc[span.start : span.end + 1]
        return span

    def _currency(self, span: Span) -> str | None:
        """The currency of a money figure, written in it or just before it ("$" + "1.2bn")."""
        before = [span.doc[span.start - 1]] if span.start > 0 else []
        codes = (self.currencies[t.lower_] for t in [*before, *span] if t.lower_ in self.currencies)
        return next(codes, None)

    def _qualifier(self, span: Span) -> tuple[int, int, str]:
        """(first token, qualifier tokens inside the entity, qualifier): "at least" may open the entity
        ("at least four" is one CARDINAL) or stand just before it ("at least" + "120")."""
        doc = span.doc
        for size in range(self.longest_qualifier, 0, -1):
            inside = doc[span.start : span.start + size].text.lower()
            if size < len(span) and inside in self.qualifiers:
                return span.start, size, self.qualifiers[inside]
            if span.start - size >= 0:
                before = doc[span.start - size : span.start].text.lower()
                if before in self.qualifiers and not doc[span.start - size].is_punct:
                    return span.start - size, 0, self.qualifiers[before]
        return span.start, 0, "exact"

    def _numbers(self, tokens: list[Token]) -> tuple[float | None, float | None, float | None, str | None]:
        """(low, high, value, kind) of the number words: kind is exact, range or vague; None if no number."""
        text = " ".join(t.lower_ for t in tokens).removesuffix(" of")
        if text in self.vague:
            low, high = self.vague[text]
            return low, high, None, "vague"
        parts = _split_range(tokens)
        if parts is not None:
            first, second = (self._number(part) for part in parts)
            if first is not None and second is not None:
                if second >= 1000 and first < second / 100:  # "3 to 5 million": the scale belongs to both
                    first *= _scale_of(second)
                return first, second, None, "range"
        number = self._number(tokens)
        return (None, None, number, "exact") if number is not None else (None, None, None, None)

    def _number(self, tokens: list[Token]) -> float | None:
        """The number written by ``tokens``: digits ("3,000", "1.2bn"), words ("twenty-five", "a dozen",
        "two hundred") or both ("1.2 million"); None when there is none."""
        total: float | None = None
        for token in tokens:
            word = token.lower_.rstrip(".")
            match = DIGITS.match(token.text)
            if match:
                number = _decimal(match["number"])
                if number is None:
                    return None
                total = number * self.scales.get((match["scale"] or "").lower(), 1.0)
            elif word in self.scales:
                total = (1.0 if total is None else total) * self.scales[word]
            elif word and all(part in self.number_words for part in word.replace("-", " ").split()):
                number = sum(self.number_words[part] for part in word.replace("-", " ").split())
                total = number if total is None else total + number
        return total

    def _category(self, unit: str, currency: str | None, counted: Token | None) -> str | None:
        if currency:
            return "money"
        if unit == "percent":
            return "percent"
        category = self.categories.get(unit)
        if counted is not None and category == "people" and _governing_lemma(counted) in self.casualty_verbs:
            return "casualty"
        return category


def quantity_records(doc: Doc) -> list[Quantity]:
    """The figures of a processed Doc as records, ids q1, q2, … in text order."""
    text = doc_text(doc)
    figures: list[dict[str, Any]] = doc._.quantities or []
    return [
        Quantity(
            id=f"q{number}",
            span=SpanRecord(start=f["start"], end=f["end"], text=text[f["start"] : f["end"]]),
            value=f["value"],
            unit=f["unit"],
            qualifier=f["qualifier"],
            low=f["low"],
            high=f["high"],
            category=f["category"],
            outcome=f.get("outcome"),
            victims=f.get("victims"),
            part_of=f"q{f['part_of'] + 1}" if f.get("part_of") is not None else None,
            cumulative=bool(f.get("cumulative")),
            background=bool(f.get("background")),
            increment=bool(f.get("increment")),
        )
        for number, f in enumerate(figures, start=1)
    ]


def _with_increments(kept: list[tuple[Span, Figure]]) -> list[tuple[Span, Figure]]:
    """ "killed 42 people and dozens more were wounded": after a figure of another outcome in its
    sentence, "more" says "others", not an addition to a toll; "two more bodies" stays an increment."""
    out = []
    for index, (span, figure) in enumerate(kept):
        if figure.increment:
            sentence = span.sent.start
            for earlier_span, earlier in reversed(kept[:index]):
                if earlier_span.start < sentence:
                    break
                if earlier.outcome is not None:
                    if earlier.outcome != figure.outcome:
                        figure = replace(figure, increment=False)
                    break
        out.append((span, figure))
    return out


def _with_parts(kept: list[tuple[Span, Figure]]) -> list[Figure]:
    """Each figure after a subset cue ("including 4 children") as part of the figure just before it in its
    sentence, with that figure's outcome when it has none of its own. A part is never larger than its
    whole, and it takes no outcome from a figure that has none: in "killed 150000 and drove nine million
    from their homes including 2.6 million refugees" the refugees are part of the nine million, not of
    the dead."""
    figures = [figure for _, figure in kept]
    for index, (span, figure) in enumerate(kept):
        if not figure.subset:
            continue
        sentence = span.sent.start
        for earlier in range(index - 1, -1, -1):
            total_span, total = kept[earlier]
            if total_span.start < sentence:
                break
            if total.subset or (total.outcome is None and total.category not in PEOPLE_CATEGORIES):
                continue  # "including 4 children and 2 women"; "in 3 villages": no whole of people
            if _larger(figure, total):
                break
            outcome = figure.outcome or total.outcome
            figures[index] = replace(
                figure,
                part_of=earlier,
                outcome=outcome,
                category=total.category if total.outcome is not None else figure.category,
                cumulative=figure.cumulative or total.cumulative,
                background=figure.background or total.background,
                short_period=(figure.short_period or not figure.cumulative)
                and (total.short_period or not total.cumulative),
            )
            break
    return figures


def _with_period_tolls(figures: list[Figure]) -> list[Figure]:
    """ "Rebel shelling killed 84 people in Aleppo during the past three days": an article that gives no
    death toll of one attack, only that of a few days (a week at most) of shelling or fighting, reports
    those days as its event, and their toll is the event's, not a running total. A war's, a year's or a
    month's total stays one, and so do a few days' beside the toll of an attack."""
    if any(_event_death_toll(f) for f in figures):
        return figures
    return [
        replace(f, cumulative=False) if f.cumulative and f.short_period and not f.background else f
        for f in figures
    ]


def _event_death_toll(figure: Figure) -> bool:
    """A number of dead in one event: a whole toll, neither a total, an earlier toll nor an addition."""
    return (
        figure.outcome == "killed"
        and figure.value is not None
        and figure.part_of is None
        and not (figure.cumulative or figure.background or figure.increment)
    )


def _anchor(span: Span) -> Token:
    """The word a figure hangs in the parse by: the noun it counts, else its last number."""
    counted = _counted_noun(span)
    return counted if counted is not None else _last_number(list(span))


def _larger(part: Figure, whole: Figure) -> bool:
    """The part's least value exceeds the whole's greatest: it cannot be a part of it."""
    least = part.value if part.value is not None else part.low
    most = whole.value if whole.value is not None else whole.high
    return least is not None and most is not None and least > most


def _bare_number(token: Token, in_time: frozenset[int] | None = None) -> bool:
    """A number written alone (digits or a number word), outside any entity or in a DATE or TIME entity
    but outside the time expression the times component read in it (``in_time``; without it, a
    one-word DATE or TIME)."""
    if not token.like_num or (token.ent_type_ and token.ent_type_ not in TIME_LABELS):
        return False
    if in_time is not None:
        # "09-07-2015": a number written against others is a date or a code, even if no time was read
        if token.i in in_time or (token.ent_type_ and not _stands_apart(token)):
            return False
    elif token.ent_type_ in TIME_LABELS and (
        token.ent_iob_ != "B" or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].ent_iob_ == "I")
    ):
        return False
    return not (token.is_digit and len(token.text) == 4)


def _joined_ranges(spans: list[Span]) -> list[Span]:
    """ "10 to 15 people", "10-15 people": the model may tag only one side of a range, or each side
    apart; the range is one figure. Not "from 10 to 15" (a change) nor "10 and 15" without "between"."""
    joined: list[Span] = []
    skip_until = -1
    for span in spans:
        if span.start < skip_until:
            continue
        doc = span.doc
        word = doc[span.end] if span.end < len(doc) else None
        other = doc[span.end + 1] if span.end + 1 < len(doc) else None
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        between = before == "between" or span[0].lower_ == "between"
        if (
            word is not None
            and other is not None
            and _single_number(span[-1])
            and _single_number(other)
            and word.lower_ in RANGE_WORDS
            and (word.lower_ not in {"and", "or"} or between)
            and before != "from"
        ):
            joined.append(doc[span.start : span.end + 2])
            skip_until = span.end + 2
            continue
        joined.append(span)
    return joined


def _single_number(token: Token) -> bool:
    """A number word or digits that write one number (not a version such as "3.817.69")."""
    match = DIGITS.match(token.text)
    return token.like_num and (match is None or _decimal(match["number"]) is not None)


def _inside_time(span: Span, in_time: frozenset[int] | None) -> bool:
    """Every number of the span is a word of a time expression ("5 Sep 2016" taken for a CARDINAL)."""
    numbers = [t for t in span if t.like_num]
    return in_time is not None and bool(numbers) and all(t.i in in_time for t in numbers)


def _stands_apart(token: Token) -> bool:
    """Not written against a hyphen, slash, colon or another number: "2016 2 killed", "wounding 47,";
    not "09-07-2015"."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    joined_before = before is not None and not before.whitespace_ and _joins(before)
    joined_after = after is not None and not token.whitespace_ and _joins(after)
    return not (joined_before or joined_after)


def _joins(token: Token) -> bool:
    return token.text in NUMBER_JOINERS or token.like_num


def _last_number(tokens: list[Token]) -> Token:
    numbers = [t for t in tokens if t.like_num or t.lower_ in {"dozen", "dozens", "hundreds", "thousands"}]
    return numbers[-1] if numbers else tokens[-1]


def _superlative_of(span: Span, counted: Token) -> bool:
    """ "one of the deadliest days": the noun after "of" picked out by a superlative is not counted (but
    "the latest toll 44 civilians" counts the civilians)."""
    after_of = _next_is_of(span[-1])
    return after_of and counted.i >= span.end and any(child.tag_ == "JJS" for child in counted.children)


def _decimal(digits: str) -> float | None:
    """ "3,000" -> 3000, "1.25" -> 1.25; None for what is no single number ("3.817.69", a version)."""
    plain = digits.replace(",", "")
    return float(plain) if plain.count(".") <= 1 else None


def _next_is_of(token: Token) -> bool:
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "of"


def _split_range(tokens: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """ "10 to 15", "10-15", "between 10 and 15" -> the two sides; None when it is not a range."""
    words = [t for t in tokens if t.lower_ != "between"]
    for i, token in enumerate(words[1:-1], start=1):
        if token.lower_ in RANGE_WORDS and words[i - 1].like_num and words[i + 1].like_num:
            return words[:i], words[i + 1 :]
    return None


def _scale_of(number: float) -> float:
    for scale in (1e12, 1e9, 1e6, 1e3):
        if number >= scale:
            return scale
    return 1.0


def _counted_noun(span: Span) -> Token | None:
    """The noun a figure counts: the head its last number modifies, or the object of a following 'of'."""
    doc = span.doc
    numbers = [t for t in span if t.like_num or t.lower_ in {"dozen", "dozens", "hundreds", "thousands"}]
    token = numbers[-1] if numbers else span[-1]
    while span.start <= token.head.i < token.i and token.head.like_num:
        token = token.head  # "between 500 and 1300 people", "10-15 people": the range's first number
    while token.dep_ in BETWEEN and token.head is not token and token.head.i >= token.i:
        token = token.head
        if token.tag_ in NOUN_TAGS and not token.like_num:
            return token
    after = span.end
    if after + 1 < len(doc) and doc[after].lower_ == "of":
        objects = [child for child in doc[after].children if child.dep_ == "pobj" and child.tag_ in NOUN_TAGS]
        if objects:
            return objects[0]
    return None


def _governing_lemma(token: Token) -> str:
    """The verb a counted noun hangs from: "killing four people", "four people were killed"."""
    head = token
    while head.dep_ not in {"ROOT"} and head.pos_ != "VERB" and head.head is not head:
        head = head.head
    if token.dep_ in {"nsubj", "nsubjpass"} or head.pos_ == "VERB":
        return head.lemma_.lower()
    return ""


def _bounds(
    qualifier: str, value: float | None, low: float | None, high: float | None
) -> tuple[float | None, float | None]:
    if qualifier in {"range", "vague"}:
        return low, high
    if qualifier == "exact":
        return value, value
    if qualifier in {"at_least", "more_than"}:
        return value, None
    if qualifier in {"up_to", "at_most", "less_than"}:
        return None, value
    return None, None
