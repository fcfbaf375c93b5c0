"""Linking one new article into a SQLite ledger that already holds many linked articles (issue 16's target).

The in-memory benchmark (``linking.py`` without ``--store``) times the story index alone; this one times
``Linker.link``, the call ``newsledger ingest`` makes after each article's commit: the link lock, the catch
up with other processes, the story and wire indexes, re-reading the analyses of the stories it changes,
resolving its entities, events and claims and writing every link it changes.

The ledger is filled fast rather than article by article: synthetic analyses (stories of 1-20 articles
spread over a year; each story has its people, place, event type and core of rare words; about 3% of
articles republish a wire text of their story) are bulk-inserted with the ledger's own row functions, and
the link tables are filled from an in-memory ``StoryIndex`` and ``WireIndex`` fed the same features the
``Linker`` computes, with each final story's entities, events and claims resolved as ``Linker`` does.
Then ``Linker(store)`` loads that index, and ``--probe`` fresh articles (most join existing stories) are
ingested (not timed) and linked one by one (timed): wall-clock ms per link, by stage as ``--real`` times
them (``linking_real.STAGES``), with the CPU ms of each link and the load average beside them, since the
machine is shared and its load stretches the wall clock several times over.

Building is what takes long, and it grows faster than the ledger: the story index compares each article
with those sharing two of its key words in the neighbouring 31-day periods, and this corpus's 20 cities
over one year make that about 5.5 comparisons per 1,000 articles already in (6 per article at 2,000, 52
at 10,000; some 550 at 100,000 if the line holds). ``--keep DIR`` keeps the built ledger and its probes
in ``DIR``; the next run with the same sizes copies it instead of building, so the links can be timed
again in minutes.

    .venv/bin/python benchmarks/linking.py --store --articles 100000 --probe 200 --keep out/bench/ledger-100k
"""

from __future__ import annotations

import cProfile
import gc
import io
import json
import os
import pstats
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, insert
from wordfreq import top_n_list

from newsledger.corpus.features import features_of
from newsledger.corpus.stories import StoryIndex
from newsledger.corpus.wire import WireIndex
from newsledger.records import (
    Analysis,
    Article,
    Claim,
    Entity,
    Event,
    EventType,
    Participant,
    Place,
    Span,
    Telling,
    TimeRef,
)
from newsledger.store import open_store, schema
from newsledger.store.ingest import _analysis_without_text, ledger_row
from newsledger.store.link_tables import (
    features_to_json,
    link_copies,
    link_features,
    link_similarities,
    link_stories,
)
from newsledger.store.linker import Linker, resolved_rows
from newsledger.tables import Row, analysis_rows

CHUNK = 1000
EVENT_TYPES: tuple[EventType, ...] = (
    "ASSAULT",
    "ACCUSE",
    "CONSULT",
    "PROTEST",
    "REQUEST",
    "SANCTION",
    "COERCE",
    "AID",
    "THREATEN",
)
TRIGGERS = {
    "ASSAULT": "struck",
    "ACCUSE": "accused",
    "CONSULT": "met",
    "PROTEST": "protested",
    "REQUEST": "asked",
    "SANCTION": "sanctioned",
    "COERCE": "detained",
    "AID": "delivered",
    "THREATEN": "threatened",
}
CITIES = (
    "Kharkiv", "Odesa", "Lviv", "Khartoum", "Gaza", "Aleppo", "Sanaa", "Goma", "Mandalay", "Tbilisi",
    "Dnipro", "Rafah", "Idlib", "Bamako", "Kabul", "Mosul", "Kherson", "Zaporizhzhia", "Hodeidah", "Juba",
)  # fmt: skip
SYLLABLES = ("ko", "va", "len", "mi", "ra", "shen", "do", "bro", "vy", "tar", "nes", "ul", "ig", "zel", "an",
             "sky", "har", "mon", "bek", "ov", "ich", "ar", "den", "pol", "wa", "ta")  # fmt: skip
