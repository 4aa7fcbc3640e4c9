"""실시간 도시현황 end to end, offscreen: every domain's tile from real feeds over loopback (the water feeds
from recorded replies, 물가 and 시민의견 from the simulator), a breach, a stale and a down feed, a touch
on a tile, and the feed list behind the header's health."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.app.state import DomainKey
from tests.kiosk.test_wall import wall  # noqa: F401 (fixture)
from tests.kiosk.test_wall_water import Routes, water_feeds
from tests.kiosk.wall_config import feeds_config, fetch_now
from tests.map_probe import ask
from widgets import theme
from widgets.summary_panel import LEVEL_COLOURS


def write_config(tmp_path, replay_url, simulator):
    key = simulator.api_key
    return feeds_config(tmp_path, water_feeds(replay_url)[:2] + [
        ("prices", "seoul_prices", {"base_url": simulator.url, "api_key": key}),
        ("complaints", "complaint_keywords",
         {"base_url": f"{simulator.url}/1140100/minAnalsInfoView5", "service_key": key}),
        ("calls_120", "calls_120", {"base_url": simulator.url})])


@pytest.fixture
def overview(qtbot, tmp_path, wall, replay, simulator):  # noqa: F811
    routes = Routes()
    replay.reply(200, b"")
    replay.body = routes
    app = wall(write_config(tmp_path, replay.url, simulator))
    app.routes, app.replay = routes, replay
    tiles = app.window.summary_panel.tiles
    qtbot.waitUntil(lambda: len(tiles) == 8 and all(tiles[k].tile.headline != "자료 없음"
                                                    for k in ("water", "prices", "voices")), timeout=20000)
    return app


def tile(app, key):
    return app.window.summary_panel.tiles[key]


def test_each_domain_has_a_tile_and_a_touch_opens_it(qtbot, overview):
    app, window = overview, overview.window
    assert window.overview.currentWidget() is window.summary_panel  # the mayor sees tiles, not feeds
    water = tile(app, "water")
    assert (water.headline.text(), water.tile.level) == ("수질 기준 초과 1곳", "alert")  # the breach
    assert LEVEL_COLOURS["alert"] in water.headline.styleSheet()
    assert " 기준 · " in water.note.text()  # its data age
    assert tile(app, "prices").headline.text().startswith("장바구니 ")
    assert tile(app, "voices").headline.text().startswith(("민원 급증: ", "민원 1위: "))
    assert tile(app, "disaster").headline.text() == "설정되지 않음"  # built, no feed in this config
    assert tile(app, "projects").headline.text() == "설정되지 않음"
    assert [t.tile.title for t in window.summary_panel.tiles.values()] == [
        "재난안전", "교통상황", "대기환경", "상수도", "물가", "시민의견", "주요사업", "창업생태계"]

    qtbot.mouseClick(tile(app, "prices"), Qt.MouseButton.LeftButton)
    assert app.controller.state.view.domain == DomainKey.PRICES
    assert window.domain_stack.currentWidget() is app.controller.views[DomainKey.PRICES].panel
    assert window.summary_panel.selected == DomainKey.PRICES and theme.ACCENT in tile(app, "prices").styleSheet()

    window.header.health.click()  # the operator view: every feed's row
    assert window.overview.currentWidget() is window.status_panel
    titles = [row.title for row in window.status_panel.rows]
    assert len(titles) == 5 + 3 and titles[5:] == ["통화 (baresip)", "업무 지시 서버 (mosquitto)", "현장 페이지"]
    window.status_panel.close_button.click()
    assert window.overview.currentWidget() is window.summary_panel


def test_a_stale_then_down_feed_keeps_the_last_figure_and_says_so(qtbot, overview):
    app = overview
    app.replay.status = 503  # the recorded services stop answering
    fetch_now(qtbot, app, "tap_water")
    qtbot.waitUntil(lambda: tile(app, "water").note.text() == "⚠ 일부 자료 지연 · 마지막 값 표시", timeout=5000)
    assert tile(app, "water").headline.text() == "수질 기준 초과 1곳"  # the last figure stays
    fetch_now(qtbot, app, "tap_water", times=2)
    qtbot.waitUntil(lambda: tile(app, "water").note.text() == "⚠ 일부 자료 연결 끊김 · 마지막 값 표시", timeout=5000)
    fetch_now(qtbot, app, "river", times=3)
    qtbot.waitUntil(lambda: tile(app, "water").note.text() == "⚠ 자료 연결 끊김 · 마지막 값 표시", timeout=5000)
    app.replay.status = 200  # back: the tile recovers by itself on the next polls
    fetch_now(qtbot, app, "tap_water")
    fetch_now(qtbot, app, "river")
    qtbot.waitUntil(lambda: not tile(app, "water").note.text().startswith("⚠"), timeout=5000)


def test_a_source_that_stopped_updating_is_stale(qtbot, overview):
    app = overview
    app.routes.minutes_ago = 240  # the sensors' system still answers, with readings four hours old
    fetch_now(qtbot, app, "tap_water")
    qtbot.waitUntil(lambda: tile(app, "water").note.text() == "⚠ 일부 자료 지연 · 마지막 값 표시", timeout=5000)


def test_prices_and_voices_from_the_simulator_to_their_panels_and_the_map(qtbot, overview):
    app, window = overview, overview.window
    app.controller.state.change(domain=DomainKey.PRICES)
    prices = app.controller.views[DomainKey.PRICES].panel
    qtbot.waitUntil(lambda: prices.table.cells[0][0].text() != "", timeout=5000)
    basket = [cells[0].text() for cells in prices.table.cells if cells[0].text()]
    assert basket[:3] == ["쌀", "배추", "무"] and all(c.text().endswith("원") for c in prices.table.cells[0][1:4])
    assert prices.table.cells[0][4].text().endswith("%")  # three months asked: last month's comparison holds
    # a year's history is not there yet: three months asked, two of them surveyed before the 4th of a month
    assert re.search(r"전년 대비: 기록 [23]개월 \(13개월부터 비교\)", prices.note.text())
    qtbot.waitUntil(lambda: app.window.map.is_ready, timeout=30000)
    qtbot.waitUntil(lambda: ask(qtbot, window.map, "snapshot()")["labels"].get("종로구", "").isdigit(), timeout=5000)
    labels = ask(qtbot, window.map, "snapshot()")["labels"]
    assert all(labels[d].isdigit() and 90 <= int(labels[d]) <= 110 for d in ("종로구", "강남구", "은평구"))

    app.controller.state.change(domain=DomainKey.VOICES, district="종로구")
    voices = app.controller.views[DomainKey.VOICES].panel
    qtbot.waitUntil(lambda: voices.keywords.text().startswith("1. "), timeout=5000)
    assert voices.headline.text().startswith(("민원 급증: ", "급증 민원 없음"))
    qtbot.waitUntil(lambda: voices.calls_total.text().startswith("오늘 120 상담 "), timeout=8000)
    assert voices.table.cells[0][0].text() and "평소" in voices.calls_total.text()
    assert "민원 내용은 표시하지 않습니다" in voices.findChildren(QLabel)[-1].text()
    qtbot.waitUntil(lambda: ask(qtbot, window.map, "snapshot()")["labels"].get("종로구") == "", timeout=5000)
