"""newsledger: news articles in, a sourced record out — every record pointing at the characters it came from.

    >>> from newsledger import analyze
    >>> analysis = analyze(text, published=date(2024, 11, 18))

Importing the package registers its spaCy components (``newsledger_entities``, ``newsledger_times``), so
they can be added to another pipeline with ``nlp.add_pipe``. spaCy also finds them through the
``spacy_factories`` entry points without the import.
"""

from newsledger.analyze import analyze, analyze_many
from newsledger.errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    NewsledgerError,
    NotEnglish,
    UnreadableInput,
)
from newsledger.records import SCHEMA_VERSION, Analysis, Article, Entity, Span, TimeRef

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Article",
    "EmptyInput",
    "Entity",
    "InputError",
    "InputTooLarge",
    "NewsledgerError",
    "NotEnglish",
    "Span",
    "TimeRef",
    "UnreadableInput",
    "__version__",
    "analyze",
    "analyze_many",
]
