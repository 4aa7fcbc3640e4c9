"""물가: the price survey over loopback (both namings, prices as strings, 0 and missing values, month by
month with the positional filter), and the basket read from a real cache with a year's history."""

from datetime import datetime

import requests

from feeds.base import FeedResult
from feeds.records import SEOUL_TZ
from feeds.seoul_prices import PriceOptions, PriceQuote, fetch, recent_months
from kiosk.app.domains.prices import basket_change, in_basket, read_prices
from kiosk.app.state import DomainKey, View
from kiosk.cache import CacheReader, CacheWriter
from kiosk.config import parse_config

NOW = datetime(2026, 11, 30, 11, 15, tzinfo=SEOUL_TZ)


def test_legacy_naming_strings_zero_and_missing_values(replay):
    replay.reply_fixture("prices/legacy.json")
    result = fetch(requests.Session(), PriceOptions(base_url=replay.url, api_key="K", months=1), NOW)
    quotes = {q.item: q for q in result.records}
    assert sorted(quotes) == ["무", "배추", "쌀(이천쌀) 4kg 1포"]  # a row without a market is dropped
    cabbage = quotes["배추"]
    assert (cabbage.market, cabbage.unit, cabbage.price_won, cabbage.market_type, cabbage.district, cabbage.month) == \
        ("뚝도시장", "1포기", 3500.0, "전통시장", "성동구", "2026-08")
    assert cabbage.day == datetime(2026, 8, 14, tzinfo=SEOUL_TZ) and result.source_time == cabbage.day
    assert quotes["쌀(이천쌀) 4kg 1포"].price_won == 21900.0 and quotes["쌀(이천쌀) 4kg 1포"].unit is None
    assert quotes["무"].price_won is None  # a price of 0 is no price
    assert replay.paths == ["/K/json/ListNecessariesPricesService/1/1000///2026-11"]  # one month, never all rows


def test_standard_term_naming_and_the_months_asked(replay):
    replay.reply_fixture("prices/standard_terms.json")
    result = fetch(requests.Session(), PriceOptions(base_url=replay.url, api_key="K"), NOW)
    eggs = next(q for q in result.records if q.item == "달걀(30구)")
    assert (eggs.unit, eggs.price_won, eggs.month) == ("30구", 7200.0, "2026-11")  # month from the survey day
    assert [p.rsplit("/", 1)[1] for p in replay.paths] == ["2026-11", "2026-10", "2026-09"]
    assert recent_months(datetime(2027, 1, 5, tzinfo=SEOUL_TZ), 3) == ["2027-01", "2026-12", "2026-11"]


def test_no_data_for_a_month_is_no_quotes(replay):
    replay.reply_fixture("water/empty.json")  # INFO-200, as for a month not surveyed yet
    assert fetch(requests.Session(), PriceOptions(base_url=replay.url, api_key="K"), NOW).records == ()


def test_basket_names_match_the_start_of_an_item():
    assert in_basket("쌀", "쌀(일반계) 20kg") and in_basket("쌀", " 쌀 ")
    assert in_basket("배", "배(신고)") and not in_basket("배", "배추")
    assert not in_basket("무", "무화과")


def quotes(month, cabbage, rice, district_factor=1.0):
    day = datetime.strptime(f"{month}-14", "%Y-%m-%d").replace(tzinfo=SEOUL_TZ)
    return [PriceQuote(f"{d} {kind}", item, day, month, price_won=price * (district_factor if d == "강남구" else 1),
                       market_type=kind, district=d)
            for d in ("강남구", "종로구") for kind in ("전통시장", "대형마트")
            for item, price in (("배추", cabbage * (1.1 if kind == "대형마트" else 1)), ("쌀(일반계) 20kg", rice))]


def prices_config(**prices):
    return parse_config({"feeds": [{"id": "prices", "kind": "seoul_prices",
                                    "options": {"base_url": "http://x", "api_key": "K"}}], "prices": prices,
                         "panels": {"air": ""}}, "test", {})


def test_the_basket_from_a_year_of_history(tmp_path):
    path = tmp_path / "cache.sqlite3"
    writer = CacheWriter(path, retention_days=30)  # the price history outlives the retention
    writer.start()
    for month, cabbage, rice in (("2025-11", 3000, 55000), ("2026-10", 4000, 60000), ("2026-11", 5000, 60000)):
        at = datetime.strptime(f"{month}-20", "%Y-%m-%d").replace(tzinfo=SEOUL_TZ)
        writer.submit_result("prices", FeedResult(tuple(quotes(month, cabbage, rice, 1.2)), at), at)
    writer.flush()
    writer.stop()
    config = prices_config(basket=["배추", "쌀", "사과"])
    with CacheReader(path) as reader:
        data = read_prices(reader, config, NOW, View(DomainKey.PRICES))
    assert data.month == "2026-11" and data.months_kept == 3
    cabbage, rice = data.items  # 사과 was never surveyed: not shown
    assert cabbage.name == "배추" and round(cabbage.traditional) == 5500 and round(cabbage.supermarket) == 6050
    assert round(cabbage.vs_month, 1) == 25.0 and round(cabbage.vs_year, 1) == round((5000 / 3000 - 1) * 100, 1)
    assert rice.vs_month == 0.0 and round(basket_change(data), 1) == 12.5
    assert round(data.district_index["강남구"]) > 100 > round(data.district_index["종로구"])
    assert [cost for _m, cost in data.monthly][-1] == cabbage.seoul + rice.seoul


def test_a_short_history_says_so(tmp_path):
    path = tmp_path / "cache.sqlite3"
    writer = CacheWriter(path, retention_days=30)
    writer.start()
    writer.submit_result("prices", FeedResult(tuple(quotes("2026-11", 5000, 60000)), NOW), NOW)
    writer.flush()
    writer.stop()
    with CacheReader(path) as reader:
        data = read_prices(reader, prices_config(), NOW, View(DomainKey.PRICES))
    assert data.months_kept == 1 and all(i.vs_month is None and i.vs_year is None for i in data.items)
