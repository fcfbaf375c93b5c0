"""Issue 17: 'as X put it' reports the clause it is set in, on news sentences written for these tests."""

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
