"""Attribution: hand-written news sentences with their expected attributions, quotation-mark scanning,
property tests on random text, the PolNeAR runner and the seed article end to end.

The cases live in ``fixtures/attribution_cases.jsonl``, one short news text per line with every
attribution expected in it: the source as written, the cue lemma, strings the content must contain, the
form, the source kind and, where it matters, the canonical entity and the stated time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import srsly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.analyze import analyze
from newsledger.evaluate.attribution import evaluate_polnear, scored_attributions
from newsledger.evaluate.seed import load_gold, published_of, score, score_attributions
from newsledger.nlp.attribution import attribution_records
from newsledger.nlp.attribution.quotes import Quote, find_quotes, paragraphs
from newsledger.nlp.cues import cue_lexicon, cue_weight
from newsledger.nlp.entities import entity_records
from newsledger.nlp.pipeline import make_doc
from newsledger.nlp.times import time_refs
from newsledger.records import Analysis, Article, Attribution, Cue, Span
from tests.conftest import FIXTURES, SEED_DIR

Parse = Callable[..., Doc]
CASES = [json.loads(line) for line in (FIXTURES / "attribution_cases.jsonl").read_text("utf-8").splitlines()]
MARKS = "\"'“”‘’«»„‹›‚"


def attributions_of(parse: Parse, text: str, published: date | None = None) -> list[Attribution]:
    doc = parse(text, published)
    found = attribution_records(doc, entities=entity_records(doc), times=time_refs(doc))
    assert_offsets(text, found)
    return found


def assert_offsets(text: str, found: list[Attribution]) -> None:
    for attribution in found:
        spans = [attribution.content, *attribution.content_fragments]
        spans += [s for s in (attribution.source, attribution.cue.span if attribution.cue else None) if s]
        for span in spans:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text


def describe(found: list[Attribution]) -> list[str]:
    return [
        f"{a.source.text if a.source else None!r} [{a.cue.lemma if a.cue else None}] "
        f"{a.form}/{a.source_kind}/{a.source_name} {[f.text for f in a.content_fragments]}"
        for a in found
    ]


def matches(attribution: Attribution, expected: dict[str, Any], parse_time: Callable[[str | None], str | None]) -> bool:
    source = attribution.source.text if attribution.source else None
    cue = attribution.cue.lemma if attribution.cue else None
    checks = [
        source == expected["source"],
        cue == expected["cue"],
        all(part in attribution.content.text for part in expected["content"]),
        attribution.form == expected["form"],
        attribution.source_kind == expected["kind"],
        "entity" not in expected or _same_entity(attribution.source_name, expected["entity"]),
        "fragments" not in expected or len(attribution.content_fragments) == expected["fragments"],
        "time" not in expected or parse_time(attribution.time) == expected["time"],
    ]
    return all(checks)


def _same_entity(name: str | None, expected: str) -> bool:
    """The canonical name is the entity component's business: the surname is what identifies here."""
    return name is not None and expected.split()[-1] in name.split()


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_hand_written_case(parse: Parse, case: dict[str, Any]) -> None:
    published = date.fromisoformat(case["published"]) if case.get("published") else None
    doc = parse(case["text"], published)
    times = time_refs(doc)
    found = attribution_records(doc, entities=entity_records(doc), times=times)
    assert_offsets(case["text"], found)
    time_text = {ref.id: ref.span.text for ref in times}

    def parse_time(time_id: str | None) -> str | None:
        return time_text.get(time_id) if time_id else None

    for expected in case["expect"]:
        assert any(matches(a, expected, parse_time) for a in found), (case["pattern"], expected, describe(found))
    if "count" in case:
        assert len(found) == case["count"], (case["pattern"], describe(found))
    for text in case.get("absent", []):
        assert not any(text in a.content.text for a in found), (case["pattern"], describe(found))


def test_cases_cover_every_pattern_of_the_issue() -> None:
    assert len(CASES) >= 60
    ids = {case["id"] for case in CASES}
    assert len(ids) == len(CASES)
    forms = {e["form"] for case in CASES for e in case["expect"]}
    kinds = {e["kind"] for case in CASES for e in case["expect"]}
    assert forms == {"direct", "indirect", "mixed"}
    assert kinds >= {"person", "organization", "media", "anonymous", "collective"}


def test_ids_follow_text_order_and_cues_carry_epistemic_weights(parse: Parse) -> None:
    text = (
        "The army confirmed that the bridge was hit. Officials claimed the strike was an accident. "
        "The ministry denied that any civilians were hurt."
    )
    found = attributions_of(parse, text)
    assert [a.id for a in found] == ["a1", "a2", "a3"]
    assert [a.cue.lemma for a in found if a.cue] == ["confirm", "claim", "deny"]
    assert [cue_weight(a.cue.lemma) for a in found if a.cue] == [1.0, 0.3, 0.0]
    assert all(0.0 <= a.confidence <= 1.0 for a in found)


