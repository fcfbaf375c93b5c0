"""Who a source is: its kind (person, organization, media, anonymous, collective) and the entity it names.

There is no offline coreference model small and fast enough for the pipeline, so pronouns ("he", "they",
"who") and nominal speakers ("the minister", "the military") are resolved by a small rule-based resolver:
the most recent compatible entity before the source, where compatible means gender (from titles and first
names, ``lexicons/genders.json``), number and type, and the speaker of the attribution just before gets a
head start (a paragraph about one speaker goes on about them). The resolver sits behind one function,
:func:`resolve_speaker`, with plain inputs, so a coreference model can replace it without touching the
extractor.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.entities.component import EntityCluster
from newsledger.nlp.entities.datelines import dateline_of
from newsledger.nlp.lexicons import load_json
from newsledger.records import SourceKind

Gender = Literal["male", "female", "unknown"]

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
DEFINITE = frozenset({"the", "this", "that"})
SPEAKS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "spokespeople"})
CHANNEL_PREPS = frozenset({"on", "via", "through", "over"})
# How far back (in sentences) a pronoun or a nominal may look for its entity.
PRONOUN_REACH = 6
PLURAL_REACH = 2
NOMINAL_REACH = 40


@dataclass(frozen=True)
class SourceLexicon:
    """The kind heads and outlet names of ``lexicons/attribution_sources.json``, lower-cased."""

    media_outlets: frozenset[str]
    media_heads: frozenset[str]
    anonymous_heads: frozenset[str]
    collective_heads: frozenset[str]
    organization_heads: frozenset[str]
    person_heads: frozenset[str]
    document_heads: frozenset[str]
    person_suffixes: tuple[str, ...]
    nominal_aliases: dict[str, tuple[str, ...]]
    media_platforms: frozenset[str]
    channel_heads: frozenset[str]


@dataclass(frozen=True)
class GenderLexicon:
    """Pronoun features and the gender evidence of ``lexicons/genders.json``."""

    pronouns: dict[str, str]
    male: frozenset[str]
    female: frozenset[str]


@functools.cache
def source_lexicon() -> SourceLexicon:
    raw = load_json("attribution", "attribution_sources.json")

    def words(key: str) -> frozenset[str]:
        return frozenset(word.lower() for word in raw[key])

    return SourceLexicon(
        media_outlets=words("media_outlets"),
        media_heads=words("media_heads"),
        anonymous_heads=words("anonymous_heads"),
        collective_heads=words("collective_heads"),
        organization_heads=words("organization_heads"),
        person_heads=words("person_heads"),
        document_heads=words("document_heads"),
        person_suffixes=tuple(raw["person_suffixes"]),
        nominal_aliases={head: tuple(aliases) for head, aliases in raw["nominal_aliases"].items()},
        media_platforms=words("media_platforms"),
        channel_heads=words("channel_heads"),
    )


@functools.cache
def gender_lexicon() -> GenderLexicon:
    raw = load_json("attribution", "genders.json")
    return GenderLexicon(
        pronouns=dict(raw["pronouns"]),
        male=frozenset(raw["male_titles"]) | frozenset(raw["male_names"]),
        female=frozenset(raw["female_titles"]) | frozenset(raw["female_names"]),
    )


@dataclass(frozen=True)
class PriorSpeaker:
    """A speaker already found earlier in the article, as the resolver sees it."""

    start: int
    """token index of the source"""
    kind: SourceKind
    cluster: int | None
    plural: bool


@dataclass(frozen=True)
class Speaker:
    """The resolver's answer: what kind of source, and which entity cluster (index) if any."""

    kind: SourceKind
    cluster: int | None


@dataclass
class SpeakerContext:
    """What the resolver knows about the article: its entities, the speakers found so far (in text
    order, appended to by the caller), and the sentence number of every token."""

    clusters: Sequence[EntityCluster]
    sentence_of: Sequence[int]
    prior: list[PriorSpeaker] = field(default_factory=list)
    _genders: dict[int, Gender] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, doc: Doc, clusters: Sequence[EntityCluster]) -> SpeakerContext:
        sentence_of, number = [], -1
        for token in doc:
            number += token.is_sent_start or number < 0
            sentence_of.append(number)
        return cls(clusters, sentence_of)

    def sentences_between(self, later: int, earlier: int) -> int:
        return self.sentence_of[later] - self.sentence_of[earlier]

    def gender(self, index: int) -> Gender:
        if index not in self._genders:
            self._genders[index] = cluster_gender(self.clusters[index])
        return self._genders[index]


