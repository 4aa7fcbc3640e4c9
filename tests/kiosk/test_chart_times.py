"""A reading stamped in 2099 (or 1970) is flagged "원본 시각 오류" and never reaches a chart: the 24-hour air
chart keeps its axis on the last 24 hours; the startup indicators' history and the prices' newest month
leave it out too (real cache files, the wall's own snapshot read)."""

from datetime import datetime, timedelta, timezone

import pytest

from feeds.base import FeedResult
from feeds.records import SEOUL_TZ, AirReading
from feeds.seoul_prices import PriceQuote
from feeds.startup_indicators import StartupIndicator
from kiosk.app.domains import DOMAINS
from kiosk.app.snapshot import read_snapshot
from kiosk.app.state import DomainKey, View
from kiosk.cache import CacheReader, CacheWriter
from kiosk.config import Config
from widgets import theme
from widgets.air_panel import AirPanel

NOW = datetime(2026, 12, 7, 6, 0, tzinfo=timezone.utc)
WRONG = datetime(2099, 1, 1, 9, 0, tzinfo=SEOUL_TZ)


@pytest.fixture
def cache(tmp_path):
    writer = CacheWriter(tmp_path / "cache.sqlite3", retention_days=30)
    writer.start()
    yield writer
    writer.stop()


def test_a_reading_from_2099_leaves_the_air_chart_on_the_last_24_hours(qtbot, cache):
    hours = [NOW - timedelta(hours=h) for h in range(23, -1, -1)]
    for at in hours:
        cache.submit_result("air", FeedResult((AirReading("중구", at.astimezone(SEOUL_TZ), pm10=40, pm25=20),), at), at)
    cache.submit_result("air", FeedResult((AirReading("중구", WRONG, pm10=90, pm25=45),), WRONG), NOW)
    cache.flush()
    snapshot = read_snapshot(cache.path, Config(), NOW, View(DomainKey.AIR), DOMAINS)
    assert snapshot.health["air"].error_kind == "future"  # shown as 원본 시각 오류
    trend = snapshot.domains[DomainKey.AIR].trend
    assert [at for at, _pm10, _pm25 in trend] == hours
    panel = AirPanel(theme.Metrics(0.5))
    qtbot.addWidget(panel)
    panel.set_trend(trend)
    left, right = panel.trend.getViewBox().viewRange()[0]
    assert hours[0].timestamp() - 3600 <= left and right <= NOW.timestamp() + 3600  # not stretched to 2099


def test_indicators_and_prices_from_a_wrong_year_stay_out_of_the_histories(cache):
    month = datetime(2026, 11, 1, tzinfo=SEOUL_TZ)
    figures = (StartupIndicator("jobs", month, 5120.0), StartupIndicator("jobs", WRONG, 9999.0),
               StartupIndicator("jobs", datetime(1970, 1, 1, tzinfo=SEOUL_TZ), 1.0))
    cache.submit_result("startups", FeedResult(figures, month), NOW)
    quotes = tuple(PriceQuote("망원시장", "배추", at, at.strftime("%Y-%m"), "1포기", 5000)
                   for at in (datetime(2026, 11, 20, tzinfo=SEOUL_TZ), WRONG))
    cache.submit_result("prices", FeedResult(quotes, NOW), NOW)
    cache.flush()
    with CacheReader(cache.path, NOW) as reader:
        assert reader.indicator_history(["startups"]) == {"jobs": [(month, 5120.0, None)]}
        assert reader.newest_price_month("prices") == "2026-11"
        assert [m for m, *_ in reader.price_history("prices", "2025-12")] == ["2026-11"]
