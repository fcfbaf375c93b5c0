"""The ledger store: every analysis kept in SQLite or PostgreSQL, ingested safely, queried and exported.

    >>> from newsledger.store import open_store, queries
    >>> with open_store() as store:                 # $NEWSLEDGER_DB, else sqlite:///newsledger.db
    ...     store.ingest(analysis)
    ...     queries.entity_timeline(store, "Zelensky")

The store never imports spaCy: it deals in records, so the web UI and the exports start fast.
"""

from newsledger.store import queries
from newsledger.store.ingest import IngestOutcome, IngestStatus
from newsledger.store.ledger import Dialect, Store, open_store

__all__ = ["Dialect", "IngestOutcome", "IngestStatus", "Store", "open_store", "queries"]
