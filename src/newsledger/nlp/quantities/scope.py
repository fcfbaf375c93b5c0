"""Which stretch of time and which event a toll covers: this article's event, a period, or another event.

A news article about one attack gives other tolls too: the war's ("more than 300000 people have been
killed"), a period's ("killed 84 in three days", "so far this year"), an earlier attack's ("a string of
bombings in February left 134 dead", "a massacre on May 25 2012 during which 108 people were killed"), or
the latest additions to a toll ("two more bodies were found"). None of them is the toll of the event the
article reports. The parse and the time expressions of the figure's own clause say which, never the
sentence's words:

- ``cumulative``: the clause carries a period or aggregate scope: a duration ("in 24 hours", "over the
  past three days"), a calendar month or year that has not ended before the article ("this year"), or an
  aggregate cue ("so far", "to date", "in total") from the lexicon. (Period nouns and "since" clauses
  are read by :mod:`.casualties`.)
- ``background``: the clause has a date of its own that ended well before the article was published ("in
  February", "on May 25 2012", "last month"): the toll of an earlier event or period. A relative clause
  also takes the dates of the noun it describes ("an attack last month that killed 30"), an adverbial
  clause those of the clause it hangs from ("bombed the market in February, killing 12"). Without a
  publication date nothing is background.
- ``background`` too: a figure inside another article's
  headline left in the text ("... Sputnik Syrian Airstrikes Kill Over 100 Daesh Fighters in Hama Province
  WASHINGTON (Sputnik) The US-led coalition ..."): words in Title Case on both sides of it, past the
  article's first sentence (where its own headline stands).
- ``increment``: the figure adds to a toll told before ("two more bodies", "another 10 people"): a part
  of the toll, not a toll.

Time expressions come from the times component (``doc.spans["times"]``), which runs first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

CLAUSE_HEADS = frozenset({"VERB", "AUX"})
SHARED_TIME = frozenset({"advcl", "xcomp"})
# A duration that modifies a noun gives the length of an event ("a three-hour battle"), not a period.
EVENT_LENGTH = frozenset({"amod", "compound", "nmod"})
MAX_HOPS = 8
# Another article's headline: this many words at most on each side of a figure, at least this many in all,
# looked for this many tokens away.
HEADLINE_WORDS = 4
HEADLINE_MIN_WORDS = 5
HEADLINE_WINDOW = 10
TIMES_KEY = "times"
DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
MONTH = re.compile(r"^(\d{4})-(\d\d)$")
YEAR = re.compile(r"^(\d{4})$")
# A TIMEX3 duration in hours, days or weeks ("PT24H", "P3D", "PXD" for "a few days", "P1W").
DURATION = re.compile(r"^PT?(?P<count>\d+|X)(?P<unit>[HDW])$")
DURATION_DAYS = {"H": 1 / 24, "D": 1.0, "W": 7.0}
# A period this long at most is a few days of one battle or campaign, not a war's or a year's total.
SHORT_DAYS = 7.0


@dataclass(frozen=True)
class Scope:
    """What a figure covers, besides the event the article reports (all false: that event's toll)."""

    cumulative: bool = False
    background: bool = False
    increment: bool = False
    # the running total covers a few days at most ("in 24 hours", "over the past three days")
    short_period: bool = False


@dataclass(frozen=True)
class Period:
    """The calendar stretch a DATE time expression names, and whether it is coarser than a day."""

    first: date
    last: date
    coarse: bool


class ScopeReader:
    """Reads a figure's scope with the ``aggregate_cues``, ``increment_cues`` and ``news_days`` entries of
    ``quantities.json``."""

    def __init__(self, lexicon: dict[str, object]) -> None:
        cues = lexicon["aggregate_cues"]
        increments = lexicon["increment_cues"]
        days = lexicon["news_days"]
        assert isinstance(cues, list) and isinstance(increments, dict) and isinstance(days, int)
        self.aggregate = frozenset(cues)
        self.increment_before = [tuple(cue.split()) for cue in increments["before"]]
        self.increment_after = frozenset(increments["after"])
        # A date that ended this many days before publication is not the news of the article.
        self.news_days = days

    def read(self, span: Span, anchor: Token, number: Token, times: DocTimes | None = None) -> Scope:
        """The scope of the figure ``span``: ``anchor`` is the noun it counts (or its number),
        ``number`` its last number word; ``times`` the Doc's time expressions, indexed (built here when
        not given: give it when reading many figures of one Doc)."""
        index = times if times is not None and times.doc is span.doc else DocTimes(span.doc)
        increment = self._increment(span, number)
        clause = _clause_head(anchor)
        if clause is None:
            return Scope(increment=increment, background=_other_headline(span))
        if self._aggregate(anchor) or self._aggregate(clause):
            return Scope(cumulative=True, increment=increment)
        short = long = background = news = False
        published: date | None = anchor.doc._.published
        # "In 24 hours of fighting the monitor said 38 were killed": a duration on the verb that reports
        # the figure is the figure's too (a date there is the report's).
        reporting = index.of_clause(clause.head) if clause.dep_ == "ccomp" else []
        for time in reporting:
            timex = time._.timex
            if timex is not None and timex.type == "DURATION" and time.root.dep_ not in EVENT_LENGTH:
                short, long = (True, long) if _short_duration(timex.value) else (short, True)
        found = index.of_clause(clause)
        if clause.dep_ in SHARED_TIME and clause.head.i != clause.i:
            # "struck the market in February, killing 12"; "a massacre on May 25 2012 during which 108
            # were killed": an adverbial clause tells of the time of the clause it hangs from
            found += index.of_clause(clause.head)
        for time in found:
            timex = time._.timex
            if timex is None or (time.start < span.end and span.start < time.end):
                continue  # "killed 1300": the figure itself taken for a year
            if timex.type == "DURATION":
                # "in 24 hours", "over the past three days"; not "a three-hour battle", the event's length
                if time.root.dep_ not in EVENT_LENGTH:
                    short, long = (True, long) if _short_duration(timex.value) else (short, True)
                continue
            period = _period(timex.value) if timex.type == "DATE" and timex.value else None
            if period is None or published is None:
                continue
            if period.last < published - timedelta(days=self.news_days):
                background = True
            elif period.coarse and period.first <= published:
                long = True  # "this year", "this month": a total so far
            else:
                news = True
        cumulative = short or long
        background = background or _other_headline(span)
        if clause.dep_ == "relcl" and not news and published is not None and span.sent.start > 0:
            news = self._dated_noun(clause, index, published)
        if clause.dep_ == "relcl" and not news and published is not None and span.sent.start > 0:
            # "the launch pad for a chemical attack on an Idlib village that left up to a hundred
            # civilians dead": past the lead, a toll told in a relative clause without a day of the news
            # describes the noun it hangs from, an attack the article recalls
            background = True
        return Scope(
            cumulative=cumulative,
            background=background and not cumulative,
            increment=increment,
            short_period=short and not long,
        )

    def _dated_noun(self, clause: Token, index: DocTimes, published: date) -> bool:
        """Another clause of the noun a relative clause describes gives it a day of the news: "the
        massacre committed in Raqqa today where 65 civilians were killed"."""
        for other in clause.head.children:
            if other.dep_ not in {"acl", "relcl"} or other.i == clause.i:
                continue
            for time in index.of_clause(other):
                timex = time._.timex
                period = _period(timex.value) if timex is not None and timex.value else None
                if period is not None and period.last >= published - timedelta(days=self.news_days):
                    return True
        return False

    def _aggregate(self, token: Token) -> bool:
        """ "so far", "to date", "in total", "overall" hang from the figure or its clause's verb."""
        for child in token.children:
            if child.dep_ in {"advmod", "npadvmod", "prep", "amod"}:
                words = " ".join(t.lower_ for t in child.subtree)
                if words in self.aggregate:
                    return True
        return False

    def _increment(self, span: Span, number: Token) -> bool:
        """ "two more bodies", "three more people died", "another 10 people": an addition to a toll."""
        doc = span.doc
        after = number.i + 1
        if after < len(doc) and doc[after].lower_ in self.increment_after:
            return True
        for cue in self.increment_before:
            for start in (span.start - len(cue), span.start):
                if start >= 0 and tuple(t.lower_ for t in doc[start : start + len(cue)]) == cue:
                    return True
        return False


def _other_headline(span: Span) -> bool:
    """The figure stands in another article's headline left in the text: past the first sentence, and
    the words on both sides of it, in its sentence, are in Title Case ("Syrian Airstrikes Kill Over 100
    Daesh Fighters in Hama Province"), short function words aside."""
    sentence = span.sent
    if sentence.start == 0:
        return False
    doc = span.doc
    before = [t for t in doc[max(sentence.start, span.start - HEADLINE_WINDOW) : span.start] if _content(t)]
    after = [t for t in doc[span.end : min(sentence.end, span.end + HEADLINE_WINDOW)] if _content(t)]
    words = before[-HEADLINE_WORDS:] + after[:HEADLINE_WORDS]
    if not before or not after or len(words) < HEADLINE_MIN_WORDS:
        return False
    return all(t.text[0].isupper() for t in words)


def _content(token: Token) -> bool:
    """A word that headline Title Case capitalizes: not punctuation, a number or a short function word."""
    return token.is_alpha and not (token.is_stop and len(token.text) <= 4 and token.text.islower())


def _clause_head(token: Token) -> Token | None:
    """The verb of the clause a figure sits in (the figure's own word when it is a verb)."""
    node = token
    for _ in range(MAX_HOPS):
        if node.pos_ in CLAUSE_HEADS:
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


class DocTimes:
    """A Doc's time expressions indexed once by the clause they belong to, so that reading the scope of
    every figure of a long article stays linear: by the verb whose clause holds them and by every noun
    they hang from before any verb. One that hangs from another time expression only refines it ("04
    Oct 2014 at 1514") and says nothing of its own."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        times = list(doc.spans[TIMES_KEY]) if TIMES_KEY in doc.spans else []
        # every word of a time expression; None when the times component did not run
        self.tokens: frozenset[int] | None = (
            frozenset(i for time in times for i in range(time.start, time.end))
            if TIMES_KEY in doc.spans
            else None
        )
        owner_of = {i: n for n, time in enumerate(times) for i in range(time.start, time.end)}
        self.by_clause: dict[int, list[Span]] = {}
        self.by_noun: dict[int, list[Span]] = {}
        self.by_token: dict[int, Span] = {}
        for n, time in enumerate(times):
            if _refines(time, n, owner_of):
                continue
            for i in range(time.start, time.end):
                self.by_token[i] = time
            head = _clause_head(time.root) if time.root.pos_ not in CLAUSE_HEADS else time.root
            if head is not None:
                self.by_clause.setdefault(head.i, []).append(time)
            for noun in _nouns_above(time.root):
                self.by_noun.setdefault(noun, []).append(time)

    def of_clause(self, clause: Token) -> list[Span]:
        """The time expressions of a clause: those whose words hang from its verb before any other verb,
        and, for a relative or participle clause, those of the noun it describes ("an attack last month
        that killed 30", "on May 25 2012 during which 108 were killed")."""
        found = list(self.by_clause.get(clause.i, []))
        if clause.dep_ in {"relcl", "acl"} and clause.head.i != clause.i:
            owner = clause.head.i
            found += [t for t in self.by_noun.get(owner, []) if t not in found]
            if owner in self.by_token and self.by_token[owner] not in found:
                found.append(self.by_token[owner])
        return found


def _refines(time: Span, index: int, owner_of: dict[int, int]) -> bool:
    """``time`` hangs from a word of another time expression, through prepositions at most."""
    node = time.root.head
    for _ in range(3):
        if owner_of.get(node.i, index) != index:
            return True
        if node.pos_ != "ADP" or node.head.i == node.i:
            return False
        node = node.head
    return False


def _nouns_above(token: Token) -> list[int]:
    """The words ``token`` hangs from, itself included, up to the first verb (which is left out)."""
    found = []
    node = token
    for _ in range(MAX_HOPS):
        if node.pos_ in CLAUSE_HEADS:
            break
        found.append(node.i)
        if node.head.i == node.i:
            break
        node = node.head
    return found


def _short_duration(value: str | None) -> bool:
    """A TIMEX3 duration of a week at most: "PT24H", "P3D", "PXD" ("the past few days"), "P1W"."""
    match = DURATION.match(value or "")
    if match is None:
        return False
    count = 2.0 if match["count"] == "X" else float(match["count"])
    return count * DURATION_DAYS[match["unit"]] <= SHORT_DAYS


def _period(value: str) -> Period | None:
    """The days a TIMEX3 date value covers: a day, a month or a year (weeks and seasons are left out)."""
    if match := DAY.match(value):
        day = _date(int(match[1]), int(match[2]), int(match[3]))
        return Period(day, day, False) if day else None
    if match := MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        first = _date(year, month, 1)
        if first is None:
            return None
        following = date(year + month // 12, month % 12 + 1, 1)
        return Period(first, following - timedelta(days=1), True)
    if match := YEAR.match(value):
        year = int(match[1])
        return Period(date(year, 1, 1), date(year, 12, 31), True) if 1 <= year <= 9999 else None
    return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
