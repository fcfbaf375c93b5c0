"""Figures: counts with their qualifier and unit ("at least 120 missiles").

The spaCy component lives in :mod:`.component`; importing this package registers its factory, which
spaCy also finds through the entry point ``newsledger.nlp.quantities:make_quantities_component``.
"""

from newsledger.nlp.quantities.component import (
    QuantityReader,
    make_quantities_component,
    quantity_records,
)

__all__ = [
    "QuantityReader",
    "make_quantities_component",
    "quantity_records",
]
