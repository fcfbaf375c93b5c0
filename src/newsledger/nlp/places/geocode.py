"""Candidate ranking: which of the gazetteer's places of a name the article means.

A name has many places ('Paris' is in France, Texas, Tennessee, Ontario ...). Each mention's candidates
are scored with what a reader uses:

- how good a name the mention is for the place (its own name beats an alias, an alias beats a foreign
  alternate) and how important the place is (population; a country or region outranks a town);
- what the mention says itself: 'Kursk region' is a region, 'Walker County' a county, 'Paris, Texas'
  and 'Long Beach, CA' are in the region after the comma;
- the article, jointly: places in the countries it names elsewhere, in the regions its other names
  are placed in (and regions its towns are in: 'Georgia' with 'Atlanta' is the state and 'Atlanta'
  the Georgia city), and places near its other places (a local paper's towns lie together:
  'Hagerstown' with 'New Castle' and 'Columbus' is the Indiana town, not the larger one in Maryland);
- what the text says of two places: one put near another ('the Abu Shouk camp near El Fasher') lies
  near it, or at it when none of its candidates does.

All mentions of one name in an article are one place (one sense per discourse), so they are ranked
together. The weights are in :data:`WEIGHTS`; nothing here depends on one article or one corpus.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newsledger.nlp.places.gazetteer import (
    ALIAS,
    ALTERNATE,
    BARE,
    LOOSE,
    OWN_NAME,
    VARIANT,
    Feature,
    Gazetteer,
    Match,
)
from newsledger.nlp.places.names import name_key


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts, in log10-population units (a tenfold larger town)."""

    # a worse name for the place costs this much
    quality: Mapping[int, float] = field(
        default_factory=lambda: {
            VARIANT: -1.5,
            OWN_NAME: 0.0,
            ALIAS: 0.5,
            ALTERNATE: 2.0,
            BARE: 2.5,
            LOOSE: 3.0,
        }
    )
    # a named country or region is more often meant than a town of the same name (a named area has no
    # population: its bonus stands for one)
    kind: Mapping[str, float] = field(
        default_factory=lambda: {"country": 3.0, "admin1": 1.0, "admin2": 0.0, "city": 0.0, "other": 10.0}
    )
    capital: float = 1.0
    # the article names the candidate's country / region elsewhere
    country_context: float = 2.0
    # a town and its county both named
    county: float = 2.5
    # 'Paris, Texas': the qualifier after the comma
    qualifier: float = 6.0
    # nearness to the article's other places, per place, decaying with distance
    nearness: float = 2.0
    # other names placed in the candidate's country (up to three count)
    country_agreement: float = 3.0
    # a town that shares its name with its province is what the bare name means ('Khartoum', 'Idlib',
    # 'Kandahar', 'Istanbul'), as the town is what news names
    namesake: float = 2.5
    # another name placed in the candidate's region, or in it when the candidate is a region
    region_agreement: float = 2.5


WEIGHTS = Weights()
Floats = npt.NDArray[np.float64]
ROUNDS = 3
EARTH_RADIUS_KM = 6371.0088
NEARNESS_KM = 250.0
# Places whose point says where the article is: a country's or a continent's centre says little.
LOCAL_KINDS = frozenset({"city", "admin2", "admin1"})
MAX_CANDIDATES = 30
# A place the text puts near a town ('a village near X') lies within this distance of it; one with no
# candidate that close is placed at the town itself when the town is one of these kinds (a country's
# centre would say nothing about where the village is).
ANCHOR_KM = 100.0
ANCHOR_KINDS = frozenset({"city", "admin2", "admin1"})
# What a place near a town may be moved to the town from: a town or site of the same name far away. A
# region or country named near a town is still itself ('the Kursk region near Belgorod'), unless it is
# in another country than the anchor ('Salem, a village in Hama province' is no Indian district).
MOVABLE_KINDS = frozenset({"city", "other"})
# A weak reading (a guessed spelling, a part of the name, a small town) outside the article's dominant
# country counts as the article's only within this distance of one of its other places; see
# :func:`_drop_strays`. A place placed with this confidence says where the article is.
STRAY_KM = 1000.0
STRAY_MAX_POPULATION = 50_000
SURE = 0.8
# Mentions that are no place name of the text's own (an adjective, a name inside an organization's):
# they do not say where the article is.
CONVENTIONAL_SOURCES = frozenset({"adjective", "embedded"})
# Confidence is the winner's share of exp(score) among the candidates, so a name with one place is sure.
CONFIDENCE_SCALE = 1.0


