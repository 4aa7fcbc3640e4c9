"""Per-feed coordinators: a single-shot timer each, one fetch in flight, results to the writer."""

from __future__ import annotations

import logging
import random

import requests
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from feeds.base import get_feed
from kiosk.cache import CacheWriter
from kiosk.clock import Clock, utc_now
from kiosk.config import FeedConfig
from kiosk.fetching import FetchOutcome, fetch_once, store_outcome
from kiosk.retry import retry_delay
from kiosk.tasks import TaskRunner

_LOGGER = logging.getLogger(__name__)
JITTER = 0.1  # +-10 % on every delay, so feeds don't fall into step
STAGGER_S = 2.0  # start-up spacing between feeds
# A watched file's changes are read this long after the last one: an editor writes in steps, and the
# cache stamps a fetch to the second, so two fetches of one feed must not fall within the same second.
SETTLE_MS = 1000


class FeedCoordinator(QObject):
    """Owns one feed's schedule: fetch, store, decide the next delay, log state changes once."""

    def __init__(self, config: FeedConfig, writer: CacheWriter, runner: TaskRunner,
                 clock: Clock = utc_now, rng: random.Random | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.config = config
        self._feed = get_feed(config.kind)
        self._writer, self._runner, self._clock = writer, runner, clock
        self._rng = rng or random.Random()
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "seoul-wall/0.1 (+digital mayor's office)"
        self._timer = QTimer(self, singleShot=True, timeout=self.fetch_now)
        self._in_flight = False
        self._stopped = False
        self._again = False  # a watched file changed while a fetch was in flight
        self._watcher: QFileSystemWatcher | None = None
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS, timeout=self.fetch_now)
        self.failures = 0

    @property
    def next_fetch_ms(self) -> int:
        """Milliseconds until the scheduled fetch (-1 when none is scheduled)."""
        return self._timer.remainingTime()

    def start(self, delay_s: float) -> None:
        """Schedule the first fetch."""
        self._stopped = False
        self._timer.start(int(delay_s * 1000))

    def stop(self) -> None:
        """Cancel the schedule; an outcome still in flight is dropped."""
        self._stopped = True
        self._timer.stop()
        self._settle.stop()
        self._session.close()

    def fetch_now(self) -> None:
        """Start a fetch unless one is already in flight."""
        if self._stopped:
            return
        if self._in_flight:
            self._again = self._watcher is not None
            return
        self._in_flight = True
        feed_id, feed, options, session = self.config.id, self._feed, self.config.options, self._session
        now = self._clock()
        self._runner.run(lambda: fetch_once(feed_id, feed, options, session, now), self._on_fetch_done)

    def _on_fetch_done(self, outcome: FetchOutcome) -> None:
        self._in_flight = False
        if self._stopped:
            return
        store_outcome(self._writer, outcome, self._clock())
        if outcome.ok and self.failures:  # log once on recovery, once on failure
            _LOGGER.warning("feed %s recovered after %d failures", self.config.id, self.failures)
        elif not outcome.ok and not self.failures:
            _LOGGER.warning("feed %s failing (%s): %s", self.config.id, outcome.error_kind, outcome.message)
        self.failures = 0 if outcome.ok else self.failures + 1
        self._watch(set(outcome.watched))
        tick_s = self.config.interval_s / max(1, self._feed.calls_per_interval(self.config.options))
        delay = retry_delay(tick_s, outcome.error_kind, self.failures, outcome.retry_after_s)
        self._timer.start(int(delay * self._rng.uniform(1 - JITTER, 1 + JITTER) * 1000))
        if self._again or self._settle.isActive():  # a change seen meanwhile: read it a second after this one
            self._again = False
            self._settle.start()

    def _watch(self, paths: set[str]) -> None:
        """Follow the files the feed reads (a project folder, listed by the fetch): a change is fetched within
        a second."""
        if self._watcher is None:
            if not paths:
                return
            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(self._settle.start)
            self._watcher.directoryChanged.connect(self._settle.start)
        followed = set(self._watcher.files()) | set(self._watcher.directories())
        if followed - paths:
            self._watcher.removePaths(sorted(followed - paths))
        if paths - followed:
            self._watcher.addPaths(sorted(paths - followed))


class Scheduler(QObject):
    """Every enabled feed's coordinator, sharing one bounded fetch pool."""

    def __init__(self, feeds: tuple[FeedConfig, ...], writer: CacheWriter, clock: Clock = utc_now,
                 rng: random.Random | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._rng = rng or random.Random()
        self.runner = TaskRunner(max(1, min(4, len(feeds))), self, name="fetch")
        self.coordinators = [FeedCoordinator(f, writer, self.runner, clock, self._rng, self)
                             for f in feeds if f.enabled]

    def start(self) -> None:
        """Start every feed, staggered with jitter."""
        for index, coordinator in enumerate(self.coordinators):
            coordinator.start(index * STAGGER_S + self._rng.uniform(0, 1))

    def stop(self, wait_ms: int = 15000) -> None:
        """Stop all schedules and wait for fetches in flight (bounded by their timeouts)."""
        for coordinator in self.coordinators:
            coordinator.stop()
        self.runner.stop(wait_ms)
