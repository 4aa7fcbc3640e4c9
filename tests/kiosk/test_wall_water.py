"""상수도 end to end, offscreen: the three water feeds over loopback -> cache -> panel, districts and
stations on the map, a station's sheet, a tap-water breach raising the alert and clearing."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from feeds.records import SEOUL_TZ
from kiosk.app.state import DomainKey
from tests.conftest import FIXTURES
from tests.kiosk.test_wall import wall  # noqa: F401 (fixture)
from tests.kiosk.wall_config import feeds_config, fetch_now
from tests.map_probe import ask
from widgets import theme


def tap_document(turbidity, minutes_ago=3):
    """The recorded sensor list, measured a few minutes ago, with 청운효자동's turbidity as given."""
    doc = json.loads((FIXTURES / "water" / "tap.json").read_text(encoding="utf-8"))
    at = (datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)).astimezone(SEOUL_TZ).isoformat(timespec="seconds")
    readings = [r for r in doc["readings"] if isinstance(r, dict) and r.get("id") in ("TAP-001", "TAP-002")]
    for reading in readings:
        reading["measured_at"] = at
    readings[0]["turbidity_ntu"] = turbidity
    return json.dumps({"format": "seoul-tapwater/1", "generated_at": at, "readings": readings}, ensure_ascii=False)


def open_data(name, today_field):
    """A recorded reply with its days moved to today (river) or yesterday (supply)."""
    text = (FIXTURES / "water" / name).read_text(encoding="utf-8")
    today = datetime.now(timezone.utc).astimezone(SEOUL_TZ)
    if today_field == "MSR_DATE":
        return text.replace("20260820", today.strftime("%Y%m%d")).replace("14:00", f"{today.hour:02d}:00")
    return text.replace("20260820", (today - timedelta(days=1)).strftime("%Y%m%d")).replace(
        "20260819", (today - timedelta(days=2)).strftime("%Y%m%d"))


class Routes:
    """The replay server's answers by path; `turbidity` is the breaching sensor's next reading."""

    def __init__(self):
        self.turbidity = 0.82
        self.minutes_ago = 3  # how old the sensors' readings are

    def __call__(self, path):
        if path.startswith("/water/tap.json"):
            return tap_document(self.turbidity, self.minutes_ago).encode()
        if "/WPOSInformationTime/" in path:
            return open_data("river_legacy.json", "MSR_DATE").encode()
        return open_data("supply.json", "YMD").encode()


def water_feeds(url):
    return [("tap_water", "tap_water", {"base_url": url}),
            ("river", "seoul_river_quality", {"base_url": url, "api_key": "K"}),
            ("water_supply", "seoul_water_supply", {"base_url": url, "api_key": "K"})]


@pytest.fixture
def water(qtbot, tmp_path, wall, replay):  # noqa: F811
    routes = Routes()
    replay.reply(200, b"")
    replay.body = routes
    app = wall(feeds_config(tmp_path, water_feeds(replay.url)))
    app.routes = routes
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and bool(app.controller.last_snapshot.domains[DomainKey.WATER].river)
                    and bool(app.controller.last_snapshot.domains[DomainKey.WATER].supply), timeout=15000)
    qtbot.waitUntil(lambda: app.window.map.is_ready, timeout=30000)
    return app


def test_breach_alert_districts_stations_and_a_station_sheet(qtbot, water):
    app, window = water, water.window
    view = app.controller.views[DomainKey.WATER]
    qtbot.waitUntil(lambda: window.alert_banner.isVisible(), timeout=8000)
    assert app.controller.state.view.domain == DomainKey.WATER  # the breach brought the wall here
    assert "수돗물 수질 기준 초과" in window.alert_banner.text.text()
    assert "종로구 청운효자동" in window.alert_banner.text.text()
    assert view.panel.state.text() == "기준 초과 1곳"
    assert "탁도 0.82 NTU (기준 0.5 NTU 이하)" in view.panel.breaches.text()
    assert view.panel.supply.text().startswith("어제(") and "공급량 1,020,100 m³" in view.panel.supply.text()

    qtbot.waitUntil(lambda: ask(qtbot, window.map, "snapshot()")["labels"].get("종로구") == "초과 1", timeout=5000)
    drawn = ask(qtbot, window.map, "snapshot()")
    assert drawn["fills"]["종로구"] == theme.DISTRICT_MAJOR and drawn["labels"]["중구"] == "정상"
    qtbot.waitUntil(lambda: "선유" in ask(qtbot, window.map, "roads()")["places"], timeout=5000)
    places = ask(qtbot, window.map, "roads()")["places"]
    assert places["선유"]["level"] == "IV 약간 나쁨" and places["구의"]["level"] == "Ia 매우 좋음"

    window.alert_banner.ack_button.click()
    ask(qtbot, window.map, "placeTouch('선유')")  # a touch on the station: its sheet
    qtbot.waitUntil(lambda: window.domain_stack.currentWidget() is view.sheet, timeout=5000)
    assert view.sheet.values["do_mg_l"].text() == "4.1 mg/L" and view.sheet.grades["do_mg_l"].text() == "IV 약간 나쁨"
    assert view.sheet.grades["ph"].text() == "Ia 매우 좋음"
    qtbot.waitUntil(lambda: bool(view.sheet.trend.curves[0].xData is not None
                                 and len(view.sheet.trend.curves[0].xData)), timeout=5000)
    view.sheet.close_button.click()
    assert window.domain_stack.currentWidget() is view.panel

    app.routes.turbidity = 0.07  # the sensor is back within the standard
    fetch_now(qtbot, app, "tap_water")
    qtbot.waitUntil(lambda: view.panel.state.text() == "수질 정상", timeout=8000)
    assert not window.alert_banner.isVisible()
    qtbot.waitUntil(lambda: ask(qtbot, window.map, "snapshot()")["labels"].get("종로구") == "정상", timeout=5000)


def test_a_touched_district_shows_its_sensors_and_trend(qtbot, water):
    app, window = water, water.window
    app.controller.state.change(domain=DomainKey.WATER, district="종로구")
    view = app.controller.views[DomainKey.WATER]
    qtbot.waitUntil(lambda: view.panel.trend_title.text().startswith("수돗물 24시간 추이 · 종로구"), timeout=5000)
    qtbot.waitUntil(lambda: "청운효자동" in ask(qtbot, window.map, "snapshot()")["info"], timeout=5000)
    info = ask(qtbot, window.map, "snapshot()")["info"]
    assert "탁도 0.82" in info and "탁도 0.5 NTU 이하" in info
