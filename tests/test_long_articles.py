"""A very long article is analyzed whole (parsed in pieces, offsets into the whole text), never cut."""

from __future__ import annotations

from datetime import date

from newsledger.analyze import CHUNK_CHARS, analyze, paragraph_chunks

PARAGRAPH = (
    "Ukraine’s Air Force said on Tuesday it shot down 31 Shahed drones over the Kharkiv region. "
    "Governor Oleh Syniehubov said two people were injured in the attack, which began after midnight.\n\n"
)


def test_paragraph_chunks_cover_the_text_exactly_and_cut_at_line_ends() -> None:
    text = PARAGRAPH * 50
    chunks = paragraph_chunks(text, 1_000)
    assert "".join(chunks) == text
    assert all(len(chunk) <= 1_000 for chunk in chunks)
    assert all(chunk.endswith("\n") for chunk in chunks[:-1])


def test_paragraph_chunks_cut_a_text_without_line_ends_at_spaces_or_anywhere() -> None:
    text = "word " * 500 + "x" * 3_000
    chunks = paragraph_chunks(text, 700)
    assert "".join(chunks) == text
    assert all(len(chunk) <= 700 for chunk in chunks)


def test_article_longer_than_one_parse_is_analyzed_whole() -> None:
    text = PARAGRAPH * (CHUNK_CHARS // len(PARAGRAPH) + 40)
    assert len(text) > CHUNK_CHARS
    analysis = analyze(text, published=date(2024, 11, 20))
    last_paragraph = text.rindex("Ukraine’s Air Force")
    people = [e for e in analysis.entities if e.name == "Oleh Syniehubov"]
    assert len(people) == 1
    assert people[0].mentions[-1].start > last_paragraph
    tuesdays = [t for t in analysis.times if t.span.text == "Tuesday"]
    assert tuesdays[-1].span.start > last_paragraph
    assert {t.value for t in tuesdays} == {"2024-11-19"}
    for span in analysis.spans():
        assert text[span.start : span.end] == span.text