def resolve_speaker(source: Span, context: SpeakerContext) -> Speaker:
    """The kind and entity of ``source``: named in it, or found before it for pronouns and nominals.

    ``context`` holds the article's entities and the speakers of the attributions before this one. This
    function is the whole interface a replacement resolver has to offer.
    """
    clusters = context.clusters
    head = source_head(source)
    named = _named_cluster(source, head, clusters)
    if named is not None:
        outlet = head_kind(source, head) == "media"
        return Speaker("media" if outlet else _cluster_kind(clusters[named], head), named)
    word = head.lower_
    if word in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        antecedent = head.head.head
        return resolve_speaker(head.doc[antecedent.i : antecedent.i + 1], context)
    if word in gender_lexicon().pronouns:
        return _resolve_pronoun(head, context)
    kind = head_kind(source, head)
    if head.lemma_.lower() in source_lexicon().nominal_aliases and _is_definite(head):
        cluster = _resolve_nominal(head, context)
        if cluster is not None:
            return Speaker(kind if kind != "unknown" else _cluster_kind(clusters[cluster], head), cluster)
    return Speaker(kind, None)


def source_head(source: Span) -> Token:
    """The head word of a source phrase: its syntactic root, or its last word when the root is a
    determiner or outside the phrase ('A Reuters' cut from 'A Reuters report')."""
    root = source.root
    inside = source.start <= root.i < source.end
    return root if inside and root.dep_ not in {"det", "punct", "case"} else source[-1]


def head_kind(source: Span, head: Token) -> SourceKind:
    """The kind of an unnamed source from its head noun (and, for outlets, its whole text)."""
    lexicon = source_lexicon()
    lemma, text = head.lemma_.lower(), _without_article(source.text.lower())
    plural = head.tag_ in {"NNS", "NNPS"}
    if text in lexicon.media_outlets or lemma in lexicon.media_heads or head.lower_ in lexicon.media_heads:
        return "media"
    if head.lower_ in FIRST_PERSON:
        return "person" if head.lower_ in {"i", "me", "my"} else "unknown"
    if lemma in lexicon.anonymous_heads or (lemma == "source" and plural):
        return "anonymous"
    if lemma in lexicon.collective_heads or (plural and lemma in lexicon.person_heads):
        return "collective"
    if lemma in lexicon.organization_heads:
        return "organization"
    if lemma in lexicon.person_heads or lemma.endswith(lexicon.person_suffixes):
        return "person"
    return "unknown"


def _without_article(text: str) -> str:
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def _is_definite(head: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ in DEFINITE for child in head.children) or head.i == 0


def _named_cluster(source: Span, head: Token, clusters: Sequence[EntityCluster]) -> int | None:
    """The cluster named by the head of ``source`` (or, for a spokesman, by the body they speak for)."""
    for index, cluster in enumerate(clusters):
        if any(mention.start <= head.i < mention.end for mention in cluster.mentions):
            return index
    inside = [
        (index, mention)
        for index, cluster in enumerate(clusters)
        for mention in cluster.mentions
        if source.start <= mention.start and mention.end <= source.end
    ]
    appositions = [child for child in head.children if child.dep_ == "appos"]
    for index, mention in inside:
        if any(mention.start <= child.i < mention.end for child in appositions):
            return index
    doc = source.doc
    for index, mention in inside:
        # 'Russian senator and first deputy chairman of the committee, Vladimir Dzhabarov': a name set off
        # by a comma at the end of a role is the speaker, wherever the parser attached it.
        if mention.end == source.end and mention.start > 0 and doc[mention.start - 1].text == ",":
            return index
    if head.lemma_.lower() in SPEAKS_FOR:
        bodies = [index for index, mention in inside if clusters[index].label in {"ORG", "GPE"}]
        if bodies:
            return bodies[-1]
    return None


