"""Time expressions: find them in a parsed Doc, fit their extent to TimeML, and normalize them.

The component ``newsledger_times`` runs last. It takes the model's DATE and TIME entities and the matches
of the token patterns in ``lexicons/times_patterns.jsonl`` (the small model misses "now", "the weekend",
"each Thursday", "quarterly", ...) and fits each candidate to TimeML extent rules: a candidate that does not
normalize as a whole is split where the model ran two expressions together ("the year ended Sept. 30")
and trimmed of words outside the expression ("barely a month", "d'etat last year"); a weekday before a
full date stands alone ("Thursday", "Jan. 6"); a clock time or part of day joins its day ("9 a.m. Tuesday",
"Tuesday nights"); modifiers before it join ("Earlier yesterday"). What does not normalize is not a time
expression ("6-year-old", "80486", "may" the modal) and is dropped.

Each kept span goes to ``doc.spans["times"]`` with its :class:`~newsledger.nlp.timex.Timex` on
``span._.timex``. Values are resolved against ``doc._.published`` using the tense of the governing verb
(a bare "Friday" in "said Friday" is the last one, in "will meet Friday" the next) and, for "that day" or
"a year earlier" in an earnings report, the date mentioned just before in the same paragraph.
:func:`time_refs` turns the spans into :class:`~newsledger.records.TimeRef` records.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date, datetime

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsledger.nlp.run_matcher import RunMatcher
from newsledger.nlp.times.lexicon import times_lexicon, times_patterns
from newsledger.nlp.times.normalize import Tense, Timex, TimexContext, normalize
from newsledger.records import Span as SpanRecord
from newsledger.records import TimeRef

NER_LABELS = frozenset({"DATE", "TIME"})
CALENDAR_VALUE = re.compile(r"^\d{4}(-(Q[1-4]|H[12]|\d\d(-\d\d)?))?$")
DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
MAX_TRIM = 4


def _timex_of(span: Span) -> Timex | None:
    attrs = span._.timex_attrs
    return Timex(**attrs) if attrs else None


if not Span.has_extension("timex_attrs"):
    # A plain dict, so that Docs still serialize (nlp.pipe with n_process, DocBin); read it as span._.timex.
    Span.set_extension("timex_attrs", default=None)
if not Span.has_extension("timex"):
    Span.set_extension("timex", getter=_timex_of)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


@Language.factory(
    "newsledger_times",
    default_config={"spans_key": "times", "use_ner": True, "use_dateparser": True},
    assigns=["doc.spans", "span._.timex_attrs"],
    requires=["doc.ents", "token.dep", "token.tag"],
)
def make_time_component(nlp: Language, name: str, spans_key: str, use_ner: bool,
                        use_dateparser: bool) -> TimeTagger:
    return TimeTagger(nlp, name, spans_key=spans_key, use_ner=use_ner, use_dateparser=use_dateparser)


class TimeTagger:
    """Finds and normalizes time expressions; see the module docstring for the steps.

    ``use_ner`` takes the model's DATE/TIME entities as candidates (off: patterns only);
    ``use_dateparser`` lets dateparser try, with a cache, the few entities our rules cannot read.
    The Matcher is built here, once, from the packaged patterns: the component needs no training, so the
    pipeline works without ``nlp.initialize()``.
    """

    def __init__(self, nlp: Language, name: str = "newsledger_times", *, spans_key: str = "times",
                 use_ner: bool = True, use_dateparser: bool = True) -> None:
        self.name = name
        self.spans_key = spans_key
        self.use_ner = use_ner
        self.use_dateparser = use_dateparser
        self.matcher = Matcher(nlp.vocab)
        for entry in times_patterns():
            self.matcher.add(entry["label"], [entry["pattern"]])
        # The same matches as ``self.matcher(doc)``, looking only where a pattern's words are.
        self.match = RunMatcher(nlp.vocab, self.matcher, [entry["pattern"] for entry in times_patterns()])

    def __call__(self, doc: Doc) -> Doc:
        anchor: date | None = doc._.published
        spans = self.find(doc, anchor)
        doc.spans[self.spans_key] = self.annotate(spans, anchor)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    # --- finding -------------------------------------------------------------------------------------------

    def find(self, doc: Doc, anchor: date | None) -> list[Span]:
        """Candidate spans fitted to TimeML extents, without overlaps, in text order."""
        context = TimexContext(anchor=anchor)
        candidates: list[Span] = []
        if self.use_ner:
            candidates.extend(ent for ent in doc.ents if ent.label_ in NER_LABELS)
        candidates.extend(doc[start:end] for _, start, end in self.match(doc))
        fitted = [part for span in candidates for part in self._fit(span, context)]
        spans = [extend_left(span, context) for span in join_adjacent(filter_spans(fitted), context)]
        return [span for span in filter_spans(spans) if not is_false_alarm(span)]

    def _fit(self, candidate: Span, context: TimexContext) -> list[Span]:
        """:func:`fit`, or for an entity our rules cannot read at all, the entity if dateparser can."""
        fitted = fit(candidate, context)
        if fitted or candidate.label_ not in NER_LABELS or self._fallback(candidate, context.anchor) is None:
            return fitted
        return [candidate]

    # --- normalizing ---------------------------------------------------------------------------------------

    def annotate(self, spans: list[Span], anchor: date | None) -> list[Span]:
        """Normalize each span in text order, each knowing the calendar value and quarter named before it.

        An offset ("a year earlier", "two days later") points away from the reference; it does not move it.
        """
        future_verbs = times_lexicon().future_verbs
        offset_words = {word for phrase in times_lexicon().ago_words for word in phrase.split()}
        kept: list[Span] = []
        reference: str | None = None
        quarter: str | None = None
        for span in spans:
            context = TimexContext(anchor=anchor, tense=governing_tense(span, future_verbs),
                                   reference=reference, quarter=quarter)
            timex = normalize(span.text, context) or self._fallback(span, anchor)
            if timex is None:
                continue
            span._.timex_attrs = asdict(timex)
            kept.append(span)
            if timex.value and CALENDAR_VALUE.match(timex.value) and not offset_words & _lower_words(span):
                reference = timex.value
                quarter = timex.value if QUARTER_VALUE.match(timex.value) else quarter
        align_weekdays(kept)
        return kept

    def _fallback(self, span: Span, anchor: date | None) -> Timex | None:
        """dateparser, for a model entity with a month or weekday name and a number that our rules cannot
        read; never for a bare number, which dateparser would happily turn into a year or a day."""
        if not self.use_dateparser or span.label_ not in NER_LABELS or anchor is None:
            return None
        lexicon = times_lexicon()
        words = _lower_words(span)
        if not re.search(r"\d", span.text) or not words & (set(lexicon.months) | set(lexicon.weekdays)):
            return None
        value = dateparser_value(span.text, anchor)
        return Timex("DATE", value, relative=True) if value else None


def _lower_words(span: Span) -> set[str]:
    return {word for token in span for word in token.lower_.split("-")}


# --- extents --------------------------------------------------------------------------------------


def parses(span: Span, context: TimexContext) -> bool:
    return bool(span.text.strip()) and normalize(span.text, context) is not None


def fit(span: Span, context: TimexContext) -> list[Span]:
    """The time expressions inside a candidate: itself, its parts around a split word, or it trimmed."""
    if parses(span, context):
        return split_weekday(span, context)
    for index, token in enumerate(span):
        # Where the model runs two expressions into one: "the year ended Sept. 30", "1985 and 1987".
        if 0 < index < len(span) - 1 and token.lower_ in times_lexicon().split_words:
            parts = fit(span[:index], context) + fit(span[index + 1:], context)
            if parts:
                return parts
    for trim_left in range(min(MAX_TRIM, len(span))):
        for trim_right in range(min(MAX_TRIM, len(span) - trim_left)):
            if trim_left == trim_right == 0 or any(t.like_num for t in span[len(span) - trim_right:]):
                continue  # "the past three" is not "the past"
            part = span[trim_left:len(span) - trim_right]
            if len(part) and parses(part, context):
                return [part]
    return []


def split_weekday(span: Span, context: TimexContext) -> list[Span]:
    """TimeML tags "Thursday, Jan. 6" as two expressions: the weekday and the date."""
    lexicon = times_lexicon()
    if len(span) > 2 and span[0].lower_ in lexicon.weekdays and span[1].text == ",":
        rest = span[2:]
        if any(token.lower_.rstrip(".") in lexicon.months for token in rest) and parses(rest, context):
            return [span[:1], rest]
    return [span]


def join_adjacent(spans: list[Span], context: TimexContext) -> list[Span]:
    """Join a clock time or part of day to the day next to it: "9 a.m." + "Tuesday", "Tuesday" + "nights"."""
    joined: list[Span] = []
    for span in spans:
        if joined and _joinable(joined[-1], span, context):
            joined[-1] = span.doc[joined[-1].start:span.end]
        else:
            joined.append(span)
    return joined


def _joinable(left: Span, right: Span, context: TimexContext) -> bool:
    """Touching spans join when together they still read as one expression ("the corresponding period"
    + "last year"); across a comma only into a clock time ("5 p.m. EST, Nov. 6"), across "or" only into a
    duration ("weeks or months")."""
    gap = left.doc[left.end:right.start].text.strip()
    if gap not in ("", ",", "or"):
        return False
    if gap == "," and len(left) == 1 and left[0].lower_ in times_lexicon().weekdays:
        return False
    merged = normalize(left.doc[left.start:right.end].text, context)
    if merged is None:
        return False
    return gap == "" or merged.type == ("DURATION" if gap == "or" else "TIME")


def extend_left(span: Span, context: TimexContext) -> Span:
    """Take in a modifier just before the span when TimeML counts it in: "Earlier" yesterday, "each" July."""
    lexicon = times_lexicon()
    heads = set(lexicon.mod_prefixes) | set(lexicon.numeric_mod_prefixes) | lexicon.set_quantifiers
    for width in (3, 2, 1):
        start = span.start - width
        if start < 0:
            continue
        words = " ".join(token.lower_ for token in span.doc[start:span.start])
        if words in heads and words not in ("a", "an", "the") and parses(span.doc[start:span.end], context):
            return span.doc[start:span.end]
    return span


def is_false_alarm(span: Span) -> bool:
    """Ages ("37 years old"), modal "may" and "march" the verb, "shortly" or "soon" that only measure
    the gap of a "before"/"after" ("shortly before noon", "soon after the strike": no future reference),
    and other look-alikes."""
    lexicon = times_lexicon()
    following = [token.lower_ for token in span.doc[span.end:span.end + 2]]
    if following and (following[0] in lexicon.non_time_followers or following[:2] == ["-", "old"]):
        return True
    if len(span) == 1 and span[0].lower_ in lexicon.relation_adverbs and following[:1] and (
        following[0] in lexicon.relation_words
    ):
        return True
    if len(span) == 1 and span[0].lower_ in lexicon.months and span[0].pos_ not in ("PROPN", "NOUN"):
        return True
    if len(span) == 1 and span[0].lower_ in lexicon.set_adverbs and span[0].dep_ in ("amod", "compound"):
        return True  # "quarterly dividend", "daily flights": a kind of thing, not a recurring time
    return len(span) == 1 and span[0].lower_ in lexicon.parts_of_day


# --- tense ----------------------------------------------------------------------------------------


def governing_tense(span: Span, future_verbs: frozenset[str]) -> Tense | None:
    """The tense of the verb the expression hangs from, climbing the parse from the span's root."""
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return verb_tense(token, future_verbs)
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Token, future_verbs: frozenset[str], depth: int = 0) -> Tense | None:
    """PAST, PRESENT or FUTURE from the verb's tag and auxiliaries; "expected to meet" is FUTURE."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    scheduled = verb.lemma_ in future_verbs and verb.tag_ == "VBN" and not _is_past(verb) and any(
        child.dep_ == "auxpass" for child in auxiliaries)
    if words & times_lexicon().future_auxiliaries or scheduled:
        return "FUTURE"  # "will meet", "is scheduled for Tuesday"
    if words & times_lexicon().modal_auxiliaries:
        # Modals speak of what may happen, often soon, sometimes of what was planned: the nearest day.
        return "PRESENT"
    if verb.tag_ == "VB" and "to" in words and verb.head is not verb and depth < 2:
        head = verb.head
        if head.lemma_ in future_verbs:
            # "is expected to meet Friday" looks ahead; "planned to leave Thursday" ahead of its own past.
            return "PRESENT" if _is_past(head) else "FUTURE"
        return verb_tense(head, future_verbs, depth + 1) if head.pos_ in ("VERB", "AUX") else None
    if _is_past(verb):
        return "PAST"
    if verb.tag_ == "VBN":
        # Present perfect ("has extended the offer until Tuesday") joins past and present: no preference.
        return "PAST" if not auxiliaries else "PRESENT"
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "PRESENT"
    return None


def _is_past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(child.tag_ == "VBD" and child.dep_ in ("aux", "auxpass")
                                     for child in verb.children)


# --- after normalizing ----------------------------------------------------------------------------


def align_weekdays(spans: list[Span]) -> None:
    """A weekday written just before the full date it names ("Thursday, Jan. 6") takes that date."""
    for weekday, following in itertools.pairwise(spans):
        gap = weekday.doc[weekday.end:following.start]
        if len(weekday) != 1 or weekday[0].lower_ not in times_lexicon().weekdays or len(gap) > 1:
            continue
        value = following._.timex.value if following._.timex else None
        if value and DAY_VALUE.match(value):
            day = date.fromisoformat(value)
            if day.isoweekday() == times_lexicon().weekdays[weekday[0].lower_]:
                weekday._.timex_attrs = asdict(Timex("DATE", value, relative=following._.timex.relative))


@functools.lru_cache(maxsize=4096)
def dateparser_value(text: str, anchor: date) -> str | None:
    """dateparser's reading of one span, at the granularity it reports; slow, so cached and used last."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
                "PREFER_DATES_FROM": "past", "STRICT_PARSING": False}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    formats = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}
    return formats.get(str(data.period), day.isoformat())


# --- records --------------------------------------------------------------------------------------


def time_refs(doc: Doc, spans_key: str = "times") -> list[TimeRef]:
    """The Doc's time expressions as records, ids ``t1``, ``t2``, ... in text order."""
    anchor: date | None = doc._.published
    spans = sorted(doc.spans[spans_key], key=lambda span: span.start_char) if spans_key in doc.spans else []
    records = []
    for number, span in enumerate(spans, start=1):
        timex: Timex = span._.timex
        records.append(TimeRef(
            id=f"t{number}",
            span=SpanRecord(start=span.start_char, end=span.end_char, text=span.text),
            type=timex.type,
            value=timex.value,
            mod=timex.mod,
            relative=timex.relative,
            anchor=anchor if timex.relative else None,
        ))
    return records
