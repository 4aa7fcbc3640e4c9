"""The domain contract: a domain is described as data and plugged into the wall's one controller.

A `Domain` says what it is (key, titles), what it reads (record types and a pure `read` of its
part of the cache, run on the snapshot worker), what the header shows for it, which of its
items raise alerts or quiet notices (handed to the wall's one alert desk), its tile in 실시간
도시현황, and how to build its `DomainView` (its panel and sheets, its map layer) from a
`DomainContext` — the narrow set of the wall's parts a domain may use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QWidget

from feeds.base import get_feed
from kiosk.app.state import DomainKey, View, WallState
from kiosk.config import Config, FeedConfig
from widgets import theme

if TYPE_CHECKING:
    from kiosk.app.snapshot import WallSnapshot
    from kiosk.cache import CacheReader
    from widgets.incident_item import IncidentItem
    from widgets.nearby_cameras import NearbyCamerasView
    from widgets.notice_bar import Notice
    from widgets.orders_panel import OrderLine

Reader = Callable[["CacheReader", Config, datetime, View], Any]  # pure: its part of one cache read
Header = Callable[[Any, "WallSnapshot"], tuple[str, str]]  # (counts, their age) for the header
Alerts = Callable[[Any], list["IncidentItem"]]  # the items that may raise the alert banner (pure)
Summary = Callable[[Any], tuple[str, str]]  # (headline, level ok/watch/alert) for the domain's tile (pure)
Notices = Callable[[Any], list["Notice"]]  # low-priority notices, each opening a sheet of the domain (pure)


class MapLayers(Protocol):
    """The map as domains see it (widgets.map.view.MapView): typed layers in, touches out (signals
    `incident_clicked`, `place_clicked`, `district_clicked`)."""

    def set_districts(self, cards: dict) -> None: ...
    def set_air(self, readings: tuple) -> None: ...
    def set_incidents(self, items: list) -> None: ...
    def set_roads(self, links: list) -> None: ...
    def set_places(self, marks: list) -> None: ...
    def focus_incident(self, pin_id: str | None) -> None: ...
    def focus_place(self, lat: float | None, lon: float | None) -> None: ...


class NearbyCameras(Protocol):
    """The CCTV controller as domains see it: the strip's nearest cameras (signal `changed`: choose again)."""

    def show_strip(self, lat: float | None, lon: float | None) -> None: ...
    def hide_nearby(self) -> None: ...


class People(Protocol):
    """Who a sheet offers for a one-touch call, as (contact id, label); nobody when calls are off."""

    def for_station(self, station: str | None) -> list[tuple[str, str]]: ...
    def for_project(self, project_id: str) -> list[tuple[str, str]]: ...
    def dial(self, contact_id: str) -> None: ...


class NoPeople:
    """Calls are off: no sheet offers anyone (and so shows no button)."""

    def for_station(self, station: str | None) -> list[tuple[str, str]]:
        return []

    def for_project(self, project_id: str) -> list[tuple[str, str]]:
        return []

    def dial(self, contact_id: str) -> None:
        pass


class Orders(Protocol):
    """Work orders from a sheet: `offer` asks the mayor which order to give about this subject (to the people
    suggested, or others); `about` the orders given about it; `changed` when any order moved."""

    enabled: bool
    changed: SignalInstance

    def for_station(self, station: str | None) -> tuple[str, ...]: ...
    def for_project(self, project_id: str) -> tuple[str, ...]: ...
    def offer(self, subject: str, subject_name: str, suggested: tuple[str, ...] = ()) -> None: ...
    def about(self, subject: str) -> list[OrderLine]: ...
    def open_panel(self) -> None: ...


class NoOrders(QObject):
    """Work orders are off: no sheet offers one."""

    enabled = False
    changed = Signal()

    def for_station(self, station: str | None) -> tuple[str, ...]:
        return ()

    def for_project(self, project_id: str) -> tuple[str, ...]:
        return ()

    def offer(self, subject: str, subject_name: str, suggested: tuple[str, ...] = ()) -> None:
        pass

    def about(self, subject: str) -> list[OrderLine]:
        return []

    def open_panel(self) -> None:
        pass


@dataclass(frozen=True)
class DomainContext:
    """What a domain's view may touch: the state, the map's typed layers, the shared camera strip, the people
    its sheets may call and give orders to."""

    config: Config
    metrics: theme.Metrics
    state: WallState
    map: MapLayers
    cctv: NearbyCameras
    camera_strip: NearbyCamerasView
    show_page: Callable[[QWidget], None]  # put one of the domain's pages in the panel's place
    people: People = NoPeople()  # who a sheet can call
    orders: Orders = NoOrders()  # and give an order to


class DomainView(Protocol):
    """A domain's widgets and map layer; the controller calls these, nothing else."""

    pages: tuple[QWidget, ...]  # the panel first, then sheets

    def apply(self, data: Any, snapshot: WallSnapshot) -> None:
        """A fresh read of the cache (whether or not the domain is on show)."""

    def show(self, view: View) -> None:
        """The domain is on show at `view` (called on every change while it is)."""

    def hide(self) -> None:
        """Another domain took over: clear the map layer, close sheets."""

    def focus(self, key: str) -> None:
        """An alert of this domain's arrived: show on the map where it is (domains with `alerts` only)."""


@dataclass(frozen=True)
class Domain:
    """One of the wall's domains, as data."""

    key: DomainKey
    title: str  # Korean, as on the selector
    title_en: str
    record_types: tuple[type, ...]
    read: Reader
    build: Callable[[DomainContext], DomainView]
    header: Header | None = None
    alerts: Alerts | None = None
    summary: Summary | None = None
    notices: Notices | None = None

    def feeds(self, config: Config) -> list[FeedConfig]:
        """The enabled feeds whose records this domain reads."""
        return [f for f in config.feeds if f.enabled and set(get_feed(f.kind).record_types) & set(self.record_types)]

    def is_live(self, config: Config) -> bool:
        """Fed by at least one enabled feed."""
        return bool(self.feeds(config))
