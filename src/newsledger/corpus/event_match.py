"""Whether two tellings can be of one happening: their dates as intervals, their places as areas.

Outlets date and place one strike differently: "Monday evening" (``2025-04-14TEV``) in Tuesday's paper,
"Monday's strike" (``2025-04-14``) in Wednesday's, "this week" (``2025-W16``) in Saturday's; "in Dnipro",
"on Naberezhna Street in Dnipro", "in the Dnipropetrovsk region". Exact equality of the TIMEX value or of
the gazetteer id split them into as many events as there were ways of writing them. Here a date is the
interval of days its value covers, and two dates agree when their intervals meet; a place is a point
with a kind, and two places agree when one can hold the other (a region or country holds any place of its
country) or they lie within ``SAME_PLACE_KM`` (a district, a street, a suburb of the city).

A denial is dated by the day it was made more often than by the day of what it denies ("the RSF on
Tuesday denied attacking a market" about Monday's strike): its date agrees with an event's when it falls
on that day or in the ``DENIAL_LAG_DAYS`` after it.

An article cannot tell what had not happened when it was published: an event dated after the
publication of an article is never that article's event, however little else the article says.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

# How far apart two towns or districts may lie and still be one strike's place (a city and its suburbs).
SAME_PLACE_KM = 30.0
# Kinds of place that hold others: a strike "in the Dnipropetrovsk region" may be the one "in Dnipro".
AREAS = frozenset({"country", "admin1", "admin2"})
EARTH_RADIUS_KM = 6371.0
# How long after an event a denial of it can come and still be read as denying it (a week of statements).
DENIAL_LAG_DAYS = 7

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Days:
    """The days ``[first, last]`` a date value covers."""

    first: date
    last: date

    def meets(self, other: Days) -> bool:
        return self.first <= other.last and other.first <= self.last


def days_of(value: str | None) -> Days | None:
    """``2025-04-14TEV`` → that day (``2025-04-09TNI``: that night, into the next morning);
    ``2025-W16`` → its Monday to Sunday; ``2025-04`` → the month;
    ``2025`` → the year; anything else (``PAST_REF``, a duration) → ``None``, which agrees with any date."""
    if not value:
        return None
    try:
        if found := _DAY.match(value):
            day = date(int(found[1]), int(found[2]), int(found[3]))
            # a night runs into the next morning: "overnight" is the 9th's night in one paper and the
            # small hours of the 10th in another
            return Days(day, day + timedelta(days=1) if value.endswith("TNI") else day)
        if found := _WEEK.match(value):
            monday = date.fromisocalendar(int(found[1]), int(found[2]), 1)
            return Days(monday, monday + timedelta(days=6))
        if found := _MONTH.match(value):
            year, month = int(found[1]), int(found[2])
            following = date(year + month // 12, month % 12 + 1, 1)
            return Days(date(year, month, 1), following - timedelta(days=1))
        if found := _YEAR.match(value):
            return Days(date(int(found[1]), 1, 1), date(int(found[1]), 12, 31))
    except ValueError:  # a month 13 or a week 54 read off the text: no date rather than a wrong one
        return None
    return None


def dates_agree(one: str | None, other: str | None) -> bool:
    first, second = days_of(one), days_of(other)
    return first is None or second is None or first.meets(second)


def denied_after(denial: str | None, event: str | None, lag_days: int = DENIAL_LAG_DAYS) -> bool:
    """Whether a denial dated ``denial`` can be the denial of an event dated ``event``: a date in a
    denial is most often the day of the denying ("the RSF on Tuesday denied attacking a market"), which
    comes on the day of the event or in the days after it, never before."""
    said, happened = days_of(denial), days_of(event)
    if said is None or happened is None:
        return True
    return happened.first <= said.first and (said.first - happened.last).days <= lag_days


def possible_by(value: str | None, published: date | None) -> bool:
    """Whether an event of this date can be told in an article published on ``published``."""
    days = days_of(value)
    return days is None or published is None or days.first <= published


@dataclass(frozen=True)
class PlaceView:
    """What coreference needs of a place: its id (gazetteer id or name), kind, country and point."""

    key: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None


def places_agree(one: PlaceView | None, other: PlaceView | None) -> bool:
    """The same place, an area and a place of its country, or two places within ``SAME_PLACE_KM``
    (a place without coordinates agrees only with itself)."""
    return place_fit(one, other) is True


def place_fit(one: PlaceView | None, other: PlaceView | None) -> bool | None:
    """``True`` when two places can be one strike's place (the same, an area holding the other, within
    ``SAME_PLACE_KM``), ``False`` when they cannot (other countries, two points too far apart), ``None``
    when nothing can be said: a name without coordinates ("the village of Djiguibombo near Bandiagara",
    "the Sotsmisto neighbourhood") is unknown, not different, so it does not keep a telling from the
    tellings that place the strike by its city; the caller asks for other evidence instead."""
    if one is None or other is None or one.key == other.key:
        return True
    if one.country and other.country and one.country != other.country:
        return False
    if one.kind in AREAS or other.kind in AREAS:
        return True
    if one.lat is None or one.lon is None or other.lat is None or other.lon is None:
        return None
    return distance_km(one.lat, one.lon, other.lat, other.lon) <= SAME_PLACE_KM


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