@dataclass
class Mention:
    """A stretch of text that names a place, as the places component found it.

    ``key`` is the name to look up ('kursk region' for 'the Kursk region'); ``kind`` is what the text
    says the place is ('admin1' for '... region', 'admin2' for '... County', 'site' for a street, road
    or building, which no gazetteer has), ``within`` the name after
    a comma; ``code`` the ISO code of a place the text names by abbreviation or adjective ('US-CA' for
    'Calif.', 'UA' for 'Ukrainian'); ``source`` what found it (ner, gazetteer, abbreviation, adjective);
    ``anchor`` the start token of the mention the text puts this one near ('the camp near El Fasher');
    ``partial`` that the key is only part of the mention ('Norfolk' for 'Norfolk High').
    """

    start: int
    end: int
    key: str
    kind: str | None = None
    within: str | None = None
    code: str | None = None
    source: str = "ner"
    anchor: int | None = None
    partial: bool = False


@dataclass
class Resolution:
    """The place chosen for a mention, or ``feature`` None when no gazetteer place has the name.

    ``within`` is the place a mention with no gazetteer entry lies in (a street's town): it gives the
    mention a point and a country, not a name.
    """

    mention: Mention
    feature: Feature | None
    confidence: float
    within: Feature | None = None


@dataclass
class _Name:
    """All mentions of one name (and kind) in an article, ranked together."""

    mentions: list[Mention]
    candidates: list[Match]
    within: set[str] = field(default_factory=set)
    prior: list[float] = field(default_factory=list)

    @functools.cached_property
    def namesake_regions(self) -> set[str]:
        """Regions this name names by their own name: a town of the name in one is its namesake."""
        return {
            m.feature.admin1_code
            for m in self.candidates
            if m.feature.kind == "admin1" and m.quality <= OWN_NAME and m.feature.admin1_code
        }


def candidates(gazetteer: Gazetteer, mention: Mention) -> list[Match]:
    """The gazetteer's places for a mention; a region or county named as such ('Kursk region') only.

    'Kharkiv Oblast' and 'Walker County' are gazetteer names themselves; 'Kursk region' is not, so the
    name without its last word is tried too.
    """
    if mention.code:
        coded = gazetteer.coded(mention.code)
        return [Match(coded, OWN_NAME)] if coded else []
    kind, key = mention.kind, mention.key
    if kind == "site":
        return []  # no gazetteer has streets and buildings: the places component places them at their town
    if kind is None:
        return gazetteer.find(key)
    found = [m for m in gazetteer.find(key) if m.feature.kind == kind]
    if found:
        return found
    # 'Czech Republic', 'Dominican Republic': a country whose name ends in a region word
    countries = [m for m in gazetteer.find(key) if m.feature.kind == "country" and m.quality <= ALIAS]
    if countries:
        return countries
    found = gazetteer.find(key.rsplit(" ", 1)[0])
    if kind == "admin1":
        regions = {
            m.feature.id: Match(m.feature, min(m.quality, ALIAS)) for m in found if m.feature.kind == "admin1"
        }
        # 'Kharkiv region': oblasts are named after their capital, so the city's region is meant.
        for match in found:
            region = gazetteer.admin1_of(match.feature) if match.feature.kind == "city" else None
            if region is not None and region.id not in regions and match.feature.population > 0:
                regions[region.id] = Match(region, max(match.quality, ALIAS))
        return list(regions.values()) or found
    if kind == "admin2":
        counties = [m for m in found if m.feature.kind == "admin2"]
        return counties or found
    return found


