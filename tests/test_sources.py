"""Reading articles in: the text gate, encodings, HTML, JSONL, files, folders and stdin.

Every fixture under ``fixtures/sources/`` was written for these tests; files whose point is their bytes
(legacy encodings, binary data, a 50 MB file) are made in ``tmp_path`` so the bytes are visible here.
"""

from __future__ import annotations

import io
import os
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsledger.errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedInput,
    NotEnglish,
    UnreadableInput,
)
from newsledger.records import Article
from newsledger.sources import (
    MAX_TEXT_CHARS,
    Metadata,
    article_from_text,
    decode_bytes,
    read_html,
    read_inputs,
    read_jsonl,
    sniff_format,
)

SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources"
WIRE_STORY = SOURCES / "wire_story.txt"
SECTIONS_PAGE = SOURCES / "article_sections.html"
FLOOD_TITLE = "Flood defences hold as river peaks in Harrowgate"

# A short story with the characters that legacy encodings get wrong.
CAFE_STORY = (
    "The café on Bridge Road raised £2,340 for the flood appeal, its owner said on Sunday. "
    "“It’s the least we could do,” she said – and promised to match it next year.\n"
)


def read_one(path: str | Path, **options: Any) -> Article | InputError:
    """The single result of reading ``path``; fails the test if there is not exactly one."""
    (result,) = read_inputs([str(path)], **options)
    return result


def article(result: Article | InputError) -> Article:
    assert isinstance(result, Article), f"expected an article, got {result!r}"
    return result


def error(result: Article | InputError, kind: type[InputError]) -> InputError:
    assert isinstance(result, kind), f"expected {kind.__name__}, got {result!r}"
    return result


# --- the text gate --------------------------------------------------------------------------------------


def test_article_from_text_normalizes_and_keeps_quotation_marks() -> None:
    raw = "\ufeff  Café owners in Lyon said «enough» and „no more“.\r\nThe mayor’s office is ‘listening’.\r\r"
    decomposed = raw.replace("é", "e\u0301")

    result = article_from_text(decomposed, source="note.txt", outlet="Ledger Wire")

    assert result.text == (
        "Café owners in Lyon said «enough» and „no more“.\nThe mayor’s office is ‘listening’."
    )
    assert result.language == "en"
    assert (result.source, result.outlet) == ("note.txt", "Ledger Wire")
    assert result.id == article_from_text(raw, source="other.txt", outlet="Ledger Wire").id


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\ufeff\r\n\u2029"])
def test_article_from_text_rejects_empty_text(text: str) -> None:
    with pytest.raises(EmptyInput, match="empty or only whitespace"):
        article_from_text(text, source="blank.txt")


def test_article_from_text_rejects_text_over_the_limit() -> None:
    with pytest.raises(InputTooLarge) as raised:
        article_from_text("a" * (MAX_TEXT_CHARS + 1), source="huge.txt")
    assert raised.value.reason == "text is 1,000,001 characters, over the limit of 1,000,000 per article"


@pytest.mark.parametrize(
    "text",
    [
        "Police in Leeds arrested two men on Sunday.",
        "KYIV, Ukraine (AP) — Volodymyr Zelenskyy met Olaf Scholz, Emmanuel Macron and Giorgia Meloni.",
        "Ahmed Al-Rashid, Oleksandr Kovalenko, Jean-Pierre Dubois and Nguyen Van Minh met in Geneva.",
        "Nnamdi Okonkwo-Adeyemi, Chukwuemeka Eze and Oluwaseun Bakare were named in the Super Eagles squad.",
        "Xi Jinping and Li Qiang hosted Lula da Silva in Beijing.",
        "MOGADISHU — Al-Shabaab fighters attacked a base near Baidoa, Somali officials said.",
        "Sánchez, Díaz-Canel and López Obrador met in Ciudad de México on Monday, according to La Jornada.",
        "“Não vamos recuar,” said Luiz Inácio Lula da Silva, the Brazilian president, in São Paulo.",
        "BREAKING: EARTHQUAKE HITS TURKEY-SYRIA BORDER",
    ],
)
def test_article_from_text_accepts_short_english_news_full_of_names(text: str) -> None:
    assert article_from_text(text, source="brief.txt").language == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ((SOURCES / "lviv_energy_uk.txt").read_text(encoding="utf-8"), "Ukrainian (uk)"),
        (
            "Городские власти Новосибирска в среду сообщили о закрытии двух мостов на ремонт. "
            "По словам мэрии, работы продлятся до конца октября.",
            "Russian (ru)",
        ),
        ((SOURCES / "lyon_schools_fr.txt").read_text(encoding="utf-8"), "French (fr)"),
        ("Шольц, Макрон і Мелоні", "Ukrainian (uk)"),  # a list of names: n-grams unsure, letters Cyrillic
        ("أعلنت الحكومة يوم الثلاثاء عن إجراءات جديدة لدعم المزارعين المتضررين من الجفاف.", "Arabic (ar)"),
        ("市政府周二宣布，将在年底前修复城区内的二十座桥梁。", "Chinese (zh)"),
    ],
)
def test_article_from_text_names_the_language_it_refuses(text: str, language: str) -> None:
    with pytest.raises(NotEnglish) as raised:
        article_from_text(text, source="foreign.txt")
    assert raised.value.reason == f"language is {language}, not English; newsledger analyzes English articles"


