"""Incidents in the cache: upserted by source id, stage history kept, closed when they leave the list."""

from datetime import datetime, timedelta, timezone

import pytest

from feeds.base import FeedResult
from feeds.incidents import DisasterMessage, FireStats, Incident, Stage
from kiosk.cache import CacheReader, CacheWriter

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)


def at(minutes):
    return T0 + timedelta(minutes=minutes)


def fire(stage, minutes, **extra):
    return Incident("F-1", "fire", "화재", occurred_at=T0, lat=37.5663, lon=126.9779, district="중구",
                    agency="중부소방서", stage=stage, stages=(Stage(stage, at(minutes)),), **extra)


@pytest.fixture
def writer(tmp_path):
    w = CacheWriter(tmp_path / "c.sqlite3", retention_days=2)
    w.start()
    yield w
    w.stop()


def store(writer, feed_id, records, minutes):
    writer.submit_result(feed_id, FeedResult(tuple(records), None), at(minutes))
    writer.flush()


def test_an_incident_seen_again_is_updated_with_its_history(writer):
    store(writer, "dispatch", [fire("출동지령", 0)], 0)
    store(writer, "dispatch", [fire("현장도착", 6)], 6)
    store(writer, "dispatch", [fire("초진", 20)], 20)
    with CacheReader(writer.path) as reader:
        ((feed_id, stored),) = reader.incidents(["dispatch"], closed_since=at(0))
        assert reader.count(Incident, "dispatch") == 1
    assert feed_id == "dispatch" and stored.stage == "초진" and not stored.closed
    assert stored.stages == (Stage("출동지령", at(0)), Stage("현장도착", at(6)), Stage("초진", at(20)))
    assert (stored.lat, stored.district, stored.occurred_at) == (37.5663, "중구", T0)


def test_an_incident_that_leaves_the_list_closes_and_stays_in_history(writer):
    road = Incident("A-9", "road", "공사", occurred_at=T0, stage="통제중", stages=(Stage("발생", T0),))
    store(writer, "roads", [road], 0)
    store(writer, "roads", [], 30)  # every incident cleared: an empty list still closes them
    with CacheReader(writer.path) as reader:
        ((_feed, closed),) = reader.incidents(["roads"], closed_since=at(20))
        assert reader.incidents(["roads"], closed_since=at(31)) == []
        assert reader.count(Incident, "roads") == 1
        assert reader.incident_counts(["roads"], since=T0) == {"road": 1}
    assert (closed.closed, closed.closed_at, closed.stage) == (True, at(30), "해제")


def test_feeds_are_kept_apart_and_counts_are_by_kind_since_a_time(writer):
    store(writer, "dispatch", [fire("출동지령", 0),
                               Incident("E-1", "ems", "구급", occurred_at=at(5), stage="지령하달"),
                               Incident("E-0", "ems", "구급", occurred_at=at(-600), stage="지령하달")], 5)
    store(writer, "roads", [Incident("F-1", "road", "공사", occurred_at=at(1))], 5)  # same id, other feed
    with CacheReader(writer.path) as reader:
        assert reader.incident_counts(["dispatch", "roads"], since=T0) == {"fire": 1, "ems": 1, "road": 1}
        assert len(reader.incidents(["dispatch"], closed_since=T0)) == 3


def test_fire_statistics_and_messages(writer):
    stats = FireStats("2026-11-24", "서울특별시", received=3, in_progress=1, ended=2)
    message = DisasterMessage("m1", "한파경보 발효 중", category="한파", sent_at=at(-30))
    store(writer, "fire_stats", [stats], 0)
    store(writer, "hotspots", [message, Incident("c1", "road", "공사")], 0)
    with CacheReader(writer.path) as reader:
        assert reader.latest("fire_stats", FireStats) == (stats,)
        assert reader.messages(["hotspots"], since=at(-60)) == [message]
        assert reader.messages(["hotspots"], since=at(-10)) == []


def test_the_camera_catalogue_keeps_the_latest_urls(writer):
    from feeds.cameras import Camera
    store(writer, "its", [Camera("its-1", "강남역", "https://x/1.m3u8?sign=a", lat=37.49, lon=127.02)], 0)
    store(writer, "its", [Camera("its-1", "강남역", "https://x/1.m3u8?sign=b", lat=37.49, lon=127.02)], 5)
    with CacheReader(writer.path) as reader:
        assert [c.url for c in reader.latest("its", Camera)] == ["https://x/1.m3u8?sign=b"]
        assert reader.count(Camera, "its") == 1


def test_an_incident_that_comes_back_is_reopened_with_its_history(writer):
    store(writer, "dispatch", [fire("출동지령", 0)], 0)
    store(writer, "dispatch", [], 5)  # gone from the list: closed (and no longer held as open)
    store(writer, "dispatch", [fire("현장도착", 9)], 9)  # listed again
    with CacheReader(writer.path) as reader:
        ((_feed, back),) = reader.incidents(["dispatch"], closed_since=at(0))
    assert not back.closed and back.stage == "현장도착"
    assert [s.label for s in back.stages] == ["출동지령", "상황종결", "현장도착"]