def resolve(
    gazetteer: Gazetteer, mentions: Sequence[Mention], context_countries: Iterable[str] = ()
) -> list[Resolution]:
    """Choose one place per mention, using the article's other mentions as context."""
    names = _group(gazetteer, mentions)
    countries = _article_context(names, context_countries)
    for index, name in enumerate(names):
        name.prior = [_prior(m, name, countries, gazetteer) for m in name.candidates]
        name.prior = [
            p + _containment(m.feature, names, index)
            for p, m in zip(name.prior, name.candidates, strict=True)
        ]
    scores = _with_neighbours(names)
    chosen: list[Resolution] = []
    for name, score in zip(names, scores, strict=True):
        feature = _best(name.candidates, score)
        confidence = _confidence(score) if feature is not None else 0.0
        chosen.append(Resolution(name.mentions[0], feature, confidence))
    _keep_near_anchors(names, scores, chosen)
    _drop_strays(names, scores, chosen, countries)
    resolutions = [
        Resolution(m, choice.feature, choice.confidence, choice.within)
        for name, choice in zip(names, chosen, strict=True)
        for m in name.mentions
    ]
    return sorted(resolutions, key=lambda r: r.mention.start)


def _keep_near_anchors(names: list[_Name], scores: list[list[float]], chosen: list[Resolution]) -> None:
    """A place the text puts near another ('the Abu Shouk camp near El Fasher') lies near it.

    Its best candidate near the anchor's chosen place wins (within :data:`ANCHOR_KM` of a town, inside a
    region or country); when it has none, it is placed at the anchor, at half the anchor's confidence:
    a camp or village no gazetteer has, or one whose name is also a town far away, is not placed in
    another country. Anchors are settled from the end of the text back, so a chain ('A near B near C')
    follows its last link.
    """
    name_at = {m.start: index for index, name in enumerate(names) for m in name.mentions}
    anchored = sorted(
        (
            (m.anchor, index)
            for index, name in enumerate(names)
            for m in name.mentions
            if m.anchor is not None
        ),
        reverse=True,
    )
    for anchor_start, index in anchored:
        target = name_at.get(anchor_start)
        if target is None or target == index:
            continue
        anchor = chosen[target].feature or chosen[target].within
        if anchor is None or anchor.lat is None or anchor.lon is None:
            continue
        name, own = names[index], chosen[index].feature
        near = [k for k, match in enumerate(name.candidates) if _lies_near(match.feature, anchor)]
        if near:
            best = max(near, key=scores[index].__getitem__)
            confidence = _confidence([scores[index][k] for k in near])
            chosen[index] = Resolution(chosen[index].mention, name.candidates[best].feature, confidence)
        elif (anchor.kind in ANCHOR_KINDS and (own is None or own.kind in MOVABLE_KINDS)) or (
            own is not None and own.country != anchor.country
        ):
            confidence = round(chosen[target].confidence / 2, 3)
            chosen[index] = Resolution(chosen[index].mention, None, confidence, within=anchor)