# --- encodings ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_text_file_is_decoded_in_its_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"cafe-{encoding}.txt"
    path.write_bytes(CAFE_STORY.encode(encoding))

    assert article(read_one(path)).text == CAFE_STORY.strip()


def test_latin1_file_decoded_right(tmp_path: Path) -> None:
    story = "The café on Bridge Road raised £2,340 for the flood appeal, its owner said on Sunday."
    path = tmp_path / "latin1.txt"
    path.write_bytes(story.encode("latin-1"))

    assert article(read_one(path)).text == story


def test_cyrillic_legacy_file_is_read_as_cyrillic_then_refused(tmp_path: Path) -> None:
    path = tmp_path / "lviv.txt"
    path.write_bytes((SOURCES / "lviv_energy_uk.txt").read_text(encoding="utf-8").encode("cp1251"))

    assert error(read_one(path), NotEnglish).reason.startswith("language is Ukrainian (uk)")


def test_binary_data_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    noise = bytes(b for b in random.Random(7).randbytes(4000) if b)  # no NUL byte to give it away

    for data in (png, noise):
        with pytest.raises(UnreadableInput, match="binary file, not text"):
            decode_bytes(data, source="image.txt")


# --- files ----------------------------------------------------------------------------------------------


def test_text_file_is_read_with_its_metadata_from_the_options() -> None:
    result = article(read_one(WIRE_STORY, outlet="Ledger Wire", published=date(2024, 6, 4)))

    assert result.text.startswith("GENEVA (Ledger Wire) — Negotiators")
    assert "«constructive but tense»" in result.text
    assert "„a first step“" in result.text
    assert "\n\n“We are cautiously hopeful,” said Amira Haddad" in result.text
    assert (result.outlet, result.published) == ("Ledger Wire", date(2024, 6, 4))
    assert result.source == str(WIRE_STORY)


