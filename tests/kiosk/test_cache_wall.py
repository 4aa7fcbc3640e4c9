"""The wall on a cache it can read but not write: it starts from it, says so, and writes again by itself."""

from PySide6.QtWidgets import QLabel

from kiosk.cache.writer import READ_ONLY
from tests.conftest import free_port
from tests.kiosk.test_cache_recovery import damage, read_only, written_cache
from tests.kiosk.test_wall import wall, write_config  # noqa: F401 (the fixture)


def shown_rows(app) -> str:
    return " ".join(label.text() for label in app.window.status_panel.findChildren(QLabel))


def test_the_wall_starts_read_only_from_a_readable_cache_and_writes_again_once_it_can(qtbot, tmp_path, wall):
    config = write_config(tmp_path, free_port())
    cache = written_cache(tmp_path / "cache.sqlite3", readings=3)
    with read_only(tmp_path, cache):
        app = wall(config)
        assert app.shell.currentWidget() is app.window  # the wall, not "캐시를 열 수 없음"
        qtbot.waitUntil(lambda: app.controller.last_snapshot is not None
                        and len(app.controller.last_snapshot.domains["air"].readings) == 3, timeout=15000)
        qtbot.waitUntil(lambda: app.window.header.health.text().startswith(READ_ONLY), timeout=5000)  # first
        assert "캐시 · cache" in shown_rows(app) and READ_ONLY in shown_rows(app)
        assert app.runtime.writer.problem == READ_ONLY
    qtbot.waitUntil(lambda: app.controller.last_snapshot.health["air"].state == "fresh", timeout=30000)
    assert len(app.controller.last_snapshot.domains["air"].readings) == 25  # the simulator's fetch, written
    qtbot.waitUntil(lambda: app.window.header.health.text() == "데이터 1/1 정상", timeout=5000)
    assert "캐시 · cache" not in shown_rows(app)


def test_a_damaged_cache_at_start_shows_the_operator_what_was_salvaged(qtbot, tmp_path, wall):
    cache = written_cache(tmp_path / "cache.sqlite3", entries=600, readings=2000)
    damage(cache, "air_readings")
    app = wall(write_config(tmp_path, free_port()))
    app.controller.cache_unreadable.emit()  # as a read that met a damaged page does
    qtbot.waitUntil(lambda: "감사 기록 600건" in shown_rows(app), timeout=15000)
    assert "캐시 손상" in shown_rows(app) and list(tmp_path.glob("cache.sqlite3.corrupt-*"))
    qtbot.waitUntil(lambda: app.window.header.health.text() == "데이터 1/1 정상", timeout=15000)  # not the mayor's
