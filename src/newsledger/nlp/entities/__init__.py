"""Named entities: the model's NER corrected for conflict news and resolved within the article.

The spaCy component lives in :mod:`.component`; importing this package registers its factory, which
spaCy also finds through the entry point ``newsledger.nlp.entities:make_entity_component``.
"""

from newsledger.nlp.entities.component import (
    EntityCluster,
    EntityComponent,
    entity_clusters,
    entity_records,
    make_entity_component,
)

__all__ = [
    "EntityCluster",
    "EntityComponent",
    "entity_clusters",
    "entity_records",
    "make_entity_component",
]
