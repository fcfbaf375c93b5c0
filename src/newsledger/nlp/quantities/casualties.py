"""What happened to the people a figure counts: killed, injured, missing, detained, displaced, ...

News writes a toll in a handful of syntactic shapes, and each is read off the parse around the number
(or the noun it counts), never off a list of sentences:

- the number is the object of an outcome verb: "killed 12", "killing four civilians", "wounded 47 people";
- the number (or its noun) is the subject of a passive or intransitive outcome word: "25 people were
  killed", "10 died", "2 dead", "47 wounded" (not the subject of an active verb with an object: in
  "12 gunmen killed 3 guards" the 12 did the killing);
- an outcome participle or adjective follows it: "12 people killed", "5 injured", "dozens missing";
- the noun counted is itself an outcome: "12 deaths", "30 casualties", "the bodies of 20 people";
- it is what a toll became: "the death toll rose to 17", "the toll was revised down to 9", "the number of
  dead reached 20";
- it is coordinated with a figure that has an outcome: "killed 12 civilians and 3 soldiers".

``victims`` are the words for who, when the counted noun says it ("civilians", "children"), not "people".
A figure after a subset cue ("including 4 children", "among them 2 women") is part of the toll before it.
All words are data in ``quantities.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "attr", "oprd", "npadvmod"})
FOLLOWING_TAGS = frozenset({"VBN", "JJ", "VBD", "VBG"})
# A toll's figure stands this far up from the number: number -> "to" -> "rose" (or -> "reached").
MAX_TOLL_HOPS = 3
# Outcomes a figure can count both of at once ("killed and wounded"), and what it then counts.
HARM_OUTCOMES = frozenset({"killed", "injured"})
JOINT_OUTCOME = "casualties"
# An aside between an object and its state: "leaving 23 civilians - including nine children - dead".
ASIDE_MARKS = frozenset({"-", "–", "—", ","})
ASIDE_DASHES = frozenset({"-", "–", "—"})
MAX_ASIDE = 12


@dataclass(frozen=True)
class Harm:
    """The outcome of a figure, who the victims were, and whether a subset cue introduces it."""

    outcome: str | None
    victims: str | None
    subset: bool
    cumulative: bool = False
    # the running total covers only a few days ("killed 84 in three days", "since Tuesday"): the days an
    # article may report as its one event when it gives no toll of a single attack
    short_period: bool = False
    # "six of the wounded died": people harmed before who have now died, an addition to the toll
    increment: bool = False


class CasualtyReader:
    """Reads outcomes off the parse with the ``outcomes``, ``toll_nouns`` and ``subset_cues`` lexicons."""

    def __init__(self, lexicon: dict[str, object], things: frozenset[str]) -> None:
        outcomes = lexicon["outcomes"]
        assert isinstance(outcomes, dict)
        self.outcomes: dict[str, str] = {word: name for name, words in outcomes.items() for word in words}
        tolls = lexicon["toll_nouns"]
        assert isinstance(tolls, dict)
        self.tolls: dict[str, str | None] = tolls
        cues = lexicon["subset_cues"]
        assert isinstance(cues, list)
        self.subset_cues = [tuple(cue.split()) for cue in cues]
        generic = lexicon["generic_people"]
        assert isinstance(generic, list)
        self.generic = frozenset(generic)
        self.things = things
        periods = lexicon["period_nouns"]
        prepositions = lexicon["period_prepositions"]
        assert isinstance(periods, list) and isinstance(prepositions, list)
        self.periods = frozenset(periods)
        results = lexicon["result_verbs"]
        assert isinstance(results, list)
        self.result_verbs = frozenset(results)
        self.period_prepositions = frozenset(prepositions)
        short = lexicon["short_periods"]
        assert isinstance(short, list)
        self.short_periods = frozenset(short)

    def read(self, span: Span, number: Token, counted: Token | None) -> Harm:
        """The harm a figure counts: ``number`` is its last number word, ``counted`` the noun it counts."""
        if counted is not None and counted.lemma_.lower() in self.things:
            return Harm(None, None, False)
        if counted is None:
            one_of = self._one_of(number)
            if one_of is not None:
                return one_of
        anchor = counted if counted is not None else number
        outcome = (
            self._outcome(anchor, number) or self._verb_right_before(span) or self._verb_before_source(anchor)
        )
        if outcome is not None and self._killed_and_wounded(anchor, outcome):
            outcome = JOINT_OUTCOME
        subset = self._after_subset_cue(span)
        victims = None
        if (outcome is not None or subset) and counted is not None and not self._generic(counted):
            victims = None if self.outcome_of(counted) else counted.lower_
        period = self._cumulative(anchor) if outcome is not None else None
        return Harm(outcome, victims, subset, period is not None, period is not None and self._short(period))

    def _short(self, period: Token) -> bool:
        """A period word of a few days at most: "days", "48 hours", "the weekend", "since Tuesday"."""
        return period.lemma_.lower() in self.short_periods or period.lower_ in self.short_periods

    def _verb_right_before(self, span: Span) -> str | None:
        """ "…, killing at least 21 civilians, including six children, a local official said": a harm verb
        right before the figure is its own, however the parser hung a long sentence (here it made the
        civilians the subject of "said")."""
        if span.start == 0:
            return None
        before = span.doc[span.start - 1]
        return self.outcome_of(before) if before.tag_ in {"VBG", "VBD"} else None

    def _verb_before_source(self, anchor: Token) -> str | None:
        """ "killing according to the latest toll 44 civilians": with its commas stripped the source set
        between a harm verb and its object takes the object into its phrase; the harm verb right before
        "according" is the figure's (also when the parse makes the figure the source's apposition:
        "killing according to activists 12 people")."""
        if anchor.dep_ == "appos":
            anchor = anchor.head
        source = anchor.head
        if anchor.dep_ != "pobj" or source.lower_ != "to" or source.head.lower_ != "according":
            return None
        according = source.head
        if according.i == 0:
            return None
        verb = anchor.doc[according.i - 1]
        # the tagger may take "killing" before a stripped aside for a noun: its form says the participle
        participle = verb.tag_ in {"VBG", "VBD"} or verb.lower_.endswith(("ing", "ed"))
        return self.outcome_of(verb) if participle else None

    def _killed_and_wounded(self, anchor: Token, outcome: str) -> bool:
        """ "49 fighters were killed and wounded", "killed and wounded 30 people": the figure is the
        argument of two coordinated outcome verbs, neither with an argument of its own besides it, so it
        counts both: casualties, not the dead."""
        verb = anchor.head
        if anchor.dep_ not in SUBJECTS | {"dobj"} or self.outcome_of(verb) != outcome:
            return False
        for other in verb.conjuncts:
            found = self.outcome_of(other)
            if found is None or found == outcome or found not in HARM_OUTCOMES:
                continue
            if anchor.dep_ == "dobj" and other.i > anchor.i:
                continue  # "wounded 30 and six of the wounded died": a later verb shares no object
            # a shared subject hangs from the first verb only: "strikes killed and wounded 30 people"
            roles = SUBJECTS if anchor.dep_ in SUBJECTS else {"dobj"}
            own = [c for c in other.children if c.dep_ in roles and c.i != anchor.i]
            if not own:
                return True
        return False

    def _cumulative(self, anchor: Token) -> Token | None:
        """A running total, not one event's toll: "the conflict has killed more than 300000 people", "a
        war that has killed 100000", "170000 people have been killed since the beginning of the
        conflict", "killed since 2011". Looks at the words from the figure up to its clause's verb, and
        gives the word of the period ("conflict", "2011", "days"; the verb of a "since" clause), so that
        a total over a few days can be told from a war's."""
        participles = [c for c in anchor.children if c.dep_ in {"acl", "relcl"}]
        for participle in participles:
            if (found := self._marks_period(participle)) is not None:
                return found  # "7000 people killed since the resolution"
        token = anchor
        for _ in range(MAX_TOLL_HOPS + 1):
            if (found := self._marks_period(token)) is not None:
                return found
            if token.pos_ in {"VERB", "AUX"}:
                return self._period_of_clause(token, anchor)
            if token.head is token:
                return None
            token = token.head
        return None

    def _period_of_clause(self, verb: Token, anchor: Token) -> Token | None:
        """The period word of the clause of ``verb``, the first verb above the figure ``anchor``."""
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c is not anchor]
        for subject in subjects:
            if self._period(subject):
                return subject
            # "the death toll over the whole weekend was 44"; "attacks in the past 48 hours killed 10"
            found = self._marks_period(subject)
            if found is None:
                found = self._marks_period_below(subject)
            if found is not None:
                return found
        # "killed and millions displaced since the war started", "killed since the revolt began and
        # millions have fled": the period may hang from a coordinated clause
        for other in _coordinated(verb):
            if (found := self._marks_period(other)) is not None:
                return found
        # "150000 people have been killed since the revolt began and nine million have been driven from
        # their homes": the parse may hang the first clause from the second
        found = self._marks_period(verb.head) if verb.dep_ == "ccomp" and verb.head.i > verb.i else None
        if found is not None:
            return found
        # "a war that has killed", "the ongoing war killing at least 3000"
        if verb.dep_ in {"relcl", "acl"} and self._period(verb.head):
            return verb.head
        return None

    def _marks_period(self, token: Token) -> Token | None:
        """The period word of a period phrase or the verb of a "since" clause ("since the conflict
        began") that hangs from ``token``."""
        for child in token.children:
            if (found := self._period_phrase(child)) is not None:
                return found
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == "since" for m in child.children
            ):
                return child
        return None

    def _marks_period_below(self, noun: Token) -> Token | None:
        """The period word of a participle or relative clause of ``noun`` ("attacks that took place in
        the past 48 hours")."""
        for clause in (c for c in noun.children if c.dep_ in {"acl", "relcl"}):
            if (found := self._marks_period(clause)) is not None:
                return found
        return None

    def _period(self, noun: Token) -> bool:
        return noun.lemma_.lower() in self.periods or noun.lower_ in self.periods

    def _period_phrase(self, prep: Token) -> Token | None:
        """ "since 2011", "since the start of the war", "in the six-year conflict", "over five years":
        the word of the period."""
        if prep.dep_ != "prep" or prep.lower_ not in self.period_prepositions:
            return None
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if self._period(obj):
                return obj
            if prep.lower_ == "since":
                return obj  # "since 2011", "since Tuesday": a total over the time since
        return None

    def _one_of(self, number: Token) -> Harm | None:
        """ "one of the dead was a child", "two of the injured were soldiers": a part of the toll, and
        who it was when the clause says it; "six of the wounded died": part of the wounded, and dead."""
        for prep in number.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"of", "among"}:
                continue
            outcome = next((o for o in map(self.outcome_of, prep.children) if o is not None), None)
            if outcome is None:
                continue
            now = self.outcome_of(number.head) if number.dep_ in SUBJECTS else None
            if now is not None and now != outcome:
                # "six of the wounded died later in hospital": what befell them is their verb's, and it
                # adds to the toll of the dead; they are a part of the wounded all the same
                return Harm(now, None, True, increment=True)
            who = [c for c in number.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
            victims = who[0].lower_ if number.dep_ == "nsubj" and who else None
            return Harm(outcome, victims, True)
        return None

    def _generic(self, noun: Token) -> bool:
        return noun.lower_ in self.generic or noun.lemma_.lower() in self.generic

    def outcome_of(self, token: Token) -> str | None:
        """The outcome a word names, by its lemma or its form ("wounded" may be tagged either way)."""
        return self.outcomes.get(token.lemma_.lower()) or self.outcomes.get(token.lower_)

    def _outcome(self, anchor: Token, number: Token) -> str | None:
        own = self.outcome_of(anchor) if anchor is not number else None
        if own is not None:
            return own
        for token in (anchor, number) if anchor is not number else (anchor,):
            found = self._around(token)
            if found is not None:
                return found
        return self._toll(anchor)

    def _around(self, token: Token) -> str | None:
        head = token.head
        # A participle right after the figure is its own: "2 killed 8 injured", "six others injured";
        # headlines without commas otherwise hang the second figure from the first verb.
        after = token.i + 1
        if _active_with_object(head, token):
            return None  # "12 gunmen killed 3 guards": the 12 did the harm
        if token.dep_ == "pobj" and head.lower_ == "between" and head.head.pos_ == "VERB":
            return self.outcome_of(head.head)  # "killed between 10 and 15 soldiers"
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in {"NOUN", "PROPN"}:
            # "the lives of 470000 people injured 1.9 million": the noun of the toll is the figure's own
            found = self.outcome_of(head.head)
            if found is not None:
                return found
        if token.dep_ == "dobj" and _passive_of_pronoun(head):
            return None  # "those killed at least 160 people were injured": "those killed" takes no object
        following = FOLLOWING_TAGS - {"VBG"} if token.dep_ == "dobj" else FOLLOWING_TAGS
        if after < len(token.doc) and token.doc[after].tag_ in following:
            # "killing two people injuring eight": a new clause, not the figure's participle
            found = self.outcome_of(token.doc[after])
            if found is not None:
                return found
        if token.dep_ in OBJECTS and head.pos_ in {"VERB", "AUX", "ADJ"}:
            found = self.outcome_of(head)
            if found is not None:
                return found
        if token.dep_ == "dobj":
            # "leaving 23 civilians dead", "left 40 people injured"
            for child in head.children:
                if child.dep_ in {"oprd", "xcomp", "ccomp", "acomp"} and child.i > token.i:
                    found = self.outcome_of(child)
                    if found is not None:
                        return found
            if head.lemma_.lower() in self.result_verbs:
                # "left 23 civilians and 16 fighters dead": the state after the last of coordinated
                # objects is every one's
                later = token.doc[token.i + 1 : token.i + 2 * MAX_ASIDE]
                groups = [t for t in later if t.dep_ == "conj" and past_aside(t.head, t).i == token.i]
                for obj in (token, *(c for c in token.conjuncts if c.i > token.i), *groups):
                    found = self._after_aside(obj)
                    if found is not None:
                        return found
        if _active_with_object(head, token):
            return None  # "12 gunmen killed 3 guards": the 12 did the harm
        if token.dep_ in SUBJECTS:
            found = self.outcome_of(head)
            if found is not None:
                return found
        for child in token.children:
            if child.dep_ in {"acl", "amod", "relcl"} and child.i > token.i:
                found = self.outcome_of(child)
                if found is not None:
                    return found
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in {"NOUN", "PROPN"}:
            return self.outcome_of(head.head)
        if token.dep_ == "conj" and head.i < token.i and head.pos_ in {"NOUN", "NUM", "PROPN"}:
            return self._around(head) or (self.outcome_of(head) if head.pos_ == "NOUN" else None)
        return None

    def _after_aside(self, token: Token) -> str | None:
        """ "leaving 23 civilians - including nine children - dead": the outcome word right after the
        object, or after an aside set off by dashes or commas that follows it (whatever the parse hung the
        word from), is the object's state."""
        doc = token.doc
        index = token.i + 1
        if index < len(doc) and doc[index].text in ASIDE_MARKS:
            mark = doc[index].text
            end = min(len(doc), index + MAX_ASIDE)
            close = next((j for j in range(index + 1, end) if doc[j].text == mark), None)
            if close is None:
                return None
            index = close + 1
        if index < len(doc) and doc[index].tag_ in {"JJ", "VBN", "RB"}:
            return self.outcome_of(doc[index])
        return None

    def _toll(self, anchor: Token) -> str | None:
        """ "the death toll rose to 17", "the toll reached at least 112 people": the figure hangs from a
        verb (directly or through a preposition) whose subject is a toll word; or "a toll of 17"."""
        token = anchor
        for _ in range(MAX_TOLL_HOPS):
            if token.head is token:
                return None
            token = token.head
            if token.pos_ in {"NOUN", "PROPN"}:
                return self._toll_word(token)
            if token.pos_ in {"VERB", "AUX"}:
                # "the toll rose to 17"; "police revised the toll down to 14"
                tolls = [c for c in token.children if c.dep_ in SUBJECTS or c.dep_ == "dobj"]
                return next((o for o in map(self._toll_word, tolls) if o is not None), None)
        return None

    def _toll_word(self, noun: Token) -> str | None:
        lemma = noun.lemma_.lower()
        if lemma not in self.tolls:
            return None
        for child in noun.children:
            if child.dep_ in {"compound", "amod"}:
                found = self.outcome_of(child)
                if found is not None:
                    return found
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    found = self.outcome_of(obj)
                    if found is not None:
                        return found
        return self.tolls[lemma]

    def _after_subset_cue(self, span: Span) -> bool:
        doc = span.doc
        for cue in self.subset_cues:
            start = span.start - len(cue)
            if start >= 0 and tuple(t.lower_ for t in doc[start : span.start]) == cue:
                return True
        return False


def _passive_of_pronoun(verb: Token) -> bool:
    """ "those killed", "the ones killed": a participle after a pronoun is passive and takes no object."""
    return verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.head.pos_ in {"PRON", "DET"}


def _coordinated(verb: Token) -> list[Token]:
    """The verbs and nouns coordinated with ``verb`` and the participles that hang from them."""
    found = []
    for token in verb.conjuncts:
        found.append(token)
        found.extend(c for c in token.children if c.dep_ in {"acl", "relcl"})
    return found


def _active_with_object(verb: Token, subject: Token) -> bool:
    """ "12 gunmen killed 3 guards": an active verb with an object; its subject did the harm. A bare
    number is no agent: "2 killed 8 injured" is a headline with its commas stripped."""
    if subject.dep_ != "nsubj" or subject.like_num:
        return False
    return any(c.dep_ == "dobj" for c in verb.children)


def past_aside(head: Token, conjunct: Token) -> Token:
    """ "23 civilians - including nine children - and 16 fighters": the parse coordinates the fighters
    with the children of the aside; a dash that closes the aside before "and" gives them back to the
    noun the aside describes."""
    prep = head.head
    closed = any(t.text in ASIDE_DASHES for t in head.doc[head.i + 1 : conjunct.i])
    if closed and head.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.i < prep.i:
        return prep.head
    return head
