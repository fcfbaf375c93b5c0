"""newsledger's exceptions. User errors carry a one-line reason that the CLI prints as is.

    NewsledgerError
    └── InputError            an article could not be read or is not something we can analyze
        ├── UnreadableInput   missing file, directory, permission denied, binary data
        ├── EmptyInput        nothing but whitespace (or no article in the HTML)
        ├── MalformedInput    a JSONL line that is not an article record: bad JSON, wrong types, bad date
        ├── InputTooLarge     over the size limit
        ├── NotEnglish        the text is in another language
        └── AnalysisFailed    the text was read, but the pipeline raised on it (a bug: please report)
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base of every error newsledger raises on purpose."""


class InputError(NewsledgerError):
    """An input could not become an article; ``source`` names it and ``reason`` says why in one line."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class MalformedInput(InputError):
    pass


class InputTooLarge(InputError):
    pass


class NotEnglish(InputError):
    pass


class AnalysisFailed(InputError):
    pass
