"""A feed's status as the cache records it, and the freshness the wall derives from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

FRESH, STALE, DOWN, WAITING = "fresh", "stale", "down", "waiting"
DOWN_AFTER_FAILURES = 3
STALE_AFTER_INTERVALS = 2


@dataclass(frozen=True)
class FeedStatus:
    """One feed's last attempt, last success and last error."""

    feed_id: str
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    source_time: datetime | None = None  # the source's own stamp on the last good data
    record_count: int = 0
    consecutive_failures: int = 0
    error_kind: str | None = None  # auth / quota / unavailable / format, while failing
    last_error: str | None = None


@dataclass(frozen=True)
class FeedHealth:
    """What the wall shows about a feed: its state, why, and how old its data is."""

    state: str  # FRESH / STALE / DOWN / WAITING
    error_kind: str | None
    message: str | None
    last_success: datetime | None
    source_time: datetime | None

    @property
    def has_data(self) -> bool:
        """True when there are (possibly old) values to show."""
        return self.last_success is not None


def feed_health(status: FeedStatus | None, interval_s: float, now: datetime) -> FeedHealth:
    """Derive fresh / stale / down from a status and the feed's polling interval."""
    if status is None or (status.last_attempt is None and status.last_success is None):
        return FeedHealth(WAITING, None, None, None, None)
    failing = status.consecutive_failures > 0
    age_s = (now - status.last_success).total_seconds() if status.last_success else None
    if status.last_success is None:
        state = DOWN if failing else WAITING
    elif failing and status.consecutive_failures >= DOWN_AFTER_FAILURES:
        state = DOWN
    elif failing or age_s > STALE_AFTER_INTERVALS * interval_s:
        state = STALE
    else:
        state = FRESH
    return FeedHealth(state, status.error_kind if failing else None,
                      status.last_error if failing else None,
                      status.last_success, status.source_time)
