"""Events: who did what to whom, where, when, how many — and according to whom — in the PLOVER ontology.

The component ``newsledger_events`` runs last. In every sentence (all of them: nothing is skipped after
the first) it finds trigger verbs, nouns and phrases from the lexicons (``plover_*.json``, see
:mod:`.lexicon`), keeps the outermost of nested triggers ('threatened to attack' is
one THREATEN), and reads for each its actor and target from the same clause
(:mod:`.roles`), its mode (:mod:`.modes`), the weapons and
the places its clause names. Promotional or fundraising text that mentions weapons yields no attack.
A sentence with no trigger yields nothing: no default type is ever invented.

Each mention is stored on ``doc._.events`` as plain data (character offsets and strings), because Docs
cross process boundaries as msgpack. :func:`event_records` links the mentions to the article's other
records (:mod:`.links`) and merges the tellings of one happening into one
:class:`~newsledger.records.Event` (:mod:`.merge`).

Config: ``intent_types`` codes a planned or hypothetical act as PLOVER does, as a promise (AGREE) or a
threat (THREATEN), keeping the mode; turn it off to keep the act's own type.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.nlp.doc_text import doc_text
from newsledger.nlp.events.background import foreground_heads, is_anchor, ordered_phrases
from newsledger.nlp.events.gerunds import gerund_verbs, reattach_gerund_complements
from newsledger.nlp.events.lexicon import EventLexicon, load_event_lexicon
from newsledger.nlp.events.links import RecordLinker
from newsledger.nlp.events.merge import build_event, merge_mentions
from newsledger.nlp.events.modes import ModeReading, is_others_guess, mode_reading
from newsledger.nlp.events.roles import Role, actor_of, is_verb, reduced_relative, role_data, target_of
from newsledger.nlp.events.senses import is_demanded, is_epistemic, is_weapon_act, joint_type
from newsledger.nlp.events.triggers import Trigger, find_triggers, lemma_of, light_verb, outermost_triggers
from newsledger.records import Attribution, Claim, Entity, Event, Place, Quantity, TimeRef

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@Language.factory(
    "newsledger_events",
    default_config={"intent_types": True},
    assigns=["doc._.events"],
    requires=["token.dep", "token.tag", "token.lemma", "doc.ents"],
)
def make_events_component(nlp: Language, name: str, intent_types: bool) -> EventsComponent:
    return EventsComponent(name, intent_types=intent_types)


class EventsComponent:
    """Finds the event mentions of a Doc and stores them as plain data on ``doc._.events``."""

    def __init__(self, name: str = "newsledger_events", *, intent_types: bool = True) -> None:
        self.name = name
        self.intent_types = intent_types
        self.lexicon: EventLexicon = load_event_lexicon()
        self.gerund_verbs = gerund_verbs()

    def __call__(self, doc: Doc) -> Doc:
        reattach_gerund_complements(doc, self.gerund_verbs)
        doc._.events = [mention for sentence in doc.sents for mention in self.sentence_mentions(sentence)]
        return doc

    def sentence_mentions(self, sentence: Span) -> list[dict[str, Any]]:
        lexicon = self.lexicon
        triggers = outermost_triggers(find_triggers(sentence, lexicon), sentence, lexicon)
        promotional = self.is_promotional(sentence)
        kept = foreground_heads(sentence.doc, [trigger.head for trigger in triggers])
        mentions = []
        for trigger in triggers:
            if trigger.head not in kept:
                continue
            reading = mode_reading(trigger, sentence.doc, lexicon.modes)
            mode = reading.mode
            event_type = self.event_type(trigger, sentence.doc, reading)
            if is_demanded(sentence.doc[trigger.head], lexicon.senses):
                event_type, mode = lexicon.senses.deontic_type, "actual"
            if promotional and {trigger.type, event_type} & lexicon.exclusion_types:
                continue
            mentions.append(self.mention(trigger, sentence, event_type, mode))
        return mentions

    def event_type(self, trigger: Trigger, doc: Doc, reading: ModeReading) -> str:
        """The trigger's type (a show of force done together is cooperation, see ``joint_type``), or for
        a planned or hypothetical act the promise or threat PLOVER codes.

        A guess about a past act ('a second missile may have hit') is no intention, and a weapon cannot
        promise or threaten: both keep the act's type, with the mode saying it is uncertain. So does an
        act that is only a condition ('if the rebels attack') or someone else's expectation ('an expected
        offensive'), or what someone else believes the actor will or could do ('officials believe the RSF may
        attack'): nobody promised or threatened it (``not_intent_cues``, ``others_guess``)."""
        own_type = joint_type(doc[trigger.head], trigger.type, self.lexicon.senses)
        if not self.intent_types or reading.mode not in {"planned", "hypothetical"}:
            return own_type
        token = doc[trigger.head]
        cues = self.lexicon.modes
        guess = reading.cue in cues.modals and is_others_guess(token, cues)
        if reading.cue in cues.not_intent_cues or guess:
            return own_type
        senses = self.lexicon.senses
        literal = is_epistemic(token, senses) or is_weapon_act(token, senses, require_place=False)
        if trigger.pos == "verb" and literal:
            return own_type
        return self.lexicon.modes.intent_types.get(own_type, own_type)

    def is_promotional(self, sentence: Span) -> bool:
        """Selling, fundraising or entertainment words in the sentence (see ``exclusions`` in the rules)."""
        if any(lemma_of(token) in self.lexicon.exclusion_lemmas for token in sentence):
            return True
        lowered = sentence.text.lower()
        return any(phrase in lowered for phrase in self.lexicon.exclusion_phrases)

    def mention(self, trigger: Trigger, sentence: Span, event_type: str, mode: str) -> dict[str, Any]:
        doc = sentence.doc
        actor = _first(trigger, [actor_of(t, doc, self.lexicon) for t in (trigger, *trigger.absorbed)])
        target = _first(
            trigger, [target_of(t, doc, self.lexicon, actor) for t in (trigger, *trigger.absorbed)]
        )
        clause = clause_of(trigger, doc, self.lexicon)
        words = doc[trigger.start : trigger.end]
        return {
            "type": event_type,
            "mode": mode,
            "lemma": trigger.lemma,
            "entry": trigger.entry,
            "specific": bool(trigger.consumed - {trigger.head}) or " " in trigger.entry,
            "trigger": [words.start_char, words.end_char],
            "actor": role_data(actor, doc),
            "target": role_data(target, doc),
            "instruments": [{"start": ent.start_char, "end": ent.end_char} for ent in _weapons(clause)],
            "scope": [clause.start_char, clause.end_char],
            "sentence": [sentence.start_char, sentence.end_char],
            "where": [_char_span(obj) for obj in _locations(trigger, clause, self.lexicon)],
            "anchor": is_anchor(doc[trigger.head]),
            "apart": [_char_span(span) for span in ordered_phrases(clause, trigger.head)],
        }


