"""Which incidents raise the alert banner: the most severe first, gone once closed, a burst as one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from feeds.incidents import SEVERITY
from widgets.incident_item import IncidentItem


@dataclass(frozen=True)
class AlertView:
    """What the banner shows: the incident to open first, and the whole burst by kind."""

    top: IncidentItem
    keys: tuple[str, ...]  # every alert on show, most severe first: one touch acknowledges them all
    by_kind: tuple[tuple[str, int], ...]  # ("화재", 1), ("구조", 3) … most severe kind first


def alert_order(item: IncidentItem) -> tuple:
    """A fire before a rescue before an EMS call; the earliest first within a kind."""
    occurred = item.incident.occurred_at
    return (-SEVERITY.get(item.incident.kind, 0), occurred.timestamp() if occurred else 0.0)


class AlertQueue:
    """Remembers the incidents seen; a new open one of an alerting kind, recent enough, waits here.

    What is remembered stays bounded over weeks: an incident no longer listed is forgotten once it
    could not alert anyway (first seen longer ago than `recent_s`).
    """

    def __init__(self, kinds: tuple[str, ...], recent_s: int):
        self.kinds = frozenset(kinds)
        self.recent = timedelta(seconds=recent_s)
        self.seen: dict[tuple, datetime] = {}  # (key, occurred_at) -> when first seen
        self.pending: set[str] = set()

    def update(self, items: list[IncidentItem], now: datetime) -> list[str]:
        """Note the incidents now known; return the keys that just started to alert, most severe first."""
        fresh = []
        listed = set()
        for item in items:
            seen = (item.key, item.incident.occurred_at)  # a hotspot crowded again is a new alert
            listed.add(seen)
            if seen in self.seen:
                continue
            self.seen[seen] = now
            incident = item.incident
            occurred = incident.occurred_at or now
            if incident.kind in self.kinds and not incident.closed and now - occurred <= self.recent:
                fresh.append(item)
        self.seen = {k: t for k, t in self.seen.items() if k in listed or now - t <= self.recent}
        self.pending.update(item.key for item in fresh)
        return [item.key for item in sorted(fresh, key=alert_order)]

    def view(self, items: dict[str, IncidentItem]) -> AlertView | None:
        """The banner's content; alerts whose incident has closed or left the wall are dropped first."""
        self.pending = {k for k in self.pending if k in items and not items[k].incident.closed}
        if not self.pending:
            return None
        shown = sorted((items[k] for k in self.pending), key=alert_order)
        kinds = Counter(item.incident.kind_label for item in shown)
        return AlertView(shown[0], tuple(item.key for item in shown),
                         tuple((label, kinds[label]) for label in dict.fromkeys(i.incident.kind_label for i in shown)))

    def acknowledge(self, keys: tuple[str, ...]) -> None:
        """The mayor has seen these (a burst is acknowledged with one touch)."""
        self.pending.difference_update(keys)
