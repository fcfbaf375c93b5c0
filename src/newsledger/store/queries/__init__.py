"""Questions to the ledger, one function each, for the CLI, the web UI and the API alike.

Every function takes the Store first and returns rows from ``newsledger.store.results``. Only the current
version of each article is searched: an old version stays in the ledger (``Store.analysis`` gives it
back), but its records would repeat the new version's. Names are matched case-folded and whole
(``schema.name_key``), and an entity's timeline follows the canonical entity that linking gives its name
(every spelling of it, and descriptions of it resolved to it); dates are publication dates, inclusive,
except for events, which are filed under their own day where the article gives one.

One module per thing read: :mod:`.articles`, :mod:`.entities`, :mod:`.claims`, :mod:`.events`,
:mod:`.search`; what they share is in :mod:`.common`. Stories, threads and tellings are read by
:mod:`newsledger.store.links`.
"""

from newsledger.store.queries.articles import ArticleVersion, article_versions, failures, list_articles
from newsledger.store.queries.claims import find_claims
from newsledger.store.queries.entities import entity_names, entity_short_forms, entity_timeline
from newsledger.store.queries.events import find_events
from newsledger.store.queries.search import fts5_query, search

__all__ = [
    "ArticleVersion",
    "article_versions",
    "entity_names",
    "entity_short_forms",
    "entity_timeline",
    "failures",
    "find_claims",
    "find_events",
    "fts5_query",
    "list_articles",
    "search",
]
