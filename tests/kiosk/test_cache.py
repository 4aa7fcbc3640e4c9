"""The cache: one writer thread, read-only readers, upserts, status, retention, migrations."""

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from feeds.base import FeedResult
from feeds.cameras import OFFLINE, PLAYING, CameraHealth
from feeds.records import SEOUL_TZ, AirReading
from kiosk.cache import CacheReader, CacheWriter
from kiosk.cache.schema import MIGRATIONS

T0 = datetime(2026, 11, 24, 3, tzinfo=timezone.utc)


def reading(station, hour, pm10):
    return AirReading(station, (T0 + timedelta(hours=hour)).astimezone(SEOUL_TZ), pm10=pm10, pm25=pm10 / 2)


@pytest.fixture
def writer(tmp_path):
    notified = []
    w = CacheWriter(tmp_path / "c.sqlite3", retention_days=2, notify=notified.append)
    w.notified = notified
    w.start()
    yield w
    w.stop()


def test_results_are_stored_and_latest_is_the_last_fetch(writer):
    writer.submit_result("air", FeedResult((reading("중구", 0, 40), reading("종로구", 0, 20)), T0), T0)
    writer.submit_result("air", FeedResult((reading("중구", 1, 50),), T0), T0 + timedelta(minutes=60))
    writer.flush()
    with CacheReader(writer.path) as reader:
        assert [r.pm10 for r in reader.latest("air", AirReading)] == [50]
        assert reader.count(AirReading, "air") == 3
        status = reader.statuses()["air"]
    assert status.last_success == T0 + timedelta(minutes=60) and status.record_count == 1
    assert writer.notified == ["air", "air"]


def test_the_same_measurement_is_updated_not_duplicated(writer):
    for minute in (0, 5, 10):
        writer.submit_result("air", FeedResult((reading("중구", 0, 40 + minute),), T0), T0 + timedelta(minutes=minute))
    writer.flush()
    with CacheReader(writer.path) as reader:
        assert reader.count(AirReading, "air") == 1
        assert reader.latest("air", AirReading)[0].pm10 == 50


def test_failures_count_up_and_keep_the_last_values(writer):
    writer.submit_result("air", FeedResult((reading("중구", 0, 40),), T0), T0)
    for n in range(3):
        writer.submit_failure("air", "unavailable", f"HTTP 503 #{n}", T0 + timedelta(minutes=n + 1))
    writer.flush()
    with CacheReader(writer.path) as reader:
        status = reader.statuses()["air"]
        assert reader.latest("air", AirReading)[0].pm10 == 40
    assert (status.consecutive_failures, status.error_kind, status.last_error) == (3, "unavailable", "HTTP 503 #2")
    writer.submit_result("air", FeedResult((reading("중구", 1, 45),), T0), T0 + timedelta(minutes=9))
    writer.flush()
    with CacheReader(writer.path) as reader:
        status = reader.statuses()["air"]
    assert (status.consecutive_failures, status.error_kind) == (0, None)


def test_trend_is_hourly_mean_or_one_station(writer):
    rows = tuple(reading(s, h, 10 * h + (20 if s == "중구" else 0)) for h in range(4) for s in ("중구", "종로구"))
    writer.submit_result("air", FeedResult(rows, T0), T0 + timedelta(hours=4))
    writer.flush()
    with CacheReader(writer.path) as reader:
        mean = reader.air_trend("air", T0 + timedelta(hours=1))
        one = reader.air_trend("air", T0, station="중구")
    assert [(p[0], p[1]) for p in mean] == [(T0 + timedelta(hours=h), 10 * h + 10) for h in (1, 2, 3)]
    assert [p[1] for p in one] == [20, 30, 40, 50]


def test_history_older_than_retention_is_pruned(writer):
    old = AirReading("중구", T0 - timedelta(days=3), pm10=1.0)
    writer.submit_result("air", FeedResult((old,), T0), T0 - timedelta(days=3))
    writer._last_prune = T0 - timedelta(days=3)  # as if pruned then; the next write prunes again
    writer.submit_result("air", FeedResult((reading("중구", 0, 40),), T0), T0)
    writer.flush()
    with CacheReader(writer.path) as reader:
        assert reader.count(AirReading, "air") == 1


def test_readers_cannot_write(writer):
    writer.flush()
    with CacheReader(writer.path) as reader, pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader._conn.execute("DELETE FROM feed_status")


def test_reopening_keeps_data_and_schema_version(tmp_path, writer):
    writer.submit_result("air", FeedResult((reading("중구", 0, 40),), T0), T0)
    writer.stop()
    again = CacheWriter(writer.path, 30)
    again.start()
    again.stop()
    with CacheReader(writer.path) as reader:
        assert reader.count(AirReading, "air") == 1
        assert reader._conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert reader._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_failing_write_is_reported_and_recovers(tmp_path):
    errors = []
    w = CacheWriter(tmp_path / "c.sqlite3", 30, on_error=errors.append)
    w.start()
    try:
        with sqlite3.connect(w.path) as other:
            other.execute("CREATE TRIGGER full BEFORE INSERT ON feed_status "
                          "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
        w.submit_result("air", FeedResult((reading("중구", 0, 40),), T0), T0)
        w.flush()
        assert errors == ["캐시 저장 실패"] and w.last_error == "database or disk is full"  # the detail: the log's
        with CacheReader(w.path) as reader:
            assert reader.count(AirReading, "air") == 0  # all or nothing
        with sqlite3.connect(w.path) as other:
            other.execute("DROP TRIGGER full")
        w.submit_result("air", FeedResult((reading("중구", 0, 40),), T0), T0)
        w.flush()
        assert errors[-1] is None
        with CacheReader(w.path) as reader:
            assert reader.count(AirReading, "air") == 1
    finally:
        w.stop()


def test_an_unusable_path_fails_at_start(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OSError):
        CacheWriter(tmp_path / "file" / "c.sqlite3", 30).start()


def test_the_walls_own_records_are_upserted_by_key(writer):
    writer.submit_records("_cctv", (CameraHealth("a", PLAYING, reconnects=1), CameraHealth("b", OFFLINE)), T0)
    writer.submit_records("_cctv", (CameraHealth("b", PLAYING, reconnects=2),), T0 + timedelta(seconds=5))
    writer.flush()
    with CacheReader(writer.path) as reader:
        stored = {h.camera_id: h for h in reader.stored(CameraHealth, "_cctv")}
        assert reader.statuses() == {}  # not a feed: no feed status
    assert stored["a"].state == PLAYING and stored["b"].state == PLAYING and stored["b"].reconnects == 2
