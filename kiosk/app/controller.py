"""Reads the cache when it changes (on a worker), hands each domain its part, and makes the wall follow
its one navigation state."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from feeds.audit import CAMERA_OPEN, AuditEntry
from kiosk.app.alert_desk import AlertDesk
from kiosk.app.cctv_controller import CameraViews, CctvController
from kiosk.app.chime import Chime
from kiosk.app.child_rows import child_rows
from kiosk.app.domains import DOMAINS, Domain, DomainContext, DomainView
from kiosk.app.domains.base import NoOrders, NoPeople, Orders, People
from kiosk.app.domains.notice import NoticeView
from kiosk.app.idle import IdleWatcher
from kiosk.app.overview import domain_tiles
from kiosk.app.snapshot import WallSnapshot, header_health, read_snapshot, status_rows
from kiosk.app.state import DomainKey, View, WallState
from kiosk.app.window import WallWindow
from kiosk.cache.schema import CCTV_RECORDS
from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.supervised import CHANGES, WAITING, children
from kiosk.tasks import TaskRunner
from widgets.status_panel import StatusRow

AGE_REFRESH_MS = 30_000  # ages and staleness change with time even when nothing is written


class Views(dict):
    """The domains' views by key, each built the first time it is asked for: a domain never opened costs
    neither start-up time nor memory."""

    def __init__(self, build: Callable[[DomainKey], DomainView]):
        super().__init__()
        self._build = build

    def __missing__(self, key: DomainKey) -> DomainView:
        view = self[key] = self._build(key)
        return view


class WallController(QObject):
    """One read per change; the GUI thread only applies snapshots. Iterates over the registered domains."""

    cache_unreadable = Signal()  # a read failed: the owner of the writer may have the file checked

    def __init__(self, config: Config, cache_path: Path, window: WallWindow, clock: Clock, chime: Chime,
                 record_cameras: Callable[[tuple], None] = lambda records: None,
                 domains: tuple[Domain, ...] = DOMAINS, audit: Callable[[AuditEntry], None] = lambda entry: None,
                 people: People = NoPeople(), orders: Orders = NoOrders(),
                 cache_state: Callable[[], tuple[str | None, str | None]] = lambda: (None, None),
                 parent: QObject | None = None):
        super().__init__(parent)
        self.config, self.cache_path, self.window, self._clock, self.chime = config, cache_path, window, clock, chime
        self._cache_state = cache_state  # the writer's (problem, salvage): "캐시 읽기 전용", "캐시 손상 · … 복구"
        self._audit, self._people, self._orders = audit, people, orders
        self.domains = {d.key: d for d in domains}
        live = [d.key for d in domains if d.is_live(config)]
        self.state = WallState(live[0] if live else domains[0].key)
        views = CameraViews(window.cctv_area, window.camera_focus, window.camera_strip, window.map,
                            window.show_camera_focus)
        self.cctv = CctvController(config, views, self.state, record_cameras, clock, self)
        self.last_snapshot: WallSnapshot | None = None
        self.views = Views(self._build_view)
        self.alerts = AlertDesk(config, window.alert_banner, window.notice_bar, chime, self.state,
                                lambda owner, key: self.views[owner].focus(key), self._note)
        self.state.subscribe(self._follow)
        self.idle = IdleWatcher(config.disaster.idle_return_s, self)
        self.idle.idle.connect(self.return_to_overview)
        self._reads = TaskRunner(1, self, name="snapshot")
        self._reading = False
        self._pending: set[DomainKey] | None = set()  # domains to read again once the read in flight is done
        self._again = False
        self._timer = QTimer(self, interval=AGE_REFRESH_MS, timeout=self.refresh)
        window.domain_bar.domain_touched.connect(lambda key: self.state.change(domain=DomainKey(key)))
        window.summary_panel.domain_touched.connect(lambda key: self.state.change(domain=DomainKey(key)))
        window.map.district_clicked.connect(lambda name: self.state.change(district=name))
        window.map.health_changed.connect(self._parts_changed)
        CHANGES.changed.connect(self._parts_changed)
        window.header.set_simulated(any(config.is_simulated(f) for f in config.feeds if f.enabled))

    def _build_view(self, key: DomainKey) -> DomainView:
        """A domain's view, its pages in the window, the last read applied."""
        w, domain = self.window, self.domains[key]
        context = DomainContext(self.config, w.metrics, self.state, w.map, self.cctv, w.camera_strip, w.show_page,
                                self._people, self._orders)
        view = domain.build(context) if domain.is_live(self.config) else NoticeView(context, domain)
        w.add_pages(view.pages)
        if self.last_snapshot is not None and key in self.last_snapshot.domains:
            view.apply(self.last_snapshot.domains[key], self.last_snapshot)
        return view

    def start(self) -> None:
        """Show the home domain, draw from the cache now, then on every change and every 30 s."""
        self._follow(self.state.view, self.state.view)
        self._timer.start()
        self.idle.start()
        self.cctv.start()

    def stop(self) -> None:
        """Stop refreshing, wait for a read in flight, stop the players."""
        CHANGES.changed.disconnect(self._parts_changed)
        self._timer.stop()
        self.idle.stop()
        self._reads.stop()
        self.cctv.stop()

    def return_to_overview(self) -> None:
        """Nobody has touched the wall for a while: the home domain, all of Seoul, the map (alerts stay up)."""
        self.state.go_home()
        self.window.map.focus_incident(None)
        self.window.show_feeds(False)

    def on_cache_updated(self, feed_id: str) -> None:
        """A feed's data or status changed: read the domains it feeds again (the statuses are always read; the
        wall's own camera records change nothing shown)."""
        if feed_id != CCTV_RECORDS:
            self.refresh({k for k, d in self.domains.items() if any(f.id == feed_id for f in d.feeds(self.config))})

    def refresh(self, domains: set[DomainKey] | None = None) -> None:
        """Read the cache on the worker: the statuses, and these domains (None: all) — the others keep their last
        read. Requests that arrive while a read runs are gathered into one read after it."""
        if self._reading:
            self._again = True
            self._pending = None if domains is None or self._pending is None else self._pending | domains
            return
        self._reading = True
        path, config, now, view = self.cache_path, self.config, self._clock(), self.state.view
        chosen = list(self.domains.values()) if domains is None or self.last_snapshot is None else [
            self.domains[k] for k in domains]
        kept = self.last_snapshot.domains if self.last_snapshot else {}
        self._reads.run(lambda: read_snapshot(path, config, now, view, chosen, kept), self._apply)

    def _follow(self, before: View, after: View) -> None:
        """Make the wall show `after`: the domain's selector and page, the district, the camera."""
        if before.domain != after.domain:
            self.views[before.domain].hide()
            self.window.map.focus_place(None, None)  # a domain starts with all of Seoul in view
        self.window.domain_bar.show_selected(after.domain)
        self.window.summary_panel.show_selected(after.domain)
        self.views[after.domain].show(after)
        self.window.map.select_district(after.district)
        if before.camera != after.camera:
            self.cctv.show_focus(after.camera)
            camera = next((c for c in self.cctv.cameras if c.camera_id == after.camera), None)
            if camera is not None:
                self._note(CAMERA_OPEN, camera.name)
        if before == after or (before.domain, before.district) != (after.domain, after.district):
            self.refresh({after.domain})

    def _note(self, action: str, subject: str, outcome: str | None = None) -> None:
        """An action of the mayor's for the audit trail."""
        self._audit(AuditEntry(uuid.uuid4().hex, self._clock(), action, subject, outcome))

    def _apply(self, snapshot: WallSnapshot) -> None:
        self._reading = False
        self.last_snapshot = snapshot
        self._show_health(snapshot)
        if snapshot.error:
            self.cache_unreadable.emit()
        self.cctv.set_its_cameras(snapshot.its_cameras)
        if not snapshot.error:  # an unreadable cache keeps the headlines on show
            self.window.news_ticker.set_items(snapshot.news)
        self.window.summary_panel.set_tiles(domain_tiles(self.domains.values(), self.config, snapshot))
        for key in snapshot.fresh & self.views.keys():  # a view not built yet gets the read when it is
            self.views[key].apply(snapshot.domains[key], snapshot)
        counts = next((d.header(snapshot.domains[k], snapshot) for k, d in self.domains.items()
                       if d.header and k in snapshot.domains), None)
        if counts:
            self.window.header.set_counts(*counts)
        if not snapshot.error:
            self.alerts.update({k: d.alerts(snapshot.domains[k]) for k, d in self.domains.items()
                                if d.alerts and k in snapshot.domains}, snapshot.now)
            self.alerts.set_notices({k: d.notices(snapshot.domains[k]) for k, d in self.domains.items()
                                     if d.notices and k in snapshot.domains})
        if self._again:
            pending, self._again, self._pending = self._pending, False, set()
            self.refresh(pending)

    def _show_health(self, snapshot: WallSnapshot) -> None:
        """The feed list and the header: the feeds' health and the wall's own parts."""
        rows = status_rows(self.config, snapshot.health, snapshot.now)
        self.window.status_panel.set_rows(rows + self._own_rows())
        text, state = header_health(rows, self._parts_down())
        self.window.header.set_health(snapshot.error or text, "down" if snapshot.error else state)

    def _parts_changed(self) -> None:
        """The map or a child went down or came back: say so now, not at the next read."""
        if self.last_snapshot is not None:
            self._show_health(self.last_snapshot)

    def _own_rows(self) -> list[StatusRow]:
        """The wall's own parts that can fail, shown like feeds: the alert chime, the cache, the map while it is
        down or once it has been loaded again (how often), every supervised child."""
        chime, (problem, salvaged), view = self.chime.problem, self._cache_state(), self.window.map
        rows = [StatusRow("경보음 · alert chime", "down", "꺼짐 · off", "", chime)] if chime else []
        if problem or salvaged:
            rows.append(StatusRow("캐시 · cache", "down" if problem else "stale", problem or "새로 시작함", "",
                                  salvaged or ""))
        if view.problem or view.reloads:
            reloads = f"다시 불러옴 {view.reloads}회" if view.reloads else ""
            rows.append(StatusRow("지도 · map", "down" if view.problem else "fresh", view.problem or "정상", reloads))
        return rows + child_rows(children())

    def _parts_down(self) -> list[str]:
        """What the header says before the feeds' words: the map reloading, the cache not written, a child
        the wall is starting again."""
        restarting = dict.fromkeys(c.title.split(" (")[0] for c in children() if c.state == WAITING)  # plain words
        down = [self.window.map.problem, self._cache_state()[0], *(f"{title} 다시 시작 중" for title in restarting)]
        return [text for text in down if text]
