"""실시간 돌발정보: Seoul's AccInfo, road incidents with EPSG:5181 coordinates.

Asks for JSON and falls back to XML (older deployments answered XML only). Field names may
come in either case. Codes are mapped to Korean labels; an unknown code is kept as given.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import requests

from feeds.base import Feed, FeedResult, register
from feeds.errors import AuthError, FormatError, QuotaError
from feeds.geo import locate, tm_to_wgs84
from feeds.incidents import Incident, Stage
from feeds.seoul_open_data import OpenDataOptions, fetch_rows
from feeds.values import multiline_text, number, parse_time, read_all, text

_LOGGER = logging.getLogger(__name__)

ACC_TYPES = {
    "A01": "교통사고", "A02": "차량고장", "A03": "보행사고", "A04": "공사", "A05": "낙하물", "A06": "버스사고",
    "A07": "지하철사고", "A08": "화재", "A09": "기상/재난", "A10": "집회및행사", "A11": "기타", "A12": "제보",
    "A13": "단순정보",
}
KIND_OF_TYPE = {"A08": "fire", "A09": "disaster"}  # every other AccInfo type is a road incident
ACC_DTYPES = {
    "01B01": "추돌사고", "01B03": "전복사고", "01B04": "차량화재", "01B05": "차량고장", "02B01": "차량고장",
    "03B01": "보행사고", "04B01": "시설물보수", "04B07": "가로수정비", "05B01": "소형낙하물", "05B02": "대형낙하물",
    "06B01": "버스사고", "07B01": "지하철사고", "08B01": "화재", "09B01": "폭우", "09B19": "강우통제",
    "10B01": "훈련", "10B02": "집회/시위", "10B03": "행사", "11B01": "기타", "12B01": "제보", "13B01": "단순정보",
}
ROAD_CODES = {"010": "부분 통제", "009": "전면 통제"}


class AccidentOptions(OpenDataOptions):
    """Options of the `seoul_accidents` feed."""

    service: str = "AccInfo"


def fetch(session: requests.Session, options: AccidentOptions, now: datetime) -> FeedResult:
    """Every current road incident; JSON first, XML if the JSON reply cannot be read."""
    try:
        rows = fetch_rows(session, options, fmt="json")
    except (AuthError, QuotaError):
        raise
    except FormatError as exc:
        _LOGGER.info("AccInfo JSON unreadable (%s); asking for XML", exc)
        rows = fetch_rows(session, options, fmt="xml")
    incidents = parse_rows(rows, now)
    newest = max((i.occurred_at for i in incidents if i.occurred_at), default=None)
    return FeedResult(records=incidents, source_time=newest)


def parse_rows(rows: tuple[dict[str, Any], ...], now: datetime) -> tuple[Incident, ...]:
    """Incidents from rows with upper-cased keys; a row without an id is dropped with a warning."""
    return tuple(read_all(rows, lambda row: locate(parse_row(row, now)) if text(row.get("ACC_ID")) else None,
                          "AccInfo rows"))


def parse_row(row: dict[str, Any], now: datetime) -> Incident:
    """One road incident (district and 동 are filled in by `locate`)."""
    type_code = text(row.get("ACC_TYPE")) or "?"
    if type_code not in ACC_TYPES:
        _LOGGER.warning("AccInfo: unknown acc_type %r shown as given", type_code)
    occurred = parse_time(f"{row.get('OCCR_DATE') or ''}{row.get('OCCR_TIME') or ''}")
    lat, lon = _position(row)
    return Incident(
        source_id=str(row["ACC_ID"]).strip(), kind=KIND_OF_TYPE.get(type_code, "road"),
        type_label=ACC_TYPES.get(type_code, type_code), occurred_at=occurred, lat=lat, lon=lon,
        agency="서울특별시 교통정보센터 (TOPIS)", stage="통제중",
        stages=(Stage("발생", occurred), Stage("통제중", now)),
        expected_clear=parse_time(f"{row.get('EXP_CLR_DATE') or ''}{row.get('EXP_CLR_TIME') or ''}"),
        detail=_detail(row))


def _position(row: dict[str, Any]) -> tuple[float | None, float | None]:
    x, y = number(row.get("GRS80TM_X")), number(row.get("GRS80TM_Y"))
    if not x or not y:
        return None, None
    lat, lon = tm_to_wgs84(x, y)
    return round(lat, 6), round(lon, 6)


def _detail(row: dict[str, Any]) -> str | None:
    dtype = text(row.get("ACC_DTYPE"))
    road = text(row.get("ACC_ROAD_CODE"))
    if dtype and dtype not in ACC_DTYPES:
        _LOGGER.warning("AccInfo: unknown acc_dtype %r shown as given", dtype)
    head = " · ".join(p for p in (ACC_DTYPES.get(dtype or "", dtype), ROAD_CODES.get(road or "", road)) if p)
    return "\n".join(p for p in (head, multiline_text(row.get("ACC_INFO"))) if p) or None


FEED = register(Feed(kind="seoul_accidents", title="돌발정보 · 도로 사고/통제", options=AccidentOptions,
                     fetch=fetch, record_type=Incident))
