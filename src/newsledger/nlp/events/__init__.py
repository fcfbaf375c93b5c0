"""Events in the PLOVER ontology: triggers, roles, modes, figures and the tellings of each.

The spaCy component lives in :mod:`.component`; importing this package registers its factory, which
spaCy also finds through the entry point ``newsledger.nlp.events:make_events_component``.
"""

from newsledger.nlp.events.component import (
    EventsComponent,
    event_records,
    make_events_component,
)

__all__ = [
    "EventsComponent",
    "event_records",
    "make_events_component",
]
