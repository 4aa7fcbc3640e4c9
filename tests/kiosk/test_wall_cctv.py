"""The CCTV parts of the wall, offscreen (no video here: tiles say so): the area, the focus view,
the nearest usable cameras in an incident's sheet, the map's camera layer, secrets kept out."""

import json
import sqlite3

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from feeds.cameras import OFFLINE, CameraHealth
from kiosk.cctv.watchdog import Watchdog, WatchdogSettings
from kiosk.clock import utc_now
from tests.kiosk.test_wall import page_json, wall  # noqa: F401 (fixture)
from tests.map_probe import ask
from tests.kiosk.test_wall_disaster import dispatch, fetch, items, write_config  # noqa: F401 (fixtures)

CAMERAS = """
[[cameras]]
id = "plaza"
name = "서울광장"
url = "rtsp://viewer:s3cret@10.9.9.1/main"
sub_url = "rtsp://viewer:s3cret@10.9.9.1/sub"
lat = 37.5658
lon = 126.9780
[[cameras]]
id = "gwanghwamun"
name = "광화문광장"
url = "https://10.9.9.2/live/playlist.m3u8"
lat = 37.5720
lon = 126.9769
[[cameras]]
id = "gangnam"
name = "강남역"
url = "rtsp://10.9.9.3/live"
lat = 37.4979
lon = 127.0276
[[cameras]]
id = "unplaced"
name = "위치 미상"
url = "rtsp://10.9.9.4/live"
"""


def camera_layer(qtbot, view):
    return page_json(qtbot, view, "cameras()")


def start(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    dispatch.incidents["F-9"] = {"id": "F-9", "type": "화재", "occurred_at": "2026-11-25T09:00:00+09:00",
                                 "lat": 37.5663, "lon": 126.9779, "address": "서울 중구 세종대로 110",
                                 "stages": [{"stage": "출동지령", "at": "2026-11-25T09:00:00+09:00"}]}
    path = write_config(tmp_path, replay.url)
    path.write_text(path.read_text() + CAMERAS, encoding="utf-8")
    app = wall(path)
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and "dispatch/F-9" in items(app.controller.last_snapshot), timeout=15000)
    return app