def test_cue_lexicon_is_well_formed() -> None:
    lexicon = cue_lexicon()
    assert cue_weight("say") == 0.5
    assert cue_weight("according to") == 0.5
    assert cue_weight("no such cue") is None
    kinds = {"clause", "quote", "object", "infinitive"}
    for entry in [*lexicon.verbs.values(), *lexicon.nouns.values(), *lexicon.adjectives.values()]:
        assert 0.0 <= entry.weight <= 1.0
        assert entry.takes <= kinds
        assert entry.takes or entry.preps
    assert set(lexicon.marks.values()) <= set(lexicon.verbs)


def test_attitude_cues_of_belief_intention_and_fear_weigh_below_confirming() -> None:
    """A belief, plan, wish or fear reports an attitude: it never makes its content confirmed."""
    for lemma in ["believe", "expect", "hope", "want", "plan", "intend", "wish", "fear", "worry", "notice",
                  "assume", "intention", "sure", "worried", "determined", "confident",
                  # judgment, liking, evaluation and stance: an opinion of the content, not its truth
                  "chastise", "laud", "grill", "deplore", "like", "resent", "appreciate", "critical",
                  "opposed", "proud", "bearish", "opponent", "supporter", "critic", "rule", "discover"]:
        weight = cue_weight(lemma)
        assert weight is not None and weight <= 0.5, lemma


def test_claims_on_attitude_cues_read_as_reported_not_confirmed() -> None:
    text = ("The mayor is sure that the levee will hold through the weekend. "
            "Farmers in the valley fear that the harvest will be lost to the floods.")
    analysis = analyze(text)
    statuses = {claim.span.text: claim.status for claim in analysis.claims}
    assert any("levee will hold" in span for span in statuses), statuses
    assert not any(status == "confirmed" for status in statuses.values()), statuses


def test_attitude_nouns_with_an_owner_attribute_their_content(parse: Parse) -> None:
    text = (
        "Governor Alvarez's plan to raise the fuel tax by four cents drew protests. "
        "Her intention to close three rural clinics angered nurses in the county. "
        "Senator Okafor's hope that the bill would pass faded on Thursday."
    )
    found = attributions_of(parse, text)
    by_cue = {a.cue.lemma: a for a in found if a.cue}
    assert by_cue["plan"].source is not None and by_cue["plan"].source.text == "Governor Alvarez's"
    assert by_cue["plan"].content.text == "to raise the fuel tax by four cents"
    assert by_cue["intention"].source is not None and by_cue["intention"].source.text == "Her"
    assert by_cue["intention"].content.text == "to close three rural clinics"
    assert by_cue["hope"].source is not None and by_cue["hope"].source.text == "Senator Okafor's"
    assert "the bill would pass" in by_cue["hope"].content.text


def test_an_attitude_noun_without_an_owner_attributes_nothing(parse: Parse) -> None:
    text = "The plan to raise the fuel tax by four cents drew protests. Tom Hale sketched a plan to sell coal."
    found = attributions_of(parse, text)
    assert not any(a.cue and a.cue.lemma == "plan" for a in found), describe(found)


def test_attitude_adjectives_give_the_subject_their_content(parse: Parse) -> None:
    text = (
        "The mayor was sure that the levee would hold. "
        "Farmers in the valley are worried about the price of diesel. "
        "The coalition is determined to force a second vote."
    )
    found = attributions_of(parse, text)
    by_cue = {a.cue.lemma: a for a in found if a.cue}
    sources = [by_cue[c].source for c in ["sure", "worried", "determined"]]
    assert [s.text if s else None for s in sources] == ["The mayor", "Farmers in the valley", "The coalition"]
    assert "the levee would hold" in by_cue["sure"].content.text
    assert by_cue["worried"].content.text == "the price of diesel"
    assert by_cue["determined"].content.text == "to force a second vote"


def test_a_bare_attitude_adjective_attributes_nothing(parse: Parse) -> None:
    found = attributions_of(parse, "The mayor was worried. The levee was sure to be tested on Sunday.")
    assert not any(a.cue and a.cue.lemma in {"worried", "sure"} for a in found), describe(found)


