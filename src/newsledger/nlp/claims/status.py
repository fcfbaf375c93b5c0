"""Status cues: the words that make a claim confirmed, unconfirmed, denied, retracted, hedged or opinion.

Cues come from five readings of the Doc, all driven by ``lexicons/claim_status.json``:

- the **attribution** a claim rests on: its cue's epistemic weight (from the attribution lexicon) confirms
  or denies, and a negated cue ("did not confirm", "declined to say") leaves the content unconfirmed;
- **status words** read with their syntax: negation ("have not been confirmed", "no confirmation",
  "unable to verify") and what they are about ("the articles were deleted", "rejected the claim");
- **phrases** ("could not be independently verified", "appears to", "reportedly", "purposefully");
- **modals** ("could have been", "may");
- **denial words** describing a claim ("called the report false", "the claims were baseless").

A cue about a pronoun or a definite report noun ("it", "the reports", "the footage") refers back: it
decides the status of the earlier claim it points to — "The reports have not been confirmed officially"
changes the claim the reports made — and its own clause, a statement about a statement, is not a claim.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.claims.lexicon import ClaimLexicon, StatusWord
from newsledger.nlp.claims.units import AUX_DEPS, SUBJECT_DEPS, Said, Unit, Words
from newsledger.nlp.cues import cue_weight
from newsledger.records import ClaimStatus

Reference = Literal["own", "back", "linked"]

NEGATION_DEPS = frozenset({"neg"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "pcomp"})
ABOUT_PREPS = frozenset({"of", "about", "on", "for"})
BARE_NOUN_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "case", "punct"})
MAX_DENIAL_HOPS = 3
MAX_MODAL_REACH = 4
SKIPPABLE_TAGS = frozenset({"RB", "RBR", "RBS"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
SOFT_STATUSES = frozenset({"reported", "hedged"})
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "WEAPON"}
)


@dataclass(frozen=True)
class StatusCue:
    """Cue words ``[start, end)`` (token indices), the status they give, and what they are about.

    ``anchor`` is the word that places the cue in a clause; ``refers`` says whether the cue is about its
    own clause or an earlier claim (``linked``: an earlier claim sharing the lemma ``link``, for "the
    strike" after "struck"). ``about`` is the index of the attribution whose content the cue is about
    ("recanted *her testimony that* …"). ``consumes`` is the word whose negation the cue used, so that
    negation does not also make the claim's polarity negative.
    """

    start: int
    end: int
    status: ClaimStatus
    anchor: int
    refers: Reference = "own"
    link: str | None = None
    consumes: int | None = None
    about: int | None = None


@dataclass
class Decision:
    """A unit's status, the cues that decided it, and the words whose negation a cue used."""

    status: ClaimStatus
    cues: list[StatusCue]
    consumed: set[int] = field(default_factory=set)


# --- reading cues off the Doc ------------------------------------------------------------------------


def phrase_cues(words: Words, lexicon: ClaimLexicon) -> Iterator[StatusCue]:
    """Every lexicon phrase in the text, the longest at each position; adverbs may interrupt it."""
    i = 0
    while i < len(words.lower):
        found = _longest_phrase(words, i, lexicon)
        if found is None:
            i += 1
            continue
        end, status = found
        # The last word places the phrase: 'has yet to confirm' belongs with 'confirm', not 'has'.
        yield StatusCue(i, end, status, anchor=end - 1)
        i = end


def _longest_phrase(words: Words, start: int, lexicon: ClaimLexicon) -> tuple[int, ClaimStatus] | None:
    index = lexicon.phrases_by_first_word
    lower, lemma = words.lower[start], words.lemma[start]
    if (lower not in index and lemma not in index) or words.ent[start] in NAME_LABELS:
        return None  # no phrase starts here; or 'Sleepy Hollow', 'Fake News Ltd': a name, not a judgement
    best: tuple[int, ClaimStatus] | None = None
    for phrase in (*index.get(lower, ()), *index.get(lemma, ())):
        end = _match(words, start, phrase.words)
        if end is not None and (best is None or end > best[0]):
            best = (end, phrase.status)
    return best


def _match(words: Words, start: int, phrase: tuple[str, ...]) -> int | None:
    """End of a match of ``phrase`` from ``start`` (adverbs other than negations may stand between)."""
    i, size = start, len(words.lower)
    for number, word in enumerate(phrase):
        if number:
            while i < size and _skippable(words, i) and not _matches(words, i, word):
                i += 1
        if i >= size or not _matches(words, i, word):
            return None
        i += 1
    return i


def _matches(words: Words, i: int, word: str) -> bool:
    return word == words.lower[i] or word == words.lemma[i]


def _skippable(words: Words, i: int) -> bool:
    return words.tag[i] in SKIPPABLE_TAGS and words.lower[i] not in NEGATIONS


def modal_cues(doc: Doc, words: Words, lexicon: ClaimLexicon) -> Iterator[StatusCue]:
    """Modal hedges ("could have been", "may"), unless the lexicon says their negation is no hedge."""
    for i, tag in enumerate(words.tag):
        if tag != "MD" or words.lower[i] not in lexicon.modals:
            continue
        token = doc[i]
        entry = lexicon.modals[token.lower_]
        negated = _negated(token.head, lexicon)[0] or _next_is_negation(token)
        status = entry.negated if negated else entry.status
        if status is None:
            continue
        head = token.head
        end = head.i + 1 if token.i < head.i <= token.i + MAX_MODAL_REACH else token.i + 1
        yield StatusCue(token.i, end, status, anchor=token.i)


def _next_is_negation(token: Token) -> bool:
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return following is not None and following.lower_ in NEGATIONS


def word_cues(doc: Doc, words: Words, lexicon: ClaimLexicon, anchors: dict[int, int]) -> Iterator[StatusCue]:
    """Status verbs and nouns read with their negation and their target ("the reports", "it").

    ``anchors`` maps attribution cue words to their attribution: those words are read as attributions
    (:func:`attribution_cue`), and a status word whose target is one ("recanted her *testimony* that …")
    is about that attribution's content.
    """
    heads = lexicon.word_heads
    for i, lemma in enumerate(words.lemma):
        if lemma not in heads or i in anchors:
            continue
        token = doc[i]
        entry = _status_word(token, lexicon)
        if entry is None:
            continue
        negated, negators = _negated(token, lexicon)
        status = entry.negated if negated else entry.status
        if status is None:
            continue
        target = _target(token)
        if entry.claim_only and not _about_a_claim(token, target, entry, lexicon):
            continue
        refers, link = reference(target, lexicon, has_clause=_has_clause(token))
        about = _attribution_named(target, anchors)
        start, end = _cue_extent(token, negators)
        yield StatusCue(
            start,
            end,
            status,
            token.i,
            refers if about is None else "back",
            link,
            token.i if negated else None,
            about,
        )


def _attribution_named(target: Token | None, anchors: dict[int, int]) -> int | None:
    """The attribution a noun stands for: 'her *testimony* that …', 'a *story* saying …'."""
    if target is None:
        return None
    if target.i in anchors:
        return anchors[target.i]
    return next((anchors[c.i] for c in target.children if c.dep_ == "acl" and c.i in anchors), None)


def _status_word(token: Token, lexicon: ClaimLexicon) -> StatusWord | None:
    if not (token.tag_.startswith("VB") or token.tag_.startswith("NN")):
        return None
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in {"prt", "advmod"} and child.i == token.i + 1:
            entry = lexicon.words.get(f"{lemma} {child.lower_}")
            if entry is not None:
                return entry
    return lexicon.words.get(lemma)


def _negated(token: Token, lexicon: ClaimLexicon) -> tuple[bool, list[int]]:
    """Whether ``token`` is negated, and the words that negate it (to show them in the cue).

    Negation reaches a status word through its own 'not'/'no', a negative subject ('neither side
    confirmed'), a negating head ('declined to confirm', 'unable to verify', 'without confirmation'), or,
    for a status noun that is a subject, its clause ('verification was not possible').
    """
    for child in token.children:
        if child.dep_ in NEGATION_DEPS or (
            child.dep_ in {"det", "neg", "preconj"} and child.lower_ in lexicon.negative_determiners
        ):
            return True, [child.i]
        if child.dep_ in SUBJECT_DEPS and _negative_subject(child, lexicon):
            return True, []
    head = token.head
    if token.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ in lexicon.negative_determiners for c in head.children
    ):
        return True, [head.i]  # 'neither confirm nor deny'
    if token.dep_ in {"xcomp", "pobj"} and head.i != token.i:
        if head.lemma_.lower() in lexicon.negators:
            return True, [head.i]
        yet = [c.i for c in head.children if c.dep_ == "advmod" and c.lower_ in lexicon.negators]
        if token.dep_ == "xcomp" and yet:
            return True, [head.i, *yet]  # 'has yet to confirm'
        if head.dep_ == "prep" and head.head.lemma_.lower() in lexicon.negators:
            return True, [head.head.i]
        for level in (head, head.head if head.dep_ == "acomp" else head):
            negation = [c.i for c in level.children if c.dep_ in NEGATION_DEPS]
            if negation:
                return True, [level.i, *negation]  # 'was not able to verify', 'has not been able to verify'
    if token.dep_ in SUBJECT_DEPS and token.tag_.startswith("NN"):
        negation = [c.i for c in head.children if c.dep_ in NEGATION_DEPS]
        if negation:
            return True, negation + [c.i for c in head.children if c.dep_ == "acomp"]
    return False, []


