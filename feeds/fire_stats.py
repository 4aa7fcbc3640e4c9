"""소방청 화재정보서비스: the day's fire statistics per 시도 (getOcBysidoFireSmrzPcnd), via data.go.kr."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.data_go_kr import parse_items
from feeds.http import http_get
from feeds.incidents import FireStats
from feeds.records import SEOUL_TZ
from feeds.values import count, field_key, read_all, text

COUNTS = {"received": "FIRE_RCPT_MNB", "in_progress": "FIRE_PROG_MNB", "ended": "STN_END_MNB",
          "self_extinguished": "SLF_EXTSH_MNB", "false_alarm": "FLSRP_PRCS_MNB", "false_report": "FALS_DCLR_MNB"}


class FireStatsOptions(FeedOptions):
    """Options of the `fire_stats` feed. `service_key` is data.go.kr's "Decoding" key."""

    base_url: str = "https://apis.data.go.kr/1661000/FireInformationService"
    service_key: str
    operation: str = "getOcBysidoFireSmrzPcnd"
    sido: str = "서울특별시"


def fetch(session: requests.Session, options: FireStatsOptions, now: datetime) -> FeedResult:
    """Today's figures for the 시도; yesterday's while today's are not published yet."""
    today = now.astimezone(SEOUL_TZ).date()
    for day in (today, today - timedelta(days=1)):
        stats = [s for s in parse(_get(session, options, day.strftime("%Y%m%d"))) if s.sido == options.sido]
        if stats:
            return FeedResult(records=tuple(stats), source_time=datetime.combine(day, datetime.min.time(), SEOUL_TZ))
    return FeedResult(records=(), source_time=None)


def parse(items: list[dict[str, Any]]) -> list[FireStats]:
    """One FireStats per item that names its day and 시도 (fields in UPPER_SNAKE or camelCase)."""
    return read_all(items, _read_item, "fire statistics items")


def _read_item(item: dict[str, Any]) -> FireStats | None:
    item = {field_key(k): v for k, v in item.items()}
    day, sido = text(item.get("OCRN_YMD")), text(item.get("SIDO_NM"))
    if not day or len(day) < 8 or not sido:
        return None
    digits = day.replace("-", "")
    return FireStats(day=f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}", sido=sido,
                     **{name: count(item.get(key)) for name, key in COUNTS.items()})


def _get(session: requests.Session, options: FireStatsOptions, day: str) -> list[dict[str, Any]]:
    key = quote(options.service_key, safe="")
    query = urlencode({"pageNo": 1, "numOfRows": 30, "resultType": "json", "ocrn_ymd": day})
    url = f"{options.base_url.rstrip('/')}/{options.operation}?serviceKey={key}&{query}"
    return parse_items(http_get(session, url, options.timeout_s, secret=key, max_bytes=options.max_reply_bytes))


FEED = register(Feed(kind="fire_stats", title="소방청 화재 통계 · 오늘", options=FireStatsOptions,
                     fetch=fetch, record_type=FireStats,
                     source_max_age_s=50 * 3600, source_time_is_date=True))  # yesterday's figures until today's are out