def test_empty_and_whitespace_files_are_empty_input(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n")

    results = list(read_inputs([str(tmp_path / "empty.txt"), str(tmp_path / "blank.txt")]))

    assert [type(result) for result in results] == [EmptyInput, EmptyInput]


def test_file_over_the_size_limit_fails_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written

    failure = error(read_one(path), InputTooLarge)

    assert failure.reason == "file is 50 MB, over the limit of 20 MB"


def test_missing_file_is_reported(tmp_path: Path) -> None:
    failure = error(read_one(tmp_path / "missing.txt"), UnreadableInput)

    assert failure.reason == "no such file or directory"


def test_unreadable_folder_is_reported_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "a-locked"
    locked.mkdir()
    (locked / "story.txt").write_text(CAFE_STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CAFE_STORY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Path) -> Any:  # chmod 000 would not stop a test run as root
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    results = list(read_inputs([str(tmp_path)]))

    assert error(results[0], UnreadableInput).reason == "permission denied"
    assert article(results[1]).source == str(tmp_path / "b.txt")


def test_a_bad_input_never_stops_the_others(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\xff\x00")

    results = list(read_inputs([str(tmp_path / "missing.txt"), str(tmp_path / "image.txt"), str(WIRE_STORY)]))

    assert [type(result) for result in results] == [UnreadableInput, UnreadableInput, Article]


# --- HTML -----------------------------------------------------------------------------------------------


def test_html_article_is_kept_whole_across_sections_without_boilerplate() -> None:
    result = article(read_one(SECTIONS_PAGE))

    paragraphs = result.text.split("\n\n")
    assert paragraphs[0].startswith("The new flood barrier on the River Aire held overnight")
    assert paragraphs[-1].startswith("The Met Office has issued a yellow warning")
    assert "A barrier built for this" in paragraphs
    assert "Engineers will inspect the embankment at Kirkstall today" in result.text
    assert "“We’ve heard promises before,” he said." in result.text
    assert not {"Home", "News", "Sport", "Weather"} & set(paragraphs)  # the navigation
    for boilerplate in (
        "We use cookies",
        "Accept all cookies",
        "Volunteers stack sandbags",  # a figcaption
        "Photograph:",  # a caption paragraph inside the body
        "Email the author",
        "Maria Okafor",  # the byline and the mailto link
        "RiverWatcher77",  # a comment author
        "Wait until the next storm",  # a comment
        "Related stories",
        "Share on",
        "All rights reserved",
    ):
        assert boilerplate not in result.text, boilerplate


def test_html_metadata_and_publication_date() -> None:
    result = article(read_one(SECTIONS_PAGE))

    assert result.title == FLOOD_TITLE
    assert result.outlet == "The Northern Ledger"
    assert result.url == "https://northernledger.example/news/2024/02/11/flood-defences-hold"
    # Not 11 February (the URL), 14 February (the update) or 20 February (a date in a script).
    assert result.published == date(2024, 2, 12)


def test_html_options_override_the_page_metadata() -> None:
    result = article(
        read_one(SECTIONS_PAGE, published=date(2024, 2, 13), outlet="Ledger Digest", override=True)
    )

    assert (result.published, result.outlet) == (date(2024, 2, 13), "Ledger Digest")
    assert result.title == FLOOD_TITLE


def test_html_without_an_article_is_empty_input() -> None:
    failure = error(read_one(SOURCES / "no_article.html"), EmptyInput)

    assert failure.reason == "no article text found in the HTML"


STORY_BODY = (
    "<body><article><h1>Harbour reopens</h1>"
    "<p>The harbour authority said ships could dock again after a week of repairs to the main quay.</p>"
    "<p>Fishing crews, who had moved their boats to Whitby, said they would return on Thursday.</p>"
    "</article></body>"
)


@pytest.mark.parametrize(
    ("head", "published"),
    [
        (
            '<meta property="article:modified_time" content="2024-03-09T10:00:00Z">'
            '<meta property="article:published_time" content="2024-03-05T08:00:00Z">',
            date(2024, 3, 5),
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"dateModified": "2024-03-09T10:00:00Z", "datePublished": "2024-03-05T08:00:00Z"}</script>',
            date(2024, 3, 5),
        ),
        ('<meta property="article:modified_time" content="2024-03-09T10:00:00Z">', None),
        ('<script type="application/ld+json">{"dateModified": "2024-03-09T10:00:00Z"}</script>', None),
        ('<link rel="canonical" href="https://harbour.example/2024/03/05/harbour-reopens">', None),
        ('<script>var page = {"published": "2024-03-05", "built": "2024-03-05T08:00:00"};</script>', None),
    ],
    ids=["meta", "json-ld", "only-modified", "only-json-ld-modified", "only-url", "only-script"],
)
def test_html_publication_date_is_not_an_update_a_url_or_a_script(head: str, published: date | None) -> None:
    page = f"<html><head><title>Harbour reopens</title>{head}</head>{STORY_BODY}</html>"

    assert read_html(page, source="harbour.html").published == published


def test_html_in_a_declared_legacy_encoding(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{CAFE_STORY}</p></body></html>'
    path = tmp_path / "cafe.html"
    path.write_bytes(page.encode("cp1252"))

    assert article(read_one(path)).text == CAFE_STORY.strip()


def test_html_in_another_script_comes_back_as_text_then_not_english() -> None:
    page = (
        "<html><head><title>Мосты закрыты</title></head><body><article><h1>Мосты закрыты</h1>"
        "<p>Городские власти Новосибирска в среду сообщили о закрытии двух мостов на ремонт.</p>"
        "<p>По словам мэрии, работы продлятся до конца октября, а движение транспорта изменится.</p>"
        "</article></body></html>"
    )

    with pytest.raises(NotEnglish, match=r"language is Russian \(ru\), not English"):
        read_html(page.encode("utf-8"), source="novosibirsk.html")


# --- JSONL ----------------------------------------------------------------------------------------------


def test_jsonl_reads_good_lines_and_reports_broken_ones() -> None:
    path = SOURCES / "articles.jsonl"

    read = read_inputs([str(path)], title="Over", override=True)
    results = {int(str(result.source).split(":")[-1]): result for result in read}

    assert sorted(results) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]  # line 10 is blank
    first, second, last = article(results[1]), article(results[2]), article(results[11])
    assert (first.published, first.outlet, first.url) == (
        date(2024, 5, 11),
        "Coastal Courier",
        "https://coastalcourier.example/felixstowe-reopens",
    )
    assert first.title == "Over"
    assert second.published == date(2024, 5, 10)  # the day the outlet stated, not the next day in UTC
    assert (last.published, last.outlet, last.source) == (None, None, f"{path}:11")
    assert error(results[3], MalformedInput).reason == "not valid JSON: unterminated string at column 84"
    assert error(results[4], MalformedInput).reason == 'no "text": each line needs the article text'
    assert isinstance(results[5], EmptyInput)
    assert error(results[6], MalformedInput).reason == '"text" must be a string, not a number'
    assert error(results[7], MalformedInput).reason == '"outlet" must be a string or null, not an array'
    assert error(results[8], MalformedInput).reason == (
        '"published" must be an ISO date or datetime such as "2024-03-05", not "last Tuesday"'
    )
    assert error(results[9], MalformedInput).reason == "expected a JSON object, not an array"


def test_jsonl_line_over_the_limit_is_skipped() -> None:
    lines = [
        b'{"text": "' + b"x" * 200 + b'"}',
        b'{"text": "The bridge on Mill Lane reopened on Monday, the council said."}',
    ]

    results = list(read_jsonl(io.BytesIO(b"\n".join(lines)), source="feed.jsonl", max_line_bytes=100))

    assert error(results[0], InputTooLarge).source == "feed.jsonl:1"
    assert article(results[1]).source == "feed.jsonl:2"


# --- stdin, folders, sniffing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "title"),
    [(CAFE_STORY.encode("utf-8"), None), (SECTIONS_PAGE.read_bytes(), FLOOD_TITLE)],
    ids=["text", "html"],
)
def test_stdin_is_read_and_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, title: str | None) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    result = article(read_one("-"))

    assert (result.source, result.title) == ("<stdin>", title)


