"""NFDS (국가화재정보시스템) dashboard: fires being handled now. UNOFFICIAL and off by default.

`monitorData.do` is a website's internal endpoint, not a published API: it may change or
refuse scripted clients at any time. Its `defail` list (sic) carries an address and 법정동
codes but no coordinates, so these fires are listed without a pin.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.errors import FormatError
from feeds.geo import locate
from feeds.http import http_get
from feeds.incidents import Incident, Stage
from feeds.records import SEOUL_TZ
from feeds.seoul_open_data import decode, json_object
from feeds.values import read_all, text

BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36"


class NfdsOptions(FeedOptions):
    """Options of the `nfds_fires` feed."""

    base_url: str = "https://nfds.go.kr"
    sido_code: str = "11"  # 서울


def fetch(session: requests.Session, options: NfdsOptions, now: datetime) -> FeedResult:
    """The fires on the board for the 시도."""
    url = f"{options.base_url.rstrip('/')}/dashboard/monitorData.do?{urlencode({'sidoCode': options.sido_code})}"
    board_time, fires = parse(http_get(session, url, options.timeout_s, headers={"User-Agent": BROWSER_AGENT},
                                        max_bytes=options.max_reply_bytes), now)
    return FeedResult(records=fires, source_time=board_time)


def parse(body: bytes, now: datetime) -> tuple[datetime | None, tuple[Incident, ...]]:
    """(the board's time, its fires)."""
    doc = json_object(decode(body))
    if not isinstance(doc.get("defail", []), list):
        raise FormatError('not the NFDS board (expected an object with a "defail" list)')
    board_time = _board_time(doc.get("nowDate"))
    fires = read_all(doc.get("defail") or (), lambda item: locate(parse_item(item, board_time or now))
                     if isinstance(item, dict) and text(item.get("sidoOvrNum")) else None, "NFDS fires")
    return board_time, tuple(fires)


def parse_item(item: dict[str, Any], board_time: datetime) -> Incident:
    """One fire; the board gives only the current stage, first seen now."""
    stage = text(item.get("progressNm")) or text(item.get("progressStat"))
    occurred = _time_of_day(item.get("overDate"), board_time)
    detail = [text(item.get("frfalTypeCd"))]
    casualties = [f"{label} {item.get(key)}명" for label, key in (("사망", "dethNum"), ("부상", "injuNum"))
                  if item.get(key) not in (None, "", 0, "0")]
    return Incident(
        source_id=str(item["sidoOvrNum"]).strip(), kind="fire", type_label="화재", occurred_at=occurred,
        address=text(item.get("addr")), agency=text(item.get("cntrNm")), stage=stage,
        stages=(Stage(stage, board_time),) if stage else (),
        detail=" · ".join(p for p in (*detail, *casualties) if p) or None)


def _board_time(value: Any) -> datetime | None:
    try:
        return datetime.strptime(str(value).strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=SEOUL_TZ)
    except ValueError:
        return None


def _time_of_day(value: Any, board_time: datetime) -> datetime | None:
    """"11:11" on the board's day (the day before when that would lie in the future)."""
    try:
        hour, minute = (int(p) for p in str(value).split(":")[:2])
        when = board_time.astimezone(SEOUL_TZ).replace(hour=hour, minute=minute, second=0, microsecond=0)
    except (TypeError, ValueError):
        return None
    return when - timedelta(days=1) if when > board_time + timedelta(minutes=5) else when


FEED = register(Feed(kind="nfds_fires", title="NFDS 화재 현황 (비공식)", options=NfdsOptions,
                     fetch=fetch, record_type=Incident,
                     source_max_age_s=3600))
