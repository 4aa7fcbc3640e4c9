"""재난안전 end to end, offscreen: a dispatch feed over loopback -> cache -> panel, map, sheet, alert."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from feeds.records import SEOUL_TZ
from tests.kiosk.test_wall import page_json, wall  # noqa: F401 (fixture)
from tests.kiosk.wall_config import feeds_config

HOSTILE = '<img src=x onerror="window.__pwned=1">성내동 123'


def ago(minutes):
    return (datetime.now(timezone.utc) - timedelta(minutes=minutes)).astimezone(SEOUL_TZ)


def iso(minutes_ago):
    return ago(minutes_ago).isoformat()


def today_count(minutes_ago):
    """1 if a time `minutes_ago` falls on today's date in Seoul (the header counts since KST midnight), else 0."""
    return int(ago(minutes_ago).date() == ago(0).date())


class Dispatch:
    """The city dispatch feed as a replay server serves it; tests edit `incidents`."""

    def __init__(self, replay):
        self.incidents = {}
        replay.body = lambda _path: json.dumps({"format": "seoul-incidents/1", "generated_at": iso(0),
                                                "incidents": list(self.incidents.values())}).encode()

    def fire(self, *stages, occurred=2):
        self.incidents["F-1"] = {"id": "F-1", "type": "화재", "occurred_at": iso(occurred), "lat": 37.5386, "lon": 127.1237,
                                 "address": HOSTILE, "agency": "강동소방서", "detail": "주택 화재",
                                 "stages": [{"stage": s, "at": iso(m)} for s, m in stages]}


def write_config(tmp_path, url):
    return feeds_config(tmp_path, [("dispatch", "city_incidents", {"base_url": url})], "[disaster]\nchime_volume = 0.5\n")


@pytest.fixture
def dispatch(replay):
    return Dispatch(replay)


def fetch(qtbot, app, expect):
    coordinator = app.runtime.scheduler.coordinators[0]
    qtbot.waitUntil(lambda: not coordinator._in_flight, timeout=8000)
    coordinator.fetch_now()
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None and expect(app.controller.last_snapshot),
                    timeout=8000)


def items(snapshot):
    return {i.key: i.incident for i in snapshot.domains["disaster"].incidents}


def map_pins(qtbot, view):
    return page_json(qtbot, view, "pins()")


def test_a_new_fire_alerts_moves_through_its_stages_and_closes(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    dispatch.incidents["E-1"] = {"id": "E-1", "type": "구급", "occurred_at": iso(1), "lat": 37.5172, "lon": 127.0473,
                                 "stages": [{"stage": "지령하달", "at": iso(1)}]}
    app = wall(write_config(tmp_path, replay.url))
    window = app.window
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and "dispatch/E-1" in items(app.controller.last_snapshot), timeout=15000)
    assert window.domain_stack.currentWidget() is app.controller.views["disaster"].panel  # 재난안전 is the home domain
    assert not window.alert_banner.isVisible() and app.controller.alerts.chime.plays == 0  # EMS: no alert
    assert window.header.counts.text() == f"오늘 화재 0건 · 구조 0건 · 구급 {today_count(1)}건 · 도로 0건"
    district = items(app.controller.last_snapshot)["dispatch/E-1"].district
    window.map.district_clicked.emit(district)  # a touch on its district: that domain's figures for it
    qtbot.waitUntil(lambda: page_json(qtbot, window.map)["info"].startswith(f"{district} · 진행 중 구급 1"), timeout=5000)
    assert page_json(qtbot, window.map)["labels"][district] == "1건" and app.controller.state.view.district == district

    dispatch.fire(("출동지령", 2))
    fetch(qtbot, app, lambda s: "dispatch/F-1" in items(s))
    banner = window.alert_banner
    assert banner.isVisible() and banner.text.text().startswith("긴급 · 새 화재 발생 — 강동구 성내동 · 주택 화재")
    assert app.controller.alerts.chime.plays == 1
    first_row = app.controller.views["disaster"].panel.rows[0]
    assert first_row.key == "dispatch/F-1" and first_row.status.text().startswith("출동지령")
    qtbot.waitUntil(lambda: window.map.is_ready, timeout=30000)
    qtbot.waitUntil(lambda: map_pins(qtbot, window.map)["focused"] == "dispatch/F-1", timeout=5000)
    assert {p["id"] for p in map_pins(qtbot, window.map)["pins"]} == {"dispatch/F-1", "dispatch/E-1"}
    banner.ack_button.click()
    assert not banner.isVisible()

    dispatch.fire(("출동지령", 2), ("현장도착", 1))
    fetch(qtbot, app, lambda s: items(s)["dispatch/F-1"].stage == "현장도착")
    QTest.mouseClick(first_row, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, 20))
    sheet = app.controller.views["disaster"].sheet
    assert window.domain_stack.currentWidget() is sheet
    assert sheet.fact_values["주소"].text() == HOSTILE  # shown as text
    assert sheet.fact_values["주소"].textFormat() == Qt.TextFormat.PlainText
    assert sheet.fact_values["관할"].text() == "강동소방서" and sheet.fact_values["현재"].text() == "현장도착"
    assert sheet.fact_values["위치"].text() == "강동구 성내동"
    timeline = [sheet.timeline.itemAtPosition(r, 0).widget().text() for r in range(sheet.timeline.rowCount())
                if sheet.timeline.itemAtPosition(r, 0)]
    assert timeline[:3] == ["● 출동지령", "● 현장도착", "○ 활동개시"]
    assert sheet.source.text().startswith("출처 119 출동 현황 · 시 상황실 · ")
    assert not sheet.cctv_slot.isVisible()  # no cameras here
    assert [b.text() for b in sheet.actions.buttons] == ["📞 강동 지휘1호차 현장지휘관 연결", "업무 지시"]  # its station's, a sample
    assert min(sheet.close_button.width(), sheet.close_button.height()) >= window.metrics.px(20)
    sheet.close_button.click()
    assert window.domain_stack.currentWidget() is app.controller.views["disaster"].panel

    del dispatch.incidents["F-1"]  # the fire leaves the list: closed, kept on the map for a while
    fetch(qtbot, app, lambda s: items(s)["dispatch/F-1"].closed)
    assert items(app.controller.last_snapshot)["dispatch/F-1"].stage == "상황종결"
    qtbot.waitUntil(lambda: any("closed" in p["cls"] for p in map_pins(qtbot, window.map)["pins"]), timeout=5000)
    assert window.header.counts.text().startswith(f"오늘 화재 {today_count(2)}건")


