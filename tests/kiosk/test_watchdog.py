"""The tile watchdog's rules, on a scripted stream and a hand-moved clock: frames, stalls,
ended relays, backoff, reconnect counts. (The same watchdog on real RTSP: test_cctv_wall.py.)"""

from datetime import datetime, timezone

from feeds.cameras import CONNECTING, OFFLINE, PLAYING, Camera, CameraHealth
from kiosk.cctv.watchdog import Watchdog, WatchdogSettings, backoff_s

CAMERA = Camera("c1", "광화문", "rtsp://cam/main", "rtsp://cam/sub")


class Stream:
    """A session whose frame count and problem the test sets."""

    def __init__(self, log):
        self.count, self.said, self.closed = 0, None, False
        log.append(self)

    def frames(self):
        return self.count

    def frame_size(self):
        return (320, 180)

    def problem(self):
        return self.said

    def close(self):
        self.closed = True


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def watchdog(opened, clock, fail_open=False):
    def open_session(url):
        if fail_open:
            raise RuntimeError("gst-launch-1.0 is not installed")
        return Stream(opened)
    return Watchdog(open_session, WatchdogSettings(stall_s=10, retry_max_s=8),
                    lambda: datetime(2026, 11, 25, tzinfo=timezone.utc), clock)


def test_a_new_frame_means_playing_and_no_new_frame_for_the_stall_time_means_offline():
    opened, clock = [], Clock()
    dog = watchdog(opened, clock)
    dog.play(CAMERA, CAMERA.sub_url, None)
    assert dog.health.state == CONNECTING and not dog.tick()
    opened[0].count = 3
    assert dog.tick() and dog.health.state == PLAYING and dog.health.last_frame_at is not None
    clock.t += 9.9
    assert not dog.tick()  # frozen for 9.9 s: still within the watchdog time
    clock.t += 0.2
    assert dog.tick() and dog.health.state == OFFLINE and dog.health.problem == "화면 멈춤 · frozen"
    assert opened[0].closed and dog.health.failures == 1


def test_offline_retries_with_backoff_and_counts_reconnects():
    opened, clock = [], Clock()
    dog = watchdog(opened, clock)
    dog.play(CAMERA, CAMERA.sub_url, None)
    opened[0].said = "연결 거부 · refused"  # e.g. the relay exited
    dog.tick()
    assert dog.health.state == OFFLINE and dog.health.problem == "연결 거부 · refused"
    clock.t += 0.9
    dog.tick()
    assert len(opened) == 1  # 1 s backoff not over yet
    clock.t += 0.2
    dog.tick()
    assert len(opened) == 2 and dog.health.state == CONNECTING and dog.health.reconnects == 1
    opened[1].count = 1
    dog.tick()
    assert dog.health.state == PLAYING and dog.health.failures == 0 and dog.health.problem is None
    assert [backoff_s(n, 8) for n in (1, 2, 3, 4, 5, 9)] == [1, 2, 4, 8, 8, 8]


def test_a_camera_down_from_the_start_is_retried_for_ever():
    opened, clock = [], Clock()
    dog = watchdog(opened, clock)
    dog.play(CAMERA, CAMERA.url, CameraHealth("c1", OFFLINE, failures=5))  # known to be down
    for _ in range(20):
        clock.t += 11
        dog.tick()
    assert len(opened) > 6 and dog.health.state in (OFFLINE, CONNECTING)
    assert dog.health.problem == "응답 없음 · no picture"


def test_a_player_that_cannot_start_is_offline_with_the_reason():
    clock = Clock()
    dog = watchdog([], clock, fail_open=True)
    dog.play(CAMERA, CAMERA.url, None)
    assert dog.health.state == OFFLINE and "gst-launch-1.0 is not installed" in dog.health.problem


def test_a_hidden_tile_stops_decoding():
    opened, clock = [], Clock()
    dog = watchdog(opened, clock)
    dog.play(CAMERA, CAMERA.sub_url, None)
    dog.stop()
    assert opened[0].closed and not dog.tick()
