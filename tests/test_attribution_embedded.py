"""Issue 17: phenomena of attribution added on branch polnear-b, on news sentences written for these tests.

A report in a relative clause inside another report ('…, which he said were …') or in a clause of
concession ('…, though she noted …') is its own attribution, and the outer report's content stops before it:
each word has one role. A quote's speech verb whose sentence the parser ran on over a paragraph break is
still the quote's cue.
"""

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


def by_source(found: list[Attribution], source: str) -> Attribution:
    for attribution in found:
        if attribution.source is not None and attribution.source.text == source:
            return attribution
    raise AssertionError(f"no attribution by {source!r}: {[a.source for a in found]}")


def test_a_relative_clause_of_saying_is_its_own_report_and_ends_the_outer_one(parse: Parse) -> None:
    text = ("The union's lawyer said the drivers had never been paid for their overtime, which he said "
            "was worth about $2 million a year.")
    found = attributions(parse, text)
    outer = by_source(found, "The union's lawyer")
    inner = by_source(found, "he")
    assert outer.content.text == "the drivers had never been paid for their overtime"
    assert [f.text for f in inner.content_fragments] == ["which", "was worth about $2 million a year"]


def test_a_free_relative_of_saying_after_a_participle_ends_the_outer_report(parse: Parse) -> None:
    text = ("The auditors said the mayor had moved the money into three private accounts, amounting to "
            "what the council said was plain theft.")
    found = attributions(parse, text)
    assert by_source(found, "The auditors").content.text == (
        "the mayor had moved the money into three private accounts")
    assert by_source(found, "the council").content_fragments[0].text == "what"


def test_a_relative_pronoun_that_a_verb_of_naming_takes_as_object_stays_inside(parse: Parse) -> None:
    text = ("The minister said the strike was organised by what he called a small band of agitators "
            "in the capital.")
    found = attributions(parse, text)
    assert [a.source.text for a in found if a.source] == ["The minister"]
    assert "what he called a small band of agitators" in by_source(found, "The minister").content.text


def test_a_concession_with_its_own_speaker_is_its_own_report(parse: Parse) -> None:
    text = ("The harbour master said the new cranes had cut waiting times by half, though she noted "
            "that fuel costs had doubled since spring.")
    found = attributions(parse, text)
    assert by_source(found, "The harbour master").content.text == (
        "the new cranes had cut waiting times by half")
    assert "fuel costs had doubled since spring" in by_source(found, "she").content.text


def test_a_reason_stays_part_of_what_the_speaker_said(parse: Parse) -> None:
    text = ("The mayor said he was not worried about the audit because he doubted the auditors would find "
            "anything.")
    found = attributions(parse, text)
    assert [a.source.text for a in found if a.source] == ["The mayor"]
    assert "because he doubted" in by_source(found, "The mayor").content.text


def test_a_quote_cue_is_not_robbed_by_the_next_paragraphs_clause(parse: Parse) -> None:
    text = ("\u201cThis hearing is a waste of everyone's time,\u201d said Rep. Maria Lopez of Texas.\n\n"
            "Democrats repeatedly noted that the witness had already testified twice.")
    found = attributions(parse, text)
    quote = by_source(found, "Rep. Maria Lopez of Texas")
    assert quote.cue is not None and quote.cue.span.text == "said"
    assert "waste of everyone's time" in quote.content.text
