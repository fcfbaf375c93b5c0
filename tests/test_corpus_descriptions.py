"""Descriptions across articles: "the Ukrainian president" resolves to the one person a story titles so."""

from __future__ import annotations

from datetime import date

from newsledger.analyze import analyze
from newsledger.corpus.descriptions import office_title, resolve_descriptions
from newsledger.corpus.entities import CanonicalEntity, local_entities, resolve_entities
from newsledger.corpus.events import corefer_events, local_events
from newsledger.records import Analysis

DAY = date(2024, 5, 6)

NAMED = (
    "Ukrainian President Volodymyr Zelensky met Foreign Minister Dmytro Kuleba in Kyiv on Monday to discuss "
    "air defences for the capital. Sergei Lavrov, Russia's foreign minister, said the talks changed nothing."
)
UNNAMED = (
    '"We will not give up a single city," the Ukrainian president said on Monday after the meeting in Kyiv. '
    "Russia's foreign minister dismissed the talks as theatre. A senior official said more systems were due."
)
OF_FORM = '"The sky over Kyiv must be closed," the president of Ukraine told reporters on Monday evening.'
TWO_PRESIDENTS = (
    "President Joe Biden spoke by phone with President Emmanuel Macron on Monday about aid to Kyiv. "
    "Both leaders promised more air defence systems before the summer."
)
PRESIDENT_ONLY = '"We will move fast," the president said on Monday, according to a readout of the call.'


def story(*texts: str) -> tuple[list[Analysis], dict[tuple[str, str], CanonicalEntity]]:
    analyses = [analyze(text, published=DAY) for text in texts]
    canonical = resolve_entities(e for a in analyses for e in local_entities(a, "story"))
    return analyses, canonical


def source_of(
    analyses: list[Analysis], text: str, found: dict[tuple[str, str], CanonicalEntity]
) -> str | None:
    """The name the resolved description of the first unnamed source of the article ``text`` maps to."""
    analysis = next(a for a in analyses if a.article.text == text)
    for attribution in analysis.attributions:
        if attribution.source_entity is None and (analysis.article.id, f"{attribution.id}:source") in found:
            return found[(analysis.article.id, f"{attribution.id}:source")].name
    return None


def test_office_words() -> None:
    assert office_title(["the", "Foreign", "Minister"]) == "foreign minister"
    assert office_title(["Secretary", "of", "State"]) == "secretary of state"
    assert office_title(["deputy", "prime", "minister"]) == "deputy prime minister"
    assert office_title(["senior", "official"]) is None  # many people of a story are officials
    assert office_title(["Sergei", "Lavrov", "minister"]) is None


def test_a_described_source_is_the_person_another_article_titles_so() -> None:
    analyses, canonical = story(NAMED, UNNAMED)
    found = resolve_descriptions(analyses, canonical)
    unnamed = analyses[1]
    sources = {
        a.source.text: found[(unnamed.article.id, f"{a.id}:source")].name
        for a in unnamed.attributions
        if a.source is not None and (unnamed.article.id, f"{a.id}:source") in found
    }
    assert sources.get("the Ukrainian president") == "Volodymyr Zelensky"
    # "A senior official" names no office one person holds.
    assert not any("official" in text for text in sources)


def test_the_country_decides_between_two_foreign_ministers() -> None:
    analyses, canonical = story(NAMED, UNNAMED)
    found = resolve_descriptions(analyses, canonical)
    unnamed = analyses[1]
    russian = next(
        a for a in unnamed.attributions if a.source and a.source.text == "Russia's foreign minister"
    )
    assert found[(unnamed.article.id, f"{russian.id}:source")].name == "Sergei Lavrov"
    # Without a country, "foreign minister" fits Lavrov and Kuleba: not guessed.
    bare = (
        '"Nothing was agreed," the foreign minister said on Monday after the meeting in Kyiv about air '
        "defences for the capital."
    )
    analyses, canonical = story(NAMED, bare)
    assert source_of(analyses, bare, resolve_descriptions(analyses, canonical)) is None


def test_the_president_of_ukraine_is_the_ukrainian_president() -> None:
    analyses, canonical = story(NAMED, OF_FORM)
    assert source_of(analyses, OF_FORM, resolve_descriptions(analyses, canonical)) == "Volodymyr Zelensky"


def test_an_office_two_people_hold_stays_unresolved() -> None:
    analyses, canonical = story(TWO_PRESIDENTS, PRESIDENT_ONLY)
    assert source_of(analyses, PRESIDENT_ONLY, resolve_descriptions(analyses, canonical)) is None


def test_nothing_is_resolved_without_a_title_in_the_story() -> None:
    analyses, canonical = story(TWO_PRESIDENTS, UNNAMED)
    found = resolve_descriptions(analyses, canonical)
    assert source_of(analyses, UNNAMED, found) is None


def test_a_described_actor_joins_the_named_actors_event() -> None:
    named = (
        "Russian President Vladimir Putin threatened Ukraine with new strikes on Tuesday, the Kremlin said."
    )
    described = "The Russian president threatened Ukraine with new strikes on Tuesday, state media reported."
    analyses, canonical = story(named, described)
    found = resolve_descriptions(analyses, canonical)
    events = [e for a in analyses for e in local_events(a, "story", canonical, found)]
    threats = [e for e in events if e.type == "THREATEN"]
    assert len(threats) == 2
    assert threats[0].actor == threats[1].actor
    assert len({cross.id for cross in corefer_events(threats).values()}) == 1


def test_titles_before_names_and_in_appositions() -> None:
    from newsledger.corpus.descriptions import Office, titles_of

    texts = {
        "Ukrainian President Volodymyr Zelensky visited troops near Pokrovsk.": "Volodymyr Zelensky",
        "Kyiv's envoy held talks in Geneva with the Russian foreign minister, Sergei Lavrov.": "Sergei Lavrov",
        "Sergei Lavrov, Russia's foreign minister, arrived in Geneva on Monday.": "Sergei Lavrov",
    }
    expected = {
        "Volodymyr Zelensky": Office("president", "UA"),
        "Sergei Lavrov": Office("foreign minister", "RU"),
    }
    for text, person in texts.items():
        analysis = analyze(text, published=DAY)
        entity = next(e for e in analysis.entities if e.name == person)
        assert expected[person] in titles_of(analysis)[entity.id], text
