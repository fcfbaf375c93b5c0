"""Whose telling an article is: the dateline's outlet, the outlet its lead credits, or its own."""

from __future__ import annotations

from newsledger.corpus.credits import Frame, article_credit, credited_outlet, dateline_outlet


def _frame(text: str, source: str, cue: str, kind: str = "person", content: str | None = None) -> Frame:
    start = text.index(source)
    cue_start = text.index(cue, start + len(source)) if cue in text[start:] else text.index(cue)
    content_span = (text.index(content), text.index(content) + len(content)) if content else None
    return Frame((start, start + len(source)), kind, None, (cue_start, cue_start + len(cue)), content_span)


def test_a_dateline_names_the_outlet_that_filed_the_story() -> None:
    assert (
        dateline_outlet("BAMAKO, Mali (Meridian Press) — A drone strike hit a wedding.") == "Meridian Press"
    )
    assert dateline_outlet("Headline\nWASHINGTON, June 3 (Reuters) - The Senate voted.") == "Reuters"
    assert dateline_outlet("KRAMATORSK, Ukraine — A missile struck the bus station.") is None
    assert dateline_outlet("At least 21 people (six of them children) - died on Sunday.") is None


def test_an_outlet_named_after_the_cue_or_as_the_source_is_credited_and_the_own_outlet_is_not() -> None:
    outlets = {"Northstar Wire", "Sloviansk Today", "Radio Kankan"}
    told = "Passengers had been waiting for the buses, a volunteer told Northstar Wire."
    frame = _frame(told, "a volunteer", "told", content="Passengers had been waiting for the buses")
    assert credited_outlet(told, frame, "Kyiv Chronicle", outlets) == "Northstar Wire"
    own = "Nineteen people were killed, the village chief told Radio Kankan by telephone."
    frame = _frame(own, "the village chief", "told", content="Nineteen people were killed")
    assert credited_outlet(own, frame, "Radio Kankan", outlets) is None
    assert credited_outlet(own, frame, None, outlets) == "Radio Kankan"
    quoted = "At least 21 people died, according to a local official quoted by Meridian Press."
    frame = _frame(quoted, "a local official quoted by Meridian Press", "according to", content="At least 21")
    assert credited_outlet(quoted, frame, "West Africa Observer", {"Meridian Press"}) == "Meridian Press"
    # a news medium as the source, whether or not the ledger holds any of its articles
    wire = "Nine people were killed, according to Reuters."
    frame = _frame(wire, "Reuters", "according to", kind="media", content="Nine people were killed")
    assert credited_outlet(wire, frame, "Kyiv Chronicle", set()) == "Reuters"
    # an outlet named in the content is what was said, not who said it
    inside = "The governor said Northstar Wire had misreported the toll."
    frame = _frame(inside, "The governor", "said", content="Northstar Wire had misreported the toll")
    assert credited_outlet(inside, frame, "Kyiv Chronicle", outlets) is None


def test_an_article_is_the_credited_outlets_when_its_dateline_or_its_lead_credits_it() -> None:
    assert article_credit("Meridian Press", "Sahel Daily", [None]) == "Meridian Press"
    assert article_credit("Meridian Press", "Meridian Press", [None]) is None
    # the rewrite's lead credits the wire; what follows it ("Residents said ...") is the wire's too
    assert article_credit(None, "West Africa Observer", ["Meridian Press", None]) == "Meridian Press"
    # a local outlet that quotes its own source and later cites a wire keeps its own telling
    assert article_credit(None, "Sloviansk Today", [None, "Reuters"]) is None
    assert article_credit(None, "Radio Kankan", ["Reuters", "Radio Kankan"]) is None
    assert article_credit(None, "Kyiv Post", []) is None
