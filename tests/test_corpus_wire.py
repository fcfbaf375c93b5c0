"""Wire copy and near-duplicates: republished and lightly rewritten texts are one source."""

from __future__ import annotations

import pytest

from newsledger.corpus.wire import WireIndex, shingles

WIRE = (
    "KYIV, March 3 - Russian forces launched a wave of drones and cruise missiles at energy facilities in "
    "western Ukraine overnight, damaging a thermal power plant near Lviv and cutting electricity to about "
    "80,000 homes, regional officials said on Monday. Governor Maksym Kozytskyi said air defence units shot "
    "down most of the drones but that at least two missiles struck the plant, starting a fire that "
    "firefighters brought under control by morning. No casualties were reported. Ukraine's national grid "
    "operator said engineers were working to restore supplies and warned of scheduled power cuts in three "
    "regions for the rest of the week. The attack was the fourth on the country's power system this month."
)
# The same wire text run by a second outlet under its own opening paragraph.
REPUBLISHED = "Residents of Lviv woke to sirens for the third night running.\n\n" + WIRE
# A light rewrite: a few words changed, the last sentence cut, the way a desk edits wire copy.
REWRITE = (
    WIRE.replace("launched a wave of", "fired dozens of")
    .replace("regional officials said on Monday", "officials said Monday")
    .replace(" The attack was the fourth on the country's power system this month.", "")
)
# The same happening written independently: same facts, different words.
INDEPENDENT = (
    "A thermal power station outside Lviv was set on fire early on Monday when Russian missiles got through "
    "the city's air defences, the head of the regional administration told reporters. Around 80,000 "
    "households lost power. Ukrenergo, which runs the grid, expects rolling blackouts in western regions "
    "until Friday while repairs continue. Nobody was hurt in the strike, according to the emergency service."
)
OTHER = (
    "The central bank left its main interest rate unchanged at 13 percent on Thursday, saying inflation had "
    "slowed for a fifth month in a row but that risks from the war and the budget deficit remained high. "
    "Governor Andriy Pyshnyy told a news conference that the bank could start cutting rates in the autumn "
    "if price growth kept easing and international financing arrived on schedule."
)


@pytest.fixture()
def index() -> WireIndex:
    wire = WireIndex()
    wire.add("wire", WIRE, outlet="Reuters")
    wire.add("republished", REPUBLISHED, outlet="Kyiv Daily")
    wire.add("rewrite", REWRITE, outlet="Evening Standard")
    wire.add("independent", INDEPENDENT, outlet="Lviv Post")
    wire.add("other", OTHER, outlet="Reuters")
    return wire


def test_republished_wire_text_is_a_copy(index: WireIndex) -> None:
    assert index.group_of("republished") == index.group_of("wire")


def test_light_rewrite_is_a_copy(index: WireIndex) -> None:
    assert index.group_of("rewrite") == index.group_of("wire")


def test_independent_telling_of_the_same_event_is_not_a_copy(index: WireIndex) -> None:
    assert index.group_of("independent") != index.group_of("wire")
    assert index.groups() == {index.group_of("wire"): ["republished", "rewrite", "wire"]}


def test_independent_sources_count_copies_once(index: WireIndex) -> None:
    assert index.independent_sources(["wire", "republished", "rewrite"]) == 1
    assert index.independent_sources(["wire", "republished", "rewrite", "independent"]) == 2


def test_one_outlet_is_one_source(index: WireIndex) -> None:
    # Reuters ran both the wire story and the unrelated rate decision: one outlet, one source.
    assert index.independent_sources(["wire", "other"]) == 1
    assert index.independent_sources(["independent", "other"]) == 2


def test_groups_do_not_depend_on_arrival_order() -> None:
    texts = {"wire": WIRE, "republished": REPUBLISHED, "rewrite": REWRITE, "independent": INDEPENDENT}
    forward, backward = WireIndex(), WireIndex()
    for key in texts:
        forward.add(key, texts[key])
    for key in reversed(list(texts)):
        backward.add(key, texts[key])
    assert forward.groups() == backward.groups()


def test_short_texts_are_never_copies() -> None:
    index = WireIndex()
    index.add("a", "Markets closed higher on Friday.")
    assert index.add("b", "Markets closed higher on Friday.") == []


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("The cat sat, on the mat.", size=3) == shingles("the CAT sat on THE mat", size=3)


def test_a_restored_index_finds_the_copies_of_a_new_article_as_before(index: WireIndex) -> None:
    """Reopening keeps signatures and the copies found, without re-querying; new articles still match."""
    outlets = {
        "wire": "Reuters",
        "republished": "Kyiv Daily",
        "rewrite": "Evening Standard",
        "independent": "Lviv Post",
        "other": "Reuters",
    }
    restored = WireIndex()
    for article, outlet in outlets.items():
        hashvalues, size = index.signature_of(article)
        restored.restore(article, hashvalues, size, outlet=outlet)
    for copy in index.copies:
        restored.restore_copy(copy)
    assert restored.groups() == index.groups()
    again = REPUBLISHED.replace("Kyiv Daily", "Odesa Herald")
    assert [c.second for c in restored.add("again", again)] == [c.second for c in index.add("again", again)]
    everything = ["wire", "republished", "rewrite", "independent", "other", "again"]
    assert restored.independent_sources(everything) == index.independent_sources(everything)
