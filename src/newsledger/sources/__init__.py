"""Reading articles in: plain text, HTML and JSONL files, folders, standard input.

``read_inputs`` is the door the CLI and the batch runner use; ``article_from_text`` is the gate every text
passes, and the way in for text already in memory.
"""

from newsledger.sources.encoding import decode_bytes
from newsledger.sources.html import read_html
from newsledger.sources.htmldates import publication_date
from newsledger.sources.inputs import read_inputs, sniff_format
from newsledger.sources.jsonl import read_jsonl
from newsledger.sources.language import Language, detect_language
from newsledger.sources.limits import MAX_FILE_BYTES, MAX_TEXT_CHARS
from newsledger.sources.prepare import Metadata, article_from_text, normalize_text
from newsledger.sources.text import read_text

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "Language",
    "Metadata",
    "article_from_text",
    "decode_bytes",
    "detect_language",
    "normalize_text",
    "publication_date",
    "read_html",
    "read_inputs",
    "read_jsonl",
    "read_text",
    "sniff_format",
]
