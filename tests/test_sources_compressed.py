"""Compressed JSON Lines (``.jsonl.gz``, ``.jsonl.zst``) read like plain JSONL, streamed, damage reported."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import zstandard

from newsledger.errors import InputError, MalformedInput, UnreadableInput
from newsledger.records import Article
from newsledger.sources import read_inputs
from newsledger.sources.compressed import compression_of

LINES = [
    json.dumps(
        {
            "text": "Police in Leeds arrested two men on Sunday after a break-in at a jeweller's shop.",
            "published": "2024-05-12",
            "outlet": "Yorkshire Evening Post",
        }
    ),
    "{broken",
    json.dumps({"text": "The council said on Monday that the library would reopen in June.", "title": "Library"}),
]
RAW = ("\n".join(LINES) + "\n").encode("utf-8")


def gzip_file(path: Path, data: bytes = RAW) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


def zstd_file(path: Path, data: bytes = RAW) -> Path:
    path.write_bytes(zstandard.ZstdCompressor().compress(data))
    return path


def read(*paths: Path) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths]))


@pytest.mark.parametrize("write", [gzip_file, zstd_file])
@pytest.mark.parametrize("name", ["corpus.jsonl", "CORPUS.JSONL"])
def test_compressed_jsonl_reads_as_the_plain_file_does(
    tmp_path: Path, write: Callable[[Path], Path], name: str
) -> None:
    plain = tmp_path / "plain.jsonl"
    plain.write_bytes(RAW)
    compressed = write(tmp_path / (name + (".gz" if write is gzip_file else ".ZST")))

    from_plain, from_compressed = read(plain), read(compressed)

    assert [type(item) for item in from_compressed] == [Article, MalformedInput, Article]
    first = from_compressed[0]
    assert isinstance(first, Article)
    assert first.published == date(2024, 5, 12) and first.outlet == "Yorkshire Evening Post"
    assert first.source == f"{compressed}:1"
    assert str(from_compressed[1]).startswith(f"{compressed}:2: not valid JSON")
    articles = [i for i in from_plain if isinstance(i, Article)]
    assert [(a.id, a.text, a.title) for a in articles] == [
        (a.id, a.text, a.title) for a in from_compressed if isinstance(a, Article)
    ]


def test_concatenated_gzip_members_and_zstd_frames_are_read_to_the_end(tmp_path: Path) -> None:
    first, second = RAW[: RAW.index(b"\n") + 1], RAW[RAW.index(b"\n") + 1 :]
    members = tmp_path / "joined.jsonl.gz"
    members.write_bytes(gzip.compress(first) + gzip.compress(second))
    frames = tmp_path / "joined.jsonl.zst"
    compressor = zstandard.ZstdCompressor()
    frames.write_bytes(compressor.compress(first) + compressor.compress(second))

    for path in (members, frames):
        assert [type(item) for item in read(path)] == [Article, MalformedInput, Article]


def test_a_folder_yields_its_compressed_corpora_and_skips_other_archives(tmp_path: Path) -> None:
    gzip_file(tmp_path / "a.jsonl.gz")
    zstd_file(tmp_path / "b.jsonl.zst")
    gzip_file(tmp_path / "c.txt.gz", b"A plain text file, compressed, which the walk leaves alone.")
    (tmp_path / "d.tar.gz").write_bytes(b"")

    sources = [item.source for item in read(tmp_path) if isinstance(item, Article)]

    assert sources == [
        f"{tmp_path / 'a.jsonl.gz'}:1",
        f"{tmp_path / 'a.jsonl.gz'}:3",
        f"{tmp_path / 'b.jsonl.zst'}:1",
        f"{tmp_path / 'b.jsonl.zst'}:3",
    ]


@pytest.mark.parametrize("name", ["bad.jsonl.gz", "bad.jsonl.zst"])
def test_data_that_is_not_compressed_is_reported_once(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(RAW)  # plain JSONL under a compressed name

    [item] = read(path)

    assert isinstance(item, UnreadableInput)
    assert str(item).startswith(f"{path}: damaged ")


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_a_file_cut_short_keeps_the_lines_before_the_damage(tmp_path: Path, suffix: str) -> None:
    lines = [
        json.dumps({"text": f"The minister said on Tuesday that {n} schools would close early."}).encode() + b"\n"
        for n in range(200)
    ]
    # Written in pieces of 20 lines, one gzip member or zstd frame each, as parallel compressors do.
    pieces = [b"".join(lines[i : i + 20]) for i in range(0, 200, 20)]
    compress = gzip.compress if suffix.endswith(".gz") else zstandard.ZstdCompressor().compress
    data = b"".join(compress(piece) for piece in pieces)
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(data[: len(data) * 2 // 3])

    items = read(path)

    assert isinstance(items[-1], UnreadableInput)
    assert "damaged" in items[-1].reason
    assert all(isinstance(item, Article) for item in items[:-1])
    assert 100 <= len(items) - 1 < 200


def test_compression_is_told_by_the_whole_suffix() -> None:
    assert compression_of(Path("x.jsonl.gz")) == "gzip"
    assert compression_of(Path("x.JSONL.ZST")) == "zstd"
    assert compression_of(Path("x.gz")) is None
    assert compression_of(Path("x.jsonl")) is None