def _drop_strays(
    names: list[_Name], scores: list[list[float]], chosen: list[Resolution], named: Mapping[str, int]
) -> None:
    """A weak reading far from the article's geography is no reading: the name stays unplaced.

    The article's geography is its home countries (those it names at least half as often as the one
    it names most, by name, adjective or dateline, counting its confidently placed towns and regions)
    and the points of its other places. A reading is guessed when it was found under the name's loose
    key (another transliteration). A guessed reading outside the home countries counts only within
    :data:`ANCHOR_KM` of another of the article's places found as written; else it moves to the
    name's best candidate in a home country, or is dropped. A small town by its own name (below
    :data:`STRAY_MAX_POPULATION`, not a capital) in a country the article never names, more than
    :data:`STRAY_KM` from all its other places, is a namesake abroad ('Al' a Norwegian hamlet, 'Tal'
    an Indian town in a report from Syria) and is dropped — when the article has a home to be abroad
    from: a short report that names only 'a wedding near Bandiagara' keeps its town. A place the text
    qualifies or puts near another ('Paris, Texas', 'a camp near El Fasher') has said where it is and is
    kept.
    """
    countries: dict[str, int] = defaultdict(int, named)
    for name, choice in zip(names, chosen, strict=True):
        place = choice.feature
        if (
            place is not None
            and place.country
            and place.kind in LOCAL_KINDS
            and choice.confidence >= SURE
            and _quality(name, place) <= ALIAS
            and not any(m.partial for m in name.mentions)
            and not _small(place)
            and any(m.source not in CONVENTIONAL_SOURCES for m in name.mentions)
        ):
            countries[place.country] += len(name.mentions)
    most = max(countries.values(), default=0)
    home = {country for country, count in countries.items() if 2 * count >= most}
    # only readings found as written vouch for others: two guesses do not confirm each other
    points = [
        (index, choice.feature)
        for index, (name, choice) in enumerate(zip(names, chosen, strict=True))
        if choice.feature is not None
        and choice.feature.kind in LOCAL_KINDS
        and choice.feature.lat is not None
        and not _guessed(name, choice.feature)
    ]
    for index, (name, choice) in enumerate(zip(names, chosen, strict=True)):
        place = choice.feature
        if place is None or place.country in home or place.kind == "country":
            continue
        if any(m.within or m.anchor is not None for m in name.mentions):
            continue
        guessed = _guessed(name, place)
        small = _small(place)
        if guessed:
            reach = ANCHOR_KM
        elif small and home and not named.get(place.country or ""):
            reach = STRAY_KM
        else:
            continue
        if any(other != index and _within_km(place, point, reach) for other, point in points):
            continue
        at_home = [k for k, m in enumerate(name.candidates) if m.feature.country in home]
        if guessed and at_home:
            best = max(at_home, key=scores[index].__getitem__)
            confidence = _confidence([scores[index][k] for k in at_home])
            chosen[index] = Resolution(choice.mention, name.candidates[best].feature, confidence)
        else:
            chosen[index] = Resolution(choice.mention, None, 0.0)


def _small(place: Feature) -> bool:
    """A town too small to say where an article is on its own: many share its name."""
    return place.kind == "city" and not place.capital and place.population < STRAY_MAX_POPULATION


def _guessed(name: _Name, place: Feature) -> bool:
    """Whether the name reached the place by its loose key (another transliteration)."""
    return _quality(name, place) == LOOSE


def _quality(name: _Name, place: Feature) -> int:
    """How good a name the mentions are for the place (see :data:`~.gazetteer.OWN_NAME`)."""
    return min((m.quality for m in name.candidates if m.feature.id == place.id), default=LOOSE)


def _within_km(place: Feature, other: Feature, km: float) -> bool:
    if place.lat is None or place.lon is None or other.lat is None or other.lon is None:
        return False
    return distance_km(place.lat, place.lon, other.lat, other.lon) <= km


def _lies_near(feature: Feature, anchor: Feature) -> bool:
    """Whether a candidate is where the text puts it: in the anchor country or region, or near the town."""
    if anchor.kind == "country":
        return feature.country == anchor.country
    if "admin1" in (anchor.kind, feature.kind) and feature.admin1_code == anchor.admin1_code:
        return bool(feature.admin1_code)  # in the region named, or the region of the town named
    if feature.lat is None or feature.lon is None or anchor.lat is None or anchor.lon is None:
        return False
    return distance_km(feature.lat, feature.lon, anchor.lat, anchor.lon) <= ANCHOR_KM


