"""One alert path for every domain: a new fire, a hotspot at 붐빔 … rings the chime, moves the wall
to it, and waits on the banner for a touch. Low-priority notices (a project slipping) wait quietly on
the notice bar, which gives way to the banner."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from feeds.audit import ALERT_ACK
from kiosk.app.alerts import AlertQueue
from kiosk.app.chime import Chime
from kiosk.app.state import DomainKey, WallState
from kiosk.config import Config
from widgets.alert_banner import AlertBanner
from widgets.incident_item import IncidentItem, headline
from widgets.notice_bar import Notice, NoticeBar

Focus = Callable[[DomainKey, str], None]  # show where an alert is (the owning domain's view zooms to it)
Note = Callable[[str, str, str | None], None]  # (action, subject, outcome) for the audit trail


class AlertDesk:
    """Collects each domain's alert candidates per snapshot; owns the queue, the banner and the chime."""

    def __init__(self, config: Config, banner: AlertBanner, notice_bar: NoticeBar, chime: Chime, state: WallState,
                 focus: Focus, note: Note = lambda action, subject, outcome: None):
        self.queue = AlertQueue(config.disaster.alert_kinds, config.disaster.alert_recent_s)
        self.banner, self.notice_bar, self.chime, self._state, self._focus = banner, notice_bar, chime, state, focus
        self._note = note
        self._owners: dict[str, DomainKey] = {}
        self._items: dict[str, IncidentItem] = {}
        self._notices: list[tuple[DomainKey, Notice]] = []
        self._seen_notices: set[tuple[str, object]] = set()  # (key, since) acknowledged
        self._now: datetime | None = None
        banner.opened.connect(self._open)
        banner.acknowledged.connect(self.acknowledge)
        notice_bar.opened.connect(self._open_notice)
        notice_bar.acknowledged.connect(self.acknowledge_notices)

    def set_notices(self, notices: dict[DomainKey, list[Notice]]) -> None:
        """The domains' present notices; one acknowledged stays quiet until it starts again (a new `since`)."""
        self._notices = [(owner, n) for owner, listed in notices.items() for n in listed]
        present = {(n.key, n.since) for _o, n in self._notices}
        self._seen_notices &= present
        self._show()

    def acknowledge_notices(self) -> None:
        self._seen_notices |= {(n.key, n.since) for _o, n in self._notices}
        self._show()

    def _open_notice(self, key: str) -> None:
        owner = next((o for o, n in self._notices if n.key == key), None)
        self.acknowledge_notices()
        if owner is not None:
            self._state.change(domain=owner, sheet=key)

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
        """Everything on the banner was seen (one touch for a whole burst); the audit trail notes what."""
        shown = [self._items[k] for k in self.banner.keys if k in self._items]
        if shown:
            more = f" 외 {len(shown) - 1}건" if len(shown) > 1 else ""
            self._note(ALERT_ACK, f"{headline(shown[0].incident)}{more}", None)
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
        waiting = [n for _o, n in self._notices if (n.key, n.since) not in self._seen_notices]
        if waiting and self.banner.isHidden():
            self.notice_bar.show_notices(waiting)
        else:
            self.notice_bar.clear()
