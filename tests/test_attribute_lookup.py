"""The attribute lookup sets exactly what the stock attribute ruler sets, token for token."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from newsledger.nlp.attribute_lookup import AttributeLookup
from newsledger.nlp.pipeline import ATTRIBUTE_RULER, load_bare_model

# News prose with the stock rules' special cases: contractions the tag map alone gets wrong ("ai n't",
# "gon na", "got ta", "let 's", "c'm on", "y' all"), existential "there is", dialect spellings, a
# double space and line breaks, possessives, numbers and quotation marks.
TEXTS = [
    "\"We ain't going anywhere,\" the union's leader told reporters on Monday.  Talks resume in June.",
    "\"I'm gonna fight this, and we've got ta win,\" she said. \"Let's see what they do.\"",
    "\"C'mon, y'all know nothin' has changed,\" a resident shouted outside the council offices.",
    "There were 14 people on board, and there is no sign of the missing boat, the coastguard said.",
    "The minister's spokesman declined to comment.\n\nShares in the firm fell 3.5% to £1.20 on Friday.",
    "It was the first time the two leaders had met since 2019; neither was willing to say more.",
]


@pytest.fixture(scope="module")
def bare() -> Language:
    return load_bare_model()


def test_the_lookup_matches_the_stock_ruler_on_every_token(bare: Language) -> None:
    stock = bare.get_pipe(ATTRIBUTE_RULER)
    assert isinstance(stock, AttributeRuler)
    lookup = AttributeLookup(bare.vocab)
    lookup.copy_rules(stock)
    attrs = [POS, TAG, MORPH, LEMMA, DEP, HEAD]
    with bare.select_pipes(disable=[ATTRIBUTE_RULER, "lemmatizer", "ner"]):
        parsed = list(bare.pipe(TEXTS))
    for doc in parsed:
        by_stock, by_lookup = stock(doc.copy()), lookup(doc.copy())
        assert by_lookup.to_array(attrs).tolist() == by_stock.to_array(attrs).tolist(), doc.text
        assert [t.pos_ for t in by_lookup] != [t.pos_ for t in doc]  # it did set something


def test_the_multi_token_rules_still_apply(bare: Language) -> None:
    stock = bare.get_pipe(ATTRIBUTE_RULER)
    assert isinstance(stock, AttributeRuler)
    lookup = AttributeLookup(bare.vocab)
    lookup.copy_rules(stock)
    assert len(lookup.multi) > 0 and len(lookup.single) > len(lookup.multi)
    with bare.select_pipes(disable=[ATTRIBUTE_RULER, "lemmatizer", "ner"]):
        doc = lookup(bare("\"We're gonna win this,\" he said."))
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["gon"], lemmas["na"]) == ("go", "to")
