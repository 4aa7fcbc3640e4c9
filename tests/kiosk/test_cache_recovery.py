""""Cannot open" is not "corrupt": out of descriptors, a read-only directory, an emptied file — the cache is kept
and the writer recovers by itself; a really damaged file is set aside with its audit trail and orders salvaged."""

import contextlib
import errno
import os
import resource
import sqlite3
import subprocess
import time
from datetime import datetime, timedelta, timezone

import pytest

from feeds.audit import AUDIT_RECORDS as AUDIT
from feeds.audit import CALL, AuditEntry
from feeds.base import FeedResult
from feeds.orders import ORDERS, Order, OrderStep
from feeds.records import SEOUL_TZ, AirReading
from kiosk.cache import CacheReader, CacheWriter
from kiosk.cache import writer as writer_module
from kiosk.cache.writer import READ_ONLY

T0 = datetime(2026, 11, 24, 3, tzinfo=timezone.utc)


def reading(station, minutes, pm10):
    return AirReading(station, (T0 + timedelta(minutes=minutes)).astimezone(SEOUL_TZ), pm10=pm10)


def entry(n):
    return AuditEntry(f"entry-{n:05d}", T0 + timedelta(seconds=n), CALL, f"강동 지휘{n}호차", "통화 1분")


def order(n):
    return Order(f"order-{n:03d}", T0 + timedelta(minutes=n), "touch", "gangdong-cmd", "강동 지휘1호차",
                 "현장 확인 바랍니다", "check", "incident:1", "강동구 화재", 10.0)