def test_the_wall_returns_to_its_overview_when_left_alone(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    dispatch.fire(("출동지령", 30), occurred=30)  # too old to alert
    app = wall(write_config(tmp_path, replay.url))
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and "dispatch/F-1" in items(app.controller.last_snapshot), timeout=15000)
    assert not app.window.alert_banner.isVisible()
    app.window.domain_bar.buttons["air"].click()
    app.controller.views["disaster"].open_incident("dispatch/F-1")  # as a touch on a pin does
    assert app.window.domain_stack.currentWidget() is app.controller.views["disaster"].sheet
    assert app.window.domain_bar.current() == "disaster"
    app.controller.idle._timer.setInterval(300)
    app.controller.idle._timer.start()
    qtbot.waitUntil(lambda: app.window.domain_stack.currentWidget() is app.controller.views["disaster"].panel, timeout=3000)


def test_a_burst_of_incidents_is_one_banner_that_one_touch_acknowledges(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    def add(key, kind, minutes_ago):
        dispatch.incidents[key] = {"id": key, "type": kind, "occurred_at": iso(minutes_ago), "lat": 37.55,
                                   "lon": 127.0, "stages": [{"stage": "출동지령", "at": iso(minutes_ago)}]}
    app = wall(write_config(tmp_path, replay.url))
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None, timeout=15000)
    for key, kind, ago in (("R-1", "구조", 3), ("R-2", "구조", 2), ("R-3", "구조", 1)):
        add(key, kind, ago)
    dispatch.fire(("출동지령", 1), occurred=1)
    fetch(qtbot, app, lambda s: len(items(s)) == 4)
    banner = app.window.alert_banner
    assert banner.text.text() == "긴급 · 새 사고 4건 · 화재 1 · 구조 3"
    assert banner.first.text().startswith("먼저: 화재 — ") and banner.ack_button.text() == "모두 확인"
    assert app.controller.alerts.chime.plays == 1  # one chime for the burst

    del dispatch.incidents["R-1"]  # a rescue ends before anyone looked: it leaves the banner
    fetch(qtbot, app, lambda s: items(s)["dispatch/R-1"].closed)
    assert banner.text.text() == "긴급 · 새 사고 3건 · 화재 1 · 구조 2"
    banner.ack_button.click()
    assert not banner.isVisible() and app.controller.alerts.queue.pending == set()
