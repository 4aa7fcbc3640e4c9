"""교통상황: the hotspots' roads and crowds (citydata), their road links on the map coloured by level,
road incidents and closures from every incident feed, the day's trend, a hotspot's sheet with its
nearest cameras, and a hotspot reaching 붐빔 as an alert candidate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from feeds.base import get_feed
from feeds.bikes import BikeCounts, BikeStation
from feeds.incidents import Incident
from feeds.records import SEOUL_TZ
from feeds.subway import LineStatus
from feeds.traffic import HotspotStatus, RoadLink
from kiosk.app import disaster_view
from kiosk.app.domains.actions import Subject, SubjectActions
from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.snapshot import feed_ids
from kiosk.app.state import DomainKey, View
from kiosk.config import Config
from widgets.hotspot_sheet import HotspotSheet
from widgets.incident_item import IncidentItem
from widgets.map.layers import hotspot_marks, traffic_cards
from widgets.traffic_panel import TrafficPanel, citywide_text

NEARBY_CLOSURE_DEG = 0.012  # ~1.2 km: closures shown on a hotspot's sheet
NEARBY_BIKES_DEG = 0.005  # ~500 m: the 따릉이 stations counted on a hotspot's sheet
SOURCE = "서울시 실시간 도시데이터"


@dataclass(frozen=True)
class TrafficData:
    feed_ids: tuple[str, ...] = ()
    hotspots: tuple[HotspotStatus, ...] = ()  # each place's latest
    links: tuple[RoadLink, ...] = ()
    closures: list[IncidentItem] = field(default_factory=list)  # open road incidents, every incident feed
    trend: list[tuple[datetime, float]] = field(default_factory=list)  # today's mean speed over the hotspots
    crowded_since: dict[str, datetime] = field(default_factory=dict)  # area -> when its present 붐빔 began
    bikes: BikeCounts | None = None  # 따릉이 over Seoul (None: no bike feed)
    bikes_near: dict[str, BikeCounts] = field(default_factory=dict)  # area -> its stations within ~500 m
    lines: tuple[LineStatus, ...] | None = None  # the watched stations' lines (None: no subway feed)


def read_traffic(reader, config: Config, now: datetime, _view: View) -> TrafficData:
    ids = feed_ids(config, HotspotStatus)
    hotspots = {h.area: (feed_id, h) for feed_id in ids for h in reader.latest(feed_id, HotspotStatus)}
    links = {link.link_id: link for feed_id in feed_ids(config, RoadLink) for link in reader.latest(feed_id, RoadLink)}
    titles = {f.id: get_feed(f.kind).title for f in config.feeds if f.enabled
              and get_feed(f.kind).record_type is Incident}
    closures = sorted((IncidentItem(f"{feed_id}/{i.source_id}", i, feed_id, titles[feed_id])
                       for feed_id, i in reader.incidents(list(titles), now) if i.kind == "road" and not i.closed),
                      key=lambda item: item.incident.occurred_at or now, reverse=True)
    midnight = now.astimezone(SEOUL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    bike_ids = feed_ids(config, BikeStation)
    subway_ids = feed_ids(config, LineStatus)
    return TrafficData(tuple(ids), tuple(h for _f, h in hotspots.values()), tuple(links.values()), closures,
                       reader.hotspot_speeds(ids, midnight),
                       {area: reader.crowded_since(feed_id, area) or h.measured_at
                        for area, (feed_id, h) in hotspots.items() if h.crowded},
                       reader.bike_counts(bike_ids) if bike_ids else None,
                       {area: reader.bike_counts(bike_ids, around(h, NEARBY_BIKES_DEG)) for area, (_f, h)
                        in hotspots.items() if bike_ids and h.lat is not None and h.lon is not None},
                       tuple(s for f in subway_ids for s in reader.latest(f, LineStatus)) if subway_ids else None)


def around(status: HotspotStatus, deg: float) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a box around the hotspot."""
    return status.lat - deg, status.lon - deg * 1.25, status.lat + deg, status.lon + deg * 1.25


def crowd_alerts(data: TrafficData) -> list[IncidentItem]:
    """A hotspot at 붐빔 is an alert candidate from the moment its crowding began."""
    return [IncidentItem(h.area, Incident(h.area, "crowd", "인파 붐빔", data.crowded_since.get(h.area, h.measured_at),
                                          h.lat, h.lon, address=h.area, stage="붐빔",
                                          detail=f"약 {h.people}" if h.people else None),
                         data.feed_ids[0], SOURCE) for h in data.hotspots if h.crowded]


def summary(data: TrafficData) -> tuple[str, str]:
    """"평균 24 km/h · 정체 3곳"; alert while a hotspot is at 붐빔, watch with jams."""
    mean, _levels = citywide_text(list(data.hotspots))
    jams = sum(h.road_level == "정체" for h in data.hotspots)
    crowded = [h.area for h in data.hotspots if h.crowded]
    headline = f"{crowded[0]} 붐빔" if crowded else f"평균 {mean} km/h · 정체 {jams}곳"
    return headline, "alert" if crowded else "watch" if jams else "ok"


