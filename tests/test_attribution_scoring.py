"""The attribution scorer on tiny hand-written documents whose scores can be worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from newsledger.evaluate.attribution_scoring import (
    PRF,
    AttributionScores,
    GoldDoc,
    ScoredAttribution,
    read_polnear,
    score_documents,
)
from newsledger.evaluate.span_matching import Fragments, normalise_span

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "attribution" / "tiny_polnear.jsonl"

BUDGET = (
    "Mayor Jane Smith said the budget was balanced. “It is a good day,” she told reporters. "
    "The council meets on Monday."
)
SPLIT_QUOTE = "“The plan is ready,” he said, “and we start today.”"
REUSED = "He said the plan was ready and said the money was there."
NO_SOURCE = "It was reported that the mayor resigned."


def at(text: str, piece: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th ``piece`` in ``text``, so the cases read as text, not numbers."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


Piece = str | tuple[str, int]
"""A piece of text to locate, or ``(piece, occurrence)`` when it occurs more than once."""


def frags(text: str, *pieces: Piece) -> Fragments:
    return tuple(at(text, *p) if isinstance(p, tuple) else at(text, p) for p in pieces)


def attribution(text: str, source: Piece | None, cue: Piece | None, *content: Piece) -> ScoredAttribution:
    return ScoredAttribution(
        source=frags(text, source) if source else (),
        cue=frags(text, cue) if cue else (),
        content=frags(text, *content),
    )


def doc(text: str, attributions: list[ScoredAttribution], doc_id: str = "d") -> GoldDoc:
    return GoldDoc(doc_id, text, attributions, publisher="test", dct=None)


def budget_gold() -> GoldDoc:
    return doc(
        BUDGET,
        [
            attribution(BUDGET, "Mayor Jane Smith", "said", "the budget was balanced"),
            attribution(BUDGET, "she", "told", "“It is a good day,”"),
        ],
    )


def split_quote_gold() -> GoldDoc:
    return doc(
        SPLIT_QUOTE, [attribution(SPLIT_QUOTE, "he", "said", "“The plan is ready,”", "“and we start today.”")]
    )


def one(gold: GoldDoc, predicted: list[ScoredAttribution]) -> AttributionScores:
    return score_documents([(gold, predicted)])


def test_perfect_prediction_scores_100_everywhere() -> None:
    gold = budget_gold()
    scores = one(gold, list(gold.attributions))
    for role in ("source", "cue", "content"):
        for match in ("exact", "overlap", "token"):
            prf: PRF = getattr(scores.roles[role], match)
            assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0), (role, match)
    assert scores.speaker.pairs == 2
    assert scores.speaker.overlap_accuracy == scores.speaker.exact_accuracy == 1.0


def test_extra_comma_quote_marks_and_full_stop_still_match_exactly() -> None:
    predicted = [
        attribution(BUDGET, "Mayor Jane Smith ", "said", "the budget was balanced."),
        attribution(BUDGET, "she", "told", "It is a good day"),
    ]
    scores = one(budget_gold(), predicted)
    assert scores.roles["content"].exact == PRF(2, 2, 2)
    assert scores.roles["source"].exact == PRF(2, 2, 2)


def test_question_mark_is_not_ignorable() -> None:
    text = "“Is it ready?” she asked."
    gold = doc(text, [attribution(text, "she", "asked", "“Is it ready?”")])
    scores = one(gold, [attribution(text, "she", "asked", "Is it ready")])
    assert scores.roles["content"].exact == PRF(0, 1, 1)
    assert scores.roles["content"].overlap == PRF(1, 1, 1)


def test_discontinuous_gold_content_against_one_fragment_prediction() -> None:
    predicted = [
        ScoredAttribution(frags(SPLIT_QUOTE, "he"), frags(SPLIT_QUOTE, "said"), ((0, len(SPLIT_QUOTE)),))
    ]
    scores = one(split_quote_gold(), predicted)
    content = scores.roles["content"]
    assert content.exact == PRF(0, 1, 1)
    assert content.overlap == PRF(1, 1, 1)
    # gold: The plan is ready / and we start today = 8 tokens; prediction adds "he said" = 10 tokens.
    assert content.token == PRF(8, 10, 8)
    assert scores.speaker.source_exact == 1


def test_discontinuous_prediction_with_the_same_fragments_matches_exactly() -> None:
    gold = split_quote_gold()
    predicted = [attribution(SPLIT_QUOTE, "he", "said", "The plan is ready", "and we start today")]
    assert one(gold, predicted).roles["content"].exact == PRF(1, 1, 1)


def test_overlap_but_not_exact_source() -> None:
    predicted = [attribution(BUDGET, "Smith", "said", "the budget was balanced")]
    gold = doc(BUDGET, [budget_gold().attributions[0]])
    scores = one(gold, predicted)
    source = scores.roles["source"]
    assert source.exact == PRF(0, 1, 1)
    assert source.overlap == PRF(1, 1, 1)
    assert source.token == PRF(1, 1, 3)
    assert (scores.speaker.source_overlap, scores.speaker.source_exact) == (1, 0)


def test_missing_attribution_lowers_recall_and_is_listed_in_the_confusion_summary() -> None:
    gold = budget_gold()
    scores = one(gold, [gold.attributions[0]])
    assert scores.roles["content"].exact == PRF(1, 1, 2)
    assert scores.roles["content"].exact.recall == 0.5
    assert scores.roles["content"].exact.precision == 1.0
    confusion = scores.confusion
    assert confusion.missed_by_cue == {"told": 1}
    assert confusion.missed_by_quoted == {"quoted": 1}
    assert confusion.missed_by_source_kind == {"pronoun": 1}
    assert confusion.gold_by_source_kind == {"pronoun": 1, "other": 1}
    assert confusion.false_positives_by_cue == {}


def test_false_positive_lowers_precision_and_is_counted_by_cue() -> None:
    gold = budget_gold()
    extra = attribution(BUDGET, "The council", "meets", "on Monday")
    scores = one(gold, [*gold.attributions, extra])
    assert scores.roles["content"].exact == PRF(2, 3, 2)
    assert scores.roles["cue"].overlap == PRF(2, 3, 2)
    assert scores.confusion.top_false_positive_cues() == [("meets", 1)]
    assert scores.confusion.missed_by_cue == {}
    assert scores.documents[0].false_positives == 1


def test_reused_pronoun_source_is_counted_once_on_each_side() -> None:
    gold = doc(
        REUSED,
        [
            attribution(REUSED, "He", ("said", 0), "the plan was ready"),
            attribution(REUSED, "He", ("said", 1), "the money was there"),
        ],
    )
    assert one(gold, list(gold.attributions)).roles["source"].exact == PRF(1, 1, 1)
    only_first = one(gold, [gold.attributions[0]])
    assert only_first.roles["source"].exact == PRF(1, 1, 1)
    assert only_first.roles["cue"].exact == PRF(1, 1, 2)
    assert only_first.roles["content"].exact == PRF(1, 1, 2)


def test_no_source_gold_is_right_only_when_the_prediction_has_no_source() -> None:
    gold = doc(NO_SOURCE, [attribution(NO_SOURCE, None, "was reported", "the mayor resigned")])
    silent = one(gold, [attribution(NO_SOURCE, None, "was reported", "that the mayor resigned")])
    assert (silent.speaker.pairs, silent.speaker.source_overlap, silent.speaker.source_exact) == (1, 1, 1)
    assert silent.roles["source"].exact == PRF(0, 0, 0)
    assert silent.roles["source"].exact.f1 == 1.0
    guessed = one(gold, [attribution(NO_SOURCE, "It", "was reported", "the mayor resigned")])
    assert (guessed.speaker.source_overlap, guessed.speaker.source_exact) == (0, 0)
    assert guessed.roles["source"].exact.precision == 0.0
    assert guessed.confusion.gold_by_source_kind == {"no source": 1}


def test_gold_source_missing_from_prediction_is_wrong_speaker() -> None:
    gold = budget_gold()
    predicted = [attribution(BUDGET, None, "said", "the budget was balanced")]
    scores = one(doc(BUDGET, [gold.attributions[0]]), predicted)
    assert (scores.speaker.pairs, scores.speaker.source_overlap) == (1, 0)
    source = scores.roles["source"].exact
    assert source == PRF(0, 0, 1)
    assert (source.precision, source.recall, source.f1) == (0.0, 0.0, 0.0)


def test_token_weighted_scores_by_hand_across_two_documents() -> None:
    # doc 1: gold "the budget was balanced" (4 tokens) vs "said the budget" (3 tokens, 2 shared);
    #        false positive "The council meets on Monday" (5 tokens, no gold).
    budget = doc(BUDGET, [budget_gold().attributions[0]], "budget")
    budget_predicted = [
        attribution(BUDGET, None, None, "said the budget"),
        attribution(BUDGET, None, None, "The council meets on Monday"),
    ]
    # doc 2: discontinuous gold (8 tokens) vs the whole sentence (10 tokens, 8 shared).
    split_predicted = [ScoredAttribution((), (), ((0, len(SPLIT_QUOTE)),))]
    scores = score_documents([(budget, budget_predicted), (split_quote_gold(), split_predicted)])
    token = scores.roles["content"].token
    assert token == PRF(matched=2 + 8, predicted=3 + 5 + 10, gold=4 + 8)
    assert token.precision == 10 / 18
    assert token.recall == 10 / 12
    assert token.f1 == pytest.approx(2 * (10 / 18) * (10 / 12) / (10 / 18 + 10 / 12))
    assert scores.roles["content"].overlap == PRF(2, 3, 2)


def test_overlap_matching_is_one_to_one_and_greedy_by_largest_overlap() -> None:
    gold = doc(BUDGET, [attribution(BUDGET, None, None, "the budget was balanced")])
    predicted = [
        attribution(BUDGET, None, None, ("the", 0)),
        attribution(BUDGET, None, None, "budget was balanced"),
    ]
    scores = one(gold, predicted)
    content = scores.roles["content"]
    assert content.overlap == PRF(1, 2, 1)
    # "budget was balanced" (19 characters) beats "the" (3) although it comes second: 3 tokens of credit.
    assert content.token == PRF(3, 4, 4)
    assert scores.speaker.pairs == 1


def test_tokens_are_word_runs_and_a_cut_word_still_counts() -> None:
    text = "The state-run agency said it was fine."
    gold = doc(text, [attribution(text, "The state-run agency", "said", "it was fine")])
    cut_at_hyphen = one(gold, [attribution(text, "The state-", "said", "it was fine")])
    assert cut_at_hyphen.roles["source"].token == PRF(2, 2, 4)
    cut_mid_word = one(gold, [attribution(text, "The state-run agen", "said", "it was fine")])
    assert cut_mid_word.roles["source"].token == PRF(4, 4, 4)
    assert cut_mid_word.roles["source"].exact == PRF(0, 1, 1)


def test_normalise_span_trims_ends_and_joins_ignorable_gaps_only() -> None:
    text = "“Go,” he said, “now.”\n\n“Later.”"
    assert normalise_span(text, frags(text, "“Go,”")) == frags(text, "Go")
    assert normalise_span(text, frags(text, "“now.”", "“Later.”")) == (
        (at(text, "now")[0], at(text, "Later")[1]),
    )
    assert normalise_span(text, frags(text, "“Go,”", "“now.”")) == frags(text, "Go", "now")
    assert normalise_span(text, frags(text, "“")) == ()
    assert normalise_span(text, ((3, 3),)) == ()


def test_prediction_outside_the_text_is_rejected() -> None:
    gold = budget_gold()
    with pytest.raises(ValueError, match="outside text"):
        one(gold, [ScoredAttribution((), (), ((0, len(BUDGET) + 5),))])


def test_per_document_counts() -> None:
    gold = budget_gold()
    scores = score_documents(
        [(gold, [gold.attributions[1]]), (split_quote_gold(), list(split_quote_gold().attributions))]
    )
    first, second = scores.documents
    assert (first.doc_id, first.gold, first.predicted, first.paired, first.missed) == ("d", 2, 1, 1, 1)
    assert (second.gold, second.paired, second.false_positives, second.source_right) == (1, 1, 0, 1)


def test_tables_show_percentages_with_one_decimal() -> None:
    gold = budget_gold()
    scores = one(gold, [gold.attributions[0]])
    console = Console(width=200, record=True)
    console.print(scores.table())
    console.print(scores.confusion_table(top_n=5))
    output = console.export_text()
    assert "100.0" in output
    assert "50.0" in output
    assert "told" in output
    assert scores.table().row_count == 3 * 3 + 2


def test_read_polnear_fixture_uses_fragments_and_primary_annotation() -> None:
    bridge, library = list(read_polnear(FIXTURE))
    assert bridge.doc_id == "fixture_2020-05-01_bridge"
    assert (bridge.publisher, bridge.dct) == ("fixture-gazette", date(2020, 5, 1))
    assert len(bridge.attributions) == 2  # the alternate annotation is not merged in
    engineer = bridge.attributions[0]
    assert [bridge.text[s:e] for s, e in engineer.content] == [
        "“The steel has not arrived,”",
        "“so we wait.”",
    ]
    assert [bridge.text[s:e] for s, e in engineer.source] == ["the engineer"]
    assert bridge.text[slice(*bridge.attributions[1].cue[0])] == "said"
    assert bridge.attributions[1].cue != engineer.cue
    assert library.attributions[0].source == ()
    assert [library.text[s:e] for s, e in library.attributions[0].cue] == ["was announced"]
    perfect = score_documents((d, list(d.attributions)) for d in (bridge, library))
    assert perfect.roles["content"].exact == PRF(3, 3, 3)
    assert perfect.speaker.exact_accuracy == 1.0


def test_read_polnear_rejects_offsets_outside_the_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"doc_id": "x", "text": "short", "attributions": [{"source_fragments": [[0, 99]], '
        '"cue_fragments": [], "content_fragments": []}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="outside text"):
        list(read_polnear(bad))
