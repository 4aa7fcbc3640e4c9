"""대기환경: Seoul's RealtimeCityAir, 25 district stations, hourly.

Reads both schemas: the legacy names (MSRDT, MSRSTE_NM, PM10, PM25, IDEX_NM …) and the
2025+ standard-term names (MSRMT_DT, MSRSTN_NM, PM, FPM, CAI_GRD …).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import requests

from feeds.base import Feed, FeedResult, register
from feeds.errors import FormatError
from feeds.records import AIR_GRADES, AirReading
from feeds.seoul_open_data import OpenDataOptions, fetch_rows
from feeds.values import number, parse_time, read_all, text


# record field -> the source's names for it, newest schema first
FIELDS = {
    "measured_at": ("MSRMT_DT", "MSRDT"),
    "region": ("SAREA_NM", "MSRRGN_NM"),
    "station": ("MSRSTN_NM", "MSRSTE_NM"),
    "pm10": ("PM", "PM10"),
    "pm25": ("FPM", "PM25"),
    "o3": ("OZON", "O3"),
    "no2": ("NTDX", "NO2"),
    "co": ("CBMX", "CO"),
    "so2": ("SPDX", "SO2"),
    "cai": ("CAI_IDX", "IDEX_MVL"),
    "grade": ("CAI_GRD", "IDEX_NM"),
    "main_pollutant": ("CRST_SBSTN", "ARPLT_MAIN"),
}
NUMBERS = ("pm10", "pm25", "o3", "no2", "co", "so2", "cai")


class AirOptions(OpenDataOptions):
    """Options of the `seoul_air` feed."""

    service: str = "RealtimeCityAir"


def fetch(session: requests.Session, options: AirOptions, now: datetime) -> FeedResult:
    """Fetch every station's latest reading."""
    rows = fetch_rows(session, options)
    readings = parse_rows(rows)
    newest = max((r.measured_at for r in readings), default=None)
    return FeedResult(records=readings, source_time=newest)


def parse_rows(rows: tuple[dict[str, Any], ...]) -> tuple[AirReading, ...]:
    """Readings from rows with upper-cased keys; rows without a station or time are dropped."""
    if rows and not any(_pick(row, "station") for row in rows):
        raise FormatError(f"unknown field names (row has: {', '.join(sorted(rows[0])[:12])})")
    return tuple(read_all(rows, parse_row, "air rows"))


def parse_row(row: dict[str, Any]) -> AirReading | None:
    """One reading, or None when the row lacks a station name or a measurement time."""
    station = text(_pick(row, "station"))
    measured_at = parse_time(_pick(row, "measured_at"))
    if not station or measured_at is None:
        return None
    values = {name: number(_pick(row, name)) for name in NUMBERS}
    return AirReading(station=station, measured_at=measured_at, region=text(_pick(row, "region")),
                      grade=grade(_pick(row, "grade")),
                      main_pollutant=text(_pick(row, "main_pollutant")), **values)


def grade(value: Any) -> str | None:
    """A known grade name ("매우 나쁨" is read as 매우나쁨), else None."""
    name = re.sub(r"\s+", "", str(value or ""))
    return name if name in AIR_GRADES else None


def _pick(row: dict[str, Any], field: str) -> Any:
    return next((row[name] for name in FIELDS[field] if name in row), None)


FEED = register(Feed(kind="seoul_air", title="대기환경 · 실시간 대기질", options=AirOptions,
                     fetch=fetch, record_type=AirReading,
                     source_max_age_s=3 * 3600))  # hourly, published with up to an hour's delay