def _negative_subject(subject: Token, lexicon: ClaimLexicon) -> bool:
    if subject.lower_ in lexicon.negative_determiners:
        return True
    return any(
        c.dep_ in {"det", "preconj"} and c.lower_ in lexicon.negative_determiners for c in subject.children
    )


def _target(token: Token) -> Token | None:
    """What a status word is about: its passive subject or object, or the object of its 'of'.

    A relative clause without an object of its own is about the noun it hangs from: 'a claim *the
    channel later retracted*'.
    """
    for child in token.children:
        if child.dep_ in OBJECT_DEPS:
            return child
    if token.dep_ == "relcl" and token.head.tag_.startswith("NN"):
        return token.head
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ABOUT_PREPS:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _has_clause(token: Token) -> bool:
    return any(child.dep_ in CLAUSE_DEPS for child in token.children)


def _about_a_claim(token: Token, target: Token | None, entry: StatusWord, lexicon: ClaimLexicon) -> bool:
    """Whether a ``claim_only`` word is about a statement here ('denied *involvement*', 'deleted *the post*').

    A retraction takes back one particular statement, so its object must point to one: 'the post', 'it',
    'a message *it deleted*', 'its statement that …' — not 'deleted warning messages'.
    """
    if _has_clause(token):
        return True
    if not _claim_like(target, lexicon) or target is None:
        return False
    if entry.status != "retracted":
        return True
    target = _resolve_relative(target)
    return token.dep_ == "relcl" or _carries_content(target) or reference(target, lexicon)[0] != "own"


