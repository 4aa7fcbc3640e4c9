"""상수도: tap water judged against the drinking-water standard (a breach is an alert candidate), the Han
river's stations graded on the map with a sheet each, the waterworks' supply against the month."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from feeds.incidents import Incident
from feeds.water import RIVER_GRADES, SUPPLIED, RiverQuality, TapReading, WaterSupply, river_grade, tap_breaches
from kiosk.app import disaster_view
from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.snapshot import feed_ids
from kiosk.app.state import DomainKey, View
from kiosk.config import Config
from widgets.incident_item import IncidentItem
from widgets.map.layers import river_marks, water_cards
from widgets.river_sheet import RiverSheet
from widgets.water_panel import WaterPanel, breached_text

TREND = timedelta(hours=24)
SUPPLY_DAYS = 30
SOURCE = "아리수 수돗물 수질 · 시 상수도사업본부"
POOR_RIVER = RIVER_GRADES.index("IV 약간 나쁨")  # from here the tile draws the eye


@dataclass(frozen=True)
class WaterData:
    tap_feed: str | None = None
    river_feed: str | None = None
    tap: tuple[TapReading, ...] = ()  # every sensor's latest
    breaching: dict[str, datetime] = field(default_factory=dict)  # point id -> when its present breach began
    tap_trend: list = field(default_factory=list)  # Seoul's last 24 hours, or the touched district's
    river: tuple[RiverQuality, ...] = ()  # each station's latest
    river_trends: dict[str, list] = field(default_factory=dict)  # station -> its last 24 hours
    supply: tuple[WaterSupply, ...] = ()  # every site's figures of the newest day
    supply_trend: list = field(default_factory=list)  # (day, Seoul's 공급량) for the last 30 days


def read_water(reader, config: Config, now: datetime, view: View) -> WaterData:
    tap_ids, river_ids, supply_ids = (feed_ids(config, t) for t in (TapReading, RiverQuality, WaterSupply))
    mine = view.domain == DomainKey.WATER
    tap = tuple(r for f in tap_ids for r in reader.latest(f, TapReading))
    river = {r.station: r for f in river_ids for r in reader.latest(f, RiverQuality)}  # in time order: the newest stays
    breaching = {r.point_id: reader.breach_since(tap_ids[0], r.point_id) or r.measured_at
                 for r in tap if tap_breaches(r)}
    return WaterData(
        tap_ids[0] if tap_ids else None, river_ids[0] if river_ids else None, tap, breaching,
        reader.tap_trend(tap_ids, now - TREND, view.district if mine else None) if tap_ids else [],
        tuple(river.values()), reader.river_trends(river_ids, now - TREND) if river_ids else {},
        reader.newest_supply(supply_ids) if supply_ids else (),
        reader.daily_totals(supply_ids, SUPPLIED, now - timedelta(days=SUPPLY_DAYS + 1)) if supply_ids else [])


def breach_alerts(data: WaterData) -> list[IncidentItem]:
    """A sensor outside the drinking-water standard is an alert candidate from the moment its breach began."""
    return [IncidentItem(f"water/{r.point_id}",
                         Incident(r.point_id, "water", "수돗물 수질 기준 초과", data.breaching.get(r.point_id, r.measured_at),
                                  r.lat, r.lon, address=" ".join(p for p in (r.district, r.dong) if p) or None,
                                  district=r.district, dong=r.dong, stage="기준 초과",
                                  detail=breached_text(r)),
                         data.tap_feed, SOURCE) for r in data.tap if r.point_id in data.breaching]


def summary(data: WaterData) -> tuple[str, str]:
    """"수질 정상", "수질 기준 초과 1곳" (alert), or the river's grade when it is IV or worse (watch)."""
    if data.breaching:
        return f"수질 기준 초과 {len(data.breaching)}곳", "alert"
    grades = [g for r in data.river if (g := river_grade(r)) is not None]
    worst = max(grades, default=None)
    if worst is not None and worst >= POOR_RIVER:
        return f"수질 정상 · 한강 {RIVER_GRADES[worst]}", "watch"
    return ("수질 정상" if data.tap else f"한강 {RIVER_GRADES[worst]}" if worst is not None else "—"), "ok"


class WaterView:
    """The panel and a station's sheet; districts by tap water and stations by grade on the map while on show."""

    def __init__(self, context: DomainContext):
        self._context = c = context
        self.panel = WaterPanel(c.metrics)
        self.sheet = RiverSheet(c.metrics)
        self.pages = (self.panel, self.sheet)
        self.data, self.snapshot = WaterData(), None
        self.stations: dict[str, RiverQuality] = {}
        self._shown = False
        self.panel.station_selected.connect(self.open_station)
        c.map.place_clicked.connect(self.open_station)
        self.sheet.closed.connect(lambda: c.state.change(sheet=None))

    def apply(self, data: WaterData, snapshot) -> None:
        self.data, self.snapshot = data, snapshot
        self.stations = {r.station: r for r in data.river}
        self.panel.set_tap(data.tap, data.breaching)
        self.panel.set_stations(data.river)
        self.panel.set_supply(data.supply, data.supply_trend, snapshot.now)
        self.panel.set_trend(data.tap_trend, self.panel.district)
        if data.tap_feed:
            self.panel.set_health(snapshot.health[data.tap_feed], snapshot.now)
        if self._shown:
            self._show_map()
        if self.sheet.station in self.stations:
            self._fill_sheet(self.sheet.station)

    def show(self, view: View) -> None:
        if not self._shown:
            self._shown = True
            self._show_map()
        self.panel.district = view.district
        station = view.sheet if view.sheet in self.stations else None
        if station is None:
            self.sheet.station = None
            self._context.show_page(self.panel)
        else:
            self._fill_sheet(station)
            self._context.show_page(self.sheet)

    def hide(self) -> None:
        self._shown = False
        self.sheet.station = None
        self._context.map.set_places([])
        self._context.map.set_incidents([])

    def focus(self, key: str) -> None:
        """A sensor left the standard: the map zooms to it."""
        reading = next((r for r in self.data.tap if f"water/{r.point_id}" == key), None)
        if reading is not None:
            self._context.map.focus_place(reading.lat, reading.lon)

    def open_station(self, station: str) -> None:
        """A touch on a station's row or mark (unknown names are ignored)."""
        if station in self.stations:
            self._context.state.change(domain=DomainKey.WATER, sheet=station)

    def _fill_sheet(self, station: str) -> None:
        health = self.snapshot.health.get(self.data.river_feed) if self.data.river_feed else None
        self.sheet.show_reading(self.stations[station], self.data.river_trends.get(station, []),
                                disaster_view.source_age(health, self.snapshot.now))

    def _show_map(self) -> None:
        m = self._context.map
        m.set_districts(water_cards(self.data.tap))
        m.set_places(river_marks(self.data.river))
        m.set_incidents(breach_alerts(self.data))  # the breaching sensors as pins


WATER = Domain(DomainKey.WATER, "상수도", "Water Supply", (TapReading, RiverQuality, WaterSupply),
               read_water, WaterView, alerts=breach_alerts, summary=summary)