STATUSES = ("reported", "reported", "asserted", "confirmed", "denied", "hedged")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class _Text:
    """An article text built sentence by sentence, remembering where each named thing was put."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        start = self.length + (1 if self.parts else 0)
        self.parts.append(piece)
        self.length = start + len(piece)
        return Span(start=start, end=start + len(piece), text=piece)

    def text(self) -> str:
        return " ".join(self.parts)


def synthetic_analyses(count: int, seed: int = 11) -> list[Analysis]:
    """``count`` analyses of articles in stories of 1-20 (median about 4), dates over 2024, in story order."""
    rng = random.Random(seed)
    vocabulary = top_n_list("en", 30_000)
    common = vocabulary[:8_000]
    cumulative = [0.0] * len(common)
    total = 0.0
    for rank in range(len(common)):
        total += 1 / (rank + 1)
        cumulative[rank] = total
    rare = vocabulary[3_000:]
    made: list[Analysis] = []
    story = 0
    while len(made) < count:
        size = min(20, max(1, int(rng.paretovariate(1.2))))
        people = [f"{_name(rng, 2)} {_name(rng, 3)}" for _ in range(3)]
        city = rng.choice(CITIES)
        kind = rng.choice(EVENT_TYPES)
        core = rng.sample(rare, 25)
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(366))
        wire: str | None = None
        for member in range(size):
            if len(made) == count:
                break
            published = day + timedelta(days=rng.randrange(4))
            outlet = f"Outlet {rng.randrange(300)}"
            if wire is not None and rng.random() < 0.15:
                body = wire + " " + " ".join(rng.choices(common, cum_weights=cumulative, k=20)) + "."
                made.append(
                    _analysis(body, published, outlet, f"{story}-{member}", people, city, kind, core, rng)
                )
                continue
            made.append(
                _article(
                    rng, common, cumulative, core, people, city, kind, published, outlet, f"{story}-{member}"
                )
            )
            if member == 0:
                wire = made[-1].article.text
        story += 1
    return made


def _article(
    rng: random.Random,
    common: list[str],
    cumulative: list[float],
    core: list[str],
    people: list[str],
    city: str,
    kind: EventType,
    published: date,
    outlet: str,
    key: str,
) -> Analysis:
    sentences = []
    for _ in range(18):
        picked = rng.choices(common, cum_weights=cumulative, k=14) + rng.sample(core, 3)
        rng.shuffle(picked)
        sentences.append(" ".join(picked).capitalize() + ".")
    return _analysis(" ".join(sentences), published, outlet, key, people, city, kind, core, rng)


def _analysis(
    body: str,
    published: date,
    outlet: str,
    key: str,
    people: list[str],
    city: str,
    kind: EventType,
    core: list[str],
    rng: random.Random,
) -> Analysis:
    """The analysis of one article: the body, then sentences naming the story's people, place and event,
    each record pointing at the words it came from."""
    text = _Text()
    text.add(body)
    names = rng.sample(people, 2)
    actor = text.add(names[0])
    trigger = text.add(TRIGGERS[kind])
    text.add("targets in")
    place = text.add(city)
    on = text.add(published.strftime("%A") + ",")
    said = text.add(f"{names[1]} said.")
    # Six claims: three of the story's four (their figures fixed per story, so they match across its
    # articles) and three of this article's own.
    claim_spans = [
        text.add(
            f"{people[k % 3]} said {10 + (len(core[k]) * 37 + k * 11) % 190} {core[k]} {core[k + 4]} "
            f"were {core[k + 8]} in {city}."
        )
        for k in sorted(rng.sample(range(4), 3))
    ]
    own = [w.strip(".").lower() for w in body.split()]
    claim_spans += [text.add(f"{names[1]} said {' '.join(rng.sample(own, 9))}.") for _ in range(3)]
    article = Article(
        id=Article.make_id(text.text() + key),
        text=text.text() + key,
        title=f"{names[0]} in {city}",
        published=published,
        outlet=outlet,
        url=f"https://synthetic.example/{key}",
        language="en",
    )
    second = Span(start=said.start, end=said.start + len(names[1]), text=names[1])
    entities = [
        Entity(id="e0", name=names[0], label="PERSON", mentions=[actor]),
        Entity(id="e1", name=names[1], label="PERSON", mentions=[second]),
        Entity(id="e2", name=city, label="GPE", mentions=[place]),
    ]
    times = [
        TimeRef(id="t0", span=on, type="DATE", value=published.isoformat(), relative=True, anchor=published)
    ]
    places = [
        Place(id="p0", span=place, entity="e2", name=city, kind="city", country=None, lat=None, lon=None,
              confidence=0.9)
    ]  # fmt: skip
    claims = [
        Claim(id=f"c{i}", span=span, status=rng.choice(STATUSES), checkworthiness=0.5)
        for i, span in enumerate(claim_spans)
    ]
    events = [
        Event(
            id="v0",
            type=kind,
            mode="actual",
            actor=Participant(span=actor, entity="e0", name=names[0]),
            place="p0",
            date="t0",
            tellings=[Telling(trigger=trigger)],
            confidence=0.8,
        )
    ]
    return Analysis(
        article=article, entities=entities, times=times, claims=claims, places=places, events=events
    )


def bulk_ingest(connection: Connection, analyses: list[Analysis]) -> None:
    """The rows ``Store.ingest`` would write for each analysis, inserted many at a time."""
    first_seen = datetime.now(UTC)
    articles, stored = [], []
    records: dict[str, list[dict[str, object]]] = {}
    for analysis in analyses:
        rows = analysis_rows(analysis)
        articles.append({**rows["articles"][0], "version": 1, "current": True, "first_seen": first_seen})
        stored.append(
            {
                "article_id": analysis.article.id,
                "schema_version": analysis.version,
                "analysis": _analysis_without_text(analysis),
            }
        )
        for name, table_rows in rows.items():
            if name != "articles":
                published = analysis.article.published
                records.setdefault(name, []).extend(ledger_row(name, r, published) for r in table_rows)
    connection.execute(schema.articles.insert(), articles)
    connection.execute(schema.analyses.insert(), stored)
    for name, table_rows in records.items():
        if table_rows:
            connection.execute(schema.RECORD_TABLES[name].insert(), table_rows)


def bulk_link(connection: Connection, analyses: list[Analysis]) -> tuple[float, int]:
    """Fill the link tables with what linking ``analyses`` one by one writes: the index from the corpus
    classes themselves, entities, events and claims resolved once per final story. Returns the seconds
    spent in the in-memory indexes and the number of stories."""
    stories, wire = StoryIndex(), WireIndex()
    began = time.perf_counter()
    feature_rows: list[Row] = []
    similar_rows: list[Row] = []
    copy_rows: list[Row] = []
    for analysis in analyses:
        features = features_of(analysis)
        article = analysis.article
        stories.add(features)
        copies = wire.add(article.id, article.text, article.outlet)
        minhash, shingles = wire.signature_of(article.id)
        feature_rows.append(
            {
                "article_id": article.id,
                "features": features_to_json(features),
                "minhash": json.dumps(minhash),
                "shingles": shingles,
            }
        )
        similar_rows.extend(
            {"article_id": article.id, "other_id": o, "similarity": s}
            for o, s in stories.similar_to(article.id).items()  # only earlier articles so far
        )
        copy_rows.extend(
            {"article_id": c.first, "other_id": c.second, "jaccard": c.jaccard, "containment": c.containment}
            for c in copies
        )
    indexing = time.perf_counter() - began
    story_of = stories.stories()
    resolved = resolved_rows(analyses, story_of)
    for table, rows in (
        (link_features, feature_rows),
        (link_similarities, _first_direction(similar_rows)),
        (link_copies, copy_rows),
        (link_stories, [{"article_id": a, "story_id": s} for a, s in story_of.items()]),
        *resolved.items(),
    ):
        for start in range(0, len(rows), 20_000):
            if rows[start : start + 20_000]:
                connection.execute(insert(table), rows[start : start + 20_000])
    return indexing, len(set(story_of.values()))


def _first_direction(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """One row per pair, as the Linker writes it: the later article with the earlier one."""
    seen: set[frozenset[object]] = set()
    kept = []
    for row in rows:
        pair = frozenset((row["article_id"], row["other_id"]))
        if pair not in seen:
            seen.add(pair)
            kept.append(row)
    return kept


def _chunks(items: list[Analysis], size: int) -> Iterator[list[Analysis]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _say(began: float, message: str) -> None:
    """One progress line, flushed at once: a 100,000-article run takes many minutes, and a run that only
    prints at the end cannot tell where it is slow (or that it is)."""
    print(f"[{time.perf_counter() - began:7.1f} s, load {os.getloadavg()[0]:.1f}] {message}", flush=True)


@dataclass(frozen=True)
class Built:
    """How building the ledger went: seconds per phase, stories made (all 0 for a kept ledger reused)."""

    generated: float = 0.0
    ingested: float = 0.0
    linked: float = 0.0
    indexing: float = 0.0
    stories: int = 0


def build_ledger(path: Path, articles: int, probes: int, clock_start: float) -> tuple[list[Analysis], Built]:
    """A SQLite ledger of ``articles`` linked synthetic articles at ``path``; returns the ``probes``
    articles generated with them (not in the ledger) and how the build went."""
    began = time.perf_counter()
    everything = synthetic_analyses(articles + probes)
    random.Random(3).shuffle(everything)
    filler, fresh = everything[:articles], everything[articles:]
    # Millions of long-lived objects: without this every full collection walks them all again.
    gc.freeze()
    generated = time.perf_counter() - began
    _say(clock_start, f"{articles + probes:,} synthetic analyses generated in {generated:.1f} s")
    with open_store(f"sqlite:///{path}") as store:
        began = time.perf_counter()
        with store.engine.begin() as connection:
            for chunk in _chunks(filler, CHUNK):
                bulk_ingest(connection, chunk)
        ingested = time.perf_counter() - began
        _say(clock_start, f"{articles:,} articles bulk-inserted in {ingested:.1f} s")
        began = time.perf_counter()
        with store.engine.begin() as connection:
            indexing, story_count = bulk_link(connection, filler)
        linked = time.perf_counter() - began
        _say(clock_start, f"link tables filled in {linked:.1f} s ({indexing:.1f} s in the indexes)")
    return fresh, Built(generated, ingested, linked, indexing, story_count)


def kept_ledger(
    kept: Path, path: Path, articles: int, probes: int, clock_start: float
) -> tuple[list[Analysis], Built]:
    """The ledger at ``path``: a copy of the one kept in folder ``kept`` (built there first if it is not
    yet). Building 100,000 articles takes most of an hour; the probes then run on a fresh copy each time,
    so that every run times links into the same ledger."""
    ledger, probe_file, about = kept / "ledger.db", kept / "probes.jsonl", kept / "build.json"
    if not about.exists():  # written last: a build killed half way is not taken for a ledger
        kept.mkdir(parents=True, exist_ok=True)
        for leftover in ("ledger.db", "ledger.db-wal", "ledger.db-shm"):
            (kept / leftover).unlink(missing_ok=True)
        fresh, built = build_ledger(ledger, articles, probes, clock_start)
        probe_file.write_text("".join(a.model_dump_json() + "\n" for a in fresh), encoding="utf-8")
        about.write_text(json.dumps({"articles": articles, "probes": probes}), encoding="utf-8")
    else:
        built = Built()
        if json.loads(about.read_text(encoding="utf-8")) != {"articles": articles, "probes": probes}:
            raise SystemExit(f"{kept} holds a ledger of other sizes ({about.read_text(encoding='utf-8')})")
        lines = probe_file.read_text(encoding="utf-8").splitlines()
        fresh = [Analysis.model_validate_json(line) for line in lines]
    shutil.copyfile(ledger, path)
    _say(clock_start, f"ledger copied from {kept}")
    return fresh, built


def run_store_benchmark(articles: int, probes: int, profiled: int, kept: Path | None = None) -> None:
    """Build a ledger of ``articles`` linked articles (or copy the one kept in ``kept``), then time
    ``probes`` links by stage and print the figures, with the load average (the machine is shared: a
    loaded one stretches every figure) and the CPU time of each link, which the load stretches less."""
    from linking_real import STAGES, instrument, percentile

    clock_start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsledger-linkbench-") as folder:
        path = Path(folder) / "ledger.db"
        if kept is None:
            fresh, built = build_ledger(path, articles, probes, clock_start)
        else:
            fresh, built = kept_ledger(kept, path, articles, probes, clock_start)
        with open_store(f"sqlite:///{path}") as store:
            began = time.perf_counter()
            linker = Linker(store)
            loaded = time.perf_counter() - began
            _say(clock_start, f"Linker(store) loaded the index in {loaded:.1f} s")
            for analysis in fresh:
                store.ingest(analysis)
            clock = instrument()
            per_stage: dict[str, list[float]] = {stage: [] for stage in (*STAGES, "total")}
            sizes, loads, cpu = [], [], []
            profile = cProfile.Profile()
            for number, analysis in enumerate(fresh):
                if number < profiled:
                    profile.enable()
                clock.current.clear()
                start, start_cpu = time.perf_counter(), time.process_time()
                outcome = linker.link(analysis)
                total = time.perf_counter() - start
                cpu.append((time.process_time() - start_cpu) * 1000)
                if number < profiled:
                    profile.disable()
                clock.current["write"] = max(0.0, total - sum(clock.current.values()))
                for stage in STAGES:
                    per_stage[stage].append(clock.current.get(stage, 0.0) * 1000)
                per_stage["total"].append(total * 1000)
                sizes.append(outcome.relinked)
                loads.append(os.getloadavg()[0])
            components = [len(linker.stories.component_of(a.article.id)) for a in fresh]
            size_mb = path.stat().st_size / 1e6
    timings = per_stage["total"]
    _say(clock_start, f"{len(timings)} probes linked")
    if built.generated:
        print(f"synthetic analyses: {articles + probes:,} generated in {built.generated:.1f} s")
        print(
            f"SQLite ledger: {articles:,} articles bulk-inserted in {built.ingested:.1f} s; link tables "
            f"filled in {built.linked:.1f} s ({built.indexing:.1f} s of it in the in-memory indexes); "
            f"{built.stories:,} stories; {size_mb:,.0f} MB"
        )
    else:
        print(f"SQLite ledger: {articles:,} articles, copied from {kept}; {size_mb:,.0f} MB")
    print(f"Linker(store) loaded the index in {loaded:.1f} s")
    print(
        f"{'articles':>9} {'probes':>7} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}"
        f" {'re-resolved articles (median/max)':>34} {'load average (min-max)':>23}"
    )
    print(
        f"{articles:>9,} {len(timings):>7} {statistics.median(timings):>10.1f}"
        f" {percentile(timings, 0.95):>8.1f} "
        f"{max(timings):>8.1f} {statistics.median(sizes):>23.0f} / {max(sizes):<10}"
        f" {min(loads):>11.1f}-{max(loads):.1f}"
    )
    print(
        f"CPU time per link (this process; what the load stretches less): median "
        f"{statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 0.95):.1f} ms"
    )
    print(f"{'stage':<13} {'median ms':>10} {'p95 ms':>10} {'mean ms':>10}")
    for stage, values in per_stage.items():
        print(
            f"{stage:<13} {statistics.median(values):>10.2f} {percentile(values, 0.95):>10.2f} "
            f"{statistics.fmean(values):>10.2f}"
        )
    print(
        "the probes' connected groups (reclustered on each link): "
        f"median {statistics.median(components):.0f}, max {max(components)} articles"
    )
    if profiled:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(25)
        print(f"\ncProfile of the first {profiled} links (cumulative):")
        print(out.getvalue())
