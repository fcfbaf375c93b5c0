"""Claims: segmentation, status (with the words that decided it), polarity, check-worthiness, sourcing profile."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from newsledger.analyze import analysis_of
from newsledger.errors import MalformedInput
from newsledger.evaluate.claims import LABELLED_SET, evaluate_claims, read_labelled
from newsledger.evaluate.seed import claim_containing, load_gold, published_of, score_claims
from newsledger.nlp.attribution import attribution_records
from newsledger.nlp.claims import claim_records, sourcing_profile
from newsledger.nlp.claims.checkworthiness import score
from newsledger.nlp.claims.lexicon import STATUSES, claim_lexicon
from newsledger.nlp.entities import entity_records
from newsledger.nlp.pipeline import make_doc
from newsledger.nlp.times import time_refs
from newsledger.records import Article, Attribution, Claim, ClaimStatus, Cue, SourceKind, Span
from newsledger.summary import claim_table

from .conftest import SEED_DIR

Parse = Callable[..., Doc]


def claims_in(parse: Parse, text: str) -> list[Claim]:
    doc = parse(text)
    attributions = attribution_records(doc, entities=entity_records(doc), times=time_refs(doc))
    return claim_records(doc, attributions=attributions)


def claim(claims: list[Claim], piece: str) -> Claim:
    found = claim_containing(claims, piece)
    assert found is not None, f"no claim contains {piece!r}: {[c.span.text for c in claims]}"
    return found


def cue_words(found: Claim) -> list[str]:
    return [cue.text for cue in found.status_cues]


@pytest.mark.parametrize(
    ("text", "piece", "status", "cue"),
    [
        (
            "The harbour authority closed the port to shipping on Tuesday.",
            "closed the port",
            "asserted",
            None,
        ),
        (
            "Nine miners were trapped underground, the company said.",
            "Nine miners were trapped",
            "reported",
            "said",
        ),
        (
            "The coastguard confirmed that the trawler had sunk.",
            "the trawler had sunk",
            "confirmed",
            "confirmed",
        ),
        (
            "The ministry did not confirm that the envoy had been expelled.",
            "the envoy had been expelled",
            "unconfirmed",
            "did not confirm",
        ),
        (
            "The governor denied that the election had been postponed.",
            "the election had been postponed",
            "denied",
            "denied",
        ),
        (
            "A blogger wrote that the dam had burst. The post was later deleted.",
            "the dam had burst",
            "retracted",
            "was later deleted",
        ),
        (
            "The blast was probably caused by a gas cylinder.",
            "The blast was probably caused",
            "hedged",
            "probably",
        ),
        (
            "The council is recklessly squandering public money.",
            "The council is recklessly squandering",
            "unattributed_opinion",
            "recklessly",
        ),
    ],
)
def test_each_status_with_the_words_that_decided_it(
    parse: Parse, text: str, piece: str, status: str, cue: str | None
) -> None:
    found = claim(claims_in(parse, text), piece)
    assert found.status == status
    assert (cue_words(found) == []) if cue is None else (cue in cue_words(found))


def test_a_later_sentence_about_the_reports_changes_the_claim_it_refers_back_to(parse: Parse) -> None:
    text = (
        "Regional media reported that the governor had fled the city. "
        "The reports have also not been confirmed officially."
    )
    claims = claims_in(parse, text)
    fled = claim(claims, "the governor had fled the city")
    assert fled.status == "unconfirmed"
    assert cue_words(fled) == ["have also not been confirmed officially"]
    assert fled.status_cues[0].start > fled.span.end  # the deciding words lie in the next sentence
    assert (
        claim_containing(claims, "The reports have also not been confirmed") is None
    )  # a statement about a statement


def test_a_status_sentence_with_content_of_its_own_is_a_claim(parse: Parse) -> None:
    claims = claims_in(parse, "Reports of a second explosion near the refinery have not been verified.")
    assert claim(claims, "Reports of a second explosion").status == "unconfirmed"


def test_a_confirmation_in_the_next_sentence_by_the_side_the_claim_is_against(parse: Parse) -> None:
    text = "Rebel media said a government helicopter had crashed near the border. The army later confirmed the crash."
    assert claim(claims_in(parse, text), "a government helicopter had crashed").status == "confirmed"


def test_a_denial_of_a_claim_as_false(parse: Parse) -> None:
    text = "Opposition activists said ballots had been burned in two towns. The election board called the claims false."
    assert claim(claims_in(parse, text), "ballots had been burned").status == "denied"


def test_a_cue_in_the_attribution_frame_decides_the_content(parse: Parse) -> None:
    found = claim(
        claims_in(parse, "The militia said it had downed a drone, but offered no evidence."), "downed a drone"
    )
    assert found.status == "unconfirmed"


def test_a_noun_phrase_content_makes_the_whole_clause_the_claim(parse: Parse) -> None:
    found = claim(
        claims_in(parse, "The port authority did not confirm the closure of the terminal."), "the closure"
    )
    assert found.span.text.startswith("The port authority did not confirm")
    assert found.status == "unconfirmed"
    assert found.attribution is not None


def test_coordinated_clauses_with_different_subjects_are_separate_claims(parse: Parse) -> None:
    claims = claims_in(parse, "The storm flooded the lower town, and the mayor ordered an evacuation.")
    flooded, ordered = claim(claims, "The storm flooded"), claim(claims, "the mayor ordered")
    assert flooded.id != ordered.id
    assert "mayor" not in flooded.span.text


def test_coordinated_verbs_sharing_a_subject_stay_one_claim(parse: Parse) -> None:
    claims = claims_in(parse, "The storm flooded the lower town and cut power to the hospital.")
    assert len(claims) == 1


def test_the_frame_of_an_attribution_is_not_a_claim(parse: Parse) -> None:
    claims = claims_in(
        parse, "Shortly after noon, two officials told reporters that the convoy had been stopped."
    )
    assert [c.span.text for c in claims] == ["the convoy had been stopped"]


@pytest.mark.parametrize(
    ("text", "piece", "polarity"),
    [
        ("No one was hurt in the fire.", "No one was hurt", "negative"),
        ("The bridge was not damaged in the storm.", "The bridge was not damaged", "negative"),
        ("The bridge was damaged in the storm.", "The bridge was damaged", "positive"),
        ("The agency did not confirm the arrest of the editor.", "the arrest of the editor", "positive"),
    ],
)
def test_polarity_ignores_a_negation_the_status_used(
    parse: Parse, text: str, piece: str, polarity: str
) -> None:
    assert claim(claims_in(parse, text), piece).polarity == polarity


def test_claim_ids_follow_the_text_and_every_span_is_the_text_it_points_to(parse: Parse) -> None:
    text = (
        "The army said its units had crossed the river. “We are holding the bridge,” a commander said. "
        "The crossing could not be independently verified, and the bridge appears to be damaged."
    )
    claims = claims_in(parse, text)
    assert [c.id for c in claims] == [f"c{n}" for n in range(1, len(claims) + 1)]
    assert [c.span.start for c in claims] == sorted(c.span.start for c in claims)
    for found in claims:
        for span in (found.span, *found.status_cues):
            assert text[span.start : span.end] == span.text


def _attribution(id_: str, kind: SourceKind) -> Attribution:
    span = Span(start=0, end=4, text="text")
    return Attribution(
        id=id_,
        source=span,
        source_kind=kind,
        cue=Cue(span=span, lemma="say"),
        content=span,
        content_fragments=[span],
        form="indirect",
        confidence=1.0,
    )


def _claim(id_: str, status: ClaimStatus, attribution: str | None = None) -> Claim:
    span = Span(start=0, end=4, text="text")
    return Claim(id=id_, span=span, status=status, attribution=attribution, checkworthiness=0.5)


def test_sourcing_profile_arithmetic() -> None:
    attributions = [
        _attribution("a1", "anonymous"),
        _attribution("a2", "person"),
        _attribution("a3", "anonymous"),
    ]
    claims = [
        _claim("c1", "reported", "a1"),
        _claim("c2", "reported", "a1"),
        _claim("c3", "confirmed", "a2"),
        _claim("c4", "hedged", "a3"),
        _claim("c5", "unattributed_opinion"),
        _claim("c6", "asserted"),
        _claim("c7", "unattributed_opinion"),
        _claim("c8", "asserted"),
    ]
    profile = sourcing_profile(claims, attributions)
    assert profile.claims_by_status == {
        "asserted": 2,
        "reported": 2,
        "confirmed": 1,
        "unconfirmed": 0,
        "denied": 0,
        "retracted": 0,
        "hedged": 1,
        "unattributed_opinion": 2,
    }
    assert profile.attributions_by_source_kind["anonymous"] == 2
    assert profile.attributions_by_source_kind["media"] == 0
    assert profile.anonymous_share == 0.75  # 3 of the 4 attributed claims
    assert profile.unsourced_judgement_share == 0.25  # 2 of 8 claims


def test_sourcing_profile_of_an_empty_article() -> None:
    profile = sourcing_profile([], [])
    assert profile.anonymous_share == profile.unsourced_judgement_share == 0.0
    assert sum(profile.claims_by_status.values()) == 0


def test_checkworthiness_ranks_figures_and_named_actors_above_judgement(parse: Parse) -> None:
    claims = claims_in(
        parse,
        "Police arrested 41 people in Lyon on Saturday. "
        "The suspect may have left the country. "
        "The government's handling of the protests has been a shambles.",
    )
    arrested = claim(claims, "Police arrested 41 people")
    hedged = claim(claims, "may have left")
    opinion = claim(claims, "a shambles")
    assert arrested.checkworthiness > hedged.checkworthiness > opinion.checkworthiness
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in claims)


def test_checkworthiness_is_the_documented_sum() -> None:
    assert score(set()) == 0.15
    assert score({"number", "named_actor", "date", "factual_predicate", "past_tense", "no_hedge"}) == 1.0
    assert score({"opinion", "short"}) == 0.0


def test_seed_claims_have_their_gold_status() -> None:
    text, gold = load_gold(SEED_DIR)
    from newsledger.analyze import analyze

    analysis = analyze(text, published=published_of(gold))
    result = score_claims(analysis.claims, gold["claims"], text)
    assert result.found == 9
    assert result.correct >= 8, result.wrong
    for found in analysis.claims:
        for span in (found.span, *found.status_cues):
            assert text[span.start : span.end] == span.text
    assert analysis.sourcing is not None
    assert sum(analysis.sourcing.claims_by_status.values()) == len(analysis.claims)


def test_claims_survive_a_process_boundary(nlp: Language, parse: Parse) -> None:
    doc = parse("Officials said the tanker had been seized. The report could not be verified.")
    restored = next(iter(DocBin(store_user_data=True, docs=[doc]).get_docs(nlp.vocab)))
    assert json.loads(json.dumps(restored._.claims)) == doc._.claims  # msgpack brings lists back as tuples
    article = Article.from_text(doc.text)
    assert analysis_of(restored, article).claims == analysis_of(doc, article).claims


def test_the_component_declares_what_it_needs(nlp: Language) -> None:
    report = nlp.analyze_pipes(pretty=False)
    assert report is not None
    assert report["problems"]["newsledger_claims"] == []
    assert nlp.get_pipe_config("newsledger_claims")["antecedent_sentences"] == 2


def test_the_lexicon_ranks_every_status() -> None:
    lexicon = claim_lexicon()
    assert sorted(lexicon.precedence) == sorted(STATUSES)
    assert lexicon.rank("retracted") < lexicon.rank("reported") < lexicon.rank("asserted")


def test_the_text_summary_prints_the_cue_spans(parse: Parse) -> None:
    text = "The ministry did not confirm that the envoy had been expelled."
    doc = parse(text)
    analysis = analysis_of(doc, Article.from_text(text))
    console = Console(width=200, record=True)
    console.print(claim_table(analysis))
    assert "“did not confirm” 13–28" in console.export_text()


def test_the_labelled_set_is_big_enough_and_well_formed() -> None:
    items = read_labelled(LABELLED_SET)
    counts = Counter(item.status for item in items)
    assert all(counts[status] >= 15 for status in STATUSES)
    assert len({item.id for item in items}) == len(items)
    seed_sentences = {
        s.strip() for s in (SEED_DIR / "article.txt").read_text(encoding="utf-8").split(".") if s.strip()
    }
    assert not any(
        sentence in item.text for item in items for sentence in seed_sentences if len(sentence) > 30
    )


def test_evaluate_claims_scores_status_and_ranking(nlp: Language, tmp_path: Path) -> None:
    rows = [
        {
            "id": "x1",
            "text": "The regulator fined the bank $2 million on Monday.",
            "claim": "fined the bank",
            "status": "asserted",
            "checkworthy": 1,
        },
        {
            "id": "x2",
            "text": "The plan is doomed to fail.",
            "claim": "doomed to fail",
            "status": "unattributed_opinion",
            "checkworthy": 0,
        },
        {
            "id": "x3",
            "text": "The mayor denied that the contract had been rigged.",
            "claim": "the contract had been rigged",
            "status": "confirmed",
            "checkworthy": 1,
        },
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    scores = evaluate_claims(path, nlp)
    assert scores.per_status()["asserted"] == (1, 1)
    assert scores.per_status()["confirmed"] == (0, 1)
    assert scores.precision_at(2) == 1.0
    assert scores.errors() == [
        "x3: confirmed expected, got denied ['denied'] on 'the contract had been rigged'"
    ]
    assert len(scores.tables()) == 3


def test_a_malformed_labelled_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "A cat sat.", "claim": "dog", "status": "asserted"}\n', encoding="utf-8")
    with pytest.raises(MalformedInput, match=r"bad\.jsonl:1"):
        read_labelled(path)


def test_make_doc_then_pipeline_stores_plain_data(nlp: Language) -> None:
    doc = nlp(make_doc(nlp, "The council said the school would reopen in May.", None))
    item = doc._.claims[0]
    assert set(item) == {"span", "content", "status", "cues", "polarity", "checkworthiness"}
    assert all(isinstance(value, (list, str, float, type(None))) for value in item.values())
