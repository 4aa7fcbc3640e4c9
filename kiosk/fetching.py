"""One fetch of one feed, with every failure turned into a typed outcome."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime

import requests

from feeds.base import Feed, FeedOptions, FeedResult
from feeds.errors import FeedError, FormatError
from kiosk.cache import CacheWriter

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class FetchOutcome:
    """A result, or the kind and text of the failure."""

    feed_id: str
    result: FeedResult | None = None
    error_kind: str | None = None
    message: str | None = None
    retry_after_s: float | None = None
    watched: tuple[str, ...] = ()  # the paths to follow (a project folder), listed on the fetch's thread

    @property
    def ok(self) -> bool:
        return self.result is not None


def fetch_once(feed_id: str, feed: Feed, options: FeedOptions, session: requests.Session,
               now: datetime) -> FetchOutcome:
    """Run the feed's fetch; never raises (this is a job boundary)."""
    return dataclasses.replace(_fetch(feed_id, feed, options, session, now), watched=_watched(feed_id, feed, options))


def _fetch(feed_id: str, feed: Feed, options: FeedOptions, session: requests.Session, now: datetime) -> FetchOutcome:
    try:
        result = feed.fetch(session, options, now)
        if len(result.records) > options.max_rows:
            raise FormatError(f"{len(result.records)} records, more than max_rows = {options.max_rows}; "
                              "not stored", code="TOO-MANY-ROWS")
        return FetchOutcome(feed_id, result=result)
    except FeedError as exc:
        return FetchOutcome(feed_id, error_kind=exc.kind, message=str(exc),
                            retry_after_s=exc.retry_after_s)
    except Exception as exc:  # a parser bug must not take the feed, or the wall, down
        _LOGGER.exception("feed %s: unexpected error", feed_id)
        return FetchOutcome(feed_id, error_kind="format",
                            message=f"internal error: {type(exc).__name__}: {exc}")


def _watched(feed_id: str, feed: Feed, options: FeedOptions) -> tuple[str, ...]:
    try:
        return tuple(feed.watched(options))
    except OSError as exc:  # a folder gone while it was listed: followed again after the next fetch
        _LOGGER.warning("feed %s: cannot list what to follow: %s", feed_id, exc)
        return ()


def store_outcome(writer: CacheWriter, outcome: FetchOutcome, at: datetime) -> None:
    """Queue an outcome for the cache: the records and a fresh status, or the failure."""
    if outcome.ok:
        writer.submit_result(outcome.feed_id, outcome.result, at)
    else:
        writer.submit_failure(outcome.feed_id, outcome.error_kind, outcome.message, at)
