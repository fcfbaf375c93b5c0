"""Where articles come from: files, folders and standard input, each read in the format it is in.

- ``-`` is standard input, read as bytes; its format is sniffed (HTML, JSONL or plain text). It is held in
  memory, so it is bounded like a file; a larger JSONL corpus belongs in a file, where it streams.
- A file is read by its extension: ``.txt``, ``.md`` and ``.markdown`` as text (Markdown is how many
  scrapers and note apps save an article), ``.html``/``.htm`` as a web page, ``.jsonl`` as one
  article per line, ``.jsonl.gz`` and ``.jsonl.zst`` the same, decompressed as they stream. A file named
  explicitly with any other extension (or none) is sniffed like stdin: the user asked for it.
- A folder is walked recursively, entries of each folder sorted by name (code point order), subfolders
  where their names fall. Files with those extensions are read, and files with no extension at all
  (sniffed: a folder of articles saved by id often has none), except the folder's own notes (README.md,
  LICENSE, see ``FOLDER_NOTES``); anything else is skipped: a folder of saved
  pages also holds images, stylesheets and PDFs, and an error for each would bury the real ones. Skipped
  files are logged at INFO. Hidden entries (``.git``, ``.DS_Store``) are
  skipped; symbolic links to folders are not followed, so a link cycle cannot loop.
- A text or HTML file over ``MAX_FILE_BYTES`` is refused from its size on disk before a byte is read.
  JSONL files, compressed or not, have no size limit (they stream line by line), only their lines do.

Nothing here raises for one bad input: each problem is yielded as an ``InputError`` in the input's place,
and reading goes on with the next one.
"""

from __future__ import annotations

import io
import logging
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from newsledger.errors import InputError, InputTooLarge, UnreadableInput
from newsledger.records import Article
from newsledger.sources.compressed import DECOMPRESSION_ERRORS, compression_of, open_decompressed
from newsledger.sources.html import read_html
from newsledger.sources.jsonl import read_jsonl
from newsledger.sources.limits import MAX_FILE_BYTES, describe_bytes
from newsledger.sources.prepare import NO_METADATA, Metadata
from newsledger.sources.text import read_text

Format = Literal["text", "html", "jsonl"]

STDIN = "-"
STDIN_SOURCE = "<stdin>"
FORMATS_BY_SUFFIX: dict[str, Format] = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}

LOGGER = logging.getLogger(__name__)

_SNIFF_BYTES = 1024
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|!--)\b", re.I)
_OVER_LIMIT = f"over the limit of {describe_bytes(MAX_FILE_BYTES)}"


def read_inputs(
    paths: Sequence[str],
    *,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    override: bool = False,
) -> Iterator[Article | InputError]:
    """Every article in ``paths`` (files, folders, ``-`` for stdin), in order, or the error in its place.

    ``published``, ``outlet``, ``url`` and ``title`` fill in what an article does not say about itself
    (a text file says nothing; a page or a JSON line may give its own date): a folder of pages from many
    days keeps each page's date, and ``--published`` dates only those that have none. With ``override``
    they replace what every article says, for when the file's metadata is known to be wrong.
    """
    given = Metadata(title=title, published=published, outlet=outlet, url=url)
    overrides = given if override else NO_METADATA
    for path in paths:
        items = _read_stdin(overrides) if path == STDIN else _read_path(Path(path), overrides)
        for item in items:
            yield item if override or isinstance(item, InputError) else filled_in(item, given)


def filled_in(article: Article, given: Metadata) -> Article:
    """``article`` with each field it lacks taken from ``given`` (its id follows: it hashes the outlet)."""
    missing = {
        name: value
        for name, value in vars(given).items()
        if value is not None and getattr(article, name) is None
    }
    return article.with_metadata(**missing) if missing else article


def sniff_format(data: bytes) -> Format:
    """JSONL if the data opens with ``{``, HTML if it opens with a tag, plain text otherwise."""
    head = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        return "jsonl"
    if _HTML_START.match(head):
        return "html"
    return "text"


