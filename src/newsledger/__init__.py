"""newsledger: news articles in, a sourced record out — every record pointing at the characters it came from.

    >>> from newsledger import analyze
    >>> analysis = analyze(text, published=date(2024, 11, 18))

Importing the package registers its spaCy components (``newsledger_entities``, ``newsledger_times``), so
they can be added to another pipeline with ``nlp.add_pipe``. spaCy also finds them through the
``spacy_factories`` entry points without the import.
"""

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from newsledger.errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    NewsledgerError,
    NotEnglish,
    UnreadableInput,
)
from newsledger.records import SCHEMA_VERSION, Analysis, Article, Entity, Span, TimeRef

if TYPE_CHECKING:
    from newsledger.analyze import analyze, analyze_many

__version__ = "0.1.0"


class _Package(ModuleType):
    """The package, importing spaCy only when ``analyze`` or ``analyze_many`` is first used: the parts
    that never parse (the store, the web app, the exports) start without it.

    Properties rather than a module ``__getattr__`` because the submodule ``newsledger.analyze`` shares
    the function's name: importing the submodule sets the package attribute, which would otherwise turn
    ``newsledger.analyze`` from the function into the module.
    """

    @property
    def analyze(self) -> Any:
        from newsledger.analyze import analyze

        return analyze

    @analyze.setter
    def analyze(self, _submodule: Any) -> None:
        """The import system recording the submodule: the attribute stays the function."""

    @property
    def analyze_many(self) -> Any:
        from newsledger.analyze import analyze_many

        return analyze_many


sys.modules[__name__].__class__ = _Package

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