@contextlib.contextmanager
def out_of_descriptors():
    """Every file descriptor the process may have is taken (as when CCTV relays and readers used them all)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    taken = []
    resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 32, hard))
    try:
        while True:
            try:
                taken.append(os.open(os.devnull, os.O_RDONLY))
            except OSError as exc:
                assert exc.errno == errno.EMFILE
                break
        yield
    finally:
        for fd in taken:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@contextlib.contextmanager
def read_only(*paths):
    """The paths cannot be written, not even by root (an immutable file or directory: no new -wal or -shm)."""
    subprocess.run(["chattr", "+i", *map(str, paths)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


def wait_for(condition, what, timeout_s=30):
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def written_cache(path, entries=3, orders=1, readings=1):
    """A cache with an audit trail, orders with a step each and air readings, closed cleanly."""
    writer = CacheWriter(path, 30)
    writer.start()
    writer.submit_records(AUDIT, tuple(entry(n) for n in range(entries)), T0)
    writer.submit_records(ORDERS, tuple(order(n) for n in range(orders)), T0)
    writer.submit_records(ORDERS, tuple(OrderStep(f"order-{n:03d}", "발송", T0, "WALL") for n in range(orders)), T0)
    writer.submit_result("air", FeedResult(tuple(reading(f"측정소{n}", n, 40) for n in range(readings)), T0), T0)
    writer.stop()
    return path


def one_entry_written(path, n):
    """A writer started on the file writes one audit entry: the audit trail then, and the (stopped) writer."""
    writer = CacheWriter(path, 30)
    writer.start()
    try:
        writer.submit_records(AUDIT, (entry(n),), T0)
        writer.flush()
        with CacheReader(path) as reader:
            return reader.audit(), writer
    finally:
        writer.stop()


def test_out_of_descriptors_the_cache_is_not_taken_for_corrupt_and_writing_goes_on(tmp_path, caplog):
    path = written_cache(tmp_path / "c.sqlite3", entries=5)
    writer = CacheWriter(path, 30)
    writer.start()
    try:
        with out_of_descriptors():
            with pytest.raises(sqlite3.OperationalError, match="unable to open database file"):
                CacheReader(path)  # the wall's read fails …
            writer.submit_check()  # … so the wall has the writer check the file, which cannot open it either
            writer.flush()
        assert not list(tmp_path.glob("*.corrupt-*")), "a healthy cache was set aside"
        writer.submit_result("air", FeedResult((reading("중구", 0, 41),), T0), T0 + timedelta(minutes=1))
        writer.flush()
        with CacheReader(path) as reader:
            assert len(reader.audit()) == 5 and [r.pm10 for r in reader.latest("air", AirReading)] == [41]
        assert writer.problem is None and writer.last_error is None
    finally:
        writer.stop()
    assert "not a sign of damage, it is kept" in caplog.text


def test_a_cache_emptied_under_the_writer_gets_its_tables_back_by_itself(tmp_path):
    path = written_cache(tmp_path / "c.sqlite3")
    writer = CacheWriter(path, 30)
    writer.start()
    try:
        for suffix in ("", "-wal", "-shm"):  # as a wrong set-aside left it: a 0-byte file in its place
            path.with_name(path.name + suffix).rename(tmp_path / f"gone{suffix}")
        path.write_bytes(b"")
        with pytest.raises(sqlite3.OperationalError, match="no such table: feed_status"):
            CacheReader(path).statuses()
        writer.submit_check()
        writer.submit_result("air", FeedResult((reading("중구", 0, 43),), T0), T0 + timedelta(minutes=1))
        writer.flush()
        with CacheReader(path) as reader:
            assert [r.pm10 for r in reader.latest("air", AirReading)] == [43]
        assert not list(tmp_path.glob("*.corrupt-*"))  # empty is not damaged
    finally:
        writer.stop()


def test_a_zero_byte_cache_is_an_empty_database_not_a_damaged_one(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"")
    audit, writer = one_entry_written(path, 1)
    assert audit == [entry(1)] and not list(tmp_path.glob("*.corrupt-*")) and writer.salvaged is None


def test_a_read_only_directory_starts_read_only_holds_the_writes_and_writes_them_once_writable(tmp_path, caplog):
    folder = tmp_path / "cache"
    folder.mkdir()
    path = written_cache(folder / "c.sqlite3")
    said = []
    writer = CacheWriter(path, 30, on_error=said.append)
    with read_only(folder, path):
        writer.start()  # no exception: there is a cache to show
        try:
            assert writer.problem == READ_ONLY and said == [READ_ONLY]
            with CacheReader(path) as reader:  # the wall reads what is there
                assert len(reader.audit()) == 3
            writer.submit_result("air", FeedResult((reading("중구", 0, 44),), T0), T0 + timedelta(minutes=1))
            writer.submit_records(AUDIT, (entry(99),), T0)
            writer.flush()
            time.sleep(1.5)  # past the first retry: still read-only, still held
            assert writer.problem == READ_ONLY
        except BaseException:
            writer.stop()
            raise
    try:
        wait_for(lambda: writer.problem is None, "the writer did not write again once the directory was writable")
        writer.flush()
        with CacheReader(path) as reader:
            assert [r.pm10 for r in reader.latest("air", AirReading)] == [44] and len(reader.audit()) == 4
        assert said == [READ_ONLY, None]
    finally:
        writer.stop()
    assert caplog.text.count("cannot write the cache") == 1 and "cache writes work again" in caplog.text


def test_what_is_held_through_a_long_fault_is_bounded_and_the_oldest_dropped_are_counted(tmp_path, caplog,
                                                                                          monkeypatch):
    monkeypatch.setattr(writer_module, "MAX_HELD_RECORDS", 7)
    folder = tmp_path / "cache"
    folder.mkdir()
    path = written_cache(folder / "c.sqlite3")
    writer = CacheWriter(path, 30)
    with read_only(folder, path):
        writer.start()
        for minute in range(1, 6):  # five fetches of three readings: only the newest two fit in seven records
            writer.submit_result("air", FeedResult(tuple(reading(f"측정소{n}", minute, minute) for n in range(3)), T0),
                                 T0 + timedelta(minutes=minute))
        writer.flush()
    try:
        wait_for(lambda: writer.problem is None, "the writer did not write again once the directory was writable")
        with CacheReader(path) as reader:
            assert reader.count(AirReading, "air") == 1 + 2 * 3 and reader.statuses()["air"].last_success == \
                T0 + timedelta(minutes=5)
    finally:
        writer.stop()
    assert "cache writes work again (3 held writes were dropped)" in caplog.text


def test_a_read_only_directory_without_a_cache_cannot_start(tmp_path):
    with read_only(tmp_path):
        with pytest.raises(sqlite3.OperationalError):
            CacheWriter(tmp_path / "c.sqlite3", 30).start()


def damage(path, table, share=(0.4, 0.6)):
    """Overwrite the middle pages of one table with garbage, as a failing disk would."""
    with sqlite3.connect(path) as conn:
        pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                                            "ORDER BY pageno", (table,))]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    hit = pages[int(len(pages) * share[0]):int(len(pages) * share[1])]
    with open(path, "r+b") as file:
        for page in hit:
            file.seek((page - 1) * size)
            file.write(b"\xff" * size)
    return hit


def test_a_damaged_cache_is_set_aside_and_its_audit_trail_and_orders_are_salvaged(tmp_path, caplog):
    path = written_cache(tmp_path / "c.sqlite3", entries=3000, orders=20, readings=3000)
    assert damage(path, "air_readings") and damage(path, "audit_log", (0.45, 0.5))
    writer = CacheWriter(path, 30)
    writer.start()
    try:
        writer.submit_check()  # the wall's read failed on a damaged page
        writer.flush()
        [kept] = [p for p in tmp_path.glob("c.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
        with CacheReader(path) as reader:
            audit, orders = reader.audit(), reader.orders(T0 - timedelta(days=1))
            assert reader.count(AirReading, "air") == 0  # the feeds' data comes again from the feeds
        assert 2500 < len(audit) < 3000  # all but the damaged pages' rows
        assert audit[0] == entry(0) and audit[-1] == entry(2999)
        assert len(orders) == 20 and all(steps[0].state == "발송" for _, steps in orders)
        assert writer.salvaged.startswith("캐시 손상") and f"감사 기록 {len(audit)}건, 업무 지시 20건" in writer.salvaged
    finally:
        writer.stop()
    assert f"kept as {kept}" in caplog.text and f"{len(audit)} rows of audit_log" in caplog.text


def test_a_cache_with_a_damaged_header_salvages_nothing_and_says_so(tmp_path):
    path = written_cache(tmp_path / "c.sqlite3", entries=2)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(path, "r+b") as file:
        file.write(b"\0garbage" * 4)  # the header: SQLite says "file is not a database"
    audit, writer = one_entry_written(path, 7)
    assert audit == [entry(7)] and "감사 기록 0건" in writer.salvaged  # nothing readable, nothing made up


def test_orders_someone_waits_for_are_failed_at_once_during_a_fault(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    path = written_cache(folder / "c.sqlite3")
    told = []
    writer = CacheWriter(path, 30)
    with read_only(folder, path):
        writer.start()
        try:
            writer.submit_records(ORDERS, (order(1),), T0, told.append)
            writer.flush()
        finally:
            writer.stop()
    assert told == [False]  # the order desk keeps it unsent and says so, rather than wait for the disk
