"""A map page whose renderer dies or hangs is noticed and loaded again with every layer it had."""

import contextlib
import os
import signal
import time
from datetime import datetime, timezone

import pytest
import shiboken6

from feeds.cameras import Camera
from feeds.traffic import HotspotStatus, RoadLink
from tests.map_probe import ask
from tests.widgets.test_map import open_view
from tests.widgets.test_map_incidents import pin
from widgets import theme
from widgets.map.layers import DistrictCard, hotspot_marks
from widgets.map.watch import SILENT_TICKS, reload_delay_s

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
FIRE = pin("d/F-1", "fire", 37.5386, 127.1237)
EMS = pin("e/E-1", "ems", 37.5663, 126.9779, label="구급")


@pytest.fixture
def view(qtbot, tmp_path):
    widget = open_view(qtbot, tmp_path / "map")
    widget.seen = []  # (problem, overlay shown) at each change of the map's health
    widget.health_changed.connect(lambda: widget.seen.append((widget.problem, widget.overlay.isVisible())))
    widget.screens = []  # the share of the view that is plain background, at each change
    widget.health_changed.connect(lambda: widget.screens.append(background_share(widget)))
    yield widget
    shiboken6.delete(widget)


def background_share(view):
    """How much of what the view shows is the wall's plain background (sampled on a 30 × 30 grid)."""
    image = view.grab().toImage()
    points = [(image.width() * (i + 0.5) / 30, image.height() * (j + 0.5) / 30) for i in range(30) for j in range(30)]
    return sum(image.pixelColor(int(x), int(y)).name() == theme.BACKGROUND for x, y in points) / len(points)


def renderer(view):
    pid = view.page().renderProcessPid()
    assert pid > 0
    return pid


def beating_renderer(qtbot, view):
    """The renderer of a page that has beaten (a page still loading has the longer allowance)."""
    with qtbot.waitSignal(view.bridge.beat, timeout=10000):
        pass
    return renderer(view)


def draw_everything(view):
    """Every input once; districts twice and the focus before the last incidents (the wall's order)."""
    view.set_districts({"중구": DistrictCard("#e03131", "151")})
    view.set_districts({"중구": DistrictCard("#1c7ed6", "12")})  # the last state counts, not the history
    view.set_incidents([FIRE])
    view.focus_incident(FIRE.key)
    view.set_incidents([FIRE, EMS])  # a read after the alert: the focus must still find its pin
    view.set_roads([RoadLink("L1", "강남역", "127.0276,37.4979;127.0286,37.4989", level="정체")])
    view.set_places(hotspot_marks([HotspotStatus("광화문", NOW, crowd_level="붐빔", lat=37.5759, lon=126.9769)]))
    view.set_cameras([Camera("c1", "시청 앞", "rtsp://x", lat=37.5663, lon=126.9779)], {})
    view.show_cameras(True)
    view.select_district("중구")


def drawn(qtbot, view):
    state, pins = ask(qtbot, view, "snapshot()"), ask(qtbot, view, "pins()")
    roads = ask(qtbot, view, "roads()")
    return {"중구": (state["fills"]["중구"], state["labels"]["중구"]), "selected": state["selected"],
            "pins": sorted(p["id"] for p in pins["pins"]), "focused": pins["focused"],
            "roads": len(roads["lines"]), "places": sorted(roads["places"]),
            "cameras": sorted(ask(qtbot, view, "cameras()")["cameras"])}


EVERYTHING = {"중구": ("#1c7ed6", "12"), "selected": "중구", "pins": ["d/F-1", "e/E-1"], "focused": "d/F-1",
              "roads": 1, "places": ["광화문"], "cameras": ["c1"]}


