"""Maps without a tile server: country outlines and places drawn as an equirectangular inline SVG.

The outlines come from the ``countryinfo`` package (MIT; its shapes are the public-domain Natural Earth
outlines of the world.geo.json project), which newsledger already installs for the gazetteer, so nothing
is downloaded and nothing extra is shipped. SVG y grows downwards, so a point is drawn at
``(lon, -lat)`` and the view box is the bounding box of the places, padded, in those units.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from countryinfo import CountryInfo

PADDING_DEGREES = 6.0
MIN_SPAN_DEGREES = 20.0
WORLD = (-180.0, -90.0, 180.0, 90.0)


@dataclass(frozen=True)
class Outline:
    """One country's outline as an SVG path in map units, with the bounding box used for culling."""

    code: str
    name: str
    path: str
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@dataclass(frozen=True)
class MapPoint:
    label: str
    x: float
    y: float
    count: int


@dataclass(frozen=True)
class MapView:
    view_box: str
    outlines: list[Outline]
    highlighted: frozenset[str]
    points: list[MapPoint]
    radius: float
    stroke: float


def _rings(geometry: dict[str, Any]) -> Iterator[list[list[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def _path(rings: Iterable[list[list[float]]]) -> str:
    return " ".join(
        "M" + "L".join(f"{lon:.1f},{-lat:.1f}" for lon, lat in ring) + "Z" for ring in rings if ring
    )


@cache
def world_outlines() -> tuple[Outline, ...]:
    """Every country outline countryinfo ships, loaded once per process."""
    outlines: list[Outline] = []
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2")
        collection = info.get("geoJSON") or {}
        rings = [ring for feature in collection.get("features", []) for ring in _rings(feature["geometry"])]
        points = [point for ring in rings for point in ring]
        if not code or not points:
            continue
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        outlines.append(
            Outline(
                code=str(code).upper(),
                name=str(info.get("name", code)),
                path=_path(rings),
                bbox=(min(lons), min(lats), max(lons), max(lats)),
            )
        )
    return tuple(outlines)


@dataclass(frozen=True)
class Located:
    """A place to draw: its name, coordinates, country and how many times the records name it."""

    name: str
    lat: float
    lon: float
    country: str | None
    count: int = 1


def map_view(places: list[Located]) -> MapView | None:
    """The map of ``places``, framed on them; ``None`` when none has coordinates."""
    if not places:
        return None
    min_lon = min(p.lon for p in places) - PADDING_DEGREES
    max_lon = max(p.lon for p in places) + PADDING_DEGREES
    min_lat = min(p.lat for p in places) - PADDING_DEGREES
    max_lat = max(p.lat for p in places) + PADDING_DEGREES
    width, height = max_lon - min_lon, max_lat - min_lat
    # Keep the frame between square and twice as wide as high, so one place or a long row both read.
    wanted_width = max(width, MIN_SPAN_DEGREES, height)
    wanted_height = max(height, wanted_width / 2)
    min_lon -= (wanted_width - width) / 2
    min_lat -= (wanted_height - height) / 2
    width, height = wanted_width, wanted_height
    max_lon, max_lat = min_lon + width, min_lat + height
    visible = [
        o
        for o in world_outlines()
        if o.bbox[0] <= max_lon and o.bbox[2] >= min_lon and o.bbox[1] <= max_lat and o.bbox[3] >= min_lat
    ]
    scale = max(width, height)
    return MapView(
        view_box=f"{min_lon:.2f} {-max_lat:.2f} {width:.2f} {height:.2f}",
        outlines=visible,
        highlighted=frozenset(p.country.upper() for p in places if p.country),
        points=[MapPoint(p.name, round(p.lon, 3), round(-p.lat, 3), p.count) for p in places],
        radius=round(scale / 90, 3),
        stroke=round(scale / 600, 4),
    )
