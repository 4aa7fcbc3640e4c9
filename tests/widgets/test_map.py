"""The map page in a real web engine: JSON in, touches out, text as text, nothing remote."""

from datetime import datetime, timezone

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from feeds.cameras import Camera
from feeds.districts import DISTRICTS
from feeds.incidents import Incident
from feeds.traffic import HotspotStatus
from widgets import theme
from tests.map_probe import ask
from widgets.incident_item import IncidentItem
from widgets.map.geometry import seoul_districts
from widgets.map.layers import DistrictCard, hotspot_marks
from widgets.map.page import build_page
from widgets.map.view import MapView

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def open_view(qtbot, path, allowed_hosts=()):
    widget = MapView(build_page(path), theme.Metrics(1.0), allowed_hosts)
    widget.resize(900, 700)
    widget.loads = 0
    widget.loadFinished.connect(lambda ok: setattr(widget, "loads", widget.loads + 1))
    with qtbot.waitSignal(widget.ready, timeout=30000):
        widget.show()
    return widget


@pytest.fixture
def view(qtbot, tmp_path):
    widget = open_view(qtbot, tmp_path / "map")
    yield widget
    shiboken6.delete(widget)  # pages must go before the web profile does


def js(qtbot, view, code):
    results = []
    view.page().runJavaScript(code, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    return results[0]


def snapshot(qtbot, view):
    return ask(qtbot, view, "snapshot()")


def test_all_districts_are_drawn_and_updated_in_place(qtbot, view):
    assert sorted(snapshot(qtbot, view)["fills"]) == sorted(DISTRICTS)
    js(qtbot, view, "window.__sameDocument = 42")
    view.set_districts({"중구": DistrictCard("#e03131", "151"), "강서구": DistrictCard("#1c7ed6", "12")})
    qtbot.waitUntil(lambda: snapshot(qtbot, view)["labels"]["중구"] == "151", timeout=5000)
    state = snapshot(qtbot, view)
    assert state["fills"]["중구"] == "#e03131" and state["fills"]["강서구"] == "#1c7ed6"
    assert state["fills"]["종로구"] == "#5c6370" and state["labels"]["종로구"] == ""
    assert js(qtbot, view, "window.__sameDocument") == 42 and view.loads == 1  # no reload


def test_feed_text_reaches_the_page_only_as_text(qtbot, view):
    view.set_districts({"중구": DistrictCard("#2f9e44", HOSTILE, HOSTILE, (HOSTILE,))})
    view.select_district("중구")
    qtbot.waitUntil(lambda: snapshot(qtbot, view)["selected"] == "중구", timeout=5000)
    state = snapshot(qtbot, view)
    assert HOSTILE in state["info"] and "&lt;img" in state["infoHtml"]
    assert state["images"] == 0 and state["labels"]["중구"] == HOSTILE
    assert js(qtbot, view, "String(window.__pwned)") == "undefined"


PROBE = "var i = new Image(); i.onerror = function () { window.__failed = 1; }; i.src = '%s/probe.png'; 1"


def test_the_page_loads_nothing_remote(qtbot, view, replay):
    js(qtbot, view, PROBE % replay.url)
    qtbot.waitUntil(lambda: js(qtbot, view, "window.__failed === 1") is True, timeout=5000)
    assert replay.paths == []


def test_with_a_tile_host_only_that_host_is_reachable(qtbot, tmp_path, replay):
    view = open_view(qtbot, tmp_path / "map", allowed_hosts=("tiles.invalid",))
    try:
        js(qtbot, view, PROBE % replay.url)
        qtbot.waitUntil(lambda: any("probe.png" in url for url in view.interceptor.blocked), timeout=5000)
        assert replay.paths == []
        view.interceptor.allowed_hosts = ("127.0.0.1",)
        js(qtbot, view, PROBE % f"{replay.url}/again")  # a new URL: the blocked one may be remembered as failed
        qtbot.waitUntil(lambda: replay.paths == ["/again/probe.png"], timeout=5000)
    finally:
        shiboken6.delete(view)


def test_a_touch_on_a_district_reaches_python(qtbot, view):
    qtbot.waitUntil(lambda: snapshot(qtbot, view)["bridge"], timeout=5000)
    point = ask(qtbot, view, "pointOf('송파구')")
    with qtbot.waitSignal(view.district_clicked, timeout=5000) as signal:
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(round(point["x"]), round(point["y"])))
    assert signal.args == ["송파구"]
    assert snapshot(qtbot, view)["selected"] == "송파구"


def test_labels_give_way_fire_over_district_name_over_camera(qtbot, view):
    mapo = next(f for f in seoul_districts()["features"] if f["id"] == "마포구")["properties"]
    jongno = next(f for f in seoul_districts()["features"] if f["id"] == "종로구")["properties"]
    at_mapo = Camera("c1", "마포 카메라 이름이 아주 긴 곳", "rtsp://x", lat=mapo["label_lat"], lon=mapo["label_lon"])
    view.show_cameras(True)
    view.set_cameras([at_mapo], {})
    qtbot.waitUntil(lambda: ask(qtbot, view, "cameras()")["elements"] == 1, timeout=5000)
    qtbot.waitUntil(lambda: ask(qtbot, view, "cameras()")["room"]["c1"] in ("bare", "hidden"), timeout=5000)
    assert "마포구" not in snapshot(qtbot, view)["hidden"]  # the district name keeps its place
    fire = IncidentItem("d/F-1", Incident("F-1", "fire", "화재", lat=jongno["label_lat"], lon=jongno["label_lon"]), "d", "d")
    view.set_incidents([fire])
    qtbot.waitUntil(lambda: "종로구" in snapshot(qtbot, view)["hidden"], timeout=5000)  # the fire's pin wins
    view.set_incidents([])
    qtbot.waitUntil(lambda: "종로구" not in snapshot(qtbot, view)["hidden"], timeout=5000)  # room again


def test_hotspots_never_hide_but_the_less_crowded_gives_up_its_name(qtbot, view):
    at = dict(lat=37.5665, lon=126.978)
    view.set_places(hotspot_marks([HotspotStatus("보통 광장", NOW, crowd_level="보통", **at),
                                   HotspotStatus("붐비는 광장", NOW, crowd_level="붐빔", **at)], frozenset({"붐비는 광장"})))
    qtbot.waitUntil(lambda: len(ask(qtbot, view, "roads()")["places"]) == 2, timeout=5000)
    qtbot.waitUntil(lambda: ask(qtbot, view, "roads()")["places"]["보통 광장"]["bare"], timeout=5000)
    spots = ask(qtbot, view, "roads()")["places"]
    assert not spots["붐비는 광장"]["bare"] and spots["붐비는 광장"]["pulse"]