def _claim_like(target: Token | None, lexicon: ClaimLexicon) -> bool:
    """A noun for a statement ('the report', 'claims') or a deed one admits or denies ('involvement'),
    a pronoun, or a verb phrase ('denied *targeting civilians*')."""
    if target is None:
        return False
    target = _resolve_relative(target)
    lemma = target.lemma_.lower()
    return (
        lemma in lexicon.report_nouns
        or lemma in lexicon.deed_nouns
        or target.lower_ in lexicon.back_pronouns
        or target.tag_ in {"VBG", "VB"}
    )


def _resolve_relative(target: Token) -> Token:
    """'which' in 'the post, which was deleted' stands for 'the post'."""
    if target.tag_ in {"WDT", "WP"} and target.head.dep_ == "relcl":
        return target.head.head
    return target


def reference(
    target: Token | None, lexicon: ClaimLexicon, *, has_clause: bool = False
) -> tuple[Reference, str | None]:
    """Whether a cue about ``target`` is about its own clause or refers back to an earlier claim.

    A pronoun or a report noun with a definite determiner and no content of its own ("the reports", "its
    statement") refers back; "reports of an explosion", "claims that …" carry their own content. A bare
    definite noun phrase ("the strike") refers back only to a claim that shares its lemma ("struck").
    """
    if target is None:
        return ("own", None) if has_clause else ("back", None)
    target = _resolve_relative(target)
    if target.lower_ in lexicon.back_pronouns and target.tag_ in {"PRP", "DT", "WDT"}:
        return "back", None
    if not target.tag_.startswith("NN"):
        return "own", None
    determiners = {c.lower_ for c in target.children if c.dep_ in {"det", "poss"}}
    definite = bool(determiners & lexicon.definite_determiners) or any(
        c.dep_ == "poss" for c in target.children
    )
    if not definite or _carries_content(target):
        return "own", None
    if target.lemma_.lower() in lexicon.report_nouns:
        return "back", None
    if all(c.dep_ in BARE_NOUN_DEPS for c in target.children):
        return "linked", target.lemma_.lower()
    return "own", None


