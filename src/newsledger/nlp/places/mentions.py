"""Finding the places an article names: the NER's place spans, tidied, and names the NER missed.

spaCy's small model tags about six in ten toponyms of local news, so the gazetteer helps find them too:

- an entity the model labelled ORG, PERSON, PRODUCT ... whose whole text is a place ('Tbilisi says',
  'a Coral Gables man') is taken when the place is well known (a country, a region, a capital, a city
  above ``detect_min_population``), when the text tags the same name as a place elsewhere (one sense per
  discourse), or when a cue word stands next to it ('residents ... in', '... man'); never when it is a
  person the article names in full ('Trapani' after 'Andy Trapani');
- a run of capitalized proper nouns outside every entity that is, whole, such a place, or a county
  named as such ('Walker County'), is taken by the same test.

- a dateline's place in capitals ('BEIRUT:', 'ISLE OF PALMS —'), any town of the name;
- streets and numbered roads ('Wichita Drive', 'State Highway 360', 'I-75'), by the pattern the
  lexicon's street words and road prefixes make; the places component places them at their town.

Names that are also common words or given names (``not_detected`` in ``lexicons/place_names.json``),
direction words ('South') and acronyms other than countries' and named areas' ('AP'; 'EU' is taken)
are never taken without the NER. Names inside other names ('Huntsville' in 'Huntsville Police
Department') and adjectives and demonyms ('Ukrainian', 'Texans', ``lexicons/place_adjectives.json``)
are found by :meth:`MentionFinder.find_conventional` and emitted with their ``form``.

A mention is cut to its toponym: 'the Kursk region' keeps 'Kursk region' (a region, by its last word),
'southern Ukraine' keeps 'Ukraine', 'Kyiv's' keeps 'Kyiv'; 'Paris, Texas' is two mentions, the first
within the second; 'Long Beach, CA' and 'Paris, Tenn.' read the abbreviation as a US state. A place
span the gazetteer lacks is looked up by the place name it starts or ends with ('Sligo Town Hall',
'South Arlington').
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.doc_text import doc_text
from newsledger.nlp.entities.component import entity_clusters
from newsledger.nlp.entities.labels import label_rules
from newsledger.nlp.lexicons import load_json
from newsledger.nlp.places.gazetteer import ALIAS, Gazetteer
from newsledger.nlp.places.geocode import Mention
from newsledger.nlp.places.names import name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DETERMINERS = frozenset({"the"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
# Lowercase words that may join capitalized words inside one name ('Rostov-on-Don', 'Isle of Man').
NAME_JOINERS = frozenset({"-", "of", "on", "upon", "de", "la", "le", "du", "del", "am", "an", "sur"})
MAX_NAME_TOKENS = 5
CAPITALIZED_WORD = re.compile(r"\b[A-Z][A-Za-z]+\b")
# What the end of a longer name may be on its own ('Nazi Germany', 'United Way of America').
REGION_KINDS = frozenset({"country", "admin1"})
# What a name found only under its loose key (another transliteration) may be taken as without the
# NER's word, with a cue word before or after it ('killed in Kostiantynivka').
LOOSE_KINDS = frozenset({"city", "admin1", "admin2"})
# What an acronym may name without the NER's word: a country ('UAE') or a named area ('EU').
ACRONYM_KINDS = frozenset({"country", "other"})
# A street's name before its last word: one to four capitalized words ('E. Main', 'Martin Luther King Jr.').
# At most this many tokens between a place and the place the text puts it near (', a village north of').
MAX_PROXIMITY_GAP = 6
# Parts of speech that end a description between two places: a verb says something else, a conjunction
# starts another place.
GAP_BREAKS = frozenset({"VERB", "AUX", "CCONJ", "SCONJ"})
STREET_NAME = r"(?:[A-Z][A-Za-z'’-]*\.?[ ]){1,4}"


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
    dateline_marks: frozenset[str]
    street_words: frozenset[str]
    site_words: frozenset[str]
    streets: re.Pattern[str]
    proximity_phrases: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_lexicon(cls) -> MentionRules:
        lexicon = load_json("places", "place_names.json")
        return cls(
            admin1_words=frozenset(lexicon["admin1_words"]),
            admin2_words=frozenset(lexicon["admin2_words"]),
            direction_words=frozenset(lexicon["direction_words"]),
            state_abbreviations=dict(lexicon["us_state_abbreviations"]),
            not_detected=frozenset(lexicon["not_detected"]),
            cues_before=frozenset(lexicon["cues_before"]),
            cues_after=frozenset(lexicon["cues_after"]),
            name_labels=frozenset(lexicon["name_labels"]),
            dateline_marks=frozenset(lexicon["dateline_marks"]),
            street_words=frozenset([*lexicon["street_words"], lexicon["street_abbreviation"]]),
            site_words=frozenset(lexicon["site_words"]),
            streets=street_pattern(lexicon),
            proximity_phrases=tuple(
                tuple(phrase.replace("-", " - ").split()) for phrase in lexicon["proximity_phrases"]
            ),
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

    ``adjectives`` and ``embedded`` follow the geoparsing corpora's convention: 'Ukrainian' in
    'Ukrainian forces' is a mention of Ukraine, and 'Huntsville' in 'Huntsville Police Department' (a
    name inside an organization's) a mention of Huntsville. One finder serves one Doc.
    """

    gazetteer: Gazetteer
    rules: MentionRules
    detect_min_population: int
    adjectives: bool = False
    embedded: bool = False
    text: str | None = None

    def text_of(self, doc: Doc) -> str:
        """The Doc's text, joined once (``Doc.text`` joins every token anew on each call)."""
        if self.text is None:
            self.text = doc_text(doc)
        return self.text

    def find(self, doc: Doc) -> list[Mention]:
        """The places the article names: the NER's, those it mislabelled, and those it missed."""
        datelines = list(self.from_datelines(doc))
        in_dateline = {i for m in datelines for i in range(m.start, m.end)}
        mentions = [
            m
            for ent in doc.ents
            if ent.label_ in PLACE_LABELS and not any(t.i in in_dateline for t in ent)
            for m in self.from_entity(ent)
        ]
        mentions += datelines
        # One sense per discourse: a name the NER tagged as a place once is a place everywhere in the text.
        known = {m.key for m in mentions if self.gazetteer.lookup(m.key)}
        people = full_name_tokens(doc)
        for ent in doc.ents:
            if ent.label_ in self.rules.name_labels:
                mentions.extend(list(self.from_mislabelled(ent, known, people)) or self.sites(ent))
        known |= {m.key for m in mentions}
        blocked = {i for m in mentions for i in range(m.start, m.end)} | {
            t.i for ent in doc.ents for t in ent
        }
        mentions += self.from_gazetteer(doc, blocked, known)
        mentions = self.with_streets(doc, mentions)
        mentions.sort(key=lambda m: m.start)
        mentions += self.qualify_by_commas(doc, mentions)
        # One mention per stretch of text: a dateline the NER also labelled is found twice.
        unique = {(m.start, m.end): m for m in reversed(mentions)}
        found = sorted(unique.values(), key=lambda m: m.start)
        self.anchor_by_proximity(doc, found)
        return found

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
        segments = [part for s in segments if s for part in self.split_possessive(s)]
        for number, segment in enumerate(segments):
            last = number == len(segments) - 1
            end = segment[-1].i + 1
            kind = self.rules.kind_of_word(segment[-1].text) if len(segment) > 1 else None
            if len(segment) > 1 and segment[-1].text in self.rules.street_words:
                kind = "site"  # 'Lancaster Avenue' is a street, not Lancaster
            if kind is None and last and end < len(doc) and not doc[end].ent_type_:
                kind = self.rules.kind_of_word(doc[end].text)
                end = end + 1 if kind else end
            start = segment[0].i
            if last and kind is None:
                end = self.hyphenated_tail(doc, start, end)
            if ent.label_ == "FAC" and not self.gazetteer.lookup(name_key(doc[start:end].text)):
                kind = "site"  # a building or a bridge: placed at its town
            written = doc[start:end].text
            if written + "." in self.rules.state_abbreviations and doc[end - 1].whitespace_ == "":
                written += "."  # 'W.Va.' tokenized as 'W.Va' and '.'
            if written in self.rules.state_abbreviations:
                yield Mention(start, end, name_key(written), code=self.rules.state_abbreviations[written])
                continue
            key = name_key(written)
            if key and key not in self.rules.direction_words:
                part = self.known_part(doc, start, end, key)
                # only the start of a name that is no region or county named as such ('Abu' of 'Abu
                # al-Duhur', 'Norfolk' of 'Norfolk High') is a partial reading
                partial = kind is None and part != key and key.startswith(part)
                yield Mention(start=start, end=end, key=part, kind=kind, partial=partial)

    def hyphenated_tail(self, doc: Doc, start: int, end: int) -> int:
        """The end of a name the NER cut before its hyphenated last word ('Deir' of 'Deir ez-Zor',
        'Ain' of 'Ain al-Arab', whose lowercase article the small model leaves out): the word is taken
        when the gazetteer has the whole name, as written or spelled another way."""
        if end >= len(doc) or not doc[end - 1].whitespace_:
            return end
        tail = end
        while tail < len(doc) and not doc[tail].is_space:
            tail += 1
            if doc[tail - 1].whitespace_:
                break
        if tail - end < 3 or not any(t.text == "-" for t in doc[end:tail]) or not doc[tail - 1].is_alpha:
            return end
        return tail if self.gazetteer.find(name_key(doc[start:tail].text)) else end

    def split_possessive(self, segment: list[Token]) -> list[list[Token]]:
        """A name opened by a possessive written without its apostrophe ('Syrias Idlib province',
        as texts stripped of apostrophes write "Syria's") is two places: the country or region of the
        possessive and the name after it."""
        first = segment[0]
        if len(segment) < 2 or not first.text.endswith("s") or not _capitalized(first):
            return [segment]
        key = name_key(first.text)
        if self.gazetteer.lookup(key):
            return [segment]
        stem = self.gazetteer.find(key)
        if stem and all(m.feature.kind in REGION_KINDS and m.quality <= ALIAS for m in stem):
            return [[first], segment[1:]]
        return [segment]

    def known_part(self, doc: Doc, start: int, end: int, key: str) -> str:
        """The key to look up for a span: its own, or, when the gazetteer lacks it, that of the place
        name it starts with ('Norfolk High', 'Sligo Town Hall' are where Norfolk and Sligo are), else
        that it ends with after direction words ('South Arlington', 'West Africa', 'Northwest D.C.')."""
        if end - start < 2 or self.gazetteer.lookup(key):
            return key
        parts = [(start, cut) for cut in range(end - 1, start, -1)]
        ends = [(cut, end) for cut in range(start + 1, end)]
        for first, last in parts + ends:
            if doc[first].is_lower or doc[last - 1].is_lower or doc[last - 1].text in self.rules.street_words:
                continue  # 'City of' is not Of, 'McCandless Street' not Street
            part = name_key(doc[first:last].text)
            # A name's end is taken after direction words ('South Arlington') or when it is a country
            # or region ('Nazi Germany'); a town's name at the end is mostly a common word ('Nile Delta').
            after_directions = all(name_key(t.text) in self.rules.direction_words for t in doc[start:first])
            kinds = REGION_KINDS if first > start and not after_directions else None
            if part not in self.rules.direction_words and any(
                m.quality <= ALIAS and (kinds is None or m.feature.kind in kinds)
                for m in self.gazetteer.lookup(part)
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

    def from_mislabelled(self, ent: Span, known: set[str], people: dict[int, str]) -> Iterator[Mention]:
        """A whole entity the model labelled ORG or PERSON that is a place ('Tbilisi says', 'a Coral
        Gables man'): a well-known place, a name tagged as a place elsewhere, or a place with a cue.
        Never part of a person's name the article gives in full ('Trapani' after 'Andy Trapani')."""
        tokens = self.trim(list(ent))
        part_of_a_name = ent.start in people and name_key(people[ent.start]) != name_key(ent.text)
        if ent.label_ == "NORP" or part_of_a_name or not _is_name(tokens):
            return
        start, end = tokens[0].i, tokens[-1].i + 1
        if self.acceptable(ent.doc, start, end, known):
            kind = self.rules.kind_of_word(tokens[-1].text) if len(tokens) > 1 else None
            yield Mention(start, end, name_key(ent.doc[start:end].text), kind=kind, source="relabelled")

    def sites(self, ent: Span) -> list[Mention]:
        """An organization's name that names a building or site ('Barclays Center', 'MetroHealth Medical
        Center'): no gazetteer has it; it is placed at its town. One that starts with a place name
        ('Windsor Castle') is left to :meth:`from_embedded`, which finds the place."""
        tokens = self.trim(list(ent))
        if ent.label_ != "ORG" or len(tokens) < 2 or tokens[-1].text not in self.rules.site_words:
            return []
        start, end = tokens[0].i, tokens[-1].i + 1
        for cut in range(start + 1, min(start + 4, end)):
            if any(m.quality <= ALIAS for m in self.gazetteer.lookup(name_key(ent.doc[start:cut].text))):
                return []  # 'Henry County Courthouse': the place it starts with is found as embedded
        if any(self.demonym(t.text) for t in tokens):
            return []  # 'State Russian Museum': the adjective is the corpora's toponym
        return [Mention(start, end, name_key(ent.doc[start:end].text), kind="site", source="site")]

    # -- names the NER missed ---------------------------------------------------------------------

    def from_datelines(self, doc: Doc) -> Iterator[Mention]:
        """A dateline: a place name in capitals that opens a sentence or line, before a dateline mark
        ('BEIRUT:', 'ISLE OF PALMS —', 'SPRINGFIELD, Ill. --'). The capitals and the mark say it is a
        place, so any town of the name is taken, however small."""
        for token in doc:
            if not _upper(token):
                continue
            before = doc[token.i - 1] if token.i else None
            opens = before is None or token.is_sent_start or before.is_space or before.text in {".", "\n"}
            if not opens:
                continue
            end = token.i
            while end < len(doc) and end - token.i < MAX_NAME_TOKENS and _upper(doc[end]):
                end += 1
            if end >= len(doc) or doc[end].text not in self.rules.dateline_marks:
                continue
            key = name_key(doc[token.i : end].text)
            if key not in self.rules.direction_words and any(
                m.quality <= ALIAS and m.feature.kind != "other" for m in self.gazetteer.lookup(key)
            ):
                yield Mention(token.i, end, key, source="dateline")

    def with_streets(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """The mentions plus streets and numbered roads ('Wichita Drive', 'E. Main St.', 'State Highway
        360', 'I-75'). A street replaces the mentions inside it ('Paris' in 'Paris Road', 'State
        Highway' without its number) and the NER's labels other than places ('Chestnut Drive' as a
        PERSON); a mention that reaches outside it wins. No gazetteer has streets: they are placed at
        the town named next to them (see the places component)."""
        streets = list(self.streets(doc))
        inside = {id(m) for m in mentions for s in streets if s.start <= m.start and m.end <= s.end}
        kept = [m for m in mentions if id(m) not in inside]
        taken = {i for m in kept for i in range(m.start, m.end)}
        return kept + [s for s in streets if not any(i in taken for i in range(s.start, s.end))]

    def streets(self, doc: Doc) -> Iterator[Mention]:
        """Every street or numbered road the lexicon's pattern finds, cut to whole tokens."""
        for match in self.rules.streets.finditer(self.text_of(doc)):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            tokens = [t for t in span]
            while len(tokens) > 1 and (tokens[0].is_stop or tokens[0].text in POSSESSIVE_MARKS):
                tokens = tokens[1:]
            start, end = tokens[0].i, tokens[-1].i + 1
            if end - start < 2 and "-" not in doc[start].text:
                continue
            yield Mention(start, end, name_key(doc[start:end].text), kind="site", source="street")

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
        large, named as a place elsewhere in the text, or next to a cue ('in', 'residents of', '... man');
        a town or region found only under an alternate name or its loose key (another spelling) with a
        cue.
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
        for match in self.gazetteer.find(key):
            feature = match.feature
            if match.quality > ALIAS and cued and not acronym and feature.kind in LOOSE_KINDS:
                # 'killed in Kostiantynivka', 'the city of Raqqah': a town spelled another way (an
                # alternate name, another transliteration), with a cue
                return True
            if match.quality > ALIAS or (acronym and feature.kind not in ACRONYM_KINDS):
                continue  # 'AP' is the news agency, not Andhra Pradesh; 'EU' is the Union
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
        """A cue word right before or after the name ('in', '... man'), or 'of' after a noun that
        locates by its object ('the town of Al Mayadeen', 'south of Raqqah', the entity lexicon's
        ``locative_heads``)."""
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if before == "of" and start > 1 and doc[start - 2].lower_ in label_rules().locative_heads:
            return True
        return before in self.rules.cues_before or after in self.rules.cues_after

    # -- the corpora's convention: adjectives and names inside names ------------------------------

    def from_adjectives(self, doc: Doc, taken: set[int]) -> Iterator[Mention]:
        """Adjectives and demonyms ('Ukrainian forces', 'Canadians', 'South Ossetian', 'Texans') as
        mentions of their place; two words before one ('South African' is not 'African'). The
        capitalized words are found in the text, not the tokens: building a Token per word costs more
        than the whole lookup."""
        text = self.text_of(doc)
        words = list(CAPITALIZED_WORD.finditer(text))
        skip_to = 0
        for number, word in enumerate(words):
            if word.start() < skip_to:
                continue
            following = words[number + 1] if number + 1 < len(words) else None
            candidates = [(word.start(), word.end())]
            if following is not None and text[word.end() : following.start()] == " ":
                candidates.insert(0, (word.start(), following.end()))
            for start, end in candidates:
                code = self.demonym(text[start:end])
                span = doc.char_span(start, end) if code else None
                if code and span is not None and not any(t.i in taken for t in span):
                    yield Mention(span.start, span.end, name_key(span.text), code=code, source="adjective")
                    skip_to = end
                    break

    def demonym(self, text: str) -> str | None:
        key = name_key(text)
        demonyms = self.gazetteer.demonyms
        return (
            demonyms.get(key) or demonyms.get(key.removesuffix("s")) or demonyms.get(key.removesuffix("es"))
        )

    def from_embedded(self, doc: Doc, taken: set[int], known: set[str]) -> Iterator[Mention]:
        """A place at the start of an organization's name, or after its 'of' ('Kidney Foundation of
        Canada'), or before its possessive ('Ukraine's Armed Forces'), or at its end ('CTV Saskatoon').

        The model takes many organizations for people ('Huntsville Fire'), so a name it calls a person
        is searched too, but a place is taken from it only when the text names that place elsewhere
        or a cue follows it ('Fire', 'Police'): a person's first name or surname is seldom a place
        ('Michael', 'George' and 'Perry' are towns)."""

        def fits(ent: Span, start: int, end: int) -> bool:
            if not all(_capitalized(t) for t in doc[start:end]) or not self.acceptable(
                doc, start, end, known
            ):
                return False
            person = ent.label_ == "PERSON"
            return not person or name_key(doc[start:end].text) in known or self.has_cue(doc, start, end)

        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS or ent.label_ not in self.rules.name_labels or ent.start in taken:
                continue
            tokens = self.trim(list(ent))
            if len(tokens) < 2:
                continue
            first = tokens[0].i
            for end in range(min(first + 3, tokens[-1].i), first, -1):
                if fits(ent, first, end):
                    yield Mention(first, end, name_key(doc[first:end].text), source="embedded")
                    break
            last = tokens[-1].i + 1
            at_end = False
            for start in range(max(last - 2, first + 1), last):
                if fits(ent, start, last):
                    yield Mention(start, last, name_key(doc[start:last].text), source="embedded")
                    at_end = True
                    break
            of = [t.i for t in tokens if t.lower_ == "of"]
            if not at_end and of and of[-1] + 1 <= tokens[-1].i and fits(ent, of[-1] + 1, tokens[-1].i + 1):
                yield Mention(
                    of[-1] + 1,
                    tokens[-1].i + 1,
                    name_key(doc[of[-1] + 1 : tokens[-1].i + 1].text),
                    source="embedded",
                )

    # -- 'the Abu Shouk camp near El Fasher' ------------------------------------------------------

    def anchor_by_proximity(self, doc: Doc, mentions: list[Mention]) -> None:
        """Mark a mention that the text puts near the next one ('the Abu Shouk displacement camp near El
        Fasher', 'Tawila, a town west of El Fasher', 'a village 30 km from Kursk') with that one's start.

        The words between may describe the first place ('displacement camp', ', a town') but not say
        anything else: no verb, no conjunction ('the Kursk region and near Voronezh'), no sentence end,
        at most :data:`MAX_PROXIMITY_GAP` tokens. Geocoding then keeps the first place near its anchor,
        or places it at the anchor (see :mod:`.geocode`)."""
        for number, (mention, anchor) in enumerate(pairwise(mentions)):
            gap = doc[mention.end : anchor.start]
            # 'a village near Syrias Idlib': the last of names that follow each other is the place
            following = mentions[number + 2 :]
            while following and following[0].start == anchor.end:
                anchor, following = following[0], following[1:]
            if not 0 < len(gap) <= MAX_PROXIMITY_GAP or anchor.start <= mention.end:
                continue
            if any(t.pos_ in GAP_BREAKS or t.is_sent_start or t.text in {".", ";", ":"} for t in gap):
                continue
            words = tuple(t.lower_ for t in gap)
            if any(words[-len(p) :] == p for p in self.rules.proximity_phrases):
                mention.anchor = anchor.start

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


def street_pattern(lexicon: dict[str, list[str] | str]) -> re.Pattern[str]:
    """The street and road pattern of ``lexicons/place_names.json``: capitalized words and a street
    word, or a road prefix or code and a number. An abbreviated street word ('Dr.', 'St.') may not be
    followed by a capitalized word, where it is a title or a saint ('Dr. Smith', 'St. Louis')."""
    words = [w for w in lexicon["street_words"] if not w.endswith(".")]
    abbreviations = [w for w in lexicon["street_words"] if w.endswith(".")] + [
        str(lexicon["street_abbreviation"])
    ]
    prefixes = sorted(lexicon["road_prefixes"], key=len, reverse=True)
    street = rf"\b{STREET_NAME}(?:{_alternatives(words)})(?![A-Za-z])"
    abbreviated = rf"\b{STREET_NAME}(?:{_alternatives(abbreviations)})(?![ ]+[A-Z])"
    codes = _alternatives(lexicon["road_codes"])
    road = rf"\b(?:{_alternatives(prefixes)})[ ]\d+[A-Z]?\b|\b(?:{codes})-[ ]?\d+\b"
    return re.compile(f"{road}|{street}|{abbreviated}")  # a numbered road before its words


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in words)


def _upper(token: Token) -> bool:
    """A word in capitals ('BEIRUT', 'ST.', 'OF', "'S"), as a dateline writes its place."""
    return token.text.isupper() and any(c.isalpha() for c in token.text)


def _is_name(tokens: list[Token]) -> bool:
    """Capitalized words, a transliterated name's lowercase article or joiner between them ('Ain
    al-Arab', 'Tal al-Sheikh'): a particle hyphened to the word after it, or a hyphen."""
    if not tokens or not _capitalized(tokens[0]) or not _capitalized(tokens[-1]):
        return False
    return all(
        _capitalized(t)
        or t.text == "-"
        or (t.is_lower and t.is_alpha and not t.whitespace_ and t.i + 1 < len(t.doc) and t.nbor().text == "-")
        for t in tokens
    )


def _capitalized(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and (token.is_alpha or text.replace(".", "").isalpha())


def full_name_tokens(doc: Doc) -> dict[int, str]:
    """Where the article names a person whose name has several words, at every mention of them, with
    the full name: a mention that is the whole name may still be a place the NER took for a person
    ('in Glen Carbon'); a part of it ('Trapani' after 'Andy Trapani') is not."""
    return {
        mention.start: cluster.name
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
