"""Simulated price survey: a market and a supermarket in every district, four survey days a month,
prices that drift and 배추's autumn spike. Pure functions of the month and the time."""

from __future__ import annotations

import math
import random
from datetime import date, datetime

from feeds.districts import DISTRICTS
from feeds.records import SEOUL_TZ

# the survey's items as it names them, their units and a typical price in won
ITEMS = (("쌀(일반계) 20kg", "20kg", 58000), ("배추", "1포기", 3500), ("무", "1개", 2500), ("양파", "1.5kg망", 4200),
         ("사과(부사)", "1개(300g)", 2800), ("배(신고)", "1개(600g)", 4500), ("돼지고기(삼겹살)", "600g", 16500),
         ("쇠고기(한우 불고기)", "600g", 33000), ("닭고기", "1kg", 7200), ("달걀(30구)", "30구", 7400),
         ("고등어", "1마리(400g)", 4300), ("오징어", "1마리", 6200), ("애호박", "1개", 1800), ("명태(동태)", "1마리", 5200))
SURVEY_DAYS = (4, 11, 18, 25)
MARKET_TYPES = (("001", "전통시장", 1.0), ("002", "대형마트", 1.08))


def price_rows(at: datetime, args: list[str]) -> list[dict]:
    """The rows of one survey month (the 3rd positional argument, "2026-11"; default this month), newest first."""
    today = at.astimezone(SEOUL_TZ).date()
    month = args[2] if len(args) > 2 and args[2] else today.strftime("%Y-%m")
    try:
        year, number = map(int, month.split("-"))
        days = [date(year, number, d) for d in SURVEY_DAYS]
    except ValueError:
        return []
    rows = []
    for day in sorted((d for d in days if d <= today), reverse=True):
        for district_no, district in enumerate(DISTRICTS):
            for type_code, type_name, factor in MARKET_TYPES:
                market = f"{district} {'중앙시장' if type_code == '001' else '대형마트'}"
                for item_no, (item, unit, base) in enumerate(ITEMS):
                    price = _price(item, base * factor, district, market, day)
                    rows.append({"P_SEQ": float(len(rows) + 1), "M_SEQ": float(district_no * 2 + int(type_code)),
                                 "M_NAME": market, "A_SEQ": float(item_no + 1), "A_NAME": item, "A_UNIT": unit,
                                 "A_PRICE": str(price), "P_YEAR_MONTH": month, "ADD_COL": "",
                                 "P_DATE": day.isoformat(), "M_TYPE_CODE": type_code, "M_TYPE_NAME": type_name,
                                 "M_GU_CODE": f"{110000 + district_no * 10}", "M_GU_NAME": district})
    return rows


def _price(item: str, base: float, district: str, market: str, day: date) -> int:
    months = (day.year - 2024) * 12 + day.month
    drift = 1 + 0.0025 * months + 0.04 * math.sin(months / 5 + len(item))
    season = 1.0
    if item == "배추":  # the autumn spike: dear in September and October
        season += 0.6 * math.exp(-((day.timetuple().tm_yday - 270) / 25) ** 2)
    local = random.Random(district).uniform(0.94, 1.07)
    noise = random.Random(f"{market}{item}{day}").uniform(0.97, 1.03)
    return round(base * drift * season * local * noise, -1)
