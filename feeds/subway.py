"""지하철 실시간 도착 (`realtimeStationArrival`) at configured stations: a disruption flag per line.

URL `{base}/api/subway/{KEY}/json/realtimeStationArrival/0/{n}/{역명}` (the name without "역").
Its own envelope: `errorMessage {status, code, message, total}` beside `realtimeArrivalList`,
and on errors the same fields at the top with no list. Codes are the open-data ones (INFO-000,
INFO-200 no data, INFO-100 bad key, ERROR-337 quota …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

import pydantic
import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.errors import FormatError
from feeds.http import http_get
from feeds.seoul_open_data import check_result, decode, json_object
from feeds.values import parse_time, text

DISRUPTED = re.compile(r"지연|운행\s*중단|운행\s*중지|무정차")  # words the arrival messages use when a line is hit
ARRIVALS_ASKED = 20


class SubwayOptions(FeedOptions):
    """Options of the `seoul_subway` feed: the stations to watch."""

    base_url: str = "http://swopenapi.seoul.go.kr"
    api_key: str
    stations: tuple[str, ...] = pydantic.Field(min_length=1, max_length=30)

    @pydantic.field_validator("stations")
    @classmethod
    def _without_yeok(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(name.removesuffix("역") if name.endswith("역") and len(name) > 2 else name for name in names)


@dataclass(frozen=True)
class LineStatus:
    """One line at one station: trains listed, the nearest one's message, and whether it is disrupted."""

    station: str
    line: str  # "2호선"; the service's subwayId mapped to its name
    trains: int
    disrupted: bool = False
    next_message: str | None = None  # "전역 도착", "3분 후 (역삼)" …
    received_at: datetime | None = None


LINES = {"1001": "1호선", "1002": "2호선", "1003": "3호선", "1004": "4호선", "1005": "5호선", "1006": "6호선",
         "1007": "7호선", "1008": "8호선", "1009": "9호선", "1063": "경의중앙선", "1065": "공항철도",
         "1067": "경춘선", "1075": "수인분당선", "1077": "신분당선", "1092": "우이신설선", "1093": "서해선",
         "1081": "경강선", "1032": "GTX-A"}


def fetch(session: requests.Session, options: SubwayOptions, now: datetime) -> FeedResult:
    """Every configured station's lines; any station failing fails the fetch."""
    records: list[LineStatus] = []
    for station in options.stations:
        url = (f"{options.base_url.rstrip('/')}/api/subway/{quote(options.api_key, safe='')}/json/"
               f"realtimeStationArrival/0/{ARRIVALS_ASKED}/{quote(station, safe='')}")
        body = http_get(session, url, options.timeout_s, secret=options.api_key, max_bytes=options.max_reply_bytes)
        records.extend(line_statuses(station, parse_reply(body)))
    newest = max((r.received_at for r in records if r.received_at), default=None)
    return FeedResult(records=tuple(records), source_time=newest)


def parse_reply(body: bytes) -> list[dict[str, Any]]:
    """The arrival rows, [] for INFO-200; a typed error for the others."""
    text_ = decode(body).strip()
    if not text_:
        raise FormatError("empty reply")
    doc = json_object(text_)
    envelope = doc.get("errorMessage") if isinstance(doc.get("errorMessage"), dict) else doc
    code, message = text(envelope.get("code")), text(envelope.get("message")) or ""
    if code is None and "realtimeArrivalList" not in doc:
        raise FormatError("reply has neither errorMessage nor realtimeArrivalList")
    if code is not None and not check_result(code, message):
        return []
    rows = doc.get("realtimeArrivalList") or []
    return [row for row in (rows if isinstance(rows, list) else [rows]) if isinstance(row, dict)]


def line_statuses(station: str, rows: list[dict[str, Any]]) -> list[LineStatus]:
    """One status per line listed at the station, its trains in the order the service lists them."""
    by_line: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        line = LINES.get(str(row.get("subwayId", "")).strip()) or text(row.get("subwayNm")) or "노선 미상"
        by_line.setdefault(line, []).append(row)
    found = []
    for line, trains in by_line.items():
        messages = [m for row in trains for m in (text(row.get("arvlMsg2")), text(row.get("arvlMsg3"))) if m]
        received = [t for row in trains if (t := parse_time(row.get("recptnDt")))]
        found.append(LineStatus(station, line, len(trains), any(DISRUPTED.search(m) for m in messages),
                                text(trains[0].get("arvlMsg2")), max(received, default=None)))
    return found


FEED = register(Feed(kind="seoul_subway", title="지하철 · 실시간 도착", options=SubwayOptions, fetch=fetch,
                     record_type=LineStatus))