def test_folder_is_walked_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_bytes(WIRE_STORY.read_bytes())
    (tmp_path / "b" / "1.html").write_bytes(SECTIONS_PAGE.read_bytes())
    (tmp_path / "a.txt").write_text(CAFE_STORY, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "The ferry to Arran was cancelled, the operator said."}\n')
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (tmp_path / ".draft.txt").write_text(CAFE_STORY, encoding="utf-8")

    sources = [result.source for result in read_inputs([str(tmp_path)])]

    assert sources == [str(tmp_path / name) for name in ("a.txt", "b/1.html", "b/2.txt", "c.jsonl:1")]


def test_file_named_explicitly_is_sniffed_whatever_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "flood-story"
    path.write_bytes(SECTIONS_PAGE.read_bytes())

    assert article(read_one(path)).title == FLOOD_TITLE


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'\xef\xbb\xbf  {"text": "..."}\n', "jsonl"),
        (b"\n<!DOCTYPE html><html>", "html"),
        (b"<p>Police said", "html"),
        (b"Police said on Sunday <b>", "text"),
        (b"<3 from Leeds", "text"),
    ],
)
def test_sniff_format(data: bytes, expected: str) -> None:
    assert sniff_format(data) == expected


def test_metadata_overrides_only_what_is_set() -> None:
    page = Metadata(title="Page title", published=date(2024, 1, 2), outlet="Page outlet")

    merged = page.overridden_by(Metadata(outlet="Typed outlet", url="https://example.org/a"))

    assert merged == Metadata("Page title", date(2024, 1, 2), "Typed outlet", "https://example.org/a")
