"""Alerts, header counts, pins and the chime, without a window."""

import wave
from datetime import datetime, timedelta, timezone

from feeds.health import FeedHealth
from feeds.incidents import FireStats, Incident
from feeds.records import SEOUL_TZ
from kiosk.app.alerts import AlertQueue
from kiosk.app.chime import write_chime
from kiosk.app.disaster_view import counts_text, stats_day_text, stats_received_text
from widgets.map.layers import incident_pins as pins
from widgets.format import data_age_text
from widgets.incident_item import IncidentItem

NOW = datetime(2026, 11, 24, 1, 30, tzinfo=timezone.utc)  # 10:30 in Seoul


def item(key, kind, minutes_ago, closed=False, lat=37.5, lon=127.0):
    incident = Incident(key, kind, kind, occurred_at=NOW - timedelta(minutes=minutes_ago), lat=lat, lon=lon,
                        closed=closed)
    return IncidentItem(f"f/{key}", incident, "f", "feed")


def test_new_recent_incidents_of_alerting_kinds_wait_until_acknowledged():
    queue = AlertQueue(("fire", "rescue"), recent_s=600)
    first = [item("old-fire", "fire", 30), item("ems", "ems", 1), item("fire", "fire", 2),
             item("closed", "fire", 1, closed=True)]
    assert queue.update(first, NOW) == ["f/fire"]
    assert queue.update(first, NOW) == []  # seen once is enough
    assert queue.update(first + [item("rescue", "rescue", 0)], NOW) == ["f/rescue"]
    known = {i.key: i for i in first + [item("rescue", "rescue", 0)]}
    assert queue.view(known).keys == ("f/fire", "f/rescue")
    queue.acknowledge(("f/fire",))
    assert queue.view(known).top.key == "f/rescue"
    assert queue.view({}) is None  # left the wall: dropped


def test_what_the_queue_remembers_stays_bounded_over_weeks():
    queue = AlertQueue(("fire",), recent_s=600)
    for day in range(30):  # a month of fires, each listed for an hour and then gone
        at = NOW + timedelta(days=day)
        fire = IncidentItem(f"f/{day}", Incident(str(day), "fire", "화재", occurred_at=at), "f", "feed")
        assert queue.update([fire], at) == [f"f/{day}"]
        assert queue.update([fire], at + timedelta(hours=1)) == []  # still listed: remembered
        queue.update([], at + timedelta(hours=2))
    assert len(queue.seen) == 0  # gone, and too old to alert again: forgotten


def test_a_burst_is_one_alert_most_severe_first_and_closed_ones_drop_out():
    queue = AlertQueue(("fire", "rescue", "ems"), recent_s=600)
    burst = [item("e1", "ems", 1), item("r1", "rescue", 3), item("r2", "rescue", 2), item("f1", "fire", 0),
             item("r3", "rescue", 1)]
    assert queue.update(burst, NOW) == ["f/f1", "f/r1", "f/r2", "f/r3", "f/e1"]
    known = {i.key: i for i in burst}
    view = queue.view(known)
    assert view.top.key == "f/f1" and view.by_kind == (("화재", 1), ("구조", 3), ("구급", 1))
    known["f/f1"] = item("f1", "fire", 0, closed=True)  # put out before anyone looked
    view = queue.view(known)
    assert view.top.key == "f/r1" and len(view.keys) == 4
    queue.acknowledge(view.keys)  # one touch for the lot
    assert queue.view(known) is None


def test_header_counts_are_the_walls_own_and_the_official_figures_keep_their_day():
    assert counts_text({"fire": 2, "ems": 37}) == "오늘 화재 2건 · 구조 0건 · 구급 37건 · 도로 0건"
    assert counts_text({"disaster": 1}).endswith("도로 0건 · 재난 1건")
    stats = FireStats("2026-11-24", "서울특별시", received=8)
    got = FeedHealth("fresh", None, None, NOW - timedelta(minutes=3), NOW.replace(hour=0, minute=0))
    assert stats_received_text(stats, got, NOW) == "오늘(11/24) 집계 · 3분 전 받음"
    assert stats_day_text("2026-11-23", NOW) == "어제(11/23) 집계"
    assert "00:00" not in stats_received_text(stats, got, NOW)


def test_pins_only_for_incidents_with_a_position():
    shown = pins([item("a", "fire", 1), item("b", "ems", 1, lat=None, lon=None), item("c", "road", 1, closed=True)])
    assert [(p["id"], p["major"], p["open"]) for p in shown] == [("f/a", True, True), ("f/c", False, False)]


def test_the_chime_is_a_real_sound_file(tmp_path):
    path = write_chime(tmp_path / "chime.wav")
    with wave.open(str(path)) as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, 44_100)
        frames = sound.readframes(sound.getnframes())
        assert 1.2 < sound.getnframes() / 44_100 < 2.0
    assert max(frames) > 100  # not silence


def test_a_date_stamp_is_shown_as_a_day_never_as_midnight():
    midnight = datetime(2026, 11, 24, tzinfo=SEOUL_TZ)
    assert data_age_text(midnight, NOW, NOW, date_only=True) == "오늘(11/24) 자료 · 방금"
    assert data_age_text(midnight - timedelta(days=1), NOW, NOW, date_only=True).startswith("어제(11/23) 자료")
