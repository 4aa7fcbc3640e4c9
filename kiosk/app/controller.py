"""Reads the cache when it changes (on a worker) and applies the result to the wall's widgets."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from feeds.incidents import Incident
from kiosk.app.cctv_controller import CctvController
from kiosk.app.chime import Chime
from kiosk.app.disaster_controller import DisasterController
from kiosk.app.idle import IdleWatcher
from kiosk.app.snapshot import WallSnapshot, air_map_data, feeds_of, overall_health, read_snapshot, status_rows
from kiosk.app.window import WallWindow
from kiosk.cache.schema import CCTV_RECORDS
from kiosk.config import Config
from kiosk.tasks import TaskRunner
from widgets.domain_bar import DOMAINS
from widgets.status_panel import StatusRow

AGE_REFRESH_MS = 30_000  # ages and staleness change with time even when nothing is written
Clock = Callable[[], datetime]


class WallController(QObject):
    """One read per change; the GUI thread only applies snapshots."""

    cache_unreadable = Signal()  # a read failed: the owner of the writer may have the file checked

    def __init__(self, config: Config, cache_path: Path, window: WallWindow, clock: Clock, chime: Chime,
                 record_cameras: Callable[[tuple], None] = lambda records: None, parent: QObject | None = None):
        super().__init__(parent)
        self.config, self.cache_path, self.window, self._clock = config, cache_path, window, clock
        self.home_domain = "disaster" if feeds_of(config, Incident) else "air"
        self.domain = self.home_domain
        self.station: str | None = None
        self.cctv = CctvController(config, window, record_cameras, clock, self)
        self.disaster = DisasterController(config, window, chime, self.cctv, self)
        self.disaster.wants_disaster_domain.connect(lambda: self.window.domain_bar.select("disaster"))
        self.idle = IdleWatcher(config.disaster.idle_return_s, self)
        self.idle.idle.connect(self.return_to_overview)
        self.last_snapshot: WallSnapshot | None = None
        self._reads = TaskRunner(1, self, name="snapshot")
        self._reading = self._again = False
        self._timer = QTimer(self, interval=AGE_REFRESH_MS, timeout=self.refresh)
        window.domain_bar.domain_selected.connect(self.select_domain)
        window.map.district_clicked.connect(self.select_station)
        window.header.set_simulated(any(config.is_simulated(f) for f in config.feeds if f.enabled))

    def start(self) -> None:
        """Draw from the cache now, then on every change and every 30 s."""
        self.window.domain_bar.select(self.home_domain)
        self._timer.start()
        self.idle.start()
        self.cctv.start()
        self.refresh()

    def stop(self) -> None:
        """Stop refreshing, wait for a read in flight, stop the players."""
        self._timer.stop()
        self.idle.stop()
        self._reads.stop()
        self.cctv.stop()

    def return_to_overview(self) -> None:
        """Nobody has touched the wall for a while: back to the home domain and all of Seoul."""
        self.disaster.return_to_overview()
        self.cctv.close_focus()
        if self.domain != self.home_domain:
            self.window.domain_bar.select(self.home_domain)
        self.window.map.select_district(None)

    def on_cache_updated(self, feed_id: str) -> None:
        """A feed's data or status changed (the wall's own camera records change nothing shown)."""
        if feed_id != CCTV_RECORDS:
            self.refresh()

    def refresh(self) -> None:
        """Read the cache on the worker; coalesce requests that arrive while a read runs."""
        if self._reading:
            self._again = True
            return
        self._reading = True
        path, config, now, station = self.cache_path, self.config, self._clock(), self.station
        self._reads.run(lambda: read_snapshot(path, config, now, station), self._apply)

    def select_domain(self, key: str) -> None:
        """Switch the left panel and the map to a domain."""
        self.domain = key
        self.disaster.set_active(key == "disaster")
        if key == "air":
            self.window.show_air()
        elif key == "disaster" and self.disaster.feed_ids:
            self.window.show_disaster()
        else:
            self.window.show_domain_notice(dict((k, ko) for k, ko, _en in DOMAINS)[key])
            self.station = None
            self.window.air_panel.select_station(None)
        self.window.map.select_district(None)
        self.refresh()

    def select_station(self, name: str) -> None:
        """A district was touched on the map: highlight it and show its trend."""
        if self.domain != "air":
            return
        self.station = name
        self.window.air_panel.select_station(name)
        self.refresh()

    def _apply(self, snapshot: WallSnapshot) -> None:
        self._reading = False
        self.last_snapshot = snapshot
        rows = status_rows(self.config, snapshot.health, snapshot.now)
        self.window.status_panel.set_rows(rows + self._own_rows())
        text, state = overall_health(rows)
        self.window.header.set_health(snapshot.error or text, "down" if snapshot.error else state)
        if snapshot.error:
            self.cache_unreadable.emit()
        self._apply_air(snapshot)
        self.cctv.set_its_cameras(snapshot.its_cameras)
        self.disaster.apply(snapshot)
        if self._again:
            self._again = False
            self.refresh()

    def _own_rows(self) -> list[StatusRow]:
        """The wall's own parts that can fail, shown like feeds (today: the alert chime)."""
        problem = self.disaster.chime.problem
        return [StatusRow("경보음 · alert chime", "down", "꺼짐 · off", "", problem)] if problem else []

    def _apply_air(self, snapshot: WallSnapshot) -> None:
        feed = self.config.feed(self.config.panels.air) if self.config.panels.air else None
        if feed is None:
            return
        panel = self.window.air_panel
        panel.set_readings(snapshot.air)
        panel.set_trend(snapshot.air_trend)
        panel.set_health(snapshot.health[feed.id], snapshot.now)
        self.window.map.set_districts(air_map_data(snapshot.air) if self.domain == "air" else {})
