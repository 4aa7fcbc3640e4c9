"""The domain contract: one owner of navigation state, and a new domain plugged in as data."""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

from feeds.records import AirReading
from kiosk.app.domains import DOMAINS, Domain
from kiosk.app.main import WallApp
from kiosk.app.state import DomainKey, View, WallState
from tests.conftest import free_port
from tests.kiosk.test_wall import write_config
from tests.map_probe import ask
from widgets.map.layers import DistrictCard


def test_one_change_event_per_move_and_a_new_domain_starts_at_all_of_seoul():
    state, heard = WallState(DomainKey.DISASTER), []
    state.subscribe(lambda before, after: heard.append((before, after)))
    state.change(district="송파구", sheet="dispatch/F-1")
    state.change(district="송파구")  # no move, no event
    assert heard == [(View(DomainKey.DISASTER), View(DomainKey.DISASTER, "송파구", "dispatch/F-1"))]
    state.change(domain=DomainKey.AIR, camera="cityhall")
    assert state.view == View(DomainKey.AIR, camera="cityhall")  # district and sheet belong to the old domain
    state.change(domain=DomainKey.DISASTER, sheet="dispatch/F-2")  # an alert opens its sheet in one move
    assert state.view == View(DomainKey.DISASTER, sheet="dispatch/F-2", camera="cityhall")
    state.go_home()
    assert state.view == View(DomainKey.DISASTER) and len(heard) == 4


@dataclass(frozen=True)
class Counted:
    stations: int


class CountView:
    """A domain's whole view: one label, one district card."""

    def __init__(self, context):
        self.context, self.panel, self.count = context, QLabel("—"), 0
        self.pages = (self.panel,)

    def apply(self, data, snapshot):
        self.count = data.stations
        self.panel.setText(f"측정소 {data.stations}곳")

    def show(self, view):
        self.context.map.set_districts({"중구": DistrictCard(label=str(self.count), lines=("시험 분야",))})
        self.context.show_page(self.panel)

    def hide(self):
        pass


STATIONS = Domain(DomainKey.WATER, "측정소", "Stations", (AirReading,),
                  read=lambda reader, config, now, view: Counted(len(reader.latest(config.panels.air, AirReading))),
                  build=CountView)


@pytest.fixture
def app(qtbot, tmp_path):
    domains = tuple(STATIONS if d.key == DomainKey.WATER else d for d in DOMAINS)
    wall = WallApp(str(write_config(tmp_path, free_port())), windowed=True, size=QSize(1815, 835), domains=domains)
    wall.start()
    yield wall
    wall.dispose()


def test_a_domain_registered_as_data_reaches_the_bar_the_controller_and_the_map(qtbot, app):
    button = app.window.domain_bar.buttons["water"]
    assert button.text() == "측정소\nStations"
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and app.controller.last_snapshot.domains.get(DomainKey.WATER) == Counted(25), timeout=15000)
    view = app.controller.views[DomainKey.WATER]
    button.click()
    assert app.controller.state.view == View(DomainKey.WATER)
    assert app.window.domain_stack.currentWidget() is view.panel and view.panel.text() == "측정소 25곳"
    qtbot.waitUntil(lambda: app.window.map.is_ready, timeout=30000)
    qtbot.waitUntil(lambda: ask(qtbot, app.window.map, "snapshot()")["labels"]["중구"] == "25", timeout=5000)


def test_a_programmatic_move_follows_the_state_and_the_bar_emits_only_on_a_touch(qtbot, app):
    touched = []
    app.window.domain_bar.domain_touched.connect(touched.append)
    app.controller.state.change(domain=DomainKey.TRAFFIC)  # as an alert or the idle return moves the wall
    assert app.window.domain_bar.current() == "traffic" and touched == []
    assert app.window.domain_stack.currentWidget() is app.controller.views[DomainKey.TRAFFIC].panel
    app.window.domain_bar.buttons["air"].click()
    assert touched == ["air"] and app.controller.state.view.domain == DomainKey.AIR
    app.controller.return_to_overview()
    assert app.controller.state.view == View(DomainKey.AIR)  # air is the home domain: the only one fed here


def test_a_built_domain_without_an_enabled_feed_says_not_configured(qtbot, tmp_path):
    path = write_config(tmp_path, free_port())
    path.write_text(path.read_text().replace('kind = "seoul_air"', 'kind = "seoul_air"\nenabled = false'))
    wall = WallApp(str(path), windowed=True, size=QSize(1815, 835))
    wall.start()
    try:
        notice = wall.controller.views[DomainKey.AIR].panel
        wall.window.domain_bar.buttons["air"].click()
        assert wall.window.domain_stack.currentWidget() is notice and "설정되지 않음" in notice.status.text()
    finally:
        wall.dispose()


def failing_read(reader, config, now, view):
    raise ValueError("an unexpected value in the cache")


def test_a_domain_whose_read_fails_costs_only_its_own_update(qtbot, tmp_path, caplog):
    broken = Domain(DomainKey.WATER, "측정소", "Stations", (AirReading,), read=failing_read, build=CountView)
    domains = tuple(broken if d.key == DomainKey.WATER else d for d in DOMAINS)
    wall = WallApp(str(write_config(tmp_path, free_port())), windowed=True, size=QSize(1815, 835), domains=domains)
    wall.start()
    try:  # the air domain, fed by the same feed, still updates; the failure is in the log with its traceback
        qtbot.waitUntil(lambda: wall.controller.last_snapshot is not None
                        and len(wall.controller.last_snapshot.domains[DomainKey.AIR].readings) == 25, timeout=15000)
        assert DomainKey.WATER not in wall.controller.last_snapshot.domains
        failed = [r for r in caplog.records if "the water read failed" in r.getMessage()]
        assert failed and "an unexpected value in the cache" in str(failed[0].exc_info[1])
    finally:
        wall.dispose()