def test_verbs_of_wish_and_perception_take_their_clause(parse: Parse) -> None:
    text = "Residents noticed that the water had turned brown. The fishermen wish the ban would end."
    found = attributions_of(parse, text)
    by_cue = {a.cue.lemma: a for a in found if a.cue}
    assert by_cue["notice"].source is not None and by_cue["notice"].source.text == "Residents"
    assert "the water had turned brown" in by_cue["notice"].content.text
    assert by_cue["wish"].source is not None and by_cue["wish"].source.text == "The fishermen"
    assert "the ban would end" in by_cue["wish"].content.text


def test_a_reporting_clause_with_its_addressee_reports_the_rest_of_the_sentence(parse: Parse) -> None:
    found = attributions_of(parse, "The difference now, he told me on Friday, is that the station has a new owner.")
    told = [a for a in found if a.cue and a.cue.lemma == "tell"]
    assert len(told) == 1 and told[0].source is not None and told[0].source.text == "he", describe(found)
    assert [f.text for f in told[0].content_fragments] == [
        "The difference now", "is that the station has a new owner"]


def test_unresolved_pronoun_keeps_its_span_and_says_it_is_unresolved(parse: Parse) -> None:
    found = attributions_of(parse, "“We are not leaving,” she said.")
    assert len(found) == 1
    assert found[0].source is not None and found[0].source.text == "she"
    assert found[0].source_entity is None
    assert found[0].source_kind == "person"


def test_unattributed_quote_says_so_with_a_low_confidence(parse: Parse) -> None:
    found = attributions_of(parse, "“We will never give up this city, whatever it costs us.”")
    assert [(a.source, a.cue, a.source_kind) for a in found] == [(None, None, "unknown")]
    assert found[0].confidence < 0.5


def test_unclosed_quote_is_bounded_by_its_paragraph(parse: Parse) -> None:
    text = "“We will stay here until the end, the commander said.\n\nThe town fell two days later."
    found = attributions_of(parse, text)
    assert all("fell" not in a.content.text for a in found)


# -- quotation marks --------------------------------------------------------------------------------


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“A,” he said, “B.”", ["“A,”", "“B.”"]),
        ('He said "we shouldn‘t go" and left.', ['"we shouldn‘t go"']),
        ("« Oui », dit-il. „Ja“, sagte er. ‹Si› he said", ["« Oui »", "„Ja“", "‹Si›"]),
        ("They ''had chemistry,'' said Rhodes.", ["''had chemistry,''"]),
        ('He said: "“Shorty” is gone."', ['"“Shorty” is gone."']),
        ("It's the voters’ choice in the ’90s.", []),
        ("He is 6'2\" tall.", []),
        ("A stray “ mark.", []),
    ],
)
def test_quotation_marks_are_read_from_their_surroundings(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_quote_runs_on_over_paragraphs_only_when_the_next_one_opens_with_a_mark() -> None:
    text = "“One.\n\n“Two,” she said.\n\n“Three.\n\nFour."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“One.\n\n“Two,”", "“Three."]
    assert quotes[0].pieces == ((0, 5), (7, 13)) and quotes[0].closed
    assert not quotes[1].closed


def test_paragraphs_are_stripped_lines() -> None:
    assert paragraphs("  One.  \n\n Two.\n") == [(2, 6), (11, 15)]


# -- properties ----------------------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["the", "minister", "said", "“", "”", '"', "'", "‘", "’", "«", "»", "„", "‹", "›", "we", "will", "win",
     ",", ".", ":", "—", "-", "\n\n", "\n", "Smith", "told", "reporters", "according", "to", "that", "(", ")"]
)


@given(st.lists(WORDS, max_size=60).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_quote_scanning_never_fails_and_stays_inside_the_text(text: str) -> None:
    quotes = find_quotes(text)
    previous_end = 0
    for quote in quotes:
        assert isinstance(quote, Quote)
        assert previous_end <= quote.start < quote.end <= len(text)
        assert all(quote.start <= start < end <= quote.end for start, end in quote.pieces)
        previous_end = quote.end


@given(st.text(alphabet=st.sampled_from(MARKS + "ab .,\n"), max_size=80))
@settings(max_examples=200, deadline=None)
def test_quote_scanning_survives_any_mix_of_marks(text: str) -> None:
    for quote in find_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)


@given(st.lists(WORDS, min_size=1, max_size=40).map(" ".join))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_pipeline_on_random_quoted_text_never_raises_and_keeps_offsets(parse: Parse, text: str) -> None:
    attributions_of(parse, text)


def test_doc_data_is_plain_msgpack(nlp: Language, parse: Parse) -> None:
    doc = parse("“We will win,” the minister said. Experts say the war will be long.")
    data = doc._.attributions
    assert srsly.msgpack_loads(srsly.msgpack_dumps(data)) == data
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))
    copy._.attributions = srsly.msgpack_loads(srsly.msgpack_dumps(data))
    assert copy._.attributions == data


