"""Claims: the checkable statements of an article, each with its status and the cue words deciding it.

The spaCy component lives in :mod:`.component`; importing this package registers its factory, which
spaCy also finds through the entry point ``newsledger.nlp.claims:make_claims_component``.
"""

from newsledger.nlp.claims.component import (
    ClaimFinder,
    claim_records,
    make_claims_component,
    sourcing_profile,
)

__all__ = [
    "ClaimFinder",
    "claim_records",
    "make_claims_component",
    "sourcing_profile",
]
