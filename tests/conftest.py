"""Shared fixtures: the full pipeline is loaded once per test session (it takes about a second)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.nlp.pipeline import load_pipeline, make_doc

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "examples" / "seed-article"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def parse(nlp: Language) -> Callable[..., Doc]:
    """Run the whole newsledger pipeline on a text, with an optional publication date."""

    def run(text: str, published: date | None = None) -> Doc:
        return nlp(make_doc(nlp, text, published))

    return run