def near(item: IncidentItem, status: HotspotStatus) -> bool:
    incident = item.incident
    return (incident.has_pin and status.lat is not None and status.lon is not None
            and abs(incident.lat - status.lat) < NEARBY_CLOSURE_DEG and abs(incident.lon - status.lon) < NEARBY_CLOSURE_DEG)


class TrafficView:
    """The panel and a hotspot's sheet; links, hotspots and closures on the map while on show."""

    def __init__(self, context: DomainContext):
        self._context = c = context
        self.panel = TrafficPanel(c.metrics)
        self.sheet = HotspotSheet(c.metrics, c.camera_strip)
        self.pages = (self.panel, self.sheet)
        self.data, self.snapshot = TrafficData(), None
        self.hotspots: dict[str, HotspotStatus] = {}  # the latest read's, by area
        self.open_area: str | None = None
        self._shown = False
        self.panel.hotspot_selected.connect(self.open_hotspot)
        c.map.place_clicked.connect(self.open_hotspot)
        self.sheet.closed.connect(lambda: c.state.change(sheet=None))
        self.actions = SubjectActions(self.sheet.actions, c, self._subject)
        c.cctv.changed.connect(self._show_cameras)

    def apply(self, data: TrafficData, snapshot) -> None:
        self.data, self.snapshot = data, snapshot
        self.hotspots = {h.area: h for h in data.hotspots}
        self.panel.set_hotspots(list(data.hotspots))
        self.panel.set_closures([item.incident for item in data.closures])
        self.panel.set_trend(data.trend)
        self.panel.set_extras(data.bikes, data.lines)
        if data.feed_ids:
            self.panel.set_health(snapshot.health[data.feed_ids[0]], snapshot.now)
        if self._shown:
            self._show_map()
        if self.open_area in self.hotspots:
            self._fill_sheet()

    def show(self, view: View) -> None:
        first = not self._shown
        if first:
            self._shown = True
            self._show_map()
        area = view.sheet if view.sheet in self.hotspots else None
        if first or area != self.open_area:
            self.open_area = area
            status = self.hotspots.get(area) if area else None
            self._context.map.focus_place(*(status.lat, status.lon) if status else (None, None))
        if area is None:
            self._context.cctv.hide_nearby()
            self._context.show_page(self.panel)
        else:
            self._fill_sheet()
            self._context.show_page(self.sheet)

    def hide(self) -> None:
        self._shown = False
        if self.open_area is not None:
            self.open_area = None
            self._context.cctv.hide_nearby()
        self._context.map.focus_place(None, None)
        self._context.map.set_roads([])
        self._context.map.set_places([])
        self._context.map.set_incidents([])

    def focus(self, key: str) -> None:
        """A hotspot reached 붐빔: the map zooms to it (its sheet opens on a touch)."""
        status = self.hotspots.get(key)
        if status is not None:
            self._context.map.focus_place(status.lat, status.lon)

    def open_hotspot(self, area: str) -> None:
        """A touch on a row or a hotspot on the map (unknown areas are ignored)."""
        if area in self.hotspots:
            self._context.state.change(domain=DomainKey.TRAFFIC, sheet=area)

    def _fill_sheet(self) -> None:
        status = self.hotspots[self.open_area]
        closures = [c.incident for c in self.data.closures if near(c, status)]
        health = self.snapshot.health.get(self.data.feed_ids[0]) if self.data.feed_ids else None
        self.sheet.show_status(status, closures, self.snapshot.now, disaster_view.source_age(health, self.snapshot.now),
                               self.data.bikes_near.get(status.area))
        self.sheet.actions.set_people([])  # nobody is linked to a place: an order picks its people or groups
        self.actions.refresh()
        self._show_cameras()

    def _subject(self) -> Subject | None:
        """The open hotspot: an order about it goes to the people or groups the mayor picks."""
        return Subject(f"hotspot:{self.open_area}", self.open_area) if self.open_area in self.hotspots else None

    def _show_cameras(self) -> None:
        """Play the open hotspot's nearest usable cameras."""
        status = self.hotspots.get(self.open_area) if self.open_area else None
        if status is None:
            return
        self._context.cctv.show_strip(status.lat, status.lon)

    def _show_map(self) -> None:
        m = self._context.map
        m.set_roads(list(self.data.links))
        m.set_places(hotspot_marks(self.data.hotspots, frozenset(self.data.crowded_since)))
        m.set_incidents(self.data.closures)  # a touch opens the closure's sheet in 재난안전
        m.set_districts(traffic_cards(self.data.hotspots, self.data.closures))


TRAFFIC = Domain(DomainKey.TRAFFIC, "교통상황", "Traffic", (HotspotStatus, RoadLink, BikeStation, LineStatus),
                 read_traffic, TrafficView, alerts=crowd_alerts, summary=summary)
