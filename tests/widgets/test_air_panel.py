"""The air panel: average and grade, districts ranked, missing values, feed states."""

from datetime import datetime, timedelta, timezone

import pytest

from feeds.health import FeedHealth
from feeds.records import SEOUL_TZ, AirReading
from widgets import theme
from widgets.air_panel import AirPanel

NOW = datetime(2026, 11, 24, 5, 3, tzinfo=timezone.utc)  # 14:03 in Seoul
HOUR = datetime(2026, 11, 24, 14, tzinfo=SEOUL_TZ)


@pytest.fixture
def panel(qtbot):
    widget = AirPanel(theme.Metrics(1.0))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def texts(panel, row):
    return [cell.text() for cell in panel._rank_cells[row]]


def test_average_grade_and_ranking(panel):
    panel.set_readings((AirReading("중구", HOUR, pm10=40.0, pm25=20.0, grade="보통"),
                        AirReading("강서구", HOUR, pm10=100.0, pm25=50.0, grade="나쁨"),
                        AirReading("종로구", HOUR, pm10=None, pm25=None, grade=None)))
    assert (panel.pm10.text(), panel.pm25.text(), panel.grade.text()) == ("70", "35", "보통")
    assert texts(panel, 0) == ["1", "강서구", "100", "50", "나쁨"]
    assert texts(panel, 1) == ["2", "중구", "40", "20", "보통"]
    assert texts(panel, 2) == ["3", "종로구", "—", "—", "—"]  # no value is a dash, never 0
    assert texts(panel, 3) == ["", "", "", "", ""]
    assert theme.GRADE_COLOURS["나쁨"] in panel._rank_cells[0][4].styleSheet()


def test_no_readings_shows_dashes(panel):
    panel.set_readings(())
    assert (panel.pm10.text(), panel.grade.text()) == ("—", "—")


@pytest.mark.parametrize("state, kind, banner", [
    ("fresh", None, None),
    ("stale", "unavailable", "지연 — 서비스 응답 없음 · service unavailable · 마지막 값 표시 / showing last values"),
    ("down", "unavailable", "연결 끊김 — 서비스 응답 없음 · service unavailable · 마지막 값 표시 / showing last values"),
    ("down", "auth", "연결 끊김 — 인증키 오류 · API key refused · 마지막 값 표시 / showing last values"),
])
def test_feed_states_keep_the_last_values(panel, state, kind, banner):
    panel.set_readings((AirReading("중구", HOUR, pm10=40.0, pm25=20.0, grade="보통"),))
    panel.set_health(FeedHealth(state, kind, "x", NOW - timedelta(minutes=3), HOUR), NOW)
    assert panel.age.text() == "14:00 기준 · 3분 전"
    assert panel.state_banner.isVisible() == (banner is not None)
    if banner:
        assert panel.state_banner.text() == banner
    assert panel.pm10.text() == "40"


def test_a_feed_that_never_answered(panel):
    panel.set_health(FeedHealth("down", "auth", "INFO-100", None, None), NOW)
    assert panel.state_banner.text() == "연결 끊김 — 인증키 오류 · API key refused"
    assert panel.age.text() == "—"


def test_selecting_a_district_highlights_it(panel):
    panel.set_readings((AirReading("중구", HOUR, pm10=40.0),))
    panel.select_station("중구")
    assert "background" in panel._rank_cells[0][1].styleSheet()
    panel.set_trend([(HOUR, 40.0, 20.0)])
    assert panel.trend_title.text() == "24시간 추이 · 중구 · 1시간 수집됨"
    panel.select_station(None)
    panel.set_trend([(HOUR - timedelta(hours=h), 40.0, 20.0) for h in range(24)])
    assert panel.trend_title.text() == "24시간 추이 · 서울 평균"