def _read_stdin(overrides: Metadata) -> Iterator[Article | InputError]:
    if sys.stdin is None:  # started without one (pythonw, some daemons)
        yield UnreadableInput(STDIN_SOURCE, "there is no standard input to read")
        return
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield InputTooLarge(
            STDIN_SOURCE,
            f"{_OVER_LIMIT}; save it to a file (a .jsonl file of any size is read line by line)",
        )
        return
    yield from _read_data(data, sniff_format(data), source=STDIN_SOURCE, overrides=overrides)


def _read_path(path: Path, overrides: Metadata) -> Iterator[Article | InputError]:
    try:
        status = path.stat()
    except OSError as error:
        yield UnreadableInput(str(path), _describe_os_error(error))
        return
    if stat.S_ISDIR(status.st_mode):
        for item in _walk(path):
            if isinstance(item, InputError):
                yield item
            else:
                yield from _read_path(item, overrides)
    else:
        yield from _read_file(path, status, overrides)


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """The readable files under ``folder``, in order, and an error for each folder that cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield UnreadableInput(str(folder), _describe_os_error(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file() and _readable_in_folder(path):
            yield path
        else:
            LOGGER.info(
                "%s: skipped, a folder's notes or not a %s file nor one without extension", path, _KNOWN
            )


_KNOWN = ", ".join([*FORMATS_BY_SUFFIX, ".jsonl.gz", ".jsonl.zst"])


# A folder's own notes, not articles: README.md beside a corpus, LICENSE beside a dataset.
FOLDER_NOTES = frozenset(
    {"readme", "license", "licence", "changelog", "contributing", "copying", "notice", "authors"}
)


def _readable_in_folder(path: Path) -> bool:
    """Whether a file met while walking a folder is read: a known extension, or none at all, unless it
    is one of the folder's notes (``FOLDER_NOTES``)."""
    if path.stem.casefold() in FOLDER_NOTES:
        return False
    return path.suffix.lower() in FORMATS_BY_SUFFIX or path.suffix == "" or compression_of(path) is not None


def _read_file(path: Path, status: os.stat_result, overrides: Metadata) -> Iterator[Article | InputError]:
    source = str(path)
    compression = compression_of(path)
    if compression:
        try:
            with open_decompressed(path, compression) as stream:
                yield from read_jsonl(stream, source=source, overrides=overrides)
        except DECOMPRESSION_ERRORS as error:
            yield UnreadableInput(source, _describe_decompression_error(error, compression))
        return
    known_format = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    try:
        if known_format == "jsonl":
            with path.open("rb") as stream:
                yield from read_jsonl(stream, source=source, overrides=overrides)
            return
        if stat.S_ISREG(status.st_mode) and status.st_size > MAX_FILE_BYTES:
            yield InputTooLarge(source, f"file is {describe_bytes(status.st_size)}, {_OVER_LIMIT}")
            return
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        yield UnreadableInput(source, _describe_os_error(error))
        return
    if len(data) > MAX_FILE_BYTES:  # not a regular file (a pipe), or it grew since stat
        yield InputTooLarge(source, _OVER_LIMIT)
        return
    yield from _read_data(data, known_format or sniff_format(data), source=source, overrides=overrides)


def _read_data(
    data: bytes, data_format: Format, *, source: str, overrides: Metadata
) -> Iterator[Article | InputError]:
    if data_format == "jsonl":
        yield from read_jsonl(io.BytesIO(data), source=source, overrides=overrides)
        return
    try:
        if data_format == "html":
            article = read_html(data, source=source, overrides=overrides)
        else:
            article = read_text(data, source=source, overrides=overrides)
    except InputError as error:
        yield error
    else:
        yield article


def _describe_decompression_error(error: Exception, compression: str) -> str:
    """``permission denied`` for a file that cannot be opened; what is wrong with the data otherwise."""
    if isinstance(error, OSError) and error.strerror:
        return _describe_os_error(error)
    problem = str(error) or type(error).__name__
    return f"damaged {compression} data, read up to here: {problem[:1].lower()}{problem[1:]}"


def _describe_os_error(error: OSError) -> str:
    """``no such file or directory``, ``permission denied``: the system's words, as a reason."""
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]
