"""A feed's status as the cache records it, and the freshness the wall derives from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from feeds.errors import ErrorKind


class HealthState(StrEnum):
    """What the wall shows about a feed (equal to its string, as stored and styled)."""

    FRESH = "fresh"
    STALE = "stale"
    DOWN = "down"
    WAITING = "waiting"


FRESH, STALE, DOWN, WAITING = HealthState
DOWN_AFTER_FAILURES = 3
STALE_AFTER_INTERVALS = 2
FUTURE_TOLERANCE_S = 600  # clocks differ a little; more than this ahead is a wrong time
SOURCE_STALE, FUTURE = ErrorKind.SOURCE_STALE, ErrorKind.FUTURE  # judged from the source's own time


@dataclass(frozen=True)
class FeedStatus:
    """One feed's last attempt, last success and last error."""

    feed_id: str
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    source_time: datetime | None = None  # the source's own stamp on the last good data
    record_count: int = 0
    consecutive_failures: int = 0
    error_kind: str | None = None  # an ErrorKind, while failing
    last_error: str | None = None


@dataclass(frozen=True)
class FeedHealth:
    """What the wall shows about a feed: its state, why, and how old its data is."""

    state: HealthState
    error_kind: str | None
    message: str | None
    last_success: datetime | None
    source_time: datetime | None

    @property
    def has_data(self) -> bool:
        """True when there are (possibly old) values to show."""
        return self.last_success is not None


def feed_health(status: FeedStatus | None, interval_s: float, now: datetime,
                source_max_age_s: float | None = None) -> FeedHealth:
    """Derive fresh / stale / down from a status, the polling interval and the source's own time.

    A fetch that succeeds is not enough for "fresh": when the feed declares how old its
    source's own time may be (`source_max_age_s`), data stamped older than that is stale
    ("source_stale": the source stopped updating), and data stamped in the future is stale too
    ("future": a wrong clock or a wrong field, either way not to be trusted as current).
    """
    if status is None or (status.last_attempt is None and status.last_success is None):
        return FeedHealth(WAITING, None, None, None, None)
    failing = status.consecutive_failures > 0
    age_s = (now - status.last_success).total_seconds() if status.last_success else None
    kind, message = (status.error_kind, status.last_error) if failing else (None, None)
    if status.last_success is None:
        state = DOWN if failing else WAITING
    elif failing and status.consecutive_failures >= DOWN_AFTER_FAILURES:
        state = DOWN
    elif failing or age_s > STALE_AFTER_INTERVALS * interval_s:
        state = STALE
    else:
        state, kind, message = _judge_source_time(status.source_time, now, source_max_age_s)
    return FeedHealth(state, kind, message, status.last_success, status.source_time)


def _judge_source_time(source_time: datetime | None, now: datetime,
                       max_age_s: float | None) -> tuple[str, str | None, str | None]:
    if source_time is None:
        return FRESH, None, None
    ahead_s = (source_time - now).total_seconds()
    if ahead_s > FUTURE_TOLERANCE_S:
        return STALE, FUTURE, f"source time {source_time.isoformat()} is {ahead_s / 60:.0f} min in the future"
    if max_age_s is not None and -ahead_s > max_age_s:
        return STALE, SOURCE_STALE, f"source data last stamped {source_time.isoformat()} ({-ahead_s / 3600:.1f} h ago)"
    return FRESH, None, None
