"""따릉이 (`bikeList`): every public-bike station's bikes and racks, for the empty and full ones.

~2,700 stations, paged 1,000 at a time. The reply's top key is `rentBikeStatus`, not the
service's name, and its `list_total_count` counts the page, not all stations; numbers come as
strings; `shared` is the racks' fill in percent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests

from feeds.base import Feed, FeedResult, register
from feeds.errors import FormatError
from feeds.seoul_open_data import OpenDataOptions, fetch_rows
from feeds.values import count, decimal, number, read_all, text

REPLY_KEY = "rentBikeStatus"


class BikeOptions(OpenDataOptions):
    """Options of the `seoul_bikes` feed."""

    service: str = "bikeList"


@dataclass(frozen=True)
class BikeStation:
    """A 따릉이 station: bikes parked now and racks."""

    station_id: str
    name: str
    lat: float
    lon: float
    bikes: int | None = None
    racks: int | None = None

    @property
    def empty(self) -> bool:
        return self.bikes == 0

    @property
    def full(self) -> bool:
        return self.bikes is not None and self.racks is not None and self.racks > 0 and self.bikes >= self.racks


@dataclass(frozen=True)
class BikeCounts:
    """Stations in an area (or all of Seoul): how many, their bikes, the empty and the full ones."""

    stations: int = 0
    bikes: int = 0
    empty: int = 0
    full: int = 0


def fetch(session: requests.Session, options: BikeOptions, now: datetime) -> FeedResult:
    """Every station (no time of the source's own: the fetch's is theirs)."""
    rows = fetch_rows(session, options, wrapper=REPLY_KEY, total_is_page=True)
    if rows and not any("STATIONID" in row for row in rows):
        raise FormatError(f"unknown field names (row has: {', '.join(sorted(rows[0])[:12])})")
    return FeedResult(records=tuple(read_all(rows, parse_row, "bike stations")), source_time=now)


def parse_row(row: dict[str, Any]) -> BikeStation | None:
    """A station, or None without an id, a name or a position."""
    station_id, name = text(row.get("STATIONID")), text(row.get("STATIONNAME"))
    lat, lon = decimal(row.get("STATIONLATITUDE")), decimal(row.get("STATIONLONGITUDE"))
    if not station_id or not name or lat is None or lon is None or not (33 < lat < 39 and 124 < lon < 132):
        return None
    bikes = count(row.get("PARKINGBIKETOTCNT"))
    racks = count(row.get("RACKTOTCNT"))
    if racks is None and bikes is not None and number(row.get("SHARED")):  # racks from the fill, when missing
        racks = round(bikes * 100 / number(row.get("SHARED")))
    return BikeStation(station_id, name, lat, lon, bikes, racks)


FEED = register(Feed(kind="seoul_bikes", title="따릉이 · 대여소 현황", options=BikeOptions, fetch=fetch,
                     record_type=BikeStation))
