"""The wall's life: load the config, start the runtime, show the wall — or safe mode, and retry."""

from __future__ import annotations

import logging
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import shiboken6
from PySide6.QtCore import QObject, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QStackedWidget

from feeds.audit import AUDIT_RECORDS, AuditEntry
from feeds.records import SEOUL_TZ
from kiosk.app.calls_desk import CallsDesk, read_contacts
from kiosk.app.chime import Chime
from kiosk.app.collector import MainThreadCollector
from kiosk.app.controller import WallController
from kiosk.app.domains import DOMAINS, Domain
from kiosk.app.domains.base import NoOrders, NoPeople
from kiosk.app.environment import prepare_environment
from kiosk.app.orders_desk import OrdersDesk, OrdersScreen
from kiosk.app.runtime import Runtime
from kiosk.app.safe_mode import SafeModeScreen
from kiosk.app.service import ServiceHeartbeat
from kiosk.app.window import WallWindow
from kiosk.cache.schema import CCTV_RECORDS
from kiosk.config import Config, ConfigError, config_warnings, find_config, load_config
from kiosk.crash_loop import CrashLoop, state_dir
from kiosk.clock import utc_now
from kiosk.sd_notify import Notifier
from widgets import theme
from widgets.map.page import build_page

_LOGGER = logging.getLogger(__name__)
RETRY_MS = 5000
RETRY_HINT = ("고치면 벽이 스스로 다시 시작합니다 (5초마다 확인).\n"
              "Fix it and the wall starts by itself (checked every 5 s). "
              "`kiosk check-config` lists the same problems.")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, in the environment the wall needs (kiosk/app/environment.py)."""
    prepare_environment()
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("seoul-wall")
    return app


class WallApp(QObject):
    """Shows the wall when config and cache are usable; otherwise safe mode, retried every 5 s."""

    def __init__(self, config_path: str | None, windowed: bool = False, screen: int | None = None,
                 size: QSize | None = None, crash_loop: CrashLoop | None = None,
                 domains: tuple[Domain, ...] = DOMAINS, parent: QObject | None = None):
        super().__init__(parent)
        self.config_path, self.windowed, self.size, self.domains = config_path, windowed, size, domains
        self.crash_loop = crash_loop  # recent crashes: in a loop, start in safe mode instead
        self.screen_index = screen
        self.shell = QStackedWidget()
        self.shell.setWindowTitle("디지털 시민시장실")
        self.shell.setObjectName("shell")
        self.shell.setStyleSheet(f"#shell {{ background:{theme.BACKGROUND}; }}")
        self.runtime: Runtime | None = None
        self.controller: WallController | None = None
        self.calls: CallsDesk | None = None
        self.orders: OrdersDesk | None = None
        self.window: WallWindow | None = None
        self.safe_mode: SafeModeScreen | None = None
        self._map_dir: tempfile.TemporaryDirectory | None = None  # the map page's files, made at start
        self._retry = QTimer(self, singleShot=True, timeout=self._try_start)
        self.heartbeat = ServiceHeartbeat(Notifier(), self)
        self.collector = MainThreadCollector(parent=self)  # Qt objects die on the GUI thread only
        self._stopped = False

    def start(self) -> None:
        """Show the window and bring the wall up (or safe mode)."""
        self.collector.start()
        self.heartbeat.watch(self.shell)
        self._place_window()
        self._try_start()

    def stop(self) -> None:
        """Stop everything the wall started (once); the widgets stay until `dispose`."""
        if self._stopped:
            return
        self._stopped = True
        self._retry.stop()
        self.heartbeat.stop()
        self.collector.stop()
        if self.calls is not None:
            self.calls.stop()
        if self.orders is not None:
            self.orders.stop()
        if self.controller is not None:
            self.controller.stop()
        if self.runtime is not None:
            self.runtime.stop()
        self.shell.hide()

    def dispose(self) -> None:
        """Delete the widgets; call after the event loop has returned (no paint may follow)."""
        self.stop()
        if shiboken6.isValid(self.shell):
            shiboken6.delete(self.shell)  # web pages must go before the web profile does
        if self._map_dir is not None:
            self._map_dir.cleanup()

    def _place_window(self) -> None:
        screens = QGuiApplication.screens()
        index = self.screen_index if self.screen_index is not None else 0
        screen = screens[index] if 0 <= index < len(screens) else QGuiApplication.primaryScreen()
        geometry = screen.geometry()
        if self.windowed:
            size = self.size or QSize(geometry.width() * 2 // 3, geometry.height() * 2 // 3)
            self.shell.setWindowFlag(Qt.WindowType.FramelessWindowHint, self.size is not None)
            self.shell.setGeometry(geometry.x(), geometry.y(), size.width(), size.height())
            self.shell.show()
        else:
            self.shell.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.shell.setGeometry(geometry)
            self.shell.showFullScreen()
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)  # a touch wall has no pointer

    def _metrics(self, config: Config) -> theme.Metrics:
        size = self.shell.size()
        return theme.Metrics.for_window(size.width(), size.height(), config.display.width_mm,
                                        config.display.height_mm)

    def _try_start(self) -> None:
        path = find_config(self.config_path)
        try:
            config = load_config(path)
        except ConfigError as exc:
            self._show_problem(Config(), "설정 오류 · Configuration error", str(path),
                               [str(issue) for issue in exc.issues])
            return
        if self.screen_index is None:
            self.screen_index = config.display.screen
        for warning in config_warnings(config):
            _LOGGER.warning("config: %s", warning)
        if self._in_crash_loop(config):
            return
        runtime = Runtime(config, utc_now, self)
        try:
            runtime.start()
            page = self._map_page(config)
        except (sqlite3.Error, OSError, RuntimeError) as exc:
            runtime.stop()
            runtime.deleteLater()  # retried every 5 s: don't pile up stopped runtimes
            title = ("캐시를 열 수 없음 · Cannot open the cache" if runtime.writer.failed_to_start
                     else "디스크에 쓸 수 없음 · Cannot write to disk")
            self._show_problem(config, title, str(config.cache.resolved_path()), [str(exc)])
            return
        self._retry.stop()
        self._show_wall(config, runtime, page)

    def _map_page(self, config: Config) -> Path:
        """The offline map page, written to a temporary folder (OSError on a full disk)."""
        if self._map_dir is None:
            self._map_dir = tempfile.TemporaryDirectory(prefix="seoul-wall-map-")
        return build_page(Path(self._map_dir.name), config.map.tile_url, config.map.tile_attribution)

    def _show_wall(self, config: Config, runtime: Runtime, page: Path) -> None:
        hosts = (urlsplit(config.map.tile_url).hostname or "",) if config.map.tile_url else ()
        titles = [(d.key, d.title, d.title_en) for d in self.domains]
        self.window = WallWindow(self._metrics(config), page, titles, hosts, config.cctv.grid_tiles, config.cctv.nearest)
        chime = Chime(runtime.cache_path.parent / "chime.wav", config.disaster.chime_volume, self)  # written once
        writer = runtime.writer

        def audit(entry: AuditEntry) -> None:
            writer.submit_records(AUDIT_RECORDS, (entry,), utc_now())

        self.window.contacts_panel.ordering = config.orders.enabled  # a 지시 beside each person
        self.calls = (CallsDesk(config.calls, state_dir(), audit, self.window.contacts_panel, self.window.call_view,
                                self.window.show_call, self.window.show_contacts, self, config.simulator.staff_port)
                      if config.calls.enabled else None)
        self.orders = self._orders_desk(config, runtime, audit) if config.orders.enabled else None
        self.controller = WallController(config, runtime.cache_path, self.window, utc_now, chime,
                                         lambda records: writer.submit_records(CCTV_RECORDS, records, utc_now()),
                                         self.domains, audit, self.calls if self.calls is not None else NoPeople(),
                                         self.orders if self.orders is not None else NoOrders(),
                                         lambda: (writer.problem, writer.salvaged), parent=self)
        runtime.cache_updated.connect(self.controller.on_cache_updated)
        runtime.cache_error.connect(self._on_cache_error)
        self.controller.cache_unreadable.connect(writer.submit_check)
        self.runtime = runtime
        self.shell.addWidget(self.window)
        self.shell.setCurrentWidget(self.window)
        if self.safe_mode is not None:
            self.shell.removeWidget(self.safe_mode)
            self.safe_mode.deleteLater()
            self.safe_mode = None
        self.controller.start()
        if self.calls is not None:
            self.window.header.contacts.show()
            self.calls.start()
        if self.orders is not None:
            self.window.header.orders.show()
            self.orders.start()

    def _orders_desk(self, config: Config, runtime: Runtime, audit: Callable[[AuditEntry], None]) -> OrdersDesk:
        """Work orders to the same people the calls reach (the contacts file)."""
        contacts = (self.calls.contacts if self.calls is not None
                    else read_contacts(config.calls, config.simulator.staff_port)[0])
        window = self.window
        screen = OrdersScreen(window.orders_panel, window.order_form, window.order_bar, window.show_orders)
        desk = OrdersDesk(config.orders, contacts, state_dir(), runtime.cache_path, runtime.writer, audit, screen,
                          self.calls.dial if self.calls is not None else None,
                          simulated=config.simulator.enabled and not config.calls.contacts, parent=self)
        desk.counted.connect(window.header.show_orders)
        if self.calls is not None:  # the contacts show each person's field device as its presence says
            desk.book.presence.connect(self.calls.presence.set_device)
        window.contacts_panel.order_requested.connect(desk.offer_from_contacts)
        return desk

    def _in_crash_loop(self, config: Config) -> bool:
        """Show safe mode instead of the wall after repeated crashes; try the wall again once calm."""
        loop, service, now = self.crash_loop, config.service, time.time()
        if loop is None or not loop.is_loop(service.crash_loop_starts, service.crash_loop_window_s, now):
            return False
        self.crash_loop = None  # once: when the retry comes, the full wall is tried again
        calm_at = loop.calm_at(service.crash_loop_window_s)
        minutes = max(1, round(service.crash_loop_window_s / 60))
        last, count = (loop.report or "").splitlines(), len(loop.recent(service.crash_loop_window_s, now))
        lines = [f"최근 {minutes}분 동안 {count}번 비정상 종료되어 안전 모드로 시작했습니다. / "
                 f"The wall ended abnormally {count} times in {minutes} min.",
                 "데이터 수집, 지도와 영상을 멈추었습니다. / Feeds, map and cameras are stopped."]
        lines += [f"마지막 오류 / last crash: {last[0]}"] if last else []
        at = datetime.fromtimestamp(calm_at, SEOUL_TZ).strftime("%H:%M")
        hint = (f"{at}에 전체 화면을 스스로 다시 시도합니다. 자세한 내용은 로그에 있습니다. / "
                "The full wall is tried again at that time; details are in the log.")
        retry_ms = int(max(5.0, calm_at - now) * 1000)
        self._show_problem(config, "안전 모드 · Safe mode", "", lines, hint, retry_ms=retry_ms)
        return True

    def _show_problem(self, config: Config, title: str, source: str, lines: list[str],
                      hint: str = RETRY_HINT, retry_ms: int = RETRY_MS) -> None:
        _LOGGER.error("%s: %s: %s — %s", title, source, "; ".join(lines), hint.splitlines()[0])
        if self.safe_mode is None:
            self.safe_mode = SafeModeScreen(self._metrics(config))
            self.shell.addWidget(self.safe_mode)
        self.safe_mode.show_problem(title, source, lines, hint)
        self.shell.setCurrentWidget(self.safe_mode)
        self.heartbeat.status(title)
        self._retry.start(retry_ms)

    def _on_cache_error(self, text: str | None) -> None:
        """The writer's news of the cache (`text`, or None when it writes again): the controller shows it with its
        next read."""
        if self.controller is not None:
            self.controller.refresh()

