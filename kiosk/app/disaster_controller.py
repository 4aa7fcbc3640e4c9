"""재난안전 on the wall: the panel, the map pins, the detail sheet, alerts and the return to overview."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from feeds.incidents import Incident
from kiosk.app import disaster_view
from kiosk.app.alerts import AlertQueue
from kiosk.app.cctv_controller import CctvController
from kiosk.app.chime import Chime
from kiosk.app.snapshot import WallSnapshot, feeds_of
from kiosk.app.window import WallWindow
from kiosk.config import Config
from widgets.incident_item import IncidentItem


class DisasterController(QObject):
    """Applies each snapshot's 재난안전 data; owns which incident is open and which alert is on show."""

    wants_disaster_domain = Signal()  # an alert arrived: show the 재난안전 domain

    def __init__(self, config: Config, window: WallWindow, chime: Chime, cctv: CctvController,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.config, self.window, self.chime, self.cctv = config, window, chime, cctv
        self.feed_ids = [f.id for f in feeds_of(config, Incident)]
        self.alerts = AlertQueue(config.disaster.alert_kinds, config.disaster.alert_recent_s)
        self.active = False  # the 재난안전 domain is on show
        self.open_key: str | None = None
        self.items: dict[str, IncidentItem] = {}
        self.snapshot: WallSnapshot | None = None
        window.disaster_panel.incident_selected.connect(self.open_incident)
        window.disaster_panel.filter.changed.connect(lambda _kinds: self._show_pins())
        window.map.incident_clicked.connect(self.open_incident)
        window.incident_sheet.closed.connect(self.close_incident)
        window.alert_banner.opened.connect(self._open_alert)
        window.alert_banner.acknowledged.connect(self.acknowledge_alerts)
        window.incident_sheet.cctv_slot.camera_selected.connect(cctv.open_camera)
        cctv.changed.connect(self._show_cameras)

    def set_active(self, active: bool) -> None:
        """The domain was switched to (or away from) 재난안전."""
        self.active = active
        if not active:
            self.close_incident()
        self._show_pins()

    def apply(self, snapshot: WallSnapshot) -> None:
        """Show a fresh read of the cache."""
        self.snapshot = snapshot
        data, now = snapshot.disaster, snapshot.now
        self.items = {item.key: item for item in data.incidents}
        self.window.header.set_counts(disaster_view.counts_text(data.counts),
                                      disaster_view.newest_age(snapshot.health, self.feed_ids, now))
        panel = self.window.disaster_panel
        have_data = any(snapshot.health[i].has_data for i in self.feed_ids)
        panel.set_incidents(data.incidents, now, have_data)
        stats_health = snapshot.health.get(data.fire_stats_feed) if data.fire_stats_feed else None
        panel.set_fire_stats(data.fire_stats, disaster_view.stats_received_text(data.fire_stats, stats_health, now))
        panel.set_messages(data.messages)
        panel.set_problems(disaster_view.feed_problems(self.config, snapshot.health, self.feed_ids))
        if self.active:  # leaving the domain already cleared the pins
            self._show_pins()
        if self.open_key in self.items:
            self._fill_sheet(self.items[self.open_key])
        fresh = self.alerts.update(data.incidents, now)
        if fresh:
            self.chime.play()
            self.wants_disaster_domain.emit()
            self.cctv.close_focus()  # the map, not a camera, must show where it is
            self.window.map.focus_incident(fresh[0] if self.items[fresh[0]].incident.has_pin else None)
        self._show_alert()

    def open_incident(self, key: str) -> None:
        """Open the detail sheet for an incident and zoom the map to it (unknown keys are ignored)."""
        item = self.items.get(key)
        if item is None:
            return
        if not self.active:
            self.wants_disaster_domain.emit()
        self.open_key = key
        self._fill_sheet(item)
        self.window.show_incident_sheet()
        self.window.map.focus_incident(key if item.incident.has_pin else None)

    def close_incident(self) -> None:
        """Close the sheet and show all of Seoul again."""
        if self.open_key is None:
            return
        self.open_key = None
        self.cctv.hide_nearby()
        self.window.show_disaster()
        self.window.map.focus_incident(None)

    def acknowledge_alerts(self) -> None:
        """Everything on the banner was seen (one touch for a whole burst)."""
        self.alerts.acknowledge(self.window.alert_banner.keys)
        self._show_alert()

    def return_to_overview(self) -> None:
        """Nobody touched the wall for a while: close the sheet and zoom out (alerts stay up)."""
        self.close_incident()
        self.window.map.focus_incident(None)

    def _open_alert(self, key: str) -> None:
        self.acknowledge_alerts()
        self.open_incident(key)

    def _show_alert(self) -> None:
        view = self.alerts.view(self.items)
        if view is None or self.snapshot is None:
            self.window.alert_banner.clear()
            return
        self.window.alert_banner.show_alerts(view.top, view.keys, view.by_kind, self.snapshot.now)

    def _fill_sheet(self, item: IncidentItem) -> None:
        now = self.snapshot.now  # items only ever come from a snapshot
        health = self.snapshot.health.get(item.feed_id)
        self.window.incident_sheet.show_item(item, now, disaster_view.source_age(health, now))
        self._show_cameras()

    def _show_cameras(self) -> None:
        """Play the open incident's nearest usable cameras (re-chosen whenever camera health changes)."""
        item = self.items.get(self.open_key) if self.open_key else None
        if item is None:
            return
        incident = item.incident
        wanted = bool(incident.has_pin and self.config.cctv.nearest and self.cctv.cameras)
        self.window.incident_sheet.cctv_slot.setVisible(wanted)
        if wanted:
            self.cctv.show_nearby(incident.lat, incident.lon)
        else:
            self.cctv.hide_nearby()

    def _show_pins(self) -> None:
        if not self.active:
            self.window.map.set_incidents([])
            return
        self.window.map.set_incidents(disaster_view.pins(self.window.disaster_panel.visible_items()))
