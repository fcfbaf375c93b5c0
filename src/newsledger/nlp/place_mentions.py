"""Finding the places an article names: the NER's place spans, tidied, and names the NER missed.

spaCy's small model tags about six in ten toponyms of local news, so the gazetteer helps find them too:

- an entity the model labelled ORG, PERSON, PRODUCT ... whose whole text is a place ('Tbilisi says',
  'a Coral Gables man') is taken when the place is well known (a country, a region, a capital, a city
  above ``detect_min_population``), when the text tags the same name as a place elsewhere (one sense per
  discourse), or when a cue word stands next to it ('residents ... in', '... man'); never when it is a
  person the article names in full ('Trapani' after 'Andy Trapani');
- a run of capitalized proper nouns outside every entity that is, whole, such a place, or a county
  named as such ('Walker County'), is taken by the same test.

Names that are also common words or given names (``not_detected`` in ``lexicons/place_names.json``),
direction words ('South') and acronyms other than countries' ('AP') are never taken without the NER.
Names inside other names ('Huntsville' in 'Huntsville Police Department') and country adjectives are
found only when the corpora's conventions are asked for (:meth:`MentionFinder.find_conventional`).

A mention is cut to its toponym: 'the Kursk region' keeps 'Kursk region' (a region, by its last word),
'southern Ukraine' keeps 'Ukraine', 'Kyiv's' keeps 'Kyiv'; 'Paris, Texas' is two mentions, the first
within the second; 'Long Beach, CA' and 'Paris, Tenn.' read the abbreviation as a US state. A place
span the gazetteer lacks is looked up by the place name it starts or ends with ('Sligo Town Hall',
'South Arlington').
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.entities import entity_clusters
from newsledger.nlp.gazetteer import ALIAS, Gazetteer
from newsledger.nlp.geocode import Mention
from newsledger.nlp.lexicons import load_json
from newsledger.nlp.placenames import name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DETERMINERS = frozenset({"the"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
# Lowercase words that may join capitalized words inside one name ('Rostov-on-Don', 'Isle of Man').
NAME_JOINERS = frozenset({"-", "of", "on", "upon", "de", "la", "le", "du", "del", "am", "an", "sur"})
MAX_NAME_TOKENS = 5


@dataclass(frozen=True)
class MentionRules:
    """The word lists of ``lexicons/place_names.json`` that decide what a mention is."""

    admin1_words: frozenset[str]
    admin2_words: frozenset[str]
    direction_words: frozenset[str]
    state_abbreviations: dict[str, str]
    not_detected: frozenset[str]
    cues_before: frozenset[str]
    cues_after: frozenset[str]
    name_labels: frozenset[str]

    @classmethod
    def from_lexicon(cls) -> MentionRules:
        lexicon = load_json("place_names.json")
        return cls(
            admin1_words=frozenset(lexicon["admin1_words"]),
            admin2_words=frozenset(lexicon["admin2_words"]),
            direction_words=frozenset(lexicon["direction_words"]),
            state_abbreviations=dict(lexicon["us_state_abbreviations"]),
            not_detected=frozenset(lexicon["not_detected"]),
            cues_before=frozenset(lexicon["cues_before"]),
            cues_after=frozenset(lexicon["cues_after"]),
            name_labels=frozenset(lexicon["name_labels"]),
        )

    def kind_of_word(self, word: str) -> str | None:
        lower = word.lower()
        if lower in self.admin1_words:
            return "admin1"
        if lower in self.admin2_words:
            return "admin2"
        return None


@dataclass
class MentionFinder:
    """Finds the place mentions of one Doc; see the module docstring for the rules.

    ``adjectives`` and ``embedded`` follow the geoparsing corpora's convention, off by default:
    'Ukrainian' in 'Ukrainian forces' is a mention of Ukraine, and 'Huntsville' in 'Huntsville Police
    Department' (a name inside an organization's) a mention of Huntsville.
    """

    gazetteer: Gazetteer
    rules: MentionRules
    detect_min_population: int
    adjectives: bool = False
    embedded: bool = False

    def find(self, doc: Doc) -> list[Mention]:
        """The places the article names: the NER's, those it mislabelled, and those it missed."""
        mentions = [m for ent in doc.ents if ent.label_ in PLACE_LABELS for m in self.from_entity(ent)]
        # One sense per discourse: a name the NER tagged as a place once is a place everywhere in the text.
        known = {m.key for m in mentions if self.gazetteer.lookup(m.key)}
        people = full_name_tokens(doc)
        for ent in doc.ents:
            if ent.label_ in self.rules.name_labels:
                mentions.extend(self.from_mislabelled(ent, known, people))
        known |= {m.key for m in mentions}
        blocked = {i for m in mentions for i in range(m.start, m.end)} | {
            t.i for ent in doc.ents for t in ent
        }
        mentions += self.from_gazetteer(doc, blocked, known)
        mentions.sort(key=lambda m: m.start)
        mentions += self.qualify_by_commas(doc, mentions)
        return sorted(mentions, key=lambda m: m.start)

    def find_conventional(self, doc: Doc, named: list[Mention]) -> list[Mention]:
        """The corpora's extra toponyms, as configured: country adjectives, names inside names."""
        taken = {i for m in named for i in range(m.start, m.end)}
        found: list[Mention] = []
        if self.adjectives:
            found += self.from_adjectives(doc, taken)
        if self.embedded:
            taken |= {i for m in found for i in range(m.start, m.end)}
            found += self.from_embedded(doc, taken, {m.key for m in named})
        return sorted(found, key=lambda m: m.start)

    # -- the NER's spans --------------------------------------------------------------------------

    def from_entity(self, ent: Span) -> Iterator[Mention]:
        doc = ent.doc
        tokens = self.trim(list(ent))
        segments: list[list[Token]] = [[]]
        for token in tokens:
            if token.text == ",":
                segments.append([])
            else:
                segments[-1].append(token)
        segments = [s for s in segments if s]
        for number, segment in enumerate(segments):
            last = number == len(segments) - 1
            end = segment[-1].i + 1
            kind = self.rules.kind_of_word(segment[-1].text) if len(segment) > 1 else None
            if kind is None and last and end < len(doc) and not doc[end].ent_type_:
                kind = self.rules.kind_of_word(doc[end].text)
                end = end + 1 if kind else end
            start = segment[0].i
            written = doc[start:end].text
            if written in self.rules.state_abbreviations:
                yield Mention(start, end, name_key(written), code=self.rules.state_abbreviations[written])
                continue
            key = name_key(written)
            if key and key not in self.rules.direction_words:
                yield Mention(start=start, end=end, key=self.known_part(doc, start, end, key), kind=kind)

    def known_part(self, doc: Doc, start: int, end: int, key: str) -> str:
        """The key to look up for a span: its own, or, when the gazetteer lacks it, that of the place
        name it starts with ('Norfolk High', 'Sligo Town Hall' are where Norfolk and Sligo are), else
        that it ends with ('South Arlington', 'West Africa', 'Northwest D.C.')."""
        if end - start < 2 or self.gazetteer.lookup(key):
            return key
        parts = [(start, cut) for cut in range(end - 1, start, -1)]
        parts += [(cut, end) for cut in range(start + 1, end)]
        for first, last in parts:
            part = name_key(doc[first:last].text)
            if part not in self.rules.direction_words and any(
                m.quality <= ALIAS for m in self.gazetteer.lookup(part)
            ):
                return part
        return key

    def trim(self, tokens: list[Token]) -> list[Token]:
        """Drop 'the', a lowercase direction word ('southern Ukraine') and a possessive ('Kyiv's')."""
        while len(tokens) > 1 and (
            tokens[0].lower_ in DETERMINERS
            or (tokens[0].is_lower and tokens[0].lower_ in self.rules.direction_words)
        ):
            tokens = tokens[1:]
        while len(tokens) > 1 and (tokens[-1].text in POSSESSIVE_MARKS or tokens[-1].is_punct):
            tokens = tokens[:-1]
        return tokens

    def from_mislabelled(self, ent: Span, known: set[str], people: set[int]) -> Iterator[Mention]:
        """A whole entity the model labelled ORG or PERSON that is a place ('Tbilisi says', 'a Coral
        Gables man'): a well-known place, a name tagged as a place elsewhere, or a place with a cue.
        Never part of a person's name the article gives in full ('Trapani' after 'Andy Trapani')."""
        tokens = self.trim(list(ent))
        if ent.label_ == "NORP" or ent.start in people or not all(_capitalized(t) for t in tokens):
            return
        start, end = tokens[0].i, tokens[-1].i + 1
        if self.acceptable(ent.doc, start, end, known):
            kind = self.rules.kind_of_word(tokens[-1].text) if len(tokens) > 1 else None
            yield Mention(start, end, name_key(ent.doc[start:end].text), kind=kind, source="relabelled")

    # -- names the NER missed ---------------------------------------------------------------------

    def from_gazetteer(self, doc: Doc, blocked: set[int], known: set[str]) -> Iterator[Mention]:
        for start, end in capitalized_runs(doc, blocked):
            if not self.acceptable(doc, start, end, known) and start + 1 < end and doc[start].is_sent_start:
                start += 1
            if self.acceptable(doc, start, end, known) and any(t.pos_ == "PROPN" for t in doc[start:end]):
                kind = self.rules.kind_of_word(doc[end - 1].text) if end - start > 1 else None
                key = name_key(doc[start:end].text)
                yield Mention(start, end, key, kind=kind if kind == "admin2" else None, source="gazetteer")

    def acceptable(self, doc: Doc, start: int, end: int, known: set[str]) -> bool:
        """Whether ``doc[start:end]`` is, whole, a place name we may take without the NER's word.

        A country, region, named area or a county named as such always; a city when it is a capital,
        large, named as a place elsewhere in the text, or next to a cue ('in', 'residents of', '... man').
        Never a name on the ``not_detected`` list.
        """
        span = doc[start:end]
        key = name_key(span.text)
        if span.text in self.rules.not_detected or key in self.rules.direction_words:
            return False
        acronym = span.text.replace(".", "").isupper() and len(span.text) <= 4
        if key in known:
            return True
        county = end - start > 1 and self.rules.kind_of_word(span[-1].text) == "admin2"
        cued = self.has_cue(doc, start, end)
        for match in self.gazetteer.lookup(key):
            feature = match.feature
            if match.quality > ALIAS or (acronym and feature.kind != "country"):
                continue  # 'AP' is the news agency, not Andhra Pradesh
            if feature.kind in {"country", "admin1", "other"} or (
                feature.kind == "admin2" and (county or cued)
            ):
                return True
            if feature.kind == "city" and (
                feature.capital or feature.population >= self.detect_min_population or cued
            ):
                return True
        return False

    def has_cue(self, doc: Doc, start: int, end: int) -> bool:
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        return before in self.rules.cues_before or after in self.rules.cues_after

    # -- the corpora's convention: adjectives and names inside names ------------------------------

    def from_adjectives(self, doc: Doc, taken: set[int]) -> Iterator[Mention]:
        """Country adjectives and demonyms ('Ukrainian forces', 'Canadians') as mentions of the country."""
        for token in doc:
            code = self.demonym(token) if token.i not in taken else None
            if code:
                yield Mention(token.i, token.i + 1, name_key(token.text), code=code, source="adjective")

    def demonym(self, token: Token) -> str | None:
        if not token.text[:1].isupper():
            return None
        key = name_key(token.text)
        return self.gazetteer.demonyms.get(key) or self.gazetteer.demonyms.get(key.removesuffix("s"))

    def from_embedded(self, doc: Doc, taken: set[int], known: set[str]) -> Iterator[Mention]:
        """A place at the start of an organization's name, or after its 'of' ('Kidney Foundation of
        Canada'), or before its possessive ('Ukraine's Armed Forces')."""
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS or ent.label_ not in self.rules.name_labels or ent.start in taken:
                continue
            tokens = self.trim(list(ent))
            if len(tokens) < 2:
                continue
            first = tokens[0].i
            for end in range(min(first + 3, tokens[-1].i), first, -1):
                if all(_capitalized(t) for t in doc[first:end]) and self.acceptable(doc, first, end, known):
                    yield Mention(first, end, name_key(doc[first:end].text), source="embedded")
                    break
            of = [t.i for t in tokens if t.lower_ == "of"]
            if (
                of
                and of[-1] + 1 <= tokens[-1].i
                and self.acceptable(doc, of[-1] + 1, tokens[-1].i + 1, known)
            ):
                yield Mention(
                    of[-1] + 1,
                    tokens[-1].i + 1,
                    name_key(doc[of[-1] + 1 : tokens[-1].i + 1].text),
                    source="embedded",
                )

    # -- 'Paris, Texas', 'Long Beach, CA' ---------------------------------------------------------

    def qualify_by_commas(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Mark a mention followed by ', <region or country>' as within it; return abbreviation mentions."""
        starts = {m.start: m for m in mentions}
        added: list[Mention] = []
        for mention in mentions:
            comma = mention.end
            if comma + 1 >= len(doc) or doc[comma].text != ",":
                continue
            following = starts.get(comma + 1)
            code, end = self.state_code(doc, comma + 1)
            if following is not None:
                mention.within = doc[following.start : following.end].text
                if code is not None and end == following.end and code in self.gazetteer.admin1_by_code:
                    following.code = mention.within = code  # 'Tacoma, WA': the state, not Wa in Ghana
                continue
            if code is not None and self.gazetteer.admin1_by_code.get(code) is not None:
                mention.within = code
                key = name_key(doc[comma + 1 : end].text)
                added.append(Mention(comma + 1, end, key, code=code, source="abbreviation"))
        return added

    def state_code(self, doc: Doc, start: int) -> tuple[str | None, int]:
        """The ISO code of a US state written as 'Calif.', 'W. Va.' or 'CA' at ``start``, and its end."""
        text = ""
        for end in range(start + 1, min(start + 4, len(doc)) + 1):
            text += doc[end - 1].text_with_ws if end > start + 1 else doc[end - 1].text
            written = text.strip()
            if written in self.rules.state_abbreviations:
                return self.rules.state_abbreviations[written], end
        token = doc[start]
        if len(token.text) == 2 and token.is_upper and token.is_alpha:
            return f"US-{token.text}", start + 1
        return None, start


def capitalized_runs(doc: Doc, blocked: set[int]) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalized words (with 'of', '-' ... inside), outside any entity."""
    i = 0
    while i < len(doc):
        if i in blocked or not _capitalized(doc[i]):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end not in blocked:
            if _capitalized(doc[end]):
                end += 1
            elif (
                doc[end].lower_ in NAME_JOINERS
                and end + 1 < len(doc)
                and end + 1 not in blocked
                and _capitalized(doc[end + 1])
            ):
                end += 2
            else:
                break
        if end - i <= MAX_NAME_TOKENS:
            yield i, end
        i = end


def _capitalized(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and (token.is_alpha or text.replace(".", "").isalpha())


def full_name_tokens(doc: Doc) -> set[int]:
    """Where the article names a person whose name has several words, at every mention of them."""
    return {
        mention.start
        for cluster in entity_clusters(doc)
        if cluster.label == "PERSON" and len(cluster.name.split()) > 1
        for mention in cluster.mentions
    }


def context_countries(names: Iterable[str], gazetteer: Gazetteer) -> list[str]:
    """Country codes of names that are countries' own names ('Russia', 'United States')."""
    codes: list[str] = []
    for name in names:
        for match in gazetteer.lookup(name_key(name)):
            if match.feature.kind == "country" and match.feature.country and match.quality <= ALIAS:
                codes.append(match.feature.country)
    return codes
