"""Places: every place an article names, geocoded offline against the GeoNames gazetteer.

The spaCy component lives in :mod:`.component`; importing this package registers its factory, which
spaCy also finds through the entry point ``newsledger.nlp.places:make_places_component``.
"""

from newsledger.nlp.places.component import (
    PlacesComponent,
    make_places_component,
    place_records,
)

__all__ = [
    "PlacesComponent",
    "make_places_component",
    "place_records",
]
