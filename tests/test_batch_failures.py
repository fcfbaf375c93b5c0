"""One article the pipeline fails on is recorded in its place; the rest of the batch carries on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.analyze import analyze_many, analyze_stream
from newsledger.errors import AnalysisFailed
from newsledger.nlp.pipeline import load_pipeline
from newsledger.records import Article
from newsledger.sources import article_from_text

POISON = "Officials said the poison pill article would break a component on Tuesday."


class BreaksOnPoison:
    """A real component that raises on one kind of text, standing in for a bug meeting an odd article."""

    def __call__(self, doc: Doc) -> Doc:
        if "poison pill" in doc.text:
            raise ValueError("cannot read this text")
        return doc


@Language.factory("test_breaks_on_poison")
def make_breaker(nlp: Language, name: str) -> BreaksOnPoison:
    return BreaksOnPoison()


@pytest.fixture
def breaking_pipeline() -> Iterator[Language]:
    nlp = load_pipeline()
    nlp.add_pipe("test_breaks_on_poison")
    yield nlp
    nlp.remove_pipe("test_breaks_on_poison")


def articles() -> list[Article]:
    texts = [
        "Ukraine said on Monday it shot down 20 drones over Kyiv.",
        POISON,
        "Germany's chancellor met Poland's prime minister in Berlin, his office said.",
    ]
    return [article_from_text(t, source=f"article-{i}.txt") for i, t in enumerate(texts)]


@pytest.mark.usefixtures("breaking_pipeline")
def test_failed_article_is_recorded_in_its_place_and_the_batch_goes_on() -> None:
    results = list(analyze_stream(articles(), batch_size=8))
    assert [type(r).__name__ for r in results] == ["Analysis", "AnalysisFailed", "Analysis"]
    failure = results[1]
    assert isinstance(failure, AnalysisFailed)
    assert failure.source == "article-1.txt"
    assert "ValueError: cannot read this text" in failure.reason


@pytest.mark.usefixtures("breaking_pipeline")
def test_analyze_many_raises_the_failure() -> None:
    with pytest.raises(AnalysisFailed, match=r"article-1\.txt"):
        list(analyze_many(articles()))
