"""The fetch pool's threads and native libraries' per-thread state (the pyproj crash of issue 9)."""

import subprocess
import sys
import threading
import time
from pathlib import Path

from kiosk.tasks import TaskRunner

HERE = Path(__file__).parent


def test_a_worker_keeps_its_thread_local_state_from_one_job_to_the_next(qtbot):
    runner, local, seen = TaskRunner(1), threading.local(), []

    def job():
        seen.append((threading.get_native_id(), getattr(local, "mark", None)))
        local.mark = "set by an earlier job"

    for _ in range(3):
        runner.run(job, lambda _: None)
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    runner.stop()
    assert len({tid for tid, _ in seen}) == 1  # one reused worker
    assert [mark for _, mark in seen] == [None, "set by an earlier job", "set by an earlier job"]


def test_the_roads_feed_fetched_again_and_again_on_one_reused_worker(simulator, tmp_path):
    """AccInfo converts EPSG:5181 with pyproj on the pool thread: fetch it 6 times in a row."""
    run = subprocess.run([sys.executable, str(HERE / "fetch_repeatedly.py"), simulator.url,
                          str(tmp_path / "c.sqlite3"), "seoul_accidents", "6"],
                         capture_output=True, text=True, timeout=90)
    assert run.returncode == 0, f"exit {run.returncode}\n{run.stdout}\n{run.stderr[-3000:]}"
    assert run.stdout.count(": ok ") == 6, run.stdout


def test_a_stopped_runner_drops_late_results_and_leaves_no_thread(qtbot):
    runner, release, delivered = TaskRunner(2), threading.Event(), []
    runner.run(lambda: release.wait(5), delivered.append)
    runner.run(lambda: "never started", delivered.append)
    runner.run(lambda: "never started", delivered.append)
    assert runner.stop(wait_ms=100) is False  # the first job is still running
    release.set()
    qtbot.wait(200)
    assert delivered == []


def test_stopping_the_wall_during_a_trickling_fetch_takes_no_longer_than_its_deadline(qtbot, tmp_path):
    """The fetch ends at timeout_s however slowly the bytes come, so shutdown is not held up."""
    from feeds.base import get_feed
    from kiosk.cache import CacheWriter
    from kiosk.config import FeedConfig
    from kiosk.scheduler import Scheduler
    from tests.feeds.test_http import RawServer, trickle

    server = RawServer(trickle(b"HTTP/1.1 200 OK\r\n" + b"X: " + b"a" * 10_000))
    writer = CacheWriter(tmp_path / "c.sqlite3", 30)
    writer.start()
    try:
        options = get_feed("seoul_air").options(base_url=server.url, api_key="K", timeout_s=2.0)
        scheduler = Scheduler((FeedConfig(id="air", kind="seoul_air", options=options),), writer)
        scheduler.coordinators[0].fetch_now()
        qtbot.wait(300)  # the fetch is now reading the trickle
        started = time.monotonic()
        scheduler.stop()
        assert time.monotonic() - started < 3.0
    finally:
        writer.stop()
        server.stop()
