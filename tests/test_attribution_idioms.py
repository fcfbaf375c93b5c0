"""Issue 17: 'as X put it', verbs of sending a message, quote verbs and headline verbs, on news sentences
written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from newsledger.nlp.attribution import attribution_records
from newsledger.nlp.entities import entity_records
from newsledger.nlp.times import time_refs
from newsledger.records import Attribution

Parse = Callable[..., Doc]


def attributions(parse: Parse, text: str) -> list[Attribution]:
    doc = parse(text)
    return attribution_records(doc, entities=entity_records(doc), times=time_refs(doc))


def test_as_x_put_it_opening_a_sentence_reports_the_main_clause(parse: Parse) -> None:
    text = ("As the mayor put it at the council meeting on Tuesday, the city cannot afford another "
            "flood like the one in 2019.")
    [found] = [a for a in attributions(parse, text) if a.cue and a.cue.span.text == "put it"]
    assert found.source is not None and found.source.text == "the mayor"
    assert found.content.text == "the city cannot afford another flood like the one in 2019"


def test_as_x_put_it_closing_a_sentence_reports_its_host_clause(parse: Parse) -> None:
    text = ("Because most ports charge by weight, the real cost of the new rule is the paperwork, as one "
            "shipping executive put it.")
    [found] = [a for a in attributions(parse, text) if a.cue and a.cue.span.text == "put it"]
    assert found.source is not None and found.source.text == "one shipping executive"
    assert found.content.text == "the real cost of the new rule is the paperwork"


def test_putting_something_somewhere_is_no_report(parse: Parse) -> None:
    text = "The minister put it on the table during the talks, as the rules require."
    assert not [a for a in attributions(parse, text) if a.cue and a.cue.lemma == "put it"]


def test_sending_or_issuing_a_message_attributes_it_to_the_sender(parse: Parse) -> None:
    letter = attributions(parse, "The ministry sent a formal letter of protest to the embassy on Monday.")
    assert [a.source.text for a in letter if a.source] == ["The ministry"]
    assert letter[0].content.text.startswith("a formal letter of protest")
    statement = attributions(parse, "Late on Friday the dockworkers' union issued a statement condemning "
                                    "the closure of the port.")
    assert [a.source.text for a in statement if a.source] == ["the dockworkers' union"]


def test_sending_troops_or_issuing_bonds_attributes_nothing(parse: Parse) -> None:
    assert not attributions(parse, "The government sent 2,000 troops to the northern border on Tuesday.")
    assert not attributions(parse, "The city issued new bonds worth $2 billion to pay for the bridge.")


def test_a_series_of_messages_is_a_message(parse: Parse) -> None:
    text = "Hours after the governor unleashed a flurry of tweets attacking the judge, his aides fell silent."
    assert [a.source.text for a in attributions(parse, text) if a.source] == ["the governor"]


def test_a_content_preposition_read_as_a_particle_still_takes_its_object(parse: Parse) -> None:
    text = "In June, the opposition leader called on fellow lawmakers to reject the budget."
    found = [a for a in attributions(parse, text) if a.source]
    assert [a.source.text for a in found if a.source] == ["the opposition leader"]
    assert found[0].content.text.startswith("fellow lawmakers to reject the budget")


def test_verbs_of_demanding_and_offering_introduce_a_quote(parse: Parse) -> None:
    text = ("\u201cWhere did the relief money go?\u201d Senator Okafor demanded.\n\n"
            "\u201cWe can open the books next week,\u201d the treasurer offered.")
    found = [(a.source.text, a.cue.span.text) for a in attributions(parse, text) if a.source and a.cue]
    assert found == [("Senator Okafor", "demanded"), ("the treasurer", "offered")]


def test_a_headline_verb_read_as_a_noun_still_attributes_the_headline(parse: Parse) -> None:
    for headline, source, cue, content in [
        ("State court rules against ban on street vendors.", "State court", "rules",
         "against ban on street vendors"),
        ("City council votes to close the old harbour bridge.", "City council", "votes",
         "to close the old harbour bridge"),
    ]:
        text = headline + "\n\nThe mayor of Lagos said on Monday that the decision would cost jobs."
        found = [a for a in attributions(parse, text) if a.source and a.cue and a.cue.span.text == cue]
        assert [(a.source.text, a.content.text) for a in found if a.source] == [(source, content)]


def test_a_headline_noun_with_its_own_verb_is_no_cue(parse: Parse) -> None:
    text = ("Port Safety Rules Face Key Test in Federal Court.\n\n"
            "A federal judge will hear arguments on Tuesday over the new rules.")
    assert not [a for a in attributions(parse, text) if a.cue and a.cue.span.text == "Rules"]


def test_a_participle_under_a_passive_is_the_passive_subjects_saying(parse: Parse) -> None:
    text = "The foreign minister was quoted as saying that the talks in Geneva had failed."
    found = [a for a in attributions(parse, text) if a.cue and a.cue.span.text == "saying"]
    assert [a.source.text for a in found if a.source] == ["The foreign minister"]
