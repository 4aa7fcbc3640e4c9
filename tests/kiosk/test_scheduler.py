"""Feed coordinators: fetch into the cache, one fetch in flight, retry by error type, staggered start."""

import random

import pytest

from feeds.base import get_feed
from feeds.records import AirReading
from kiosk.cache import CacheReader, CacheWriter
from kiosk.config import FeedConfig
from kiosk.scheduler import Scheduler


def feed_config(url, feed_id="air", key="TESTKEY", interval_s=300, timeout_s=5.0):
    options = get_feed("seoul_air").options(base_url=url, api_key=key, timeout_s=timeout_s)
    return FeedConfig(id=feed_id, kind="seoul_air", interval_s=interval_s, options=options)


@pytest.fixture
def writer(tmp_path):
    w = CacheWriter(tmp_path / "c.sqlite3", 30)
    w.start()
    yield w
    w.stop()


@pytest.fixture
def make_scheduler(writer):
    made = []

    def make(*feeds):
        scheduler = Scheduler(feeds, writer, rng=random.Random(7))
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        scheduler.stop()


def status(writer):
    writer.flush()
    with CacheReader(writer.path) as reader:
        return reader.statuses().get("air"), len(reader.latest("air", AirReading))


def test_a_fetch_lands_in_the_cache_and_reschedules(qtbot, simulator, writer, make_scheduler):
    coordinator = make_scheduler(feed_config(simulator.url)).coordinators[0]
    coordinator.fetch_now()
    qtbot.waitUntil(lambda: status(writer)[1] == 25, timeout=5000)
    assert 270_000 <= coordinator.next_fetch_ms <= 330_000  # the interval, +-10 % jitter


def test_failures_retry_soon_and_recovery_resets(qtbot, simulator, writer, make_scheduler):
    coordinator = make_scheduler(feed_config(simulator.url)).coordinators[0]
    simulator.set_fault("unavailable")
    for expected_s in (15, 30):
        coordinator.fetch_now()
        qtbot.waitUntil(lambda: not coordinator._in_flight, timeout=5000)
        assert expected_s * 900 <= coordinator.next_fetch_ms <= expected_s * 1100
    assert status(writer)[0].consecutive_failures == 2
    simulator.set_fault(None)
    coordinator.fetch_now()
    qtbot.waitUntil(lambda: status(writer)[0].consecutive_failures == 0, timeout=5000)
    assert coordinator.failures == 0


def test_a_refused_key_waits_long(qtbot, simulator, writer, make_scheduler):
    coordinator = make_scheduler(feed_config(simulator.url, key="WRONG")).coordinators[0]
    coordinator.fetch_now()
    qtbot.waitUntil(lambda: status(writer)[0] is not None, timeout=5000)
    assert status(writer)[0].error_kind == "auth"
    assert coordinator.next_fetch_ms >= 900_000 * 0.9


def test_only_one_fetch_in_flight(qtbot, replay, writer, make_scheduler):
    replay.hang.set()
    coordinator = make_scheduler(feed_config(replay.url, key="K", timeout_s=1.0)).coordinators[0]
    coordinator.fetch_now()
    coordinator.fetch_now()
    qtbot.waitUntil(lambda: not coordinator._in_flight, timeout=5000)
    assert len(replay.paths) == 1
    assert status(writer)[0].error_kind == "unavailable"


def test_start_is_staggered(simulator, make_scheduler):
    scheduler = make_scheduler(feed_config(simulator.url, "a"), feed_config(simulator.url, "b"),
                               feed_config(simulator.url, "c"))
    scheduler.start()
    delays = [c.next_fetch_ms for c in scheduler.coordinators]
    assert delays == sorted(delays) and delays[2] - delays[0] >= 3000


def test_disabled_feeds_are_not_scheduled(simulator, make_scheduler):
    disabled = feed_config(simulator.url, "off").model_copy(update={"enabled": False})
    assert [c.config.id for c in make_scheduler(feed_config(simulator.url), disabled).coordinators] == ["air"]
