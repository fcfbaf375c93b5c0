"""RunMatcher must return exactly what the plain spaCy Matcher returns, only faster."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from newsledger.nlp.entities import EntityComponent
from newsledger.nlp.run_matcher import RunMatcher
from newsledger.nlp.times import TimeTagger

TEXT = (
    "Officials said on Tuesday night that the talks, first held on 3/4/2024, would resume next week. "
    "\"We expect a deal in the coming weeks,\" the minister told reporters in Kyiv early yesterday. "
    "Two Storm Shadow missiles struck the Kursk region overnight, and the Armed Forces of Ukraine said "
    "the strikes would continue these days. Prices rose 4% in the third quarter, the same day."
)


def _matcher(nlp: Language, patterns: list[list[dict[str, Any]]]) -> Matcher:
    matcher = Matcher(nlp.vocab)
    for number, pattern in enumerate(patterns):
        matcher.add(f"P{number}", [pattern])
    return matcher


def test_run_matcher_equals_matcher_for_the_pipeline_patterns(
    nlp: Language, parse: Callable[..., Doc]
) -> None:
    doc = parse(TEXT)
    times = nlp.get_pipe("newsledger_times")
    entities = nlp.get_pipe("newsledger_entities")
    assert isinstance(times, TimeTagger) and isinstance(entities, EntityComponent)
    found_times = times.match(doc)
    assert found_times == list(times.matcher(doc))
    assert len(found_times) >= 4  # 'Tuesday night', 'next week', 'the coming weeks', 'these days', ...
    assert entities.ruler_matcher(doc) == list(entities.ruler.matcher(doc))


def test_run_matcher_equals_matcher_for_optional_and_flag_specs(
    nlp: Language, parse: Callable[..., Doc]
) -> None:
    doc = parse(TEXT)
    patterns: list[list[dict[str, Any]]] = [
        [{"LOWER": "the", "OP": "?"}, {"LOWER": {"IN": ["same", "third"]}}, {"LOWER": {"IN": ["day", "quarter"]}}],
        [{"LIKE_NUM": True}, {"ORTH": "%", "OP": "?"}],
        [{"POS": "PROPN", "IS_TITLE": True, "OP": "+"}, {"LOWER": "region"}],
        [{"TEXT": ",", "OP": "?"}, {"LOWER": {"IN": ["said", "told"]}}],
    ]
    matcher = _matcher(nlp, patterns)
    runs = RunMatcher(nlp.vocab, matcher, patterns)
    assert not runs.everywhere
    assert runs(doc) == list(matcher(doc))
    assert len(runs(doc)) >= 5


def test_runs_skip_stretches_without_a_required_word(nlp: Language, parse: Callable[..., Doc]) -> None:
    doc = parse("The committee met in March. The next report, due in May, is late.")
    patterns = [[{"LOWER": "the", "OP": "?"}, {"LOWER": "next"}, {"LOWER": "report"}]]
    matcher = _matcher(nlp, patterns)
    runs = RunMatcher(nlp.vocab, matcher, patterns)
    # 'The' could start a match, but no 'report' follows it: only the stretch holding one is matched.
    assert [doc[start:end].text for start, end in runs.runs(doc)] == ["The next report"]
    assert [(start, end) for _, start, end in runs(doc)] == [(6, 9), (7, 9)]
    assert runs(doc) == list(matcher(doc))


def test_a_wildcard_spec_matches_the_whole_doc(nlp: Language, parse: Callable[..., Doc]) -> None:
    doc = parse(TEXT)
    patterns: list[list[dict[str, Any]]] = [[{"LOWER": "the"}, {}, {"LOWER": "region"}], [{"LOWER": "talks", "OP": "!"}, {"ORTH": ","}]]
    matcher = _matcher(nlp, patterns)
    runs = RunMatcher(nlp.vocab, matcher, patterns)
    assert runs.everywhere
    assert runs(doc) == list(matcher(doc))
    assert runs(doc)
