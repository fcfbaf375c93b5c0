"""Attribution: who said what, on whose authority: direct, indirect, mixed and block quotes.

The spaCy component lives in :mod:`.component`; importing this package registers its factory, which
spaCy also finds through the entry point ``newsledger.nlp.attribution:make_attribution_component``.
"""

from newsledger.nlp.attribution.component import (
    AttributionFinder,
    attribution_records,
    make_attribution_component,
)

__all__ = [
    "AttributionFinder",
    "attribution_records",
    "make_attribution_component",
]