def _carries_content(noun: Token) -> bool:
    """'reports that …', 'claims of an explosion', 'a story saying …': the noun phrase says the claim."""
    for child in noun.children:
        if child.dep_ in {"acl", "ccomp"} and (
            child.tag_ == "VBG" or any(g.dep_ == "mark" for g in child.children)
        ):
            return True
        if child.dep_ == "prep" and child.lower_ in {"of", "about"}:
            return True
    return False


def _cue_extent(token: Token, negators: list[int]) -> tuple[int, int]:
    """The cue word with its auxiliaries, negation and particle: 'have also not been confirmed officially'."""
    parts = [token.i, *negators]
    parts += [
        c.i for c in token.children if c.dep_ in AUX_DEPS | NEGATION_DEPS | {"prt"} and c.lower_ != "to"
    ]
    if token.tag_.startswith("NN"):
        parts += [c.i for c in token.children if c.dep_ in {"det", "amod"} and c.i < token.i]
    start, end = min(parts), max(parts) + 1
    following = token.doc[end] if end < len(token.doc) else None
    if following is not None and following.dep_ == "advmod" and following.head.i == token.i:
        end += 1
    return start, end


def denial_word_cues(doc: Doc, words: Words, lexicon: ClaimLexicon) -> Iterator[StatusCue]:
    """A claim called false: 'called the report false', 'dismissed the story as fake news', 'the claims
    were baseless', 'that is not true', 'it never happened'.

    Only a word said *of* a claim counts; 'false statements' or 'fake passports' describe, they do not deny.
    """
    for i, lemma in enumerate(words.lemma):
        candidate = {lemma, words.lower[i]} & lexicon.denial_words or lemma in lexicon.negated_affirmations
        if not candidate:
            continue
        token = doc[i]
        start = _denial_start(token, lexicon)
        if start is None:
            continue
        target = _described_claim(token, lexicon)
        if target is None:
            continue
        refers, link = reference(target, lexicon)
        yield StatusCue(start, token.i + 1, "denied", token.i, refers, link, token.head.i)


def _denial_start(token: Token, lexicon: ClaimLexicon) -> int | None:
    """Where a denial begins: the word itself, or the negation of an affirmation ('not true')."""
    if token.dep_ == "amod":
        return None
    if token.lower_ in lexicon.denial_words or token.lemma_.lower() in lexicon.denial_words:
        return token.i
    if token.lemma_.lower() in lexicon.negated_affirmations:
        negations = [c.i for c in (*token.children, *token.head.children) if c.dep_ in NEGATION_DEPS]
        return min(negations) if negations else None
    return None


