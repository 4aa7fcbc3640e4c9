"""`kiosk poll --once` and `kiosk cache show` through the normal path, and `kiosk screenshot`."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from PySide6.QtGui import QImage

from kiosk import cli
from kiosk.cache import CacheReader
from tests.conftest import free_port
from tests.kiosk.test_wall import write_config
from widgets import theme


def test_poll_once_then_cache_show(tmp_path, capsys):
    path = write_config(tmp_path, free_port())
    assert cli.main(["poll", "--once", "--config", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("air ") and " ok " in out and "25 records" in out
    assert cli.main(["cache", "show", "--json", "--config", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["air"]["records"]) == 25 and report["air"]["status"]["consecutive_failures"] == 0
    assert cli.main(["cache", "show", "--config", str(path)]) == 0
    assert "station=중구" in capsys.readouterr().out


def test_poll_once_reports_a_failure_and_exits_non_zero(tmp_path, capsys):
    path = write_config(tmp_path, free_port(), extra="")
    path.write_text(path.read_text().replace("[simulator]", "[simulator]\nenabled = false"))
    assert cli.main(["poll", "--once", "--feed", "air", "--config", str(path)]) == 1
    assert "FAILED  unavailable: cannot connect" in capsys.readouterr().out
    assert cli.main(["poll", "--once", "--feed", "nope", "--config", str(path)]) == 2


def test_screenshot_on_a_virtual_screen(tmp_path):
    """The wall on the simulator with no setup: the map coloured, the simulated cameras live."""
    out = tmp_path / "wall.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    config = write_config(tmp_path, free_port())
    config.write_text(config.read_text().replace("cameras = false", f"rtsp_port = {free_port()}"))
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "screenshot", str(out), "--size", "1920x884",
                           "--wait", "9", "--config", str(config)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 884)
    colours = {image.pixel(x, y) & 0xFFFFFF for x in range(0, 1920, 4) for y in range(0, 884, 4)}
    assert len(colours) > 50  # not blank
    map_area = [image.pixel(x, y) for x in range(600, 1300, 3) for y in range(120, 700, 3)]
    assert sum(is_grade_fill(p) for p in map_area) > 2000  # the district map, coloured by grade
    cctv_area = [image.pixel(x, y) for x in range(1480, 1920, 3) for y in range(420, 800, 3)]
    assert sum(is_test_picture(p) for p in cctv_area) > 1000  # the simulated cameras' moving picture


def is_test_picture(pixel: int) -> bool:
    """The simulated cameras' background blue (0x1b3a5c), as decoded."""
    rgb = [(pixel >> s) & 0xFF for s in (16, 8, 0)]
    return all(abs(c - t) <= 12 for c, t in zip(rgb, (0x1B, 0x3A, 0x5C)))


def is_grade_fill(pixel: int) -> bool:
    """A district's fill: a grade colour at the map's 85 % opacity over the wall's background."""
    rgb = [(pixel >> s) & 0xFF for s in (16, 8, 0)]
    for colour in theme.GRADE_COLOURS.values():
        fill = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
        back = [int(theme.BACKGROUND[i:i + 2], 16) for i in (1, 3, 5)]
        if all(abs(c - (0.85 * f + 0.15 * b)) <= 10 for c, f, b in zip(rgb, fill, back)):
            return True
    return False


def fetched_into(cache) -> bool:
    """True once the cache holds a successful air fetch (the file may exist before its tables)."""
    try:
        with CacheReader(cache) as reader:
            status = reader.statuses().get("air")
    except sqlite3.OperationalError:
        return False
    return status is not None and status.record_count == 25


def test_run_fetches_into_the_cache_and_stops_cleanly_on_sigterm(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "run", "--windowed", "--config",
                             str(write_config(tmp_path, free_port()))], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        cache = tmp_path / "cache.sqlite3"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if fetched_into(cache):
                break
            assert proc.poll() is None, proc.stderr.read()[-2000:]
            time.sleep(0.2)
        else:
            pytest.fail("the wall did not fetch into its cache")
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
        assert code == 0, proc.stderr.read()[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def test_without_a_display_kiosk_run_says_so_and_how_to_run_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    run = subprocess.run([sys.executable, "-m", "kiosk.cli", "run"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 2
    assert "there is no display" in run.stderr and "kiosk screenshot" in run.stderr and "--windowed" in run.stderr
    assert "xcb" not in run.stderr.replace("xvfb", "")
