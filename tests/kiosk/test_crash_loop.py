"""Crash-loop protection: the record of starts, and the real `kiosk run` crashing again and again."""

import os
import re
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest

from feeds.records import SEOUL_TZ
from kiosk.crash_loop import StartRecord
from tests.conftest import free_port


def test_a_start_without_a_clean_stop_counts_as_a_crash(tmp_path):
    clock = iter([100, 200, 210, 300, 400, 1000]).__next__
    record = StartRecord(tmp_path, clock=lambda: clock())
    assert record.begin().crashes == ()        # start at 100
    record.end_cleanly()                        # stop at 200
    assert record.begin().crashes == ()        # start at 210 … killed
    loop = StartRecord(tmp_path, clock=lambda: clock()).begin()  # start at 300 … killed
    assert loop.crashes == (210.0,)
    loop = StartRecord(tmp_path, clock=lambda: clock()).begin()  # start at 400
    assert loop.crashes == (210.0, 300.0)
    assert loop.is_loop(2, 600, now=400) and not loop.is_loop(3, 600, now=400)
    assert not loop.is_loop(2, 600, now=900)    # 210 has left the window
    assert loop.calm_at(600) == 900.0


def test_an_unwritable_state_directory_never_stops_the_wall(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    record = StartRecord(blocker / "state")    # a directory under a file cannot exist
    assert record.begin().crashes == ()
    assert record.crash_handle is None
    record.end_cleanly()


def start_wall(config, state, log):
    env = os.environ | {"KIOSK_STATE_DIR": str(state), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "kiosk.cli", "run", "--windowed", "--config", str(config)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, text=True)


def wait_for(path, text, timeout_s=60):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if text in path.read_text(errors="replace"):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.timeout(240)
def test_three_native_crashes_in_a_row_start_the_next_wall_in_safe_mode(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[cache]\npath = "{tmp_path / "c.sqlite3"}"\n[simulator]\nport = {free_port()}\ncameras = false\n'
                      f'[service]\ncrash_loop_starts = 3\ncrash_loop_window_s = 600\n')
    state = tmp_path / "state"
    for attempt in range(3):
        log_path = tmp_path / f"run{attempt}.log"
        with log_path.open("w") as log:
            wall = start_wall(config, state, log)
            assert wait_for(log_path, "simulator serving on"), log_path.read_text()
            time.sleep(1.0)
            wall.send_signal(signal.SIGSEGV)  # a native crash, as pyproj's was
            assert wall.wait(timeout=30) == -signal.SIGSEGV
    log_path = tmp_path / "run3.log"
    with log_path.open("w") as log:
        wall = start_wall(config, state, log)
        try:
            assert wait_for(log_path, "안전 모드 · Safe mode"), log_path.read_text()
        finally:
            wall.terminate()
            assert wall.wait(timeout=30) == 0
    text = log_path.read_text()
    assert "the previous run crashed" in text and "Segmentation fault" in text
    assert "3번 비정상 종료" in text and "마지막 오류 / last crash: Fatal Python error: Segmentation fault" in text
    assert "simulator serving on" not in text  # nothing of the wall was started
    shown = re.search(r"(\d\d):(\d\d)에 전체 화면을 스스로 다시 시도합니다", text)  # when, in Seoul time
    expected = datetime.now(SEOUL_TZ) + timedelta(minutes=10)
    apart = abs(int(shown[1]) * 60 + int(shown[2]) - expected.hour * 60 - expected.minute) if shown else 9999
    assert min(apart, 1440 - apart) <= 2
    assert len(list(state.glob("crash-*.txt"))) == 3


@pytest.mark.timeout(120)
def test_sigterm_during_start_up_still_stops_the_wall(tmp_path):
    """A SIGTERM before the event loop runs (systemd stopping a wall that is still starting) is not lost."""
    config = tmp_path / "config.toml"
    config.write_text(f'[cache]\npath = "{tmp_path / "c.sqlite3"}"\n[simulator]\nport = {free_port()}\ncameras = false\n')
    for delay_s in (0.3, 0.8, 1.5, 2.5):
        log_path = tmp_path / f"run{delay_s}.log"
        with log_path.open("w") as log:
            wall = start_wall(config, tmp_path / "state", log)
            time.sleep(delay_s)
            wall.terminate()
            assert wall.wait(timeout=30) in (0, -signal.SIGTERM), log_path.read_text()

