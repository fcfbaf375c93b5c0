"""Compressed JSON Lines: ``.jsonl.gz`` and ``.jsonl.zst``, decompressed as they stream.

Corpora are shipped compressed (news archives shrink four to eight times), and a 20 GB JSONL file should not
have to be unpacked to disk before a run. Both formats are read as a stream of lines, so memory stays that of
one line; multi-member gzip files and multi-frame zstd files (what ``cat a.gz b.gz`` and parallel
compressors produce) are read to their end.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, cast

import zstandard

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

Compression = Literal["gzip", "zstd"]

COMPRESSED_JSONL_SUFFIXES: dict[str, Compression] = {".jsonl.gz": "gzip", ".jsonl.zst": "zstd"}

DECOMPRESSION_ERRORS: tuple[type[Exception], ...] = (OSError, EOFError, zstandard.ZstdError)
"""What a damaged file raises part way through: bad headers and CRCs (OSError), a cut-off end (EOFError)."""


def compression_of(path: Path) -> Compression | None:
    """``gzip`` for ``x.jsonl.gz``, ``zstd`` for ``x.jsonl.zst`` (any case), else None."""
    name = path.name.lower()
    for suffix, compression in COMPRESSED_JSONL_SUFFIXES.items():
        if name.endswith(suffix):
            return compression
    return None


def open_decompressed(path: Path, compression: Compression) -> IO[bytes]:
    """The decompressed bytes of ``path`` as a binary stream with ``readline``; the caller closes it.

    A file cut short raises ``EOFError`` when the reading reaches the cut, after the lines before it.
    """
    if compression == "gzip":
        # A GzipFile is a buffered binary stream; typeshed just does not call it IO[bytes].
        return cast(IO[bytes], gzip.open(path, "rb"))
    return io.BufferedReader(_ZstdFrames(path.open("rb")))


class _ZstdFrames(io.RawIOBase):
    """Decompresses every zstd frame of a file in turn, and says so when the last one is cut short.

    zstandard's own ``stream_reader`` ends quietly at the end of a truncated file, which would lose the
    rest of a corpus without a word; gzip raises there, and so does this reader.
    """

    CHUNK = 1 << 17

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self._context = zstandard.ZstdDecompressor()
        self._frame: zstandard.ZstdDecompressionObj | None = None
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        while not self._pending:
            chunk = self._raw.read(self.CHUNK)
            if not chunk:
                if self._frame is not None and not self._frame.eof:
                    raise EOFError("the zstd data ends in the middle of a frame: the file is cut short")
                return 0
            self._pending = memoryview(self._decompress(chunk))
        target = memoryview(buffer).cast("B")
        count = min(len(target), len(self._pending))
        target[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def _decompress(self, data: bytes) -> bytes:
        parts = []
        while data:
            if self._frame is None or self._frame.eof:
                self._frame = self._context.decompressobj()
            parts.append(self._frame.decompress(data))
            data = self._frame.unused_data if self._frame.eof else b""
        return b"".join(parts)

    def close(self) -> None:
        self._raw.close()
        super().close()
