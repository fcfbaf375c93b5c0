"""Verbs of sending and issuing that attribute only when what they send is a message.

'The city sent a cease-and-desist letter', 'Clinton has delivered a mostly positive message', 'The
coalition issued a policy paper welcoming the plan': the sender is the source and the message the content.
The same verbs attribute nothing when they send troops, issue bonds or deliver the mail, so unlike the cue
verbs of ``attribution_cues.json`` they count only with an object whose head is a message noun
(``lexicons/message_verbs.json``), or a collective of messages ('unleashed a series of tweets').
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.nlp.cues import CueEntry
from newsledger.nlp.lexicons import load_json


@dataclass(frozen=True)
class MessageVerbs:
    """The verbs, the message nouns their object must head, and the cue entry they act as."""

    verbs: frozenset[str]
    collectives: frozenset[str]
    messages: frozenset[str]
    entry: CueEntry


@functools.cache
def message_verbs() -> MessageVerbs:
    raw = load_json("attribution", "message_verbs.json")
    entry = CueEntry(weight=float(raw["weight"]), takes=frozenset({"object"}))
    return MessageVerbs(frozenset(raw["verbs"]), frozenset(raw["collectives"]), frozenset(raw["messages"]),
                        entry)


def message_verb_entry(verb: Token) -> CueEntry | None:
    """The cue entry of ``verb`` when it is a verb of sending whose direct object is a message, else None."""
    lexicon = message_verbs()
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if lemma not in lexicon.verbs and f"{lemma} {particle}" not in lexicon.verbs:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    return lexicon.entry if objects and _is_message(objects[0], lexicon) else None


def _is_message(noun: Token, lexicon: MessageVerbs) -> bool:
    """A message noun, or a collective whose of-phrase names messages ('a series of tweets')."""
    lemma = noun.lemma_.lower()
    if lemma in lexicon.messages:
        return True
    if lemma not in lexicon.collectives:
        return False
    return any(prep.lower_ == "of" and any(o.dep_ == "pobj" and o.lemma_.lower() in lexicon.messages
                                           for o in prep.children)
               for prep in noun.children if prep.dep_ == "prep")
