"""The city's own tap-water sensors (아리수 실시간 수질): residual chlorine, turbidity and pH per 행정동.

No public API carries them, so the format is ours (docs/tap-water-feed.md): a JSON document
`{"format": "seoul-tapwater/1", "generated_at": …, "readings": [{id, measured_at, district, dong,
lat, lon, chlorine_mg_l, turbidity_ntu, ph}]}` that the waterworks' system serves over HTTP.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import requests

from feeds import city_feed
from feeds.base import Feed, FeedResult, register
from feeds.city_feed import CityFeedOptions
from feeds.city_incidents import parse_when
from feeds.geo import district_at, district_in
from feeds.values import decimal, number, read_all, text
from feeds.water import TapReading

FORMAT = "seoul-tapwater/1"


class TapWaterOptions(CityFeedOptions):
    """Options of the `tap_water` feed."""

    path: str = "/water/tap.json"


def fetch(session: requests.Session, options: TapWaterOptions, now: datetime) -> FeedResult:
    """Every sensor's latest reading."""
    generated, readings = parse(city_feed.get(session, options))
    return FeedResult(records=readings, source_time=generated or max((r.measured_at for r in readings), default=None))


def parse(body: bytes) -> tuple[datetime | None, tuple[TapReading, ...]]:
    """(generated_at, readings); a reading without an id or time is dropped (all of them: FormatError)."""
    doc = city_feed.document(body, "readings", FORMAT, "a tap-water feed")
    return parse_when(doc.get("generated_at")), tuple(read_all(doc["readings"], parse_item, "tap-water readings"))


def parse_item(item: Any) -> TapReading | None:
    """One reading; the 구 from the item, else from the point (offline), else from the 동's address."""
    if not isinstance(item, dict):
        return None
    point_id, measured_at = text(item.get("id")), parse_when(item.get("measured_at"))
    if not point_id or measured_at is None:
        return None
    lat, lon = decimal(item.get("lat")), decimal(item.get("lon"))
    if lat is None or lon is None:
        lat = lon = None
    district = text(item.get("district")) or (district_at(lat, lon) if lat is not None else None)
    return TapReading(point_id, measured_at, district or district_in(text(item.get("dong"))), text(item.get("dong")),
                      lat, lon, number(item.get("chlorine_mg_l")), number(item.get("turbidity_ntu")),
                      number(item.get("ph")))


FEED = register(Feed(kind="tap_water", title="상수도 · 아리수 수돗물 수질 (시 자체)", options=TapWaterOptions,
                     fetch=fetch, record_type=TapReading, source_max_age_s=3 * 3600))  # hourly sensors
