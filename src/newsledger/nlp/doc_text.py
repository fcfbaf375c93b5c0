"""The text of a Doc, joined once per Doc instead of once per reader.

``Doc.text`` is not stored: spaCy joins every token's text anew on each access, which costs a Python
object per token. Half a dozen components and record builders each need the whole text of the same
Doc, one after the other, so the last Doc's text is kept and handed out again while that Doc is the
one asked about. A Doc's text never changes (retokenizing keeps it), and the memo holds the Doc itself,
so an identity check cannot confuse it with a later Doc at the same address.
"""

from __future__ import annotations

from spacy.tokens import Doc

_last: tuple[Doc, str] | None = None


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined at most once while ``doc`` is the Doc being processed."""
    global _last
    last = _last  # one read: another thread may replace the memo, never half of it
    if last is not None and last[0] is doc:
        return last[1]
    text = doc.text
    _last = (doc, text)
    return text
