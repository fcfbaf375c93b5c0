"""Bytes to text: UTF-8 when it is UTF-8, a detected encoding otherwise, and a clear refusal for binary data.

UTF-8 is tried first and strictly because a file that decodes as UTF-8 almost certainly is UTF-8; detectors
guess, and a wrong guess silently turns "café" into "cafÃ©". Only when strict UTF-8 fails is
charset-normalizer asked, which is what rescues the Windows-1252 and Latin-1 files that old newsroom
systems still export ("£" is byte 0xA3 there, an invalid start byte in UTF-8).
"""

from __future__ import annotations

import codecs

import charset_normalizer

from newsledger.errors import UnreadableInput

NOT_TEXT = "binary file, not text"

ENGLISH_LEGACY_ENCODING = "cp1252"
"""The encoding of English text that is not UTF-8, nearly always (Latin-1 is its subset, bar controls).

Short texts give a detector little to go on: "raised £2,340" in Latin-1 is as plausible in Windows-1250,
where byte 0xA3 is "Ł". So when the detector's guess is another Latin-alphabet code page, Windows-1252 is
used instead; a guess in another alphabet (Windows-1251 Cyrillic, say) stands, so that a Russian file is
read as Russian and then refused as not English.
"""

# Byte order marks that name their encoding outright, longest first: the UTF-32-LE mark begins with the
# UTF-16-LE one. UTF-16 and UTF-32 text is full of NUL bytes, so the marks are read before the binary check.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Decode ``data``, a whole file; ``declared`` is the encoding it names (an HTML ``<meta charset>``).

    The declared encoding is only used when strict UTF-8 fails: pages that claim ISO-8859-1 but are served
    as UTF-8 are common, the opposite is not. Raises ``UnreadableInput`` for binary data.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                reason = f"starts with a {name} byte order mark but is not {name}"
                raise UnreadableInput(source, reason) from error
    if b"\x00" in data:
        raise UnreadableInput(source, NOT_TEXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared is not None and _is_known_encoding(declared):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnreadableInput(source, NOT_TEXT)
    guess = str(best)
    if _latin_letters_only(guess):
        try:
            return data.decode(ENGLISH_LEGACY_ENCODING)
        except UnicodeDecodeError:
            pass
    return guess


def _latin_letters_only(text: str) -> bool:
    return all(c < "\u0250" for c in text if c.isalpha())


def _is_known_encoding(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