def _described_claim(word: Token, lexicon: ClaimLexicon) -> Token | None:
    current = word
    for _ in range(MAX_DENIAL_HOPS):
        if current.tag_.startswith("VB"):
            for child in current.children:
                if (
                    child.dep_ in {"nsubj", "nsubjpass", "dobj"}
                    and child.i != word.i
                    and _claim_like(child, lexicon)
                ):
                    return child
            return None
        if current.head.i == current.i:
            break
        current = current.head
    return None


def attribution_cue(
    doc: Doc, item: Said, anchor: Token, content_top: Token | None, lexicon: ClaimLexicon
) -> StatusCue:
    """The status an attribution gives its content, from its cue's weight and negation.

    ``content_top`` is the head of a noun-phrase content ("denied *the reports*"), which may refer back to
    an earlier claim; it is ``None`` for clausal content.
    """
    weight = cue_weight(item.lemma) if item.lemma else None
    weight = 0.5 if weight is None else weight
    negated, negators = _negated(anchor, lexicon)
    committing = weight >= lexicon.confirm_at_least or weight <= lexicon.deny_at_most
    status: ClaimStatus = "reported"
    if negated:
        # 'did not confirm', 'would neither confirm nor deny' leave it open; 'did not discuss' says nothing
        status = "unconfirmed" if committing else "reported"
    elif weight >= lexicon.confirm_at_least:
        status = "confirmed"
    elif weight <= lexicon.deny_at_most and _denies(anchor, content_top, lexicon):
        status = "denied"
    start, end = _cue_extent(anchor, negators)
    if item.cue is not None:
        cue_span = doc.char_span(item.cue[0], item.cue[1], alignment_mode="expand")
        if cue_span is not None:
            start, end = min(start, cue_span.start), max(end, cue_span.end)
    earlier = None if negated else earlier_version(doc, item, lexicon)
    if earlier is not None:
        # 'An earlier version of this article said …': the outlet has superseded what it said
        status = "retracted"
        start, end = min(start, earlier.start), max(end, earlier.end)
    refers: Reference = "own"
    link = None
    if content_top is not None and status != "reported":
        refers, link = reference(content_top, lexicon)
    return StatusCue(start, end, status, anchor.i, refers, link, anchor.i if negated and committing else None)


