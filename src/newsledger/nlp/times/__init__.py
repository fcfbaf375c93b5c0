"""Time expressions: found, fitted to TimeML extents and normalized to TIMEX3 values.

The spaCy component lives in :mod:`.component`; importing this package registers its factory, which
spaCy also finds through the entry point ``newsledger.nlp.times:make_time_component``.
"""

from newsledger.nlp.times.component import (
    TimeTagger,
    make_time_component,
    time_refs,
)

__all__ = [
    "TimeTagger",
    "make_time_component",
    "time_refs",
]
