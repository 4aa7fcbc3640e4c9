"""The chime file on a full or read-only disk: the wall comes up without it and says so."""

import os
import resource
import signal
import subprocess
import sys
import threading
import time

from kiosk.app.chime import WAV_BYTES, write_chime
from tests.conftest import free_port


def test_a_truncated_chime_is_written_again_whole(tmp_path):
    path = tmp_path / "chime.wav"
    path.write_bytes(b"RIFF" + b"\0" * 100)  # what a full disk left behind
    assert write_chime(path) == path and path.stat().st_size == WAV_BYTES
    assert not list(tmp_path.glob("*.partial"))


def test_an_unwritable_place_gives_no_chime_and_no_exception(tmp_path, caplog):
    (tmp_path / "file").write_text("")
    assert write_chime(tmp_path / "file" / "chime.wav") is None
    assert "alerts will be silent" in caplog.text


def test_the_wall_comes_up_on_a_full_disk_and_says_what_it_cannot_do(tmp_path):
    """`kiosk run` with no room to write anything: safe mode on screen, still running, no traceback."""
    config = tmp_path / "config.toml"
    config.write_text(f'[cache]\npath = "{tmp_path / "cache" / "c.sqlite3"}"\n[simulator]\nport = {free_port()}\n'
                      'cameras = false\n')

    def full_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    wall = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "run", "--windowed", "--config", str(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=full_disk,
                            env=os.environ | {"QT_QPA_PLATFORM": "offscreen", "KIOSK_STATE_DIR": str(tmp_path / "state")})
    lines = []  # the log comes through a pipe: a file could not be written either
    reader = threading.Thread(target=lambda: lines.extend(wall.stdout), name="wall-log")
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while not any("캐시를 열 수 없음" in line for line in lines) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(6)  # past one retry of the safe mode
        assert wall.poll() is None, "".join(lines)
    finally:
        wall.terminate()
        code = wall.wait(timeout=30)
        reader.join()
    text = "".join(lines)
    assert code == 0, text
    assert "캐시를 열 수 없음 · Cannot open the cache" in text and "Traceback" not in text
    assert "cannot write the alert chime" in text or "chime" not in text
