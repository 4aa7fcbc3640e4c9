"""상수도 from Seoul Open Data: the waterworks' daily volumes (WoWcbsDayStatic) and the Han river's
automatic water-quality stations, hourly (WPOSInformationTime).

WoWcbsDayStatic rows: YMD, BUSNP_NM (site), ROF_SE_NM (취수/송수/공급량 in one list: compare sites
within one measure), MSRMT_VL (m³). WPOSInformationTime comes in two namings: the legacy MSR_DATE,
MSR_TIME, SITE_ID, W_TEMP, W_PH, W_DO, W_TOC, W_TN, W_TP, and the current YMD, HR, MSRSTN_NM,
WATT (the other measures were only seen under their legacy names, which are read in both).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pydantic
import requests

from feeds.base import Feed, FeedResult, register
from feeds.errors import FormatError
from feeds.seoul_open_data import OpenDataOptions, fetch_rows
from feeds.values import number, parse_time, read_all, text
from feeds.water import RiverQuality, WaterSupply

# The automatic stations on the Han and its tributaries, where they stand (WGS84, to ~100 m).
STATIONS = {"구의": (37.5446, 127.0915), "선유": (37.5435, 126.8992), "노량진": (37.5160, 126.9535),
            "탄천": (37.5180, 127.0705), "중랑천": (37.5475, 127.0430), "안양천": (37.5505, 126.8745),
            "암사": (37.5530, 127.1180), "자양": (37.5330, 127.0700)}
RIVER_FIELDS = {
    "station": ("MSRSTN_NM", "SITE_ID"),
    "day": ("YMD", "MSR_DATE"),
    "hour": ("HR", "MSR_TIME"),
    "temp_c": ("WATT", "W_TEMP"),
    "ph": ("W_PH",),
    "do_mg_l": ("W_DO",),
    "toc_mg_l": ("W_TOC",),
    "tn_mg_l": ("W_TN",),
    "tp_mg_l": ("W_TP",),
}
RIVER_NUMBERS = ("temp_c", "ph", "do_mg_l", "toc_mg_l", "tn_mg_l", "tp_mg_l")


class SupplyOptions(OpenDataOptions):
    """Options of the `seoul_water_supply` feed."""

    service: str = "WoWcbsDayStatic"
    rows: int = pydantic.Field(default=1000, ge=10, le=5000)  # the newest rows read each poll


class RiverOptions(OpenDataOptions):
    """Options of the `seoul_river_quality` feed."""

    service: str = "WPOSInformationTime"
    rows: int = pydantic.Field(default=200, ge=10, le=5000)


def fetch_supply(session: requests.Session, options: SupplyOptions, now: datetime) -> FeedResult:
    """The daily volumes the service lists first (the newest days)."""
    records = parse_supply(fetch_rows(session, options, first=options.rows))
    return FeedResult(records=records, source_time=max((r.day for r in records), default=None))


def parse_supply(rows: tuple[dict[str, Any], ...]) -> tuple[WaterSupply, ...]:
    """Volumes from rows with upper-cased keys; a row without a site, measure or day is dropped."""
    return tuple(read_all(rows, _supply_row, "water supply rows"))


def _supply_row(row: dict[str, Any]) -> WaterSupply | None:
    site, measure, day = text(row.get("BUSNP_NM")), text(row.get("ROF_SE_NM")), parse_time(f"{row.get('YMD')}0000")
    if not site or not measure or day is None:
        return None
    return WaterSupply(site, measure, day, number(row.get("MSRMT_VL")))


def fetch_river(session: requests.Session, options: RiverOptions, now: datetime) -> FeedResult:
    """The stations' latest hours."""
    records = parse_river(fetch_rows(session, options, first=options.rows))
    return FeedResult(records=records, source_time=max((r.measured_at for r in records), default=None))


def parse_river(rows: tuple[dict[str, Any], ...]) -> tuple[RiverQuality, ...]:
    """Readings in either naming; a row without a station or time is dropped."""
    if rows and not any(_pick(row, "station") for row in rows):
        raise FormatError(f"unknown field names (row has: {', '.join(sorted(rows[0])[:12])})")
    return tuple(read_all(rows, _river_row, "river quality rows"))


def _river_row(row: dict[str, Any]) -> RiverQuality | None:
    station = text(_pick(row, "station"))
    measured_at = parse_time(f"{_pick(row, 'day') or ''}{_pick(row, 'hour') or ''}")
    if not station or measured_at is None:
        return None
    lat, lon = STATIONS.get(station, (None, None))
    return RiverQuality(station, measured_at, **{name: number(_pick(row, name)) for name in RIVER_NUMBERS},
                        lat=lat, lon=lon)


def _pick(row: dict[str, Any], field: str) -> Any:
    return next((row[name] for name in RIVER_FIELDS[field] if name in row), None)


SUPPLY_FEED = register(Feed(kind="seoul_water_supply", title="상수도 · 정수센터 생산·공급량", options=SupplyOptions,
                            fetch=fetch_supply, record_type=WaterSupply, source_time_is_date=True,
                            source_max_age_s=3 * 86400))  # yesterday's figures, published the next day
RIVER_FEED = register(Feed(kind="seoul_river_quality", title="상수도 · 한강 자동측정소 수질",
                           options=RiverOptions, fetch=fetch_river, record_type=RiverQuality,
                           source_max_age_s=4 * 3600))  # hourly, published with some delay