def _with_neighbours(names: list[_Name]) -> list[list[float]]:
    """Scores after the article's other places have had their say, in a few rounds.

    Each round, a candidate gains for every other name that has a candidate near it (the more, the
    likelier that candidate: its share of its name's exp(score)), for every other name whose current
    choice lies in its country, and for another name whose current choice is its region or lies in
    it. Candidates that agree with each other rise together; a lone far-off one does not.
    """
    scores = [np.array(name.prior, dtype=float) for name in names]
    if len(names) < 2:
        return [list(s) for s in scores]
    owner = np.array([i for i, name in enumerate(names) for _ in name.candidates], dtype=int)
    features = [m.feature for name in names for m in name.candidates]
    if not features:
        return [list(s) for s in scores]
    local = np.array([f.kind in LOCAL_KINDS and f.lat is not None for f in features])
    lat = np.radians(np.array([f.lat if f.lat is not None else 0.0 for f in features]))
    lon = np.radians(np.array([f.lon if f.lon is not None else 0.0 for f in features]))
    kernel = np.exp(-_distances(lat, lon) / NEARNESS_KM) * local[None, :] * local[:, None]
    kernel[owner[:, None] == owner[None, :]] = 0.0
    country_of = [f.country for f in features]
    prior = np.concatenate(scores)
    for _ in range(ROUNDS):
        likely = np.concatenate([_shares(s) for s in scores])
        near = np.zeros(len(features))
        for index in range(len(names)):
            columns = owner == index
            if columns.any():
                near += (kernel[:, columns] * (0.5 + 0.5 * likely[columns])).max(axis=1)
        chosen = {
            i: country_of[int(np.flatnonzero(owner == i)[np.argmax(s)])]
            for i, s in enumerate(scores)
            if len(s)
        }
        agreeing = np.array(
            [
                sum(1 for j, c in chosen.items() if j != owner[k] and c and c == country_of[k])
                for k in range(len(features))
            ]
        )
        regional = _region_agreement(features, owner, _chosen(scores, owner))
        flat = (
            prior
            + WEIGHTS.nearness * near
            + WEIGHTS.country_agreement * np.minimum(agreeing, 3) / 3
            + WEIGHTS.region_agreement * np.minimum(regional, 1)
        )
        scores = [flat[owner == i] for i in range(len(names))]
    return [list(map(float, s)) for s in scores]


def _chosen(scores: list[Floats], owner: npt.NDArray[np.int_]) -> dict[int, int]:
    """Per name, the index (into the flat candidate list) of its current best candidate."""
    return {i: int(np.flatnonzero(owner == i)[int(np.argmax(s))]) for i, s in enumerate(scores) if len(s)}


def _region_agreement(
    features: list[Feature], owner: npt.NDArray[np.int_], chosen: dict[int, int]
) -> npt.NDArray[np.float64]:
    """Per candidate, how many other names' current choices it agrees with by region: a town in the
    region another name is ('Atlanta' with 'Georgia' the state), or a region another name's town is in
    ('Georgia' with 'Atlanta'). The region a name means is settled with its towns, not before them.
    A city and the region of its own name ('Kyiv' the city and the city region) do not vouch for each
    other: they are two readings of one name, not two places."""
    regions_chosen: dict[str, list[tuple[int, str]]] = defaultdict(list)
    towns_chosen: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for name, k in chosen.items():
        feature = features[k]
        if feature.admin1_code:
            chosen_by_kind = regions_chosen if feature.kind == "admin1" else towns_chosen
            chosen_by_kind[feature.admin1_code].append((name, name_key(feature.name)))
    counts = np.zeros(len(features))
    for k, feature in enumerate(features):
        code = feature.admin1_code
        if not code:
            continue
        others = (regions_chosen if feature.kind != "admin1" else towns_chosen).get(code, [])
        own = name_key(feature.name)
        counts[k] = len({name for name, key in others if name != owner[k] and key != own})
    return counts


def _shares(score: Floats) -> Floats:
    if not len(score):
        return score
    weights: Floats = np.exp(score - score.max())
    shares: Floats = weights / float(weights.sum())
    return shares


def _distances(lat: Floats, lon: Floats) -> Floats:
    """Great-circle distances between all pairs of points (radians in, km out)."""
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    distances: Floats = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return distances