def _cluster_kind(cluster: EntityCluster, head: Token) -> SourceKind:
    if cluster.label == "PERSON":
        return "person"
    if cluster.label == "ORG":
        names = {cluster.name.lower()} | {_without_article(m.text.lower()) for m in cluster.mentions}
        listed = bool(names & source_lexicon().media_outlets)
        outlet = listed or any(_in_dateline_outlet(m) for m in cluster.mentions)
        return "media" if outlet else "organization"
    if cluster.label == "GPE":
        return "organization"
    if cluster.label == "NORP":
        return "collective" if head.tag_ in {"NNS", "NNPS"} or head.lower_ in {"they", "we"} else "person"
    return "unknown"


def _in_dateline_outlet(mention: Span) -> bool:
    """The outlet of the dateline ('BEIRUT (Levant Times) —') is a news outlet, listed or not."""
    dateline = dateline_of(mention.doc)
    return dateline is not None and dateline.outlet == (mention.start_char, mention.end_char)


# -- pronouns --------------------------------------------------------------------------------------


def _resolve_pronoun(pronoun: Token, context: SpeakerContext) -> Speaker:
    feature = gender_lexicon().pronouns[pronoun.lower_]
    if feature in {"male", "female"}:
        return Speaker("person", _nearest_person(pronoun, context, feature))
    if feature == "speaker":
        return Speaker("person", None)
    if feature == "plural":
        for speaker in reversed(context.prior):
            recent = context.sentences_between(pronoun.i, speaker.start) <= PLURAL_REACH
            if speaker.start < pronoun.i and speaker.plural and recent:
                return Speaker(speaker.kind, speaker.cluster)
    if feature == "neuter":
        body = _last_body_speaker(pronoun, context)
        if body is not None:
            return body
    labels = {"ORG", "GPE", "NORP"} if feature == "plural" else {"ORG", "GPE"}

    def accept(index: int) -> bool:
        return context.clusters[index].label in labels and not is_medium(context.clusters[index])

    cluster = _nearest(pronoun, context, accept)
    if cluster is None:
        return Speaker("unknown", None)
    return Speaker(_cluster_kind(context.clusters[cluster], pronoun), cluster)


def _last_body_speaker(pronoun: Token, context: SpeakerContext) -> Speaker | None:
    """'Russia's Defence Ministry denied … In a statement on Telegram, it said …': an 'it' that speaks goes
    on with the organization that spoke just before (a paragraph about one speaker goes on about them),
    ahead of whatever was named in between (the medium, a place, the target)."""
    earlier = [speaker for speaker in context.prior if speaker.start < pronoun.i]
    if not earlier:
        return None
    last = earlier[-1]
    if last.plural or last.cluster is None or last.kind not in {"organization", "media"}:
        return None
    if context.sentences_between(pronoun.i, last.start) > PLURAL_REACH:
        return None
    return Speaker(last.kind, last.cluster)


def is_medium(cluster: EntityCluster) -> bool:
    """A platform a statement is posted on ('on Telegram', 'via X'): where it was said, never who said it."""
    names = {cluster.name.lower()} | {_without_article(m.text.lower()) for m in cluster.mentions}
    if names & source_lexicon().media_platforms:
        return True
    return all(_is_channel_object(mention) for mention in cluster.mentions)


def _is_channel_object(mention: Span) -> bool:
    """The object of 'on'/'via'/'through' after a statement noun or a posting verb: 'a statement on Telegram',
    'posted on Facebook', 'said via X'."""
    root = mention.root
    preposition = root.head
    if root.dep_ != "pobj" or preposition.lower_ not in CHANNEL_PREPS:
        return False
    holder = preposition.head
    return holder.lemma_.lower() in source_lexicon().channel_heads or holder.pos_ == "VERB"


