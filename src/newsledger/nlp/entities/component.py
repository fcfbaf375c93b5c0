"""Named entities: the small model's NER, corrected for conflict news, resolved within the article.

The component ``newsledger_entities`` runs after spaCy's ``ner`` and does three things, in order:

1. An entity ruler fed from lexicons (``weapons.json``, ``places.json``, ``entity_patterns.jsonl``) tags
   what the small model does not know (WEAPON) or gets wrong on conflict news (``Kursk`` as PRODUCT,
   ``ATACMS`` as PERSON, a capital it misses).
2. Abbreviations defined in parentheses are split off the span the model ran them into
   (``Ukraine's Armed Forces (AFU`` becomes ``Ukraine's Armed Forces`` and ``AFU``).
3. In-document resolution puts every mention of one thing under one canonical name: ``Biden`` (which
   the model tags ORG) joins ``Joe Biden``; ``AFU`` joins ``Armed Forces of Ukraine``; ``US`` is
   ``United States``; ``Moscow`` as the subject of a political verb is Russia. The clusters are stored on
   ``doc._.entity_clusters``; :func:`entity_records` turns them into :class:`~newsledger.records.Entity`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsledger.nlp.entities.datelines import dateline_of, mark_dateline, read_dateline
from newsledger.nlp.entities.labels import repaired
from newsledger.nlp.lexicons import load_json, load_jsonl, load_word_list
from newsledger.nlp.run_matcher import RunMatcher
from newsledger.records import Entity, EntityLabel
from newsledger.records import Span as SpanRecord

ENTITY_LABELS = frozenset(get_args(EntityLabel))
# A single-word mention may join a PERSON whose name ends with it even when the model labelled it
# as one of these (the small model often tags a bare surname ORG or PRODUCT).
SURNAME_MISLABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "FAC", "NORP"})
ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "&"})
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
POSSESSIVE = re.compile(r"['’]s?$")

if not Doc.has_extension("entity_clusters"):
    Doc.set_extension("entity_clusters", default=None)


@dataclass
class EntityCluster:
    """One entity of the article while the pipeline runs: spaCy spans, not yet records."""

    name: str
    label: str
    mentions: list[Span] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        """Plain data for the Doc extension: Docs cross process boundaries (``nlp.pipe(n_process=2)``,
        Dask) as msgpack, which cannot carry Span objects."""
        return {"name": self.name, "label": self.label, "mentions": [[m.start, m.end] for m in self.mentions]}

    @classmethod
    def from_data(cls, doc: Doc, data: dict[str, Any]) -> EntityCluster:
        mentions = [Span(doc, start, end, label=data["label"]) for start, end in data["mentions"]]
        return cls(name=data["name"], label=data["label"], mentions=mentions)


def entity_clusters(doc: Doc) -> list[EntityCluster]:
    """The entities that ``newsledger_entities`` resolved in ``doc``, in order of first mention."""
    return [EntityCluster.from_data(doc, data) for data in doc._.entity_clusters or []]


@Language.component("newsledger_datelines", assigns=["token.is_sent_start", "doc._.dateline"])
def datelines_component(doc: Doc) -> Doc:
    """Before the parser: the dateline is not part of the first sentence (:mod:`.datelines`)."""
    return mark_dateline(doc)


@Language.factory(
    "newsledger_entities",
    assigns=["doc.ents", "doc._.entity_clusters"],
    requires=["doc.ents", "token.dep", "token.tag"],
)
def make_entity_component(nlp: Language, name: str) -> EntityComponent:
    return EntityComponent(nlp, name)


class EntityComponent:
    """Corrects ``doc.ents`` from lexicons and resolves mentions to canonical entities."""

    def __init__(self, nlp: Language, name: str = "newsledger_entities") -> None:
        self.name = name
        places = load_json("places", "places.json")
        self.country_aliases = _country_aliases(places["countries"])
        self.capitals: dict[str, str] = places["capitals"]
        self.metonymy_deps = frozenset(places["metonymy_deps"])
        self.metonymy_preps = frozenset(places["metonymy_preps"])
        self.person_titles = load_word_list("entities", "person_titles.txt")
        self.name_prefixes = self.person_titles | load_word_list("entities", "name_modifiers.txt")
        self.ruler = EntityRuler(nlp, name=f"{name}_ruler", overwrite_ents=True)
        self.ruler.add_patterns(list(_ruler_patterns(nlp, places)))
        # The ruler's patterns are fixed from here on, so the run matcher built from them stays complete.
        token_patterns = [p["pattern"] for p in self.ruler.patterns if not isinstance(p["pattern"], str)]
        self.ruler_matcher = RunMatcher(nlp.vocab, self.ruler.matcher, token_patterns)

    def __call__(self, doc: Doc) -> Doc:
        # spaCy leaves set_annotations unannotated; it is EntityRuler.__call__ without the matching.
        self.ruler.set_annotations(doc, self.ruler_match(doc))  # type: ignore[no-untyped-call]
        if doc._.dateline is None:
            # Without the pre-parser component (a user's own pipeline) the dateline is still read, only
            # the sentence start after it is the parser's.
            found = read_dateline(doc.text)
            doc._.dateline = found.to_data() if found else None
        ents = with_dateline(doc, split_parenthesised_abbreviations(doc))
        doc.ents = self.titled_names_are_people(repaired(ents, _dateline_tokens(doc)))
        clusters = self.resolve(doc)
        self.add_untagged_surnames(doc, clusters)
        doc._.entity_clusters = [cluster.to_data() for cluster in clusters]
        return doc

    def ruler_match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``EntityRuler.match``, with its token Matcher run only where a pattern's words are.

        The stock ruler starts each of its ~150 patterns at every token; the same matches come from the
        few stretches of the Doc that hold a lexicon word (see :mod:`~newsledger.nlp.run_matcher`). The
        rest is the stock method: drop empty matches, longest first, then leftmost.
        """
        matches = [*self.ruler_matcher(doc), *self.ruler.phrase_matcher(doc)]
        final = {(match_id, start, end) for match_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def titled_names_are_people(self, ents: list[Span]) -> list[Span]:
        """'Chancellor Olaf Scholz' tagged ORG or GPE: a name right after a person's title is a PERSON."""
        fixed = []
        for ent in ents:
            before = ent.doc[ent.start - 1] if ent.start > 0 else None
            if (
                before is not None
                and ent.label_ in SURNAME_MISLABELS | {"GPE", "LOC"}
                and before.lower_ in self.person_titles
                and all(t.is_title for t in ent if t.is_alpha)
            ):
                ent = Span(ent.doc, ent.start, ent.end, label="PERSON")
            fixed.append(ent)
        return fixed

    def add_untagged_surnames(self, doc: Doc, clusters: list[EntityCluster]) -> None:
        """A person's surname that the model left untagged later in the text is still a mention of them."""
        surnames: dict[str, list[EntityCluster]] = {}
        for cluster in clusters:
            words = cluster.name.split()
            if cluster.label == "PERSON" and len(words) > 1:
                surnames.setdefault(words[-1], []).append(cluster)
        added: list[Span] = []
        for token in doc:
            if token.text in surnames and not token.ent_type_ and token.pos_ == "PROPN":
                mention = Span(doc, token.i, token.i + 1, label="PERSON")
                cluster = _nearest_before(mention, surnames[token.text])
                if cluster.mentions[0].start < token.i:
                    cluster.mentions.append(mention)
                    cluster.mentions.sort(key=lambda span: span.start)
                    added.append(mention)
        if added:
            doc.ents = sorted([*doc.ents, *added], key=lambda span: span.start)

    # -- resolution -------------------------------------------------------------------------------

    def resolve(self, doc: Doc) -> list[EntityCluster]:
        """Group the entity mentions of ``doc`` into clusters, longest names first."""
        named = [(ent, *self.canonical(ent)) for ent in doc.ents if ent.label_ in ENTITY_LABELS]
        named = [item for item in named if item[1]]
        # Longest names found the clusters, so that a surname or an acronym has something to join.
        order = sorted(range(len(named)), key=lambda i: (-len(named[i][1].split()), i))
        clusters: list[EntityCluster] = []
        by_key: dict[tuple[str, str], EntityCluster] = {}
        for i in order:
            ent, name, label = named[i]
            cluster = by_key.get((_key(name), _label_family(label))) or self._find_cluster(
                ent, name, label, clusters
            )
            if cluster is None:
                cluster = EntityCluster(name=name, label=label)
                clusters.append(cluster)
            cluster.mentions.append(ent)
            by_key.setdefault((_key(name), _label_family(label)), cluster)
        for cluster in clusters:
            cluster.mentions.sort(key=lambda span: span.start)
        clusters.sort(key=lambda c: c.mentions[0].start)
        return clusters

    def canonical(self, ent: Span) -> tuple[str, str]:
        """The canonical name and label of one mention, before it meets the others."""
        if ent.ent_id_:
            return ent.ent_id_, ent.label_
        tokens = _strip_determiner(_strip_possessive(list(ent)))
        if ent.label_ == "PERSON":
            while len(tokens) > 1 and (
                tokens[0].lower_ in self.name_prefixes or tokens[0].text in self.country_aliases
            ):
                tokens = tokens[1:]
        if ent.label_ in {"ORG", "FAC"}:
            reordered = self._possessor_last(tokens)
            if reordered:
                return reordered, ent.label_
        name = _text_of(tokens)
        if _is_dateline_place(ent) and name.isupper():
            name = name.title()  # 'KHARKIV' is Kharkiv, and meets its later mentions under that name
        if name in self.country_aliases:
            return self.country_aliases[name], "GPE"
        if name in self.capitals and self._is_metonymic(ent):
            return self.capitals[name], "GPE"
        return name, ent.label_

    def _possessor_last(self, tokens: Sequence[Any]) -> str | None:
        """'Ukraine's Armed Forces' -> 'Armed Forces of Ukraine': an organization named by its country."""
        for i, token in enumerate(tokens[:-1]):
            if token.tag_ == "POS" and i > 0:
                owner = _text_of(tokens[:i])
                owner = self.country_aliases.get(owner, owner)
                if (
                    owner in self.country_aliases.values()
                    or tokens[0].ent_type_ == "GPE"
                    or owner in self.capitals
                ):
                    return f"{_text_of(tokens[i + 1 :])} of {owner}"
        return None

    def _is_metonymic(self, ent: Span) -> bool:
        """A capital standing for its government: 'Moscow said', 'forcing Moscow', 'Kyiv's allies'."""
        root = ent.root
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        if root.dep_ in self.metonymy_deps:
            return True
        return root.dep_ == "pobj" and root.head.lower_ in self.metonymy_preps

    def _find_cluster(
        self, ent: Span, name: str, label: str, clusters: list[EntityCluster]
    ) -> EntityCluster | None:
        words = name.split()
        if label in SURNAME_MISLABELS or (
            label in {"GPE", "LOC"} and name not in self.country_aliases and name not in self.capitals
        ):
            people = [
                c
                for c in clusters
                if c.label == "PERSON"
                and len(c.name.split()) > len(words)
                and c.name.split()[-len(words) :] == words
            ]
            if people:
                return _nearest_before(ent, people)
        if _looks_like_acronym(name):
            for cluster in clusters:
                if cluster.label == label and _initials(cluster.name) == name:
                    return cluster
            defined = _defined_by_parenthesis(ent, clusters)
            if defined:
                return defined
        return None


def with_dateline(doc: Doc, ents: list[Span]) -> list[Span]:
    """The dateline's place is a GPE and its outlet an ORG, whatever the model made of the capitals
    ('BEIRUT' as ORG) or the parenthesis ('Northstar Wire' as PERSON)."""
    dateline = dateline_of(doc)
    if dateline is None:
        return ents
    parts = [(dateline.place, "GPE"), (dateline.region, "GPE"), (dateline.outlet, "ORG")]
    fixed = [span for part, label in parts if part is not None
             for span in [doc.char_span(*part, label=label, alignment_mode="expand")] if span is not None]
    taken = {i for span in fixed for i in range(span.start, span.end)}
    return sorted([*fixed, *(e for e in ents if not any(i in taken for i in range(e.start, e.end)))],
                  key=lambda span: span.start)


def _dateline_tokens(doc: Doc) -> set[int]:
    dateline = dateline_of(doc)
    if dateline is None:
        return set()
    span = doc.char_span(dateline.place[0], dateline.end, alignment_mode="expand")
    return set(range(span.start, span.end)) if span is not None else set()


def _is_dateline_place(ent: Span) -> bool:
    dateline = dateline_of(ent.doc)
    return dateline is not None and (ent.start_char, ent.end_char) == dateline.place


def split_parenthesised_abbreviations(doc: Doc) -> list[Span]:
    """Split 'Long Name (ABBR' spans in two, and tag a bare '(ABBR)' after an entity with its label."""
    spans: list[Span] = []
    for ent in doc.ents:
        paren = next((t.i for t in ent if t.text == "("), None)
        if paren is None or paren == ent.start:
            spans.append(ent)
            continue
        spans.append(Span(doc, ent.start, paren, label=ent.label_, span_id=ent.id_))
        inner_end = next((t.i for t in doc[paren + 1 : ent.end] if t.text == ")"), ent.end)
        if inner_end > paren + 1:
            spans.append(Span(doc, paren + 1, inner_end, label=ent.label_))
    tagged = {t.i for span in spans for t in span}
    for ent in list(spans):
        i = ent.end
        defined = i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and i + 1 not in tagged
        if defined and _looks_like_acronym(doc[i + 1].text):
            spans.append(Span(doc, i + 1, i + 2, label=ent.label_))
    return filter_spans(spans)


def entity_records(doc: Doc) -> list[Entity]:
    """The entity clusters of a processed Doc as records, ids in order of first mention."""
    return [
        Entity(
            id=f"e{number}",
            name=cluster.name,
            label=cluster.label,
            mentions=[SpanRecord(start=m.start_char, end=m.end_char, text=m.text) for m in cluster.mentions],
        )
        for number, cluster in enumerate(entity_clusters(doc), start=1)
    ]


# -- helpers ----------------------------------------------------------------------------------------


def _ruler_patterns(nlp: Language, places: dict[str, Any]) -> Iterable[dict[str, Any]]:
    weapons = load_json("entities", "weapons.json")
    heads = {"LOWER": {"IN": weapons["heads"]}}

    def orths(phrase: str) -> list[dict[str, Any]]:
        return [{"ORTH": token.text} for token in nlp.make_doc(phrase)]

    for weapon in weapons["weapons"]:
        for alias in weapon.get("aliases", []):
            yield {"label": "WEAPON", "id": weapon["name"], "pattern": [*orths(alias), {**heads, "OP": "*"}]}
        for alias in weapon.get("ambiguous", []):
            yield {"label": "WEAPON", "id": weapon["name"], "pattern": [*orths(alias), {**heads, "OP": "+"}]}
    for place in places["tag"]:
        yield {"label": "GPE", "pattern": orths(place)}
    for entry in load_jsonl("entities", "entity_patterns.jsonl"):
        yield {"label": entry["label"], "pattern": entry["pattern"]}


def _country_aliases(countries: dict[str, list[str]]) -> dict[str, str]:
    aliases = {name: name for name in countries}
    for name, others in countries.items():
        aliases.update(dict.fromkeys(others, name))
    return aliases


def _strip_possessive(tokens: list[Any]) -> list[Any]:
    while len(tokens) > 1 and (tokens[-1].tag_ == "POS" or POSSESSIVE.fullmatch(tokens[-1].text)):
        tokens = tokens[:-1]
    return tokens


def _strip_determiner(tokens: list[Any]) -> list[Any]:
    if len(tokens) > 1 and tokens[0].lower_ in {"the", "a", "an"}:
        return tokens[1:]
    return tokens


def _text_of(tokens: Sequence[Any]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    text = re.sub(r"['’]s$", "", text) if len(text) > 2 else text
    return re.sub(r"\s+", " ", text.strip(" ,;:-–—()\"'“”‘’"))


def _key(name: str) -> str:
    return name.translate(APOSTROPHES).casefold()


def _label_family(label: str) -> str:
    """Labels the small model confuses with each other count as one when names are equal."""
    return "PLACE" if label in {"GPE", "LOC", "FAC"} else label


def _looks_like_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ACRONYM_STOPWORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _nearest_before(ent: Span, clusters: list[EntityCluster]) -> EntityCluster:
    """Of several people sharing a surname, the one mentioned last before ``ent`` (else the first after)."""

    def last_before(cluster: EntityCluster) -> int:
        starts = [m.start for m in cluster.mentions if m.start < ent.start]
        return max(starts) if starts else -1

    return max(clusters, key=lambda c: (last_before(c), -min(m.start for m in c.mentions)))


def _defined_by_parenthesis(ent: Span, clusters: list[EntityCluster]) -> EntityCluster | None:
    """'Armed Forces of Ukraine (AFU)': the acronym belongs to the entity right before the '('."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != "(":
        return None
    for cluster in clusters:
        if any(m.end == ent.start - 1 for m in cluster.mentions):
            return cluster
    return None
