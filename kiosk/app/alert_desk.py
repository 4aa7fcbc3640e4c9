"""One alert path for every domain: a new fire, a hotspot at 붐빔 … rings the chime, moves the wall
to it, and waits on the banner for a touch."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from kiosk.app.alerts import AlertQueue
from kiosk.app.chime import Chime
from kiosk.app.state import DomainKey, WallState
from kiosk.config import Config
from widgets.alert_banner import AlertBanner
from widgets.incident_item import IncidentItem

Focus = Callable[[DomainKey, str], None]  # show where an alert is (the owning domain's view zooms to it)


class AlertDesk:
    """Collects each domain's alert candidates per snapshot; owns the queue, the banner and the chime."""

    def __init__(self, config: Config, banner: AlertBanner, chime: Chime, state: WallState, focus: Focus):
        self.queue = AlertQueue(config.disaster.alert_kinds, config.disaster.alert_recent_s)
        self.banner, self.chime, self._state, self._focus = banner, chime, state, focus
        self._owners: dict[str, DomainKey] = {}
        self._items: dict[str, IncidentItem] = {}
        self._now: datetime | None = None
        banner.opened.connect(self._open)
        banner.acknowledged.connect(self.acknowledge)

    def update(self, candidates: dict[DomainKey, list[IncidentItem]], now: datetime) -> None:
        """A fresh snapshot's candidates: chime for the new ones and show the most severe."""
        self._owners = {item.key: domain for domain, items in candidates.items() for item in items}
        self._items = {item.key: item for items in candidates.values() for item in items}
        self._now = now
        fresh = self.queue.update(list(self._items.values()), now)
        if fresh:
            self.chime.play()
            owner = self._owners[fresh[0]]
            self._state.change(domain=owner, camera=None)  # the map, not a camera, must show where it is
            self._focus(owner, fresh[0])
        self._show()

    def acknowledge(self) -> None:
        """Everything on the banner was seen (one touch for a whole burst)."""
        self.queue.acknowledge(self.banner.keys)
        self._show()

    def _open(self, key: str) -> None:
        self.acknowledge()
        if key in self._owners:
            self._state.change(domain=self._owners[key], sheet=key)

    def _show(self) -> None:
        view = self.queue.view(self._items)
        if view is None or self._now is None:
            self.banner.clear()
        else:
            self.banner.show_alerts(view.top, view.keys, view.by_kind, self._now)
