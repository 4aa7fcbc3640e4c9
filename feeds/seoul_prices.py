"""물가: Seoul's survey of necessities' prices at markets and supermarkets (ListNecessariesPricesService).

About 700,000 rows, newest first, refreshed about weekly: never paged through. Each poll asks for
the current month and the two before it (so last month's comparison holds before this month's
first survey) with the positional filter `…/{START}/{END}/{M_NAME}/{A_NAME}/
{P_YEAR_MONTH}` (the first two left empty); the history of earlier months stays in the cache.
Fields come in two namings: item `A_NAME` or `PRDLST_NM`, unit `A_UNIT` or `UNIT`; prices are strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pydantic
import requests

from feeds.base import Feed, FeedResult, register
from feeds.records import SEOUL_TZ
from feeds.seoul_open_data import OpenDataOptions, fetch_rows
from feeds.values import number, parse_time, read_all, text


@dataclass(frozen=True)
class PriceQuote:
    """One item's price at one market on one survey day; a missing or zero price is None."""

    market: str
    item: str  # as the source names it, e.g. "쌀(이천쌀) 4kg 1포"
    day: datetime  # 00:00 Seoul time of the survey
    month: str  # "2026-11", the survey month
    unit: str | None = None
    price_won: float | None = None
    market_type: str | None = None  # 전통시장 / 대형마트
    district: str | None = None  # 구


class PriceOptions(OpenDataOptions):
    """Options of the `seoul_prices` feed."""

    service: str = "ListNecessariesPricesService"
    months: int = pydantic.Field(default=3, ge=1, le=24)  # this month and the ones before, each poll
    max_rows: int = pydantic.Field(default=40_000, ge=1, le=1_000_000)


def fetch(session: requests.Session, options: PriceOptions, now: datetime) -> FeedResult:
    """Every quote of the last `months` survey months (a month not surveyed yet has none)."""
    quotes: list[PriceQuote] = []
    for month in recent_months(now, options.months):
        quotes.extend(parse_rows(fetch_rows(session, options, args=("", "", month))))
    return FeedResult(records=tuple(quotes), source_time=max((q.day for q in quotes), default=None))


def recent_months(now: datetime, count: int) -> list[str]:
    """["2026-11", "2026-10"]: this month in Seoul and the ones before it, newest first."""
    local = now.astimezone(SEOUL_TZ)
    year, month = local.year, local.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def parse_rows(rows: tuple[dict[str, Any], ...]) -> list[PriceQuote]:
    return read_all(rows, parse_row, "price rows")


def parse_row(row: dict[str, Any]) -> PriceQuote | None:
    """One quote, or None without a market, an item or a survey day."""
    market, item = text(row.get("M_NAME")), text(row.get("A_NAME", row.get("PRDLST_NM")))
    day = parse_time(f"{row.get('P_DATE') or ''}0000")
    if not market or not item or day is None:
        return None
    price = number(row.get("A_PRICE"))
    return PriceQuote(market, item, day, text(row.get("P_YEAR_MONTH")) or day.strftime("%Y-%m"),
                      text(row.get("A_UNIT", row.get("UNIT"))), price or None,  # a price of 0 is no price
                      text(row.get("M_TYPE_NAME")), text(row.get("M_GU_NAME")))


FEED = register(Feed(kind="seoul_prices", title="물가 · 생필품 가격 조사", options=PriceOptions, fetch=fetch,
                     record_type=PriceQuote, source_time_is_date=True,
                     source_max_age_s=14 * 86400))  # surveyed about weekly
