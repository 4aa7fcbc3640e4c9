"""The whole wall, offscreen, when its map's renderer dies: the header and the feed list say so, and the map
comes back with the air quality it showed."""

import logging
import os
import signal

import pytest

from kiosk.app.snapshot import header_health
from tests.conftest import free_port
from tests.kiosk.test_wall import page_json, wall, write_config  # noqa: F401 (fixture)
from widgets.status_panel import StatusRow

FRESH, DOWN = StatusRow("대기환경", "fresh", "정상", ""), StatusRow("재난안전", "down", "연결 끊김", "")


def air_fills(qtbot, view):
    return set(page_json(qtbot, view)["fills"].values()) - {"#5c6370"}


def test_a_dead_map_is_said_in_the_header_and_comes_back(qtbot, tmp_path, wall, caplog):  # noqa: F811 (fixture)
    app = wall(write_config(tmp_path, free_port()))
    header, view = app.window.header, app.window.map
    qtbot.waitUntil(lambda: header.health.text() == "데이터 1/1 정상", timeout=15000)
    qtbot.waitUntil(lambda: view.is_ready and bool(air_fills(qtbot, view)), timeout=30000)
    shown = air_fills(qtbot, view)
    said = []  # the header and the map's row in the feed list, at each change of the map's health
    view.health_changed.connect(lambda: said.append(
        (header.health.text(), [(r.state, r.state_text, r.age_text) for r in app.window.status_panel.rows
                                if r.title == "지도 · map"])))
    caplog.set_level(logging.WARNING, logger="widgets.map.watch")
    os.kill(view.page().renderProcessPid(), signal.SIGKILL)
    qtbot.waitUntil(lambda: len(said) == 2, timeout=10000)
    assert said == [("지도 다시 불러오는 중", [("down", "지도 다시 불러오는 중", "")]),
                    ("데이터 1/1 정상", [("fresh", "정상", "다시 불러옴 1회")])]
    qtbot.waitUntil(lambda: air_fills(qtbot, view) == shown, timeout=10000)
    said_in_log = [r.message.split(" (")[0] for r in caplog.records if r.name == "widgets.map.watch"]
    assert said_in_log == ["map page down", "map page reloaded"]  # the soak's harness reads these words


@pytest.mark.parametrize("rows, parts_down, said", [
    ([FRESH, FRESH], [], ("데이터 2/2 정상", "fresh")),
    ([FRESH, FRESH], ["지도 다시 불러오는 중"], ("지도 다시 불러오는 중", "down")),
    ([FRESH, DOWN], ["지도 다시 불러오는 중"], ("지도 다시 불러오는 중 · 피드 1개 연결 끊김", "down")),
])
def test_the_header_puts_a_part_that_is_down_first(rows, parts_down, said):
    assert header_health(rows, parts_down) == said