def _first(trigger: Trigger, roles: list[Role | None]) -> Role | None:
    """The trigger's own role, else one an absorbed trigger gives ('refused to respond to a demand from
    the US President' -> the US President), but not the trigger itself ('the attack injured 12')."""
    return next((r for r in roles if r is not None and not r.start <= trigger.head < r.end), None)


def clause_of(trigger: Trigger, doc: Doc, lexicon: EventLexicon) -> Span:
    """The clause a trigger's figures, weapons, dates and places are read from: the subtree of its verb
    (for a noun, the verb it hangs from), widened over the verbs that control an infinitive."""
    head = doc[trigger.head]
    verb = head if is_verb(head) else _verb_above(head, lexicon)
    if verb is None:
        return _subtree(head)
    while verb.dep_ == "xcomp" and is_verb(verb.head):
        verb = verb.head
    if reduced_relative(verb):
        # '18 people killed when …': the figure is the participle's patient, before it in the text
        return doc[verb.head.left_edge.i : verb.right_edge.i + 1]
    return _subtree(verb)


def _verb_above(noun: Token, lexicon: EventLexicon) -> Token | None:
    light = light_verb(noun, lexicon.roles)
    if light is not None:
        return light
    node = noun
    for _ in range(6):
        if node.dep_ not in lexicon.roles.noun_to_verb_deps or node.head.i == node.i:
            return None
        node = node.head
        if is_verb(node):
            return node
    return None


def _subtree(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _weapons(clause: Span) -> list[Span]:
    return [ent for ent in clause.ents if ent.label_ == "WEAPON"]


def _locations(trigger: Trigger, clause: Span, lexicon: EventLexicon) -> list[Span]:
    """The objects of locative prepositions on the trigger or its clause's verb ('struck in the Kursk
    region', 'an explosion near Samarra'), not those of a clause it embeds."""
    doc = clause.doc
    holders = {trigger.head, clause.root.i}
    found: list[Span] = []
    for holder in holders:
        for prep in doc[holder].children:
            if prep.dep_ == "prep" and prep.lower_ in lexicon.roles.locative_preps:
                found.extend(_subtree(child) for child in prep.children if child.dep_ == "pobj")
    return sorted(found, key=lambda span: span.start)


def _char_span(span: Span) -> list[int]:
    return [span.start_char, span.end_char]


def event_records(
    doc: Doc,
    *,
    entities: list[Entity],
    times: list[TimeRef],
    places: list[Place],
    quantities: list[Quantity],
    attributions: list[Attribution],
    claims: list[Claim],
) -> list[Event]:
    """The events of a processed Doc as records, ids v1, v2, … in order of first telling."""
    items: list[dict[str, Any]] = doc._.events or []
    if not items:
        return []
    lexicon = load_event_lexicon()
    linker = RecordLinker(
        doc_text(doc),
        entities=entities,
        times=times,
        places=places,
        quantities=quantities,
        attributions=attributions,
        claims=claims,
        place_from_target=lexicon.roles.place_from_target,
    )
    drafts = merge_mentions(linker.mentions(items))
    return [build_event(draft, number, lexicon.status_order) for number, draft in enumerate(drafts, start=1)]