def earlier_version(doc: Doc, item: Said, lexicon: ClaimLexicon) -> Span | None:
    """The source when it is an earlier state of the text itself ('an earlier version of this article',
    'a previous version of this story', 'the original version'), else ``None``.

    A correction quotes what the text used to say in order to take it back, so what that source said is
    retracted by the outlet, not reported. The version noun must carry a word that puts it before the
    present text: 'the latest version of the bill' is not the article's past.
    """
    if item.source is None:
        return None
    span = doc.char_span(item.source[0], item.source[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    versions = lexicon.earlier_versions
    if head.lemma_.lower() not in versions.heads and head.lower_ not in versions.heads:
        return None
    dated = {"amod", "nummod", "advmod"}
    if not any(c.dep_ in dated and c.lower_ in versions.modifiers for c in head.children):
        return None
    return span


def _denies(anchor: Token, content_top: Token | None, lexicon: ClaimLexicon) -> bool:
    """A denying cue denies a claim; 'rejected the proposal' rejects a plan, not a statement."""
    entry = lexicon.words.get(anchor.lemma_.lower())
    if entry is None or not entry.claim_only or content_top is None:
        return True
    return _claim_like(content_top, lexicon) or any(t.lower_ in lexicon.denial_words for t in anchor.subtree)


# --- deciding ---------------------------------------------------------------------------------------


def decide(
    doc: Doc,
    units: list[Unit],
    own_cues: list[list[StatusCue]],
    back_cues: list[tuple[int, StatusCue]],
    lexicon: ClaimLexicon,
    *,
    antecedent_sentences: int,
) -> list[Decision | None]:
    """Each unit's status; ``None`` for a unit that only states the status of an earlier claim.

    ``own_cues[k]`` are the cues about unit ``k`` itself, ``back_cues`` the cues in unit ``k`` that refer
    back. Back-references are resolved in text order, each to the nearest earlier claim that rests on a
    source or is hedged (the kind of claim a later sentence confirms, denies or retracts), else to the
    nearest earlier claim; a cue with no earlier claim to refer to stays with its own clause.
    """
    received: list[list[StatusCue]] = [[] for _ in units]
    meta: set[int] = set()
    provisional = [_status(units[k], own_cues[k], lexicon)[0] for k in range(len(units))]
    for k, cue in sorted(back_cues, key=lambda item: item[1].anchor):
        referents = _referents(doc, units, k, cue, meta, provisional, antecedent_sentences)
        if not referents:
            own_cues[k].append(cue)
            continue
        meta.add(k)
        for j in referents:
            received[j].append(cue)
    decisions: list[Decision | None] = []
    for k, unit in enumerate(units):
        if k in meta:
            decisions.append(None)
            continue
        status, deciding = _status(unit, own_cues[k] + received[k], lexicon)
        consumed = {c.consumes for c in own_cues[k] if c.consumes is not None}
        decisions.append(Decision(status, deciding, consumed))
    return decisions


def _status(unit: Unit, cues: list[StatusCue], lexicon: ClaimLexicon) -> tuple[ClaimStatus, list[StatusCue]]:
    if not cues:
        return ("reported" if unit.said is not None else "asserted"), []
    best = min(lexicon.rank(c.status) for c in cues)
    status = lexicon.precedence[best]
    deciding = sorted(
        {(c.start, c.end): c for c in cues if c.status == status}.values(), key=lambda c: c.start
    )
    return status, deciding


def _referents(
    doc: Doc,
    units: list[Unit],
    k: int,
    cue: StatusCue,
    meta: set[int],
    provisional: list[ClaimStatus],
    window: int,
) -> list[int]:
    """The claims a back-referring cue in unit ``k`` is about: all that rest on the source it points to."""
    if cue.about is not None:
        return [j for j, unit in enumerate(units) if unit.said == cue.about and j != k]
    target = _antecedent(doc, units, k, cue, meta, provisional, window)
    if target is None:
        return []
    said = units[target].said
    return [target] if said is None else [j for j, unit in enumerate(units) if unit.said == said]


def _antecedent(
    doc: Doc,
    units: list[Unit],
    k: int,
    cue: StatusCue,
    meta: set[int],
    provisional: list[ClaimStatus],
    window: int,
) -> int | None:
    here = units[k].sentence
    candidates = [
        j
        for j, unit in enumerate(units)
        if j != k
        and j not in meta
        and unit.start < cue.anchor
        and not unit.start <= cue.anchor < unit.end
        and 0 <= here - unit.sentence <= window
    ]
    if cue.refers == "linked":
        linked = [j for j in candidates if any(doc[i].lemma_.lower() == cue.link for i in units[j].tokens)]
        if linked:
            return max(linked, key=lambda j: units[j].start)
        if not _states_status_only(doc, units[k], cue):
            return None
        # 'There was no official confirmation of the arrests' after '… were detained': the clause says
        # nothing but a status, so its noun phrase names the claim just before, in other words.
        candidates = [j for j in candidates if here - units[j].sentence <= 1]
    sourced = [j for j in candidates if units[j].said is not None or provisional[j] in SOFT_STATUSES]
    return max(sourced or candidates, key=lambda j: units[j].start, default=None)


def _states_status_only(doc: Doc, unit: Unit, cue: StatusCue) -> bool:
    head = doc[unit.head]
    return unit.head == cue.anchor or any(child.dep_ == "expl" for child in head.children)
