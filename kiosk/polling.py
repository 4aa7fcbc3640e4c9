"""`kiosk poll --once`: each feed fetched once through the normal path into the cache."""

from __future__ import annotations

import time
from typing import Iterator

import requests

from feeds.base import get_feed
from kiosk.simulator import start_simulator
from kiosk.cache import CacheWriter
from kiosk.config import Config, FeedConfig
from kiosk.fetching import fetch_once, store_outcome
from kiosk.clock import utc_now
from widgets.format import clock_text


def poll_once(config: Config, feeds: list[FeedConfig]) -> Iterator[tuple[str, bool]]:
    """Yield one status line and success flag per feed."""
    simulator = start_simulator(config) if config.simulator.enabled else None
    writer = CacheWriter(config.cache.resolved_path(), config.cache.retention_days)
    writer.start(writable=True)  # a poll that cannot write has nothing to do
    try:
        with requests.Session() as session:
            for feed in feeds:
                started = time.monotonic()
                outcome = fetch_once(feed.id, get_feed(feed.kind), feed.options, session, utc_now())
                took = f"{time.monotonic() - started:.2f} s"
                store_outcome(writer, outcome, utc_now())
                writer.flush()
                if writer.last_error:
                    yield f"{feed.id:<12} FAILED  cache write failed: {writer.last_error}  ({took})", False
                elif outcome.ok:
                    stamp = clock_text(outcome.result.source_time) if outcome.result.source_time else "—"
                    yield f"{feed.id:<12} ok      {len(outcome.result.records):>5} records  source {stamp}  ({took})", True
                else:
                    yield f"{feed.id:<12} FAILED  {outcome.error_kind}: {outcome.message}  ({took})", False
    finally:
        writer.stop()
        if simulator is not None:
            simulator.stop()
