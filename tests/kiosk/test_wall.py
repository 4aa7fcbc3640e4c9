"""The whole wall, offscreen: simulated data on the map and panel, outage and recovery, safe mode."""

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

from kiosk.app.main import WallApp
from kiosk.simulator import start_simulator
from tests.conftest import free_port
from tests.map_probe import ask
from widgets import theme


def write_config(tmp_path, port, extra=""):
    path = tmp_path / "config.toml"
    path.write_text(f"""
[cache]
path = "{tmp_path / 'cache.sqlite3'}"
[simulator]
port = {port}
scripted_outages = false
cameras = false
[[feeds]]
id = "air"
kind = "seoul_air"
[feeds.options]
base_url = "http://127.0.0.1:{port}"
api_key = "SIMULATOR"
timeout_s = 2.0
{extra}""", encoding="utf-8")
    return path


@pytest.fixture
def wall(qtbot, tmp_path):
    apps = []

    def make(config_path):
        app = WallApp(str(config_path), windowed=True, size=QSize(1815, 835))
        apps.append(app)
        app.start()
        return app

    yield make
    for app in apps:
        app.dispose()


def page_json(qtbot, view, call="snapshot()"):
    """What the map page draws, as the test probe reads it ("snapshot()", "pins()", "cameras()")."""
    return ask(qtbot, view, call)


def fetch_and_wait(qtbot, app, expected_state):
    coordinator = app.runtime.scheduler.coordinators[0]
    qtbot.waitUntil(lambda: not coordinator._in_flight, timeout=8000)
    coordinator.fetch_now()
    qtbot.waitUntil(lambda: not coordinator._in_flight, timeout=8000)
    qtbot.waitUntil(lambda: app.controller.last_snapshot.health["air"].state == expected_state, timeout=8000)


def test_simulated_air_quality_from_feed_to_map(qtbot, tmp_path, wall):
    app = wall(write_config(tmp_path, free_port()))
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and len(app.controller.last_snapshot.domains["air"].readings) == 25, timeout=15000)
    window = app.window
    assert window.header.simulation_badge.isVisible()
    assert app.controller.views["air"].panel.grade.text() in ("좋음", "보통", "나쁨", "매우나쁨")
    assert app.controller.views["air"].panel._rank_cells[24][1].text() != ""
    qtbot.waitUntil(lambda: window.map.is_ready, timeout=30000)
    qtbot.waitUntil(lambda: all(page_json(qtbot, window.map)["labels"].values()), timeout=5000)
    fills = set(page_json(qtbot, window.map)["fills"].values())
    assert fills <= {"#1c7ed6", "#2f9e44", "#f08c00", "#e03131", "#5c6370"} and fills != {"#5c6370"}


def test_simulator_killed_then_back(qtbot, tmp_path, wall):
    port = free_port()
    app = wall(write_config(tmp_path, port))
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and app.controller.last_snapshot.health["air"].state == "fresh", timeout=15000)
    panel = app.controller.views["air"].panel
    average = panel.pm10.text()
    app.runtime.simulator.stop()
    fetch_and_wait(qtbot, app, "stale")
    assert panel.state_banner.isVisible() and panel.state_banner.text().startswith("지연")
    assert panel.pm10.text() == average  # the last values stay visible
    fetch_and_wait(qtbot, app, "stale")
    fetch_and_wait(qtbot, app, "down")
    assert panel.state_banner.text().startswith("연결 끊김 — 서비스 응답 없음")
    assert panel.pm10.text() == average
    assert app.window.header.health.text() == "피드 1개 연결 끊김"
    app.runtime.simulator = start_simulator(app.runtime.config)  # the service comes back
    fetch_and_wait(qtbot, app, "fresh")
    assert not panel.state_banner.isVisible()
    assert app.window.header.health.text() == "데이터 1/1 정상"


def test_domains_without_a_feed_say_so(qtbot, tmp_path, wall):
    app = wall(write_config(tmp_path, free_port()))
    touch_px = app.window.metrics.px(theme.TOUCH_MM)
    for button in app.window.domain_bar.buttons.values():  # every touch target >= 20 mm on the glass
        assert min(button.width(), button.height()) >= touch_px
    app.window.domain_bar.buttons["projects"].click()
    notice = app.controller.views["projects"].panel
    assert app.window.domain_stack.currentWidget() is notice
    assert notice.title.text() == "주요사업" and notice.status.text() == "설정되지 않음 · not configured"
    app.window.domain_bar.buttons["water"].click()  # built, but this config has no water feed
    assert "설정되지 않음" in app.controller.views["water"].panel.status.text()
    app.window.domain_bar.buttons["traffic"].click()  # built, but this config has no citydata feed
    assert "설정되지 않음" in app.controller.views["traffic"].panel.status.text()
    app.window.domain_bar.buttons["air"].click()
    assert app.window.domain_stack.currentWidget() is app.controller.views["air"].panel


def test_a_bad_config_shows_safe_mode_then_recovers(qtbot, tmp_path, wall):
    path = write_config(tmp_path, free_port(), extra="[display]\nwidht_mm = 3630\n")
    app = wall(path)
    assert app.window is None and app.shell.currentWidget() is app.safe_mode
    assert "display.widht_mm: unknown key (typo?)" in app.safe_mode.lines.text()
    assert app._retry.isActive()
    path.write_text(path.read_text().replace("widht_mm", "width_mm"))
    app._try_start()  # what the 5 s retry timer does
    assert app.shell.currentWidget() is app.window and app.safe_mode is None
    assert not app._retry.isActive()



def test_a_failing_feed_shows_a_short_korean_reason_and_no_technical_detail(qtbot, tmp_path, wall):
    app = wall(write_config(tmp_path, free_port()))
    qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                    and app.controller.last_snapshot.health["air"].state == "fresh", timeout=15000)
    app.runtime.simulator.set_fault("unavailable")  # HTTP 503 from http://127.0.0.1:…
    fetch_and_wait(qtbot, app, "stale")
    shown = " ".join(label.text() for label in app.window.status_panel.findChildren(QLabel))
    assert "지연 — 서비스 응답 없음" in shown
    assert "HTTP" not in shown and "http" not in shown and "503" not in shown
    assert "HTTP 503" in app.controller.last_snapshot.health["air"].message  # kept for the log and cache show