def _nearest_person(pronoun: Token, context: SpeakerContext, gender: str) -> int | None:
    """The person a 'he' or 'she' most likely is: the last speaker if compatible and recent, else the most
    recently mentioned compatible person."""

    def compatible(index: int) -> bool:
        return context.clusters[index].label == "PERSON" and context.gender(index) in {gender, "unknown"}

    earlier = [speaker for speaker in context.prior if speaker.start < pronoun.i]
    if earlier and earlier[-1].cluster is not None and compatible(earlier[-1].cluster):
        last = _last_mention_before(context.clusters[earlier[-1].cluster], pronoun.i)
        if last is not None and context.sentences_between(pronoun.i, last) <= PLURAL_REACH:
            return earlier[-1].cluster
    return _nearest(pronoun, context, compatible)


def _nearest(pronoun: Token, context: SpeakerContext, accept: Callable[[int], bool]) -> int | None:
    """The accepted cluster mentioned last before ``pronoun``, within reach."""
    best: tuple[int, int] | None = None
    for index, cluster in enumerate(context.clusters):
        last = _last_mention_before(cluster, pronoun.i)
        if last is None or context.sentences_between(pronoun.i, last) > PRONOUN_REACH or not accept(index):
            continue
        if best is None or last > best[0]:
            best = (last, index)
    return best[1] if best else None


def _last_mention_before(cluster: EntityCluster, position: int) -> int | None:
    starts = [mention.start for mention in cluster.mentions if mention.end <= position]
    return max(starts) if starts else None


@functools.lru_cache(maxsize=4096)
def _name_gender(first_word: str) -> Gender:
    lexicon = gender_lexicon()
    if first_word in lexicon.male:
        return "male"
    if first_word in lexicon.female:
        return "female"
    return "unknown"


def cluster_gender(cluster: EntityCluster) -> Gender:
    """A person's gender from a title before (or inside) a mention, else from the first name."""
    for mention in cluster.mentions:
        doc = mention.doc
        before = doc[mention.start - 1].lower_ if mention.start > 0 else ""
        for word in (before, mention[0].lower_):
            gender = _name_gender(word)
            if gender != "unknown":
                return gender
    return _name_gender(cluster.name.split()[0].lower()) if cluster.name else "unknown"


# -- nominals --------------------------------------------------------------------------------------


def _resolve_nominal(head: Token, context: SpeakerContext) -> int | None:
    """'the minister', 'the military': the last entity before whose name or title holds an alias word."""
    aliases = source_lexicon().nominal_aliases[head.lemma_.lower()]
    person = head.lemma_.lower() in source_lexicon().person_heads
    if _introduced_unnamed(head, context):
        return None
    best: tuple[int, int] | None = None
    for index, cluster in enumerate(context.clusters):
        if (cluster.label == "PERSON") != person:
            continue
        for mention in cluster.mentions:
            if mention.end > head.i or context.sentences_between(head.i, mention.start) > NOMINAL_REACH:
                continue
            later = best is None or mention.start > best[0]
            if later and _mention_has_alias(mention, cluster.name, aliases):
                best = (mention.start, index)
    return best[1] if best else None


def _introduced_unnamed(head: Token, context: SpeakerContext) -> bool:
    """'Sudan's army and the Rapid Support Forces … The army said': the text brought in the army by that
    noun, outside any entity name, so 'the army' goes back to that phrase and not to an entity whose
    name happens to hold an alias word ('Forces')."""
    named = {i for cluster in context.clusters for mention in cluster.mentions
             for i in range(mention.start, mention.end)}
    lemma = head.lemma_.lower()
    return any(
        token.lemma_.lower() == lemma and token.pos_ == "NOUN" and token.i not in named and _owned(token)
        for token in head.doc[: head.i]
        if context.sentences_between(head.i, token.i) <= NOMINAL_REACH
    )


def _owned(noun: Token) -> bool:
    """'Sudan's army', 'the Sudanese army': a noun introduced with a named owner, so a thing of its own."""
    return any(child.dep_ in {"poss", "amod", "compound"} and child.ent_type_ for child in noun.children)


def _mention_has_alias(mention: Span, name: str, aliases: Sequence[str]) -> bool:
    doc = mention.doc
    window = doc[max(0, mention.start - 4) : mention.end].text.lower()
    names = f"{name.lower()} {window}"
    return any(alias in names for alias in aliases)
