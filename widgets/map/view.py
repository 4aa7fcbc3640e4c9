"""The map widget: loads the local page, keeps the last JSON update of each input for a page (re)loaded, enforces
offline, and loads the page again when its renderer dies or hangs."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Qt, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (QWebEnginePage, QWebEngineProfile, QWebEngineSettings,
                                     QWebEngineUrlRequestInterceptor)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from feeds.cameras import Camera, CameraHealth
from feeds.records import AirReading
from feeds.traffic import RoadLink
from widgets import theme
from widgets.incident_item import IncidentItem
from widgets.map import layers
from widgets.map.bridge import MapBridge
from widgets.map.watch import BEAT_MS, DOWN_TEXT, RendererWatch

_LOGGER = logging.getLogger(__name__)
LOCAL_SCHEMES = ("file", "qrc", "data", "blob")
SIZES_MM = {"label": 20.0, "value": 20.0, "info": 24.0, "pin": 42.0}
VIEW_CALLS = ("select", "focusIncident", "focusPlace")  # sent again after the layers they point into


class LocalOnlyInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not a local file (or the configured tile host)."""

    def __init__(self, allowed_hosts: tuple[str, ...] = (), parent: Any = None):
        super().__init__(parent)
        self.allowed_hosts = allowed_hosts
        self.blocked: list[str] = []  # appended on the web engine's IO thread

    def interceptRequest(self, info: Any) -> None:  # noqa: N802 (Qt's name)
        url = info.requestUrl()
        if url.scheme() in LOCAL_SCHEMES or (url.scheme() in ("http", "https") and url.host() in self.allowed_hosts):
            return
        self.blocked.append(url.toString())
        info.block(True)


class MapView(QWebEngineView):
    """Seoul's districts and the domains' layers, set through typed methods; touches emit `…_clicked`."""

    district_clicked = Signal(str)
    incident_clicked = Signal(str)
    camera_clicked = Signal(str)
    place_clicked = Signal(str)
    ready = Signal()  # the page has loaded (again) and has every input
    health_changed = Signal()  # the page went down or came back (`problem`, `reloads`)

    def __init__(self, page_path: Path, metrics: theme.Metrics, allowed_hosts: tuple[str, ...] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._metrics = metrics
        profile = QWebEngineProfile.defaultProfile()
        self.interceptor = LocalOnlyInterceptor(allowed_hosts, self)
        profile.setUrlRequestInterceptor(self.interceptor)
        self.setPage(QWebEnginePage(profile, self))
        settings = self.page().settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, bool(allowed_hosts))
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        self.page().setBackgroundColor(theme.BACKGROUND)
        self.bridge = MapBridge(self)
        self.bridge.district_clicked.connect(self.district_clicked)
        self.bridge.incident_clicked.connect(self.incident_clicked)
        self.bridge.camera_clicked.connect(self.camera_clicked)
        self.bridge.place_clicked.connect(self.place_clicked)
        self._channel = QWebChannel(self.page())
        self._channel.registerObject("bridge", self.bridge)
        self.page().setWebChannel(self._channel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.is_ready = False
        self._latest: dict[str, str] = {}  # each function's last call, in the order of the last calls
        self.overlay = self._make_overlay()
        self.watch = RendererWatch(self)
        self.bridge.beat.connect(self.watch.beat)
        self.watch.down.connect(self._on_down)
        self.watch.reload_due.connect(self._load_page)
        self.watch.back.connect(self._on_back)
        self.loadFinished.connect(self._on_load_finished)
        self._url = QUrl.fromLocalFile(str(page_path))
        self._load_page()

    @property
    def problem(self) -> str:
        """"지도 다시 불러오는 중" while the page is down, else empty."""
        return DOWN_TEXT if self.watch.is_down else ""

    @property
    def reloads(self) -> int:
        """How often the page was loaded again after its renderer died or hung."""
        return self.watch.reloads

    def call(self, function: str, *args: Any) -> None:
        """Call `wall.<function>(args…)` with JSON-encoded arguments; the last call of each function is kept for
        the page loaded (again)."""
        code = f"wall.{function}({', '.join(json.dumps(a, ensure_ascii=True) for a in args)});"
        self._latest.pop(function, None)
        self._latest[function] = code
        if self.is_ready:
            self.page().runJavaScript(code)

    def set_districts(self, cards: dict[str, layers.DistrictCard]) -> None:
        """Colour and label the districts; a district without a card is plain."""
        self.call("setDistricts", layers.cards_json(cards))

    def set_air(self, readings: tuple[AirReading, ...]) -> None:
        """The districts coloured by air grade, PM10 under each name."""
        self.set_districts(layers.air_cards(readings))

    def select_district(self, name: str | None) -> None:
        """Highlight a district and open its card (None closes it)."""
        self.call("select", name)

    def set_incidents(self, items: list[IncidentItem]) -> None:
        """Pins for the incidents that have a position."""
        self.call("setIncidents", layers.incident_pins(items))

    def focus_incident(self, pin_id: str | None) -> None:
        """Zoom to an incident and mark it; None returns to the whole city."""
        self.call("focusIncident", pin_id)

    def set_roads(self, links: list[RoadLink]) -> None:
        """Road links as lines coloured by their level (원활/서행/정체)."""
        self.call("setRoads", layers.road_lines(links))

    def set_places(self, marks: list[layers.PlaceMark]) -> None:
        """Places marked by their level (hotspots by crowd, water stations by grade); alerting ones pulse."""
        self.call("setPlaces", [asdict(mark) for mark in marks])

    def focus_place(self, lat: float | None, lon: float | None) -> None:
        """Zoom to a place; None returns to the whole city."""
        self.call("focusPlace", lat, lon)

    def set_cameras(self, cameras: list[Camera], health: dict[str, CameraHealth]) -> None:
        """The camera layer: every camera with a position, by its state."""
        self.call("setCameras", layers.camera_pins(cameras, health))

    def show_cameras(self, shown: bool) -> None:
        """Show or hide the camera layer."""
        self.call("showCameras", shown)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.overlay.setGeometry(self.rect())

    def _make_overlay(self) -> QLabel:
        overlay = QLabel(DOWN_TEXT, self)
        overlay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        overlay.setFont(self._metrics.font(theme.TITLE_MM, bold=True))
        overlay.setStyleSheet(f"color:{theme.TEXT}; background:{theme.BACKGROUND};")
        overlay.hide()
        return overlay

    def _load_page(self) -> None:
        self.watch.loading()
        self.load(self._url)

    def _on_down(self) -> None:
        self.is_ready = False  # calls are kept for the page loaded again
        self.overlay.setGeometry(self.rect())
        self.overlay.show()
        self.overlay.raise_()  # over the render widget the view makes for each new renderer
        self.health_changed.emit()

    def _on_back(self) -> None:
        self.overlay.hide()
        self.health_changed.emit()

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            _LOGGER.warning("map page failed to load")  # no heartbeat follows: the watch loads it again
            return
        self.is_ready = True
        settings = {**layers.page_settings(self._metrics, SIZES_MM), "beat_ms": BEAT_MS}
        self.page().runJavaScript(f"wall.configure({json.dumps(settings, ensure_ascii=True)});")
        for _function, code in sorted(self._latest.items(), key=lambda item: item[0] in VIEW_CALLS):
            self.page().runJavaScript(code)
        self.ready.emit()