def _group(gazetteer: Gazetteer, mentions: Sequence[Mention]) -> list[_Name]:
    """The article's names: all mentions of one name are one place, unless the text tells them apart
    by what follows a comma ('Paris, France' and 'Paris, Texas' are two places; a bare 'Paris' after
    them is the one named last, or the first one named when it comes before both)."""
    grouped: dict[tuple[str, str | None, str | None, str | None], _Name] = {}
    qualifiers: dict[tuple[str, str | None, str | None], list[str]] = defaultdict(list)
    for mention in mentions:
        if mention.within:
            qualifiers[(mention.key, mention.kind, mention.code)].append(mention.within)
    last: dict[tuple[str, str | None, str | None], str] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        name = (mention.key, mention.kind, mention.code)
        told = qualifiers.get(name)
        if mention.within:
            last[name] = mention.within
        qualifier = None if not told else mention.within or last.get(name) or told[0]
        same_name = (*name, name_key(qualifier) if qualifier else None)
        group = grouped.get(same_name)
        if group is None:
            found = candidates(gazetteer, mention)
            found.sort(key=lambda m: (m.quality, -m.feature.population))
            group = grouped[same_name] = _Name([], found[:MAX_CANDIDATES])
        group.mentions.append(mention)
        if qualifier:
            group.within.add(qualifier)
    return list(grouped.values())


def _article_context(names: list[_Name], context_countries: Iterable[str]) -> dict[str, int]:
    """Countries the article names outright: names whose best place, before any context, is a country
    or a region by its own name ('Texas', 'Ukraine'; not 'Columbus', an English alias of a Honduran
    department, nor 'Kharkiv', which is first the city). Regions are settled jointly with their towns
    (:func:`_region_agreement`): 'Georgia' beside 'Atlanta' is the state, not the country."""
    countries: dict[str, int] = defaultdict(int)
    for code in context_countries:
        countries[code] += 1
    for name in names:
        if not name.candidates:
            continue
        best = max(name.candidates, key=lambda m: _base_prior(m))
        place = best.feature
        if best.quality > OWN_NAME or place.kind not in {"country", "admin1"}:
            continue
        if place.country:
            countries[place.country] += len(name.mentions)
    return countries


def _base_prior(match: Match) -> float:
    """How likely a place is meant by a name, before the article says anything: importance and name."""
    feature = match.feature
    score = math.log10(feature.population + 1) - WEIGHTS.quality[match.quality]
    if match.quality <= OWN_NAME:
        score += WEIGHTS.kind[feature.kind]
    return score + (WEIGHTS.capital if feature.capital else 0.0)


def _prior(match: Match, name: _Name, countries: dict[str, int], gazetteer: Gazetteer) -> float:
    feature = match.feature
    score = _base_prior(match)
    if feature.country and countries.get(feature.country):
        score += WEIGHTS.country_context
    if feature.kind == "city" and feature.admin1_code in name.namesake_regions:
        score += WEIGHTS.namesake
    if any(_is_within(gazetteer, feature, qualifier) for qualifier in name.within):
        score += WEIGHTS.qualifier
    return score


def _containment(feature: Feature, names: list[_Name], index: int) -> float:
    """Town and county named together: 'Huntsville' with 'Walker County' is the Texas town (the only
    Huntsville in a Walker County), and that Walker County is the Texas one."""
    own = feature.admin2_code
    if own is None:
        return 0.0
    for other, name in enumerate(names):
        if other == index:
            continue
        for match in name.candidates:
            place = match.feature
            if (
                place.admin2_code == own
                and place.kind != feature.kind
                and "admin2" in (place.kind, feature.kind)
            ):
                return WEIGHTS.county
    return 0.0


def _is_within(gazetteer: Gazetteer, feature: Feature, qualifier: str) -> bool:
    """Whether the place lies in the region or country named after its comma ('Texas', 'CA', 'Calif.')."""
    region = gazetteer.admin1_by_code.get(qualifier)
    if region is not None:
        return feature.admin1_code == region.admin1_code
    for match in gazetteer.lookup(name_key(qualifier)):
        place = match.feature
        if place.kind == "admin1" and feature.admin1_code == place.admin1_code:
            return True
        if place.kind == "country" and feature.country == place.country:
            return True
    return False


def _best(found: list[Match], scores: list[float]) -> Feature | None:
    if not found:
        return None
    return found[max(range(len(found)), key=scores.__getitem__)].feature


def _confidence(scores: list[float]) -> float:
    top = max(scores)
    total = sum(math.exp((s - top) * CONFIDENCE_SCALE) for s in scores)
    return round(1.0 / total, 3)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
