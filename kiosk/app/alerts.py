"""Which incidents raise the alert banner, in order, until each is acknowledged."""

from __future__ import annotations

from datetime import datetime, timedelta

from widgets.incident_item import IncidentItem


class AlertQueue:
    """Remembers every incident seen; a new open one of an alerting kind, recent enough, waits here."""

    def __init__(self, kinds: tuple[str, ...], recent_s: int):
        self.kinds = frozenset(kinds)
        self.recent = timedelta(seconds=recent_s)
        self.seen: set[str] = set()
        self.pending: list[str] = []

    def update(self, items: list[IncidentItem], now: datetime) -> list[str]:
        """Note the incidents now known; return the keys that just started to alert."""
        fresh = []
        for item in items:
            if item.key in self.seen:
                continue
            self.seen.add(item.key)
            incident = item.incident
            occurred = incident.occurred_at or now
            if incident.kind in self.kinds and not incident.closed and now - occurred <= self.recent:
                fresh.append(item.key)
        self.pending.extend(fresh)
        return fresh

    @property
    def current(self) -> str | None:
        """The alert on show (the oldest unacknowledged one)."""
        return self.pending[0] if self.pending else None

    def acknowledge(self, key: str) -> None:
        """The mayor has seen it."""
        if key in self.pending:
            self.pending.remove(key)

    def retain(self, keys: set[str]) -> None:
        """Drop alerts for incidents no longer shown (they left the cache's visible window)."""
        self.pending = [k for k in self.pending if k in keys]
