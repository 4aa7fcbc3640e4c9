"""재난안전: open incidents by severity, their pins and districts on the map, the incident sheet with
its nearest cameras, weather warnings beside the 재난문자, today's counts in the header, and its
incidents as alert candidates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from feeds.base import get_feed
from feeds.incidents import KINDS, SEVERITY, DisasterMessage, FireStats, Incident, sort_key
from feeds.records import SEOUL_TZ
from feeds.traffic import WeatherWarning
from kiosk.app import disaster_view
from kiosk.app.domains.actions import Subject, SubjectActions
from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.state import DomainKey, View
from kiosk.config import Config
from widgets.disaster_panel import DisasterPanel
from widgets.incident_item import IncidentItem, headline
from widgets.incident_sheet import IncidentSheet
from widgets.map.layers import incident_cards

MESSAGE_HOURS = 24  # 재난문자 older than this leave the ticker


@dataclass(frozen=True)
class DisasterData:
    """Incidents (open by severity, then recently closed), today's counts, fire figures, 재난문자."""

    feed_ids: tuple[str, ...] = ()
    incidents: list[IncidentItem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # kind -> incidents since midnight in Seoul
    fire_stats: FireStats | None = None
    fire_stats_feed: str | None = None
    messages: list[DisasterMessage] = field(default_factory=list)
    warnings: list[WeatherWarning] = field(default_factory=list)  # 특보 in force, the most severe first


def read_disaster(reader, config: Config, now: datetime, _view: View) -> DisasterData:
    feeds = DISASTER.feeds(config)
    incident_feeds = [f for f in feeds if get_feed(f.kind).record_type is Incident]
    ids = [f.id for f in incident_feeds]
    titles = {f.id: get_feed(f.kind).title for f in incident_feeds}
    closed_since = now - timedelta(seconds=config.disaster.closed_visible_s)
    items = [IncidentItem(f"{feed_id}/{incident.source_id}", incident, feed_id, titles[feed_id])
             for feed_id, incident in reader.incidents(ids, closed_since)]
    items.sort(key=lambda item: sort_key(item.incident))
    midnight = now.astimezone(SEOUL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    stats_feed = next((f for f in feeds if get_feed(f.kind).record_type is FireStats), None)
    stats = reader.latest(stats_feed.id, FireStats) if stats_feed else ()
    return DisasterData(tuple(ids), items, reader.incident_counts(ids, midnight),
                        max(stats, key=lambda s: s.day, default=None), stats_feed.id if stats_feed else None,
                        reader.messages(ids, now - timedelta(hours=MESSAGE_HOURS)), warnings_in_force(reader, feeds))


def warnings_in_force(reader, feeds: list) -> list[WeatherWarning]:
    """Every feed's latest 특보, lifted ones left out, one per kind and level, 경보 before 주의보."""
    found = {(w.kind, w.level): w for f in feeds if WeatherWarning in get_feed(f.kind).record_types
             for w in reader.latest(f.id, WeatherWarning) if not w.cancelled}
    return sorted(found.values(), key=lambda w: (w.level != "경보", w.kind))


def alert_candidates(data: DisasterData) -> list[IncidentItem]:
    return data.incidents


def summary(data: DisasterData) -> tuple[str, str]:
    """"화재 2 · 구급 37" today (the two most severe kinds seen); alert while a major incident is open."""
    seen = sorted((k for k, n in data.counts.items() if n), key=lambda k: -SEVERITY.get(k, 0))[:2]
    text = " · ".join(f"{KINDS[k][0]} {data.counts[k]}" for k in seen) or "오늘 사건 없음"
    open_now = [i.incident for i in data.incidents if not i.incident.closed]
    return text, "alert" if any(i.major for i in open_now) else "watch" if open_now else "ok"


def header_counts(data: DisasterData, snapshot) -> tuple[str, str]:
    return (disaster_view.counts_text(data.counts),
            disaster_view.newest_age(snapshot.health, list(data.feed_ids), snapshot.now))


class DisasterView:
    """The panel and the incident sheet; the pins and districts while the domain is on show."""

    def __init__(self, context: DomainContext):
        self._context = c = context
        self.panel = DisasterPanel(c.metrics)
        self.sheet = IncidentSheet(c.metrics, c.camera_strip)
        self.pages = (self.panel, self.sheet)
        self.items: dict[str, IncidentItem] = {}
        self.data, self.snapshot = DisasterData(), None
        self.open_key: str | None = None
        self._shown = False
        self.panel.incident_selected.connect(self.open_incident)
        self.panel.filter.changed.connect(lambda _kinds: self._show_map())
        c.map.incident_clicked.connect(self.open_incident)
        self.sheet.closed.connect(lambda: c.state.change(sheet=None))
        self.actions = SubjectActions(self.sheet.actions, c, self._subject)
        c.cctv.changed.connect(self._show_cameras)

    def apply(self, data: DisasterData, snapshot) -> None:
        self.data, self.snapshot, now = data, snapshot, snapshot.now
        self.items = {item.key: item for item in data.incidents}
        have_data = any(snapshot.health[i].has_data for i in data.feed_ids)
        self.panel.set_incidents(data.incidents, now, have_data)
        stats_health = snapshot.health.get(data.fire_stats_feed) if data.fire_stats_feed else None
        self.panel.set_fire_stats(data.fire_stats, disaster_view.stats_received_text(data.fire_stats, stats_health, now))
        self.panel.set_messages(data.messages)
        self.panel.set_warnings(data.warnings)
        self.panel.set_problems(disaster_view.feed_problems(self._context.config, snapshot.health, list(data.feed_ids)))
        if self._shown:
            self._show_map()
        if self.open_key in self.items:
            self._fill_sheet(self.items[self.open_key])

    def show(self, view: View) -> None:
        if not self._shown:
            self._shown = True
            self._show_map()
        key = view.sheet if view.sheet in self.items else None
        if key != self.open_key:
            self.open_key = key
            self._context.map.focus_incident(key if key and self.items[key].incident.has_pin else None)
        if key is None:
            self._context.cctv.hide_nearby()
            self._context.show_page(self.panel)
        else:
            self._fill_sheet(self.items[key])
            self._context.show_page(self.sheet)

    def hide(self) -> None:
        self._shown = False
        if self.open_key is not None:
            self.open_key = None
            self._context.cctv.hide_nearby()
            self._context.map.focus_incident(None)
        self._context.map.set_incidents([])

    def focus(self, key: str) -> None:
        """A new alert: the map zooms to it (the sheet opens on a touch)."""
        item = self.items.get(key)
        self._context.map.focus_incident(key if item and item.incident.has_pin else None)

    def open_incident(self, key: str) -> None:
        """A touch on a row or a pin: the incident's sheet (unknown keys are ignored)."""
        if key in self.items:
            self._context.state.change(domain=DomainKey.DISASTER, sheet=key)

    def _fill_sheet(self, item: IncidentItem) -> None:
        now = self.snapshot.now  # items only ever come from a snapshot
        self.sheet.show_item(item, now, disaster_view.source_age(self.snapshot.health.get(item.feed_id), now))
        self.sheet.actions.set_people(self._context.people.for_station(item.incident.agency))  # its vehicles
        self.actions.refresh()
        self._show_cameras()

    def _subject(self) -> Subject | None:
        """The open incident, its station's vehicles suggested for an order."""
        item = self.items.get(self.open_key) if self.open_key else None
        if item is None:
            return None
        return Subject(f"incident:{item.key}", headline(item.incident),
                       self._context.orders.for_station(item.incident.agency))

    def _show_cameras(self) -> None:
        """Play the open incident's nearest usable cameras (re-chosen whenever camera health changes)."""
        item = self.items.get(self.open_key) if self.open_key else None
        if item is None:
            return
        self._context.cctv.show_strip(item.incident.lat, item.incident.lon)

    def _show_map(self) -> None:
        self._context.map.set_incidents(self.panel.visible_items())
        self._context.map.set_districts(incident_cards(self.data.incidents))


DISASTER = Domain(DomainKey.DISASTER, "재난안전", "Disaster & Safety", (Incident, FireStats), read_disaster,
                  DisasterView, header_counts, alert_candidates, summary)
