"""Incident pins in the real map page: appear, move, close and cluster without a reload; touches reach Python."""

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from feeds.incidents import Incident
from tests.map_probe import ask
from tests.widgets.test_map import js, open_view
from widgets.incident_item import IncidentItem


@pytest.fixture
def view(qtbot, tmp_path):
    widget = open_view(qtbot, tmp_path / "map")
    yield widget
    shiboken6.delete(widget)


def pins(qtbot, view):
    return ask(qtbot, view, "pins()")


def pin(key, kind, lat, lon, label="화재", open_=True):
    """An incident as the wall lists it (a fire is major; the pin says the kind, or the source's word)."""
    return IncidentItem(key, Incident(key.split("/")[1], kind, label, lat=lat, lon=lon, closed=not open_), "d", "d")


def by_id(state):
    return {p["id"]: p for p in state["pins"]}


def test_pins_appear_move_and_close_in_place(qtbot, view):
    js(qtbot, view, "window.__sameDocument = 7")
    view.set_incidents([pin("d/F-1", "fire", 37.5386, 127.1237),
                        pin("r/A-1", "road", 37.5663, 126.9779, label="공사")])
    qtbot.waitUntil(lambda: len(pins(qtbot, view)["pins"]) == 2, timeout=5000)
    first = by_id(pins(qtbot, view))
    assert "kind-fire" in first["d/F-1"]["cls"] and "pulse" in first["d/F-1"]["cls"]
    assert first["r/A-1"]["text"] == "공사"
    view.set_incidents([pin("d/F-1", "fire", 37.5500, 127.1000),
                        pin("r/A-1", "road", 37.5663, 126.9779, label="공사", open_=False)])
    qtbot.waitUntil(lambda: "closed" in by_id(pins(qtbot, view))["r/A-1"]["cls"], timeout=5000)
    moved = by_id(pins(qtbot, view))["d/F-1"]
    assert (moved["x"], moved["y"]) != (first["d/F-1"]["x"], first["d/F-1"]["y"])
    view.set_incidents([pin("d/F-1", "fire", 37.55, 127.10)])
    qtbot.waitUntil(lambda: list(by_id(pins(qtbot, view))) == ["d/F-1"], timeout=5000)
    assert js(qtbot, view, "window.__sameDocument") == 7 and view.loads == 1


def test_dense_pins_cluster_but_fires_never_do(qtbot, view):
    crowd = [pin(f"e/{n}", "ems", 37.5663 + n * 1e-5, 126.9779, label="구급") for n in range(5)]
    view.set_incidents(crowd + [pin("d/F-1", "fire", 37.5663, 126.9779)])
    qtbot.waitUntil(lambda: len(pins(qtbot, view)["clusters"]) == 1, timeout=5000)
    state = pins(qtbot, view)
    assert state["clusters"][0]["text"] == "5" and sorted(state["clusters"][0]["ids"]) == sorted(p.key for p in crowd)
    assert list(by_id(state)) == ["d/F-1"]
    city = state["zoom"]
    view.focus_incident("e/3")  # zoomed in to one of them: it stands out of its crowd
    qtbot.waitUntil(lambda: pins(qtbot, view)["focused"] == "e/3", timeout=5000)
    state = pins(qtbot, view)
    assert state["zoom"] > city and "focused" in by_id(state)["e/3"]["cls"]
    view.focus_incident(None)
    qtbot.waitUntil(lambda: pins(qtbot, view)["zoom"] == city, timeout=5000)


@pytest.mark.parametrize("size", [(900, 700), (1900, 1300)])
def test_a_focus_shows_the_place_among_its_neighbours_on_any_screen(qtbot, view, size):
    view.resize(*size)
    qtbot.waitUntil(lambda: js(qtbot, view, "innerWidth + 'x' + innerHeight") == "%dx%d" % size, timeout=5000)
    view.focus_incident(None)
    qtbot.waitUntil(lambda: len(ask(qtbot, view, "inView()")["districts"]) == 25, timeout=5000)
    view.set_incidents([pin("r/1", "rescue", 37.4842, 126.9297, label="구조")])  # 관악구 신림동
    view.focus_incident("r/1")
    qtbot.waitUntil(lambda: pins(qtbot, view)["focused"] == "r/1", timeout=5000)
    near = set(ask(qtbot, view, "inView()")["districts"])
    assert {"관악구", "동작구", "금천구", "구로구", "영등포구"} <= near and len(near) < 13  # where, not all of Seoul


def test_pin_text_is_text(qtbot, view):
    view.set_incidents([pin("x/1", "other", 37.5663, 126.9779, label="<b>x")])
    qtbot.waitUntil(lambda: len(pins(qtbot, view)["pins"]) == 1, timeout=5000)
    state = pins(qtbot, view)
    assert state["pins"][0]["text"] == "<b>x" and "&lt;b&gt;x" in state["html"]
    assert js(qtbot, view, "String(window.__pwned)") == "undefined"


def test_a_touch_on_a_pin_reaches_python(qtbot, view):
    qtbot.waitUntil(lambda: ask(qtbot, view, "snapshot()")["bridge"], timeout=5000)
    view.set_incidents([pin("d/F-9", "fire", 37.5386, 127.1237)])
    qtbot.waitUntil(lambda: len(pins(qtbot, view)["pins"]) == 1, timeout=5000)
    where = pins(qtbot, view)["pins"][0]
    with qtbot.waitSignal(view.incident_clicked, timeout=5000) as signal:
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(round(where["x"]), round(where["y"])))
    assert signal.args == ["d/F-9"]
