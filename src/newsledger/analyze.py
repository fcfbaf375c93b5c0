"""The Python API: text or Article in, Analysis out.

``analyze`` is for one article; ``analyze_many`` streams many through ``nlp.pipe`` so that the spaCy
pipeline is loaded once and runs in batches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.errors import AnalysisFailed
from newsledger.nlp.attribution import attribution_records
from newsledger.nlp.claims import claim_records, sourcing_profile
from newsledger.nlp.entities import entity_records
from newsledger.nlp.events import event_records
from newsledger.nlp.pipeline import MODEL_COMPONENTS, NEWSLEDGER_COMPONENTS, load_pipeline, make_doc
from newsledger.nlp.places import place_records
from newsledger.nlp.quantities import quantity_records
from newsledger.nlp.times import time_refs
from newsledger.records import Analysis, Article
from newsledger.sources import article_from_text

# Texts longer than this are parsed in pieces (see analyze_long); news articles rarely come close.
CHUNK_CHARS = 100_000


def analyze(
    text: str | Article,
    *,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Analysis:
    """Analyze one article given as text (with optional metadata) or as an :class:`Article`.

    Text goes through the same gate as files (normalization, empty, size and language checks), so it
    may raise :class:`~newsledger.errors.InputError`.
    """
    if isinstance(text, Article):
        article = text
    else:
        article = article_from_text(
            text, source="<text>", published=published, outlet=outlet, url=url, title=title
        )
    return next(analyze_many([article]))


def analyze_many(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Analysis]:
    """Analyze articles in order, through one pipeline, in batches; raises on the first failure.

    For a batch that must go on past an article the pipeline fails on, use :func:`analyze_stream`.
    """
    for result in analyze_stream(articles, batch_size=batch_size):
        if isinstance(result, AnalysisFailed):
            raise result
        yield result


def analyze_stream(
    articles: Iterable[Article], *, batch_size: int = 16
) -> Iterator[Analysis | AnalysisFailed]:
    """Analyze articles in order, in batches, very long ones in pieces; a failure takes only its article.

    An article the pipeline raises on comes back as :class:`AnalysisFailed` in its place (its batch is
    re-run one article at a time to find it), so one odd text never stops a corpus run.
    """
    nlp = load_pipeline()
    batch: list[Article] = []
    for article in articles:
        if len(article.text) > CHUNK_CHARS:
            yield from _analyze_batch(nlp, batch, batch_size)
            batch = []
            yield _guarded(analyze_long, article)
        else:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from _analyze_batch(nlp, batch, batch_size)
                batch = []
    yield from _analyze_batch(nlp, batch, batch_size)


def _analyze_batch(
    nlp: Language, batch: list[Article], batch_size: int
) -> Iterator[Analysis | AnalysisFailed]:
    docs = (make_doc(nlp, article.text, article.published) for article in batch)
    try:
        results = [
            analysis_of(doc, article)
            for doc, article in zip(nlp.pipe(docs, batch_size=batch_size), batch, strict=True)
        ]
    except Exception:  # find the article that failed; the others of the batch still count

        def one(article: Article) -> Analysis:
            return analysis_of(nlp(make_doc(nlp, article.text, article.published)), article)

        yield from (_guarded(one, article) for article in batch)
        return
    yield from results


def _guarded(run: Callable[[Article], Analysis], article: Article) -> Analysis | AnalysisFailed:
    try:
        return run(article)
    except Exception as error:  # a bug meeting an odd text: recorded with its reason, never a crash
        reason = f"analysis failed ({type(error).__name__}: {error})"
        return AnalysisFailed(article.source or article.id, reason)


def analyze_long(article: Article, *, chunk_chars: int = CHUNK_CHARS) -> Analysis:
    """Analyze a text too long for one pass, whole: parse it in paragraph-aligned chunks, then join.

    The parser needs memory in proportion to the text (about 1 GB per 100,000 characters), so a long
    text is parsed piece by piece and the pieces joined into one Doc before newsledger's components run,
    which keeps every offset pointing into the whole text.
    """
    nlp = load_pipeline()
    chunks = paragraph_chunks(article.text, chunk_chars)
    with nlp.select_pipes(enable=list(MODEL_COMPONENTS)):
        parts = list(nlp.pipe(chunks, batch_size=1))
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    if doc.text != article.text:  # pragma: no cover - guards the offset contract
        raise AssertionError("joined chunks do not reproduce the article text")
    doc._.published_iso = article.published.isoformat() if article.published else None
    for name in NEWSLEDGER_COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return analysis_of(doc, article)


def paragraph_chunks(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most about ``limit`` characters, at line ends where possible."""
    chunks: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit)
        if cut <= start:
            cut = text.rfind(" ", start, start + limit)
        cut = start + limit if cut <= start else cut + 1
        chunks.append(text[start:cut])
        start = cut
    chunks.append(text[start:])
    return chunks


def analysis_of(doc: Doc, article: Article) -> Analysis:
    """Collect the records of a processed Doc; spaCy objects stop here."""
    entities = entity_records(doc)
    times = time_refs(doc)
    attributions = attribution_records(doc, entities=entities, times=times)
    claims = claim_records(doc, attributions=attributions)
    places = place_records(doc, entities=entities)
    quantities = quantity_records(doc)
    events = event_records(
        doc,
        entities=entities,
        times=times,
        places=places,
        quantities=quantities,
        attributions=attributions,
        claims=claims,
    )
    return Analysis(
        article=article,
        entities=entities,
        times=times,
        attributions=attributions,
        claims=claims,
        sourcing=sourcing_profile(claims, attributions),
        places=places,
        quantities=quantities,
        events=events,
    )
