"""A domain's view tested alone: no window, no web engine — a fake map and camera controller
stand in for the wall's, through the narrow protocols of the domain contract."""

from datetime import datetime, timezone
from types import SimpleNamespace

from PySide6.QtCore import QObject, Signal

from feeds.health import FeedHealth
from feeds.traffic import HotspotStatus, RoadLink
from kiosk.app.domains.base import DomainContext
from kiosk.app.domains.traffic import TrafficData, TrafficView
from kiosk.app.state import DomainKey, WallState
from kiosk.config import Config
from widgets import theme
from widgets.nearby_cameras import NearbyCamerasView

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)


class FakeMap(QObject):
    incident_clicked, place_clicked, district_clicked = Signal(str), Signal(str), Signal(str)

    def __init__(self):
        super().__init__()
        self.calls: list[tuple] = []

    def __getattr__(self, name):  # set_roads, set_places, focus_place …: remembered
        return lambda *args: self.calls.append((name, *args))

    def last(self, name):
        return next(args for call, *args in reversed(self.calls) if call == name)


class FakeCameras(QObject):
    changed = Signal()

    def show_strip(self, lat, lon):
        pass

    def hide_nearby(self):
        pass


def test_the_traffic_view_with_fakes(qtbot):
    state, fake_map, pages = WallState(DomainKey.TRAFFIC), FakeMap(), []
    metrics = theme.Metrics(1.0)
    view = TrafficView(DomainContext(Config(), metrics, state, fake_map, FakeCameras(),
                                     NearbyCamerasView(metrics, 3), pages.append))
    spot = HotspotStatus("강남역", NOW, lat=37.4979, lon=127.0276, road_level="정체", road_speed=12.0, crowd_level="붐빔")
    link = RoadLink("L1", "강남역", "127.0276,37.4979;127.0262,37.5015", level="정체")
    health = {"hotspots": FeedHealth("fresh", None, None, NOW, NOW)}
    view.apply(TrafficData(("hotspots",), (spot,), (link,), crowded_since={"강남역": NOW}),
               SimpleNamespace(now=NOW, health=health))
    view.show(state.view)
    assert pages[-1] is view.panel and view.panel.speed.text() == "12"
    assert fake_map.last("set_roads") == [[link]]
    assert [m.alert for m in fake_map.last("set_places")[0]] == [True]  # crowded: it pulses
    fake_map.place_clicked.emit("강남역")  # a touch reports intent; the state moves
    assert state.view.sheet == "강남역"
    view.show(state.view)
    assert pages[-1] is view.sheet and fake_map.last("focus_place") == [37.4979, 127.0276]
    view.hide()
    assert fake_map.last("set_roads") == [[]] and fake_map.last("focus_place") == [None, None]
