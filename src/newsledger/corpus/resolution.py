"""Resolving whole stories at once: entities, described people, events and claims, story by story.

One function for every caller (the store's ``Linker``, ``newsledger evaluate linking``), so what the
evaluator scores is what the ledger holds. Each story is resolved alone, so its results are a function of
its own articles, and an entity's id is the same in every story it is in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsledger.corpus.claims import ClaimThread, local_claims, match_claims
from newsledger.corpus.descriptions import resolve_descriptions
from newsledger.corpus.entities import CanonicalEntity, local_entities, resolve_entities
from newsledger.corpus.events import CrossEvent, corefer_events, local_events
from newsledger.records import Analysis

Key = tuple[str, str]


@dataclass(frozen=True)
class StoryResolution:
    """What each article's records resolve to across its story.

    ``entities`` maps ``(article_id, entity_id)``; ``described`` maps the sources and event participants
    given only as a description, ``(article_id, "<attribution id>:source" | "<event id>:actor" |
    "<event id>:target")``; ``events`` maps ``(article_id, event_id)``; ``claims`` ``(article_id,
    claim_id)``.
    """

    entities: dict[Key, CanonicalEntity]
    described: dict[Key, CanonicalEntity]
    events: dict[Key, CrossEvent]
    claims: dict[Key, ClaimThread]


def resolve_stories(analyses: Iterable[Analysis], story_of: Mapping[str, str]) -> StoryResolution:
    """Resolve the given articles, grouped by ``story_of[article_id]``; pass whole stories."""
    by_story: dict[str, list[Analysis]] = {}
    for analysis in analyses:
        by_story.setdefault(story_of[analysis.article.id], []).append(analysis)
    entities: dict[Key, CanonicalEntity] = {}
    described: dict[Key, CanonicalEntity] = {}
    for story, members in sorted(by_story.items()):
        found = resolve_entities(e for x in members for e in local_entities(x, story))
        entities |= found
        described |= resolve_descriptions(members, found)
    everything = [(x, story) for story, members in by_story.items() for x in members]
    events = corefer_events(e for x, story in everything for e in local_events(x, story, entities, described))
    claims = match_claims(c for x, story in everything for c in local_claims(x, story))
    return StoryResolution(entities, described, events, claims)