def test_the_cctv_area_and_the_focus_view(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    app = start(qtbot, tmp_path, wall, dispatch, replay)
    window = app.window
    tiles = window.cctv_area.tiles
    assert [t.name.text() for t in tiles] == ["서울광장", "광화문광장", "강남역", "위치 미상"]
    assert "영상 출력 없음" in tiles[0].placeholder.text()  # offscreen: said plainly, not a black box
    assert min(tiles[0].width(), tiles[0].height()) >= window.metrics.px(20)
    QTest.mouseClick(tiles[1], Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(30, 30))
    assert window.centre.currentWidget() is window.camera_focus
    assert window.camera_focus.tile.name.text() == "광화문광장"
    QTest.mouseClick(window.camera_focus, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert window.centre.currentWidget() is window.map  # one touch returns
    texts = " ".join(w.text() for w in window.findChildren(type(tiles[0].name)))
    assert "s3cret" not in texts and "viewer" not in texts


def test_the_sheet_shows_the_nearest_usable_cameras(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    app = start(qtbot, tmp_path, wall, dispatch, replay)
    window, cctv = app.window, app.controller.cctv
    app.controller.views["disaster"].open_incident("dispatch/F-9")
    slot = app.controller.views["disaster"].sheet.cctv_slot

    def shown():
        return [t.name.text() for t in slot.tiles if not t.isHidden()]

    assert slot.isVisible()
    assert shown() == ["서울광장 · 60 m", "광화문광장 · 640 m"]  # 강남역, 8.8 km away, is not "nearby"
    assert not slot.note.isVisible()
    cctv.health["plaza"] = CameraHealth("plaza", OFFLINE, failures=4, problem="연결 거부 · refused")
    cctv.changed.emit()  # as the watchdog reports it
    assert shown() == ["광화문광장 · 640 m"]
    assert slot.note.isVisible() and slot.note.text().startswith("가장 가까운 카메라 1대 오프라인")
    QTest.mouseClick(slot.tiles[0], Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(30, 30))
    assert window.centre.currentWidget() is window.camera_focus
    assert window.camera_focus.tile.name.text() == "광화문광장"
    app.controller.views["disaster"].sheet.close_button.click()
    assert all(t.camera is None for t in slot.tiles)  # the sheet's tiles stop with it


def test_the_camera_layer_on_the_map(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    app = start(qtbot, tmp_path, wall, dispatch, replay)
    window = app.window
    qtbot.waitUntil(lambda: window.map.is_ready, timeout=30000)
    qtbot.waitUntil(lambda: camera_layer(qtbot, window.map)["elements"] == 3, timeout=5000)
    layer = camera_layer(qtbot, window.map)
    assert layer["shown"] and set(layer["cameras"]) == {"plaza", "gwanghwamun", "gangnam"}
    qtbot.waitUntil(lambda: ask(qtbot, window.map, "snapshot()")["bridge"], timeout=5000)
    ask(qtbot, window.map, "cameraTouch('gangnam')")  # a touch on the pin
    qtbot.waitUntil(lambda: window.centre.currentWidget() is window.camera_focus, timeout=5000)
    assert window.camera_focus.tile.name.text() == "강남역" and app.controller.state.view.camera == "gangnam"
    window.camera_focus.closed.emit()
    assert window.centre.currentWidget() is window.map
    window.cctv_area.layer_button.click()
    qtbot.waitUntil(lambda: not camera_layer(qtbot, window.map)["shown"], timeout=5000)


def test_the_catalogue_is_cached_without_secrets(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    app = start(qtbot, tmp_path, wall, dispatch, replay)
    app.runtime.writer.flush()
    with sqlite3.connect(tmp_path / "cache.sqlite3") as conn:
        urls = dict(conn.execute("SELECT camera_id, url FROM cameras WHERE feed_id = '_cctv'").fetchall())
    assert urls["plaza"] == "rtsp://***@10.9.9.1/main" and len(urls) == 4


class ScriptedStream:
    """A play session that never shows a frame and ends at once (as a relay refused)."""

    def frames(self):
        return 0

    def frame_size(self):
        return (320, 180)

    def problem(self):
        return "연결 거부 · refused"

    def close(self):
        pass


def test_a_fresh_its_list_gives_the_next_attempt_its_new_token(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    token = ["t1"]
    dispatch_body = replay.body
    its = {"response": {"coordtype": 1, "datacount": 1, "data": {
        "coordx": 126.99, "coordy": 37.51, "cctvname": "[올림픽대로] 반포대교", "cctvtype": 4, "cctvformat": "HLS"}}}

    def body(path):
        if not path.startswith("/cctvInfo"):
            return dispatch_body(path)
        its["response"]["data"]["cctvurl"] = f"https://cctv.example/1/playlist.m3u8?wmsAuthSign={token[0]}"
        return json.dumps(its, ensure_ascii=False).encode()

    replay.body = body
    path = write_config(tmp_path, replay.url)
    path.write_text(path.read_text() + f"""[[feeds]]
id = "its"
kind = "its_cctv"
interval_s = 3600
[feeds.options]
base_url = "{replay.url}"
api_key = "K"
[cctv]
grid_tiles = 1
""", encoding="utf-8")
    app = wall(path)
    cctv = app.controller.cctv
    qtbot.waitUntil(lambda: len(cctv.its_cameras) == 1, timeout=15000)
    opened = []
    cctv.grid = [(cctv.area.tiles[0], Watchdog(lambda url: opened.append(url) or ScriptedStream(),
                                               WatchdogSettings(stall_s=5, retry_max_s=1), utc_now))]
    cctv.area.tiles[0].set_camera(None)
    cctv._reflow()  # the grid's one tile now plays the ITS camera
    assert opened == ["https://cctv.example/1/playlist.m3u8?wmsAuthSign=t1"]
    token[0] = "t2"
    coordinator = next(c for c in app.runtime.scheduler.coordinators if c.config.id == "its")
    coordinator.fetch_now()
    qtbot.waitUntil(lambda: "t2" in cctv.its_cameras[0].url, timeout=8000)

    def retried():
        cctv._tick()
        return len(opened) > 1

    qtbot.waitUntil(retried, timeout=8000)
    assert opened[-1].endswith("wmsAuthSign=t2")
    assert cctv.health[cctv.its_cameras[0].camera_id].problem == "연결 거부 · refused"


def test_a_new_fire_brings_the_map_back_from_a_camera(qtbot, tmp_path, wall, dispatch, replay):  # noqa: F811
    app = start(qtbot, tmp_path, wall, dispatch, replay)
    app.controller.cctv.open_camera("plaza")
    assert app.window.centre.currentWidget() is app.window.camera_focus
    dispatch.fire(("출동지령", 1), occurred=1)
    fetch(qtbot, app, lambda s: "dispatch/F-1" in items(s))
    assert app.window.alert_banner.isVisible()
    assert app.window.centre.currentWidget() is app.window.map