def test_a_killed_renderer_is_reloaded_with_every_layer_it_had(qtbot, view):
    draw_everything(view)
    qtbot.waitUntil(lambda: drawn(qtbot, view) == EVERYTHING, timeout=10000)
    framed = ask(qtbot, view, "inView()")["districts"]
    assert len(framed) < 25  # the fire among its neighbours
    drawn_share = background_share(view)
    killed_at = time.monotonic()
    os.kill(renderer(view), signal.SIGKILL)
    qtbot.waitUntil(lambda: view.loads == 2 and view.reloads == 1, timeout=10000)
    assert time.monotonic() - killed_at < 10
    assert view.seen == [("지도 다시 불러오는 중", True), ("", False)]  # the overlay while down, gone once back
    assert view.problem == "" and not view.overlay.isVisible()
    assert view.screens[0] > 0.9 > drawn_share  # the notice covers the dead page (its text is the rest)
    qtbot.waitUntil(lambda: drawn(qtbot, view) == EVERYTHING, timeout=10000)
    assert ask(qtbot, view, "inView()")["districts"] == framed  # the same framing of the fire


def test_an_alert_while_the_map_reloads_is_focused_once_it_is_back(qtbot, view):
    with qtbot.waitSignal(view.health_changed, timeout=10000):
        os.kill(renderer(view), signal.SIGKILL)
    assert view.problem and not view.is_ready
    view.set_incidents([EMS, FIRE])  # the alert's read and its focus, on a map that is not there
    view.focus_incident(FIRE.key)
    qtbot.waitUntil(lambda: view.reloads == 1, timeout=10000)
    qtbot.waitUntil(lambda: ask(qtbot, view, "pins()")["focused"] == FIRE.key, timeout=10000)
    assert "관악구" not in ask(qtbot, view, "inView()")["districts"]  # zoomed in on 강동구, not all of Seoul


def test_a_hung_renderer_is_ended_and_the_page_loaded_again(qtbot, view):
    view.set_districts({"강서구": DistrictCard("#2f9e44", "30")})
    qtbot.waitUntil(lambda: ask(qtbot, view, "snapshot()")["labels"]["강서구"] == "30", timeout=10000)
    hung = beating_renderer(qtbot, view)
    os.kill(hung, signal.SIGSTOP)  # alive, but its page never beats again
    try:
        qtbot.waitUntil(lambda: view.seen == [("지도 다시 불러오는 중", True)], timeout=30000)
        qtbot.waitUntil(lambda: view.reloads == 1, timeout=30000)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(hung, signal.SIGCONT)
    assert view.page().renderProcessPid() != hung
    assert ask(qtbot, view, "snapshot()")["labels"]["강서구"] == "30"


def test_a_hidden_page_is_not_judged_by_its_heartbeat(qtbot, view):
    """Chromium throttles a hidden page's timers (to one a minute after five minutes): a camera shown large for
    long must not cost the map a reload; a hang is judged from when the map is on show again."""
    hung = beating_renderer(qtbot, view)
    view.hide()
    os.kill(hung, signal.SIGSTOP)
    try:
        ticks = []
        view.watch._ticks.timeout.connect(lambda: ticks.append(1))
        qtbot.waitUntil(lambda: len(ticks) >= SILENT_TICKS + 2, timeout=30000)
        assert view.seen == [] and view.watch.deaths == 0
        view.show()
        qtbot.waitUntil(lambda: view.reloads == 1, timeout=30000)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(hung, signal.SIGCONT)


def test_a_second_death_in_a_row_waits_before_loading_again(qtbot, view):
    os.kill(renderer(view), signal.SIGKILL)
    qtbot.waitUntil(lambda: view.reloads == 1, timeout=10000)
    down, started = [], []
    view.watch.down.connect(lambda: down.append(time.monotonic()))
    view.loadStarted.connect(lambda: started.append(time.monotonic()))
    os.kill(renderer(view), signal.SIGKILL)
    qtbot.waitUntil(lambda: view.reloads == 2, timeout=15000)
    assert view.watch.deaths == 2
    assert started[0] - down[0] >= reload_delay_s(2) * 0.9  # Qt's coarse timers fire within 5 %
    assert view.screens[2] > 0.9  # the notice over the page loaded again, too


def test_reload_backoff():
    assert [reload_delay_s(n) for n in range(1, 9)] == [0, 2, 4, 8, 16, 32, 60, 60]