def test_component_survives_multiprocess_pipe(nlp: Language) -> None:
    texts = ["“We will win,” the minister said.", "Experts say the war will be long."] * 2
    docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert [len(doc._.attributions) for doc in docs] == [1, 1, 1, 1]


# -- runner and seed --------------------------------------------------------------------------------


def _record(number: int, source: tuple[int, int] | None, cue: tuple[int, int] | None,
            content: tuple[int, int], text: str) -> Attribution:
    def span(bounds: tuple[int, int]) -> Span:
        return Span(start=bounds[0], end=bounds[1], text=text[bounds[0] : bounds[1]])

    return Attribution(
        id=f"a{number}", source=span(source) if source else None, source_kind="person",
        cue=Cue(span=span(cue), lemma="say") if cue else None, content=span(content),
        content_fragments=[span(content)], form="direct", confidence=0.9,
    )


def test_continuations_fold_into_the_attribution_they_continue() -> None:
    text = "“A,” he said. “B.” “C,” she said."
    records = [
        _record(1, (5, 7), (8, 12), (0, 4), text),
        _record(2, (5, 7), None, (14, 18), text),
        _record(3, (24, 27), (28, 32), (19, 23), text),
    ]
    scored = scored_attributions(records)
    assert [a.content for a in scored] == [((0, 4), (14, 18)), ((19, 23),)]
    assert scored[0].cue == ((8, 12),)


def test_polnear_runner_scores_the_tiny_fixture(nlp: Language) -> None:
    scores = evaluate_polnear(FIXTURES / "attribution" / "tiny_polnear.jsonl", nlp)
    assert len(scores.documents) >= 1
    assert scores.roles["content"].overlap.f1 > 0.5


def test_seed_scorer_on_hand_made_records() -> None:
    text = "The New York Times reported that Biden agreed."
    record = _record(1, (0, 18), (19, 27), (28, 46), text).model_copy(update={"form": "indirect"})
    gold = [{"id": "q1", "source": ["New York Times"], "source_kind": "media", "cue": "report",
             "form": "indirect", "content_contains": ["Biden agreed"]}]
    section = score_attributions([record], gold, text)
    assert (section.gold, section.found, section.correct) == (1, 1, 0)
    assert any("source kind media expected" in line for line in section.wrong)


@pytest.fixture(scope="module")
def seed_analysis(nlp: Language) -> tuple[Analysis, dict[str, Any]]:
    """The seed article through the pipeline, with the records this stage needs (later stages left out,
    so that their work in progress cannot fail these tests)."""
    text, gold = load_gold(SEED_DIR)
    doc = nlp(make_doc(nlp, text, published_of(gold)))
    entities, times = entity_records(doc), time_refs(doc)
    attributions = attribution_records(doc, entities=entities, times=times)
    article = Article.from_text(text, published=published_of(gold))
    return Analysis(article=article, entities=entities, times=times, attributions=attributions), gold


@pytest.fixture(scope="module")
def seed_attributions(seed_analysis: tuple[Analysis, dict[str, Any]]) -> tuple[list[Attribution], dict[str, Any]]:
    analysis, gold = seed_analysis
    return analysis.attributions, gold


def test_seed_attributions_found_with_the_right_source_kind(
    seed_attributions: tuple[list[Attribution], dict[str, Any]],
) -> None:
    attributions, gold = seed_attributions
    text = (SEED_DIR / "article.txt").read_text(encoding="utf-8")
    section = score_attributions(attributions, gold["attributions"], text)
    assert section.gold == 16
    assert section.found >= 14, section.misses
    assert section.correct == section.found, section.wrong


def test_seed_block_quotes_and_stated_time(seed_attributions: tuple[list[Attribution], dict[str, Any]]) -> None:
    attributions, _ = seed_attributions
    block = next(a for a in attributions if "The rockets will speak" in a.content.text)
    assert (block.form, block.source_name, block.cue.lemma if block.cue else None) == (
        "direct", "Volodymyr Zelensky", "say"
    )
    continued = next(a for a in attributions if "very large step" in a.content.text)
    assert (continued.form, continued.cue, continued.source_name) == ("direct", None, "Vladimir Dzhabarov")
    putin = next(a for a in attributions if a.cue and a.cue.lemma == "state")
    assert putin.time is not None


def test_seed_score_includes_attributions(seed_analysis: tuple[Analysis, dict[str, Any]]) -> None:
    analysis, gold = seed_analysis
    scores = score(analysis, gold)
    assert "attributions" in {s.section for s in scores.sections}
    assert not any("attribution" in line for line in scores.not_scored)
