"""시민의견: the 국민권익위원회's complaint big data (민원 빅데이터 분석정보, data.go.kr 15101903), the day's
core keywords (minTopNKeyword5) and the keywords rising against the day before (minRisingKeyword5).

`…/minAnalsInfoView5/minRisingKeyword5?serviceKey=…&analysisTime=YYYYMMDDHH&maxResult=N&target=pttn,dfpt,saeol
&dataType=json[&mainSubCode=AGENCY]` answers items {date, keyword, df, rank, prevRatio, prevDf};
`…/minTopNKeyword5?…&dateFrom=YYYYMMDD&dateTo=YYYYMMDD&resultCount=N` items {keyword, df|count, rank}.
Items sit in the gateway's `response.body.items.item` or a bare `returnObject` list. The keywords are
nationwide unless the service takes the agency (`mainSubCode`, 서울특별시 6110000); an item that names
its region is kept only for Seoul. Keywords and counts only: no complaint text is ever read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

import pydantic
import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.data_go_kr import parse_items
from feeds.http import http_get
from feeds.records import SEOUL_TZ
from feeds.values import count, number, read_all, text

RISING, TOP = "rising", "top"
REGION_FIELDS = ("region", "area", "areaNm", "sidoNm", "regionNm")
SEOUL_NAMES = ("서울", "서울특별시", "서울시")


@dataclass(frozen=True)
class ComplaintKeyword:
    """A complaint keyword as the analysis ranked it at one time: today's top, or rising."""

    kind: str  # RISING or TOP
    keyword: str
    analysed_at: datetime  # the hour analysed (rising) or the day's 00:00 (top), Seoul time
    rank: int | None = None
    count: int | None = None  # complaints naming it (df)
    previous: int | None = None  # the day before (rising)
    change_pct: float | None = None  # against the day before: from df and prevDf, else the service's prevRatio


class ComplaintOptions(FeedOptions):
    """Options of the `complaint_keywords` feed. `service_key` is data.go.kr's "Decoding" key."""

    base_url: str = "https://apis.data.go.kr/1140100/minAnalsInfoView5"
    service_key: str
    agency_code: str = "6110000"  # mainSubCode: 서울특별시 ("" = nationwide)
    target: str = "pttn,dfpt,saeol"  # 일반민원, 고충민원, 수집민원
    keywords: int = pydantic.Field(default=10, ge=1, le=50)
    hours_back: int = pydantic.Field(default=3, ge=1, le=24)  # rising keywords: the newest analysed hour within
    daily_quota: int | None = pydantic.Field(default=100, ge=1)  # the key's calls a day (development key: 100)


def fetch(session: requests.Session, options: ComplaintOptions, now: datetime) -> FeedResult:
    """Today's top keywords and the newest hour's rising ones."""
    local = now.astimezone(SEOUL_TZ)
    today = local.replace(hour=0, minute=0, second=0, microsecond=0)
    top = parse(_get(session, options, "minTopNKeyword5", dateFrom=f"{today:%Y%m%d}", dateTo=f"{today:%Y%m%d}",
                     resultCount=options.keywords), TOP, today)
    rising: list[ComplaintKeyword] = []
    for back in range(1, options.hours_back + 1):  # the analysis of an hour is published after it
        hour = (local - timedelta(hours=back)).replace(minute=0, second=0, microsecond=0)
        rising = parse(_get(session, options, "minRisingKeyword5", analysisTime=f"{hour:%Y%m%d%H}",
                            maxResult=options.keywords, mainSubCode=options.agency_code), RISING, hour)
        if rising:
            break
    records = tuple(top + rising)
    return FeedResult(records, max((r.analysed_at for r in rising), default=today if top else None))


def parse(items: list[dict[str, Any]], kind: str, at: datetime) -> list[ComplaintKeyword]:
    """The keywords of one reply; items naming a region other than Seoul are left out."""
    seoul = [item for item in items if _in_seoul(item)]
    return read_all(seoul, lambda item: _keyword(item, kind, at), "complaint keywords")


def _in_seoul(item: Any) -> bool:
    region = next((text(item.get(f)) for f in REGION_FIELDS if isinstance(item, dict) and text(item.get(f))), None)
    return region is None or region.startswith(SEOUL_NAMES)


def _keyword(item: Any, kind: str, at: datetime) -> ComplaintKeyword | None:
    keyword = text(item.get("keyword")) if isinstance(item, dict) else None
    if not keyword:
        return None
    now, before = count(item.get("df", item.get("count"))), count(item.get("prevDf"))
    change = (now - before) / before * 100 if now is not None and before else number(item.get("prevRatio"))
    return ComplaintKeyword(kind, keyword[:40], at, count(item.get("rank")), now, before, change)


def _get(session: requests.Session, options: ComplaintOptions, operation: str, **params: Any) -> list[dict]:
    key = quote(options.service_key, safe="")
    query = urlencode({**{k: v for k, v in params.items() if v != ""}, "target": options.target, "dataType": "json"})
    url = f"{options.base_url.rstrip('/')}/{operation}?serviceKey={key}&{query}"
    return parse_items(http_get(session, url, options.timeout_s, secret=key, max_bytes=options.max_reply_bytes))


def quota_warnings(options: ComplaintOptions, interval_s: float) -> list[str]:
    """A poll makes one call for the top keywords and up to `hours_back` for the rising ones."""
    most = round(86400 / interval_s * (1 + options.hours_back))
    if options.daily_quota is None or most <= options.daily_quota:
        return []
    return [f"polling every {interval_s:g} s makes up to {most} requests a day (1 + hours_back = "
            f"{1 + options.hours_back} a poll), more than daily_quota = {options.daily_quota}; raise interval_s to "
            f"at least {86400 * (1 + options.hours_back) / options.daily_quota:.0f} or lower hours_back"]


FEED = register(Feed(kind="complaint_keywords", title="시민의견 · 민원 키워드 (국민권익위)", options=ComplaintOptions,
                     fetch=fetch, record_type=ComplaintKeyword, source_max_age_s=30 * 3600, warnings=quota_warnings))
