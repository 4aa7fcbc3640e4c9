"""A full disk, a corrupt cache file: clear messages, non-zero exits, and the wall carries on by itself."""

import json
import resource
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from feeds.base import FeedResult
from feeds.records import SEOUL_TZ, AirReading
from kiosk import cli
from kiosk.cache import CacheReader, CacheWriter
from tests.conftest import free_port
from tests.kiosk.test_wall import write_config

T0 = datetime(2026, 11, 24, 3, tzinfo=timezone.utc)
DISPATCH = """[[feeds]]
id = "dispatch"
kind = "city_incidents"
interval_s = 15
[feeds.options]
base_url = "http://127.0.0.1:{port}"
"""


def reading(pm10):
    return AirReading("중구", T0.astimezone(SEOUL_TZ), pm10=pm10)


def poll(config, limit_bytes=None):
    """`kiosk poll --once` in a child process, optionally with files limited to `limit_bytes` (a full disk)."""
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return subprocess.run([sys.executable, "-m", "kiosk.cli", "poll", "--once", "--config", str(config)],
                          capture_output=True, text=True, timeout=60, preexec_fn=limit if limit_bytes else None)


def test_poll_says_failed_and_exits_non_zero_when_the_disk_is_full(tmp_path):
    config = write_config(tmp_path, free_port())
    assert poll(config).returncode == 0  # the cache exists, checkpointed
    run = poll(config, limit_bytes=1024)  # no room for SQLite's shared memory and log files
    assert run.returncode == 1 and "cannot use the cache" in run.stderr and "disk I/O error" in run.stderr
    assert " ok " not in run.stdout and "Traceback" not in run.stderr


def test_poll_says_failed_when_the_write_fails_after_a_good_fetch(tmp_path):
    config = write_config(tmp_path, free_port())
    assert poll(config).returncode == 0
    with sqlite3.connect(tmp_path / "cache.sqlite3") as other:  # SQLite's own error for a full disk
        other.execute("CREATE TRIGGER full BEFORE UPDATE ON feed_status "
                      "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    run = poll(config)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "air          FAILED  cache write failed: database or disk is full" in run.stdout


def test_a_corrupt_cache_is_kept_aside_and_a_fresh_one_started(tmp_path, capsys, caplog):
    config = write_config(tmp_path, free_port())
    cache = tmp_path / "cache.sqlite3"
    cache.write_bytes(b"this is not a database, it was a disk error\n" * 200)
    assert cli.main(["cache", "show", "--config", str(config)]) == 1
    assert "cannot read the cache" in capsys.readouterr().err  # a sentence, not a traceback
    assert cli.main(["poll", "--once", "--config", str(config)]) == 0
    [kept] = tmp_path.glob("cache.sqlite3.corrupt-*")
    assert kept.read_bytes().startswith(b"this is not a database")
    assert f"kept as {kept}" in caplog.text
    assert cli.main(["cache", "show", "--config", str(config)]) == 0


def test_a_cache_of_another_build_at_the_same_version_is_kept_aside(tmp_path, caplog):
    path = tmp_path / "c.sqlite3"
    writer = CacheWriter(path, 30)
    writer.start()
    writer.stop()
    with sqlite3.connect(path) as other:  # as a development build left it: the version, not the columns
        other.execute("ALTER TABLE hotspot_status DROP COLUMN district")
    writer = CacheWriter(path, 30)
    writer.start()
    try:
        writer.submit_result("air", FeedResult((reading(40),), T0), T0)
        writer.flush()
        assert len(CacheReader(path).latest("air", AirReading)) == 1  # a fresh file, written to
    finally:
        writer.stop()
    assert [p.name for p in tmp_path.glob("c.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
    assert "cache schema does not match this program (missing hotspot_status.district)" in caplog.text


def test_a_cache_damaged_while_the_writer_runs_is_replaced_and_writing_goes_on(tmp_path):
    errors = []
    writer = CacheWriter(tmp_path / "c.sqlite3", 30, on_error=errors.append)
    writer.start()
    try:
        writer.submit_result("air", FeedResult((reading(40),), T0), T0)
        writer.flush()
        with sqlite3.connect(writer.path) as other:  # everything in the main file, as after a while
            other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with open(writer.path, "r+b") as damaged:  # the header and first pages overwritten
            damaged.write(b"\0garbage" * 1024)
        with pytest.raises(sqlite3.DatabaseError):  # the wall's reads fail first …
            CacheReader(writer.path).statuses()
        writer.submit_check()  # … so the wall has the writer check the file
        writer.submit_result("air", FeedResult((reading(42),), T0), T0 + timedelta(minutes=10))
        writer.flush()
        assert list(tmp_path.glob("c.sqlite3.corrupt-*"))
        with CacheReader(writer.path) as reader:
            assert [r.pm10 for r in reader.latest("air", AirReading)] == [42]
        assert errors[-1] is None and writer.last_error is None
    finally:
        writer.stop()


def test_cache_show_prints_incidents_as_json_and_for_people_in_seoul_time(tmp_path, capsys):
    port = free_port()
    config = write_config(tmp_path, port, extra=DISPATCH.format(port=port))
    assert cli.main(["poll", "--once", "--config", str(config)]) == 0
    capsys.readouterr()
    assert cli.main(["cache", "show", "--json", "--config", str(config)]) == 0
    report = json.loads(capsys.readouterr().out)
    incident = report["dispatch"]["records"][0]
    assert incident["occurred_at"].endswith("+09:00") and incident["stages"][0]["stage"]
    assert report["dispatch"]["status"]["last_success"].endswith("+09:00")
    assert cli.main(["cache", "show", "--config", str(config)]) == 0
    text = capsys.readouterr().out
    assert "datetime.datetime(" not in text and "Stage(" not in text and " → " in text
    assert "[_cctv] the wall's cameras as it last saw them" in text and "never" not in text
