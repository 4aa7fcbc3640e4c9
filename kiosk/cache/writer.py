"""The single writer: one thread owns the only read-write connection to the cache."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import sqlite3
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

from feeds.base import FeedResult
from feeds.incidents import reconcile
from feeds.records import SEOUL_TZ
from kiosk.cache.reader import CacheReader
from kiosk.cache.salvage import salvage
from kiosk.cache.schema import (MIGRATIONS, RECORD_TABLES, SCHEMA_MISMATCH, RecordTable, migrate, record_row,
                                record_type_of, row_record, to_db)

_LOGGER = logging.getLogger(__name__)
PRUNE_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class _Success:
    feed_id: str
    result: FeedResult
    fetched_at: datetime


@dataclass(frozen=True)
class _Failure:
    feed_id: str
    error_kind: str
    message: str
    at: datetime


@dataclass(frozen=True)
class _Records:
    feed_id: str
    records: tuple
    at: datetime
    done: Callable[[bool], None] | None = None  # told, on the writer's thread, whether they were written


_Item = _Success | _Failure | _Records
_STOP = object()
_CHECK = object()
CHECK_AT_MOST_EVERY = timedelta(minutes=1)
RETRY_FIRST_S, RETRY_MAX_S = 1.0, 60.0  # re-opening after a fault: doubling from the first to the most
MAX_HELD_RECORDS = 100_000  # records kept through a fault (hours of most feeds, ~40 bike lists); the oldest dropped
READ_ONLY = "캐시 읽기 전용"  # what the wall says: it shows the cache it can read, and keeps trying to write
NOT_WRITING = "캐시 저장 안 됨 · 재시도 중"
WRITE_FAILED = "캐시 저장 실패"  # one write refused (not a fault of the file): the next one may work
FAULT_PROBLEMS = (READ_ONLY, NOT_WRITING)


class CacheWriter:
    """Queues fetch outcomes and writes them on its own thread.

    `notify(feed_id)` is called on the writer thread after each commit; `on_error(problem)` whenever `problem` (a
    short Korean text for the wall; the detail is logged and in `last_error`) changes, None when writing works again,
    and after a salvage. Both must be thread-safe.

    A file that cannot be opened or written (out of descriptors, disk full, read-only) is a fault: kept, its writes
    held (up to MAX_HELD_RECORDS), opened again with backoff until the cause is gone. Only a file SQLite calls
    damaged is set aside; its audit trail and orders are salvaged into the fresh one (`salvaged`).
    """

    def __init__(self, path: Path, retention_days: int, notify: Callable[[str], None] | None = None,
                 on_error: Callable[[str | None], None] | None = None):
        self.path = Path(path)
        self.retention = timedelta(days=retention_days)
        self._notify = notify or (lambda feed_id: None)
        self._on_error = on_error or (lambda text: None)
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="cache-writer", daemon=True)
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self._must_write = False  # start() raises on any fault instead of starting read-only
        self._db: sqlite_utils.Database | None = None  # None while a fault lasts
        self._inode = 0  # the file the connection has open (a file replaced under it is opened again)
        self.last_error: str | None = None  # the last write's failure, None once a write succeeds
        self.problem: str | None = None  # what the wall says while writing does not work (READ_ONLY …)
        self.salvaged: str | None = None  # for the operator: a damaged file set aside, and what was saved from it
        self._held = _Held()
        self._retry_s, self._retry_at = RETRY_FIRST_S, 0.0
        self._last_check = datetime.min.replace(tzinfo=timezone.utc)
        self._last_prune = datetime.min.replace(tzinfo=timezone.utc)
        self._open_records: dict[tuple[str, str], dict] = {}  # (feed, live table) -> its open records by key

    @property
    def failed_to_start(self) -> bool:
        """True when `start()` raised because the database could not be opened."""
        return self._startup_error is not None

    def start(self, writable: bool = False) -> None:
        """Open the database, run migrations, and start writing. A file that can be read but not written starts
        read-only (`problem` says so, writing is retried) unless `writable` is asked for; raise if it cannot."""
        self._must_write = writable
        self._thread.start()
        self._ready.wait()
        if self._startup_error is not None:
            self._thread.join()
            raise self._startup_error

    def submit_result(self, feed_id: str, result: FeedResult, fetched_at: datetime) -> None:
        """Queue a successful fetch: its records and a fresh status."""
        self._queue.put(_Success(feed_id, result, fetched_at))

    def submit_failure(self, feed_id: str, error_kind: str, message: str, at: datetime) -> None:
        """Queue a failed fetch; the records already cached stay as they are."""
        self._queue.put(_Failure(feed_id, error_kind, message, at))

    def submit_records(self, feed_id: str, records: tuple, at: datetime,
                       done: Callable[[bool], None] | None = None) -> None:
        """Queue records the wall itself produced (its camera catalogue and health, its orders): upserted, no
        status. `done(written)` is called on the writer's thread once they are committed, or have failed (at
        once during a fault: whoever waits decides what to do; records without `done` are held)."""
        self._queue.put(_Records(feed_id, records, at, done))

    def submit_check(self) -> None:
        """A reader could not read the file: check it (at most once a minute); replace it if damaged, open it
        again if it lost its tables or was replaced."""
        self._queue.put(_CHECK)

    def flush(self) -> None:
        """Block until everything queued so far is written (or held through a fault)."""
        self._queue.join()

    def stop(self) -> None:
        """Write what is queued, close the connection and end the thread."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def _run(self) -> None:
        try:
            self._start_writing()
        except Exception as exc:  # start() must hear of any failure, never wait for ever
            self._startup_error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            while True:
                try:
                    item = self._queue.get(timeout=self._until_retry())
                except queue.Empty:
                    self._recover()
                    continue
                try:
                    if item is _STOP:
                        return
                    self._handle(item)
                except Exception:  # a job boundary: one bad item must not end the writer
                    _LOGGER.exception("cache writer: cannot store %r", item)
                finally:
                    self._queue.task_done()
        finally:
            if self._held.items:
                self._recover()  # a last try for what is held
            self._give_up_held()
            self._close()

    def _start_writing(self) -> None:
        """Open the file; a fault leaves the writer retrying if the file can at least be read."""
        try:
            self._db = self._open_or_replace()
        except (sqlite3.Error, OSError) as exc:
            if self._must_write or not is_fault(exc) or not readable(self.path):
                raise
            self._fault(exc)

    def _until_retry(self) -> float | None:
        """How long to wait for the next item: for ever while writing works, else until the next re-open."""
        return None if self._db is not None else max(0.0, self._retry_at - time.monotonic())

    def _handle(self, item: object) -> None:
        if self._db is None and time.monotonic() >= self._retry_at:
            self._recover()
        if item is _CHECK:
            self._check()
        elif self._db is None:
            self._hold(item)
        elif not self._write(item):
            self._hold(item)

    def _open_or_replace(self) -> sqlite_utils.Database:
        """The database; a corrupt file is moved aside (kept), a fresh one started and the salvage put in it."""
        try:
            return self._open()
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):
                raise
            return self._fresh_instead(exc)

    def _open(self) -> sqlite_utils.Database:
        db = _open(self.path)
        self._inode = self.path.stat().st_ino
        return db

    def _check(self) -> None:
        now = datetime.now(timezone.utc)
        if now - self._last_check < CHECK_AT_MOST_EVERY:
            return
        self._last_check = now
        try:  # a connection of its own: the writer's may still hold good pages in memory
            with contextlib.closing(sqlite3.connect(self.path)) as fresh:
                problems = [row[0] for row in fresh.execute("PRAGMA quick_check").fetchall()]
                version = fresh.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):  # out of descriptors, unreadable …: nothing says the file is damaged
                _LOGGER.warning("cannot check the cache %s (%s): not a sign of damage, it is kept", self.path, exc)
                return
            problems, version = [str(exc)], 0
        if problems != ["ok"]:
            self._close()
            self._db = self._fresh_instead(sqlite3.DatabaseError("; ".join(problems[:3])))
            self._works_again()
        elif version < len(MIGRATIONS) or self._replaced():  # emptied (0 bytes) or another file now
            _LOGGER.warning("the cache %s lost its tables or was replaced: opening it again", self.path)
            self._close()
            self._recover()

    def _replaced(self) -> bool:
        """True when the file at the path is not the one the writer has open."""
        try:
            return self.path.stat().st_ino != self._inode
        except OSError:
            return True

    def _fresh_instead(self, exc: sqlite3.Error) -> sqlite_utils.Database:
        """Keep the damaged file aside, start a fresh one and put what can be read of its audit trail and orders
        in it."""
        at = datetime.now(timezone.utc)
        kept = set_aside(self.path, at)
        self._open_records.clear()
        _LOGGER.error("the cache %s is corrupt (%s); kept as %s, starting a fresh one", self.path, exc, kept)
        db = self._open()
        with _transaction(db.conn):
            saved = salvage(kept, db.conn)
        _LOGGER.error("salvaged from %s: %s", kept, ", ".join(f"{n} rows of {table}" for table, n in saved.items()))
        audit, orders, steps = saved.values()
        self.salvaged = (f"캐시 손상 · {at.astimezone(SEOUL_TZ):%m-%d %H:%M} 새로 시작 · "
                         f"감사 기록 {audit}건, 업무 지시 {orders}건(단계 {steps}건) 복구")
        self._on_error(self.problem)  # the wall reads the fresh file and shows the operator the salvage
        return db

    def _write(self, item: _Item) -> bool:
        """Write one item; False when a fault kept it from being written (the caller holds it)."""
        db = self._db
        try:
            with _transaction(db.conn):
                if isinstance(item, _Success):
                    self._write_success(db, item)
                elif isinstance(item, _Records):
                    _upsert(db, item.feed_id, item.records, to_db(item.at))
                else:
                    self._write_failure(db, item)
        except sqlite3.Error as exc:
            self._open_records.clear()  # rolled back: what is open is read again next time
            if is_fault(exc):
                self._fault(exc)
                return False
            if is_corrupt(exc):  # the data is lost either way: keep the file, carry on with a fresh one
                self._close()
                self._db = self._fresh_instead(exc)
            if self.last_error is None:
                _LOGGER.error("cache write failed (%s): %s", self.path, exc)
            self.last_error = str(exc)
            self._say(WRITE_FAILED)
            _tell(item, False)
            return True
        self._works_again()
        _tell(item, True)
        self._notify(item.feed_id)
        return True

    def _fault(self, exc: BaseException) -> None:
        """The file cannot be opened or written: close it, keep it, try again later; said once."""
        self._close()
        self._open_records.clear()
        if self.problem not in FAULT_PROBLEMS:
            _LOGGER.error("cannot write the cache %s (%s): keeping it and what is to be written, retrying", self.path,
                          exc)
        self.last_error = str(exc)
        self._retry_at = time.monotonic() + self._retry_s
        self._retry_s = min(self._retry_s * 2, RETRY_MAX_S)
        self._say(READ_ONLY if readable(self.path) and not _writable(self.path) else NOT_WRITING)

    def _say(self, problem: str) -> None:
        """What the wall should say of the cache now; told when it changes."""
        if problem != self.problem:
            self.problem = problem
            self._on_error(problem)

    def _hold(self, item: _Item) -> None:
        """Keep a write for when the fault is gone (records someone waits for are failed at once instead)."""
        if isinstance(item, _Records) and item.done is not None:
            _tell(item, False)
            return
        self._held.add(item)

    def _recover(self) -> None:
        """Open the file again (re-creating its tables if need be) and write what was held."""
        if self._db is None:
            try:
                self._db = self._open_or_replace()
            except Exception as exc:  # noqa: BLE001 (whatever keeps the file from use, the writer retries)
                self._fault(exc)
                return
        while self._held.items:
            if not self._write(self._held.items[0]):
                return
            self._held.written()
        self._works_again()

    def _works_again(self) -> None:
        """Say once that writing works again, and what the fault cost."""
        if self.last_error is None and self.problem is None:
            return
        dropped = f" ({self._held.dropped} held writes were dropped)" if self._held.dropped else ""
        _LOGGER.warning("cache writes work again%s", dropped)
        self.last_error = self.problem = None
        self._held.dropped, self._retry_s = 0, RETRY_FIRST_S
        self._on_error(None)

    def _give_up_held(self) -> None:
        if self._held.items or self._held.dropped:
            _LOGGER.error("cache: %d writes could not be written before the stop and are lost",
                          len(self._held.items) + self._held.dropped)

    def _close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None

    def _write_success(self, db: sqlite_utils.Database, item: _Success) -> None:
        fetched = to_db(item.fetched_at)
        by_type: dict[type, list] = {t: [] for t, table in RECORD_TABLES.items() if table.live}
        for record in item.result.records:
            by_type.setdefault(type(record), []).append(record)
        for record_type, records in by_type.items():
            table = RECORD_TABLES[record_type]
            if table.live:
                records = self._reconcile(db, table, item, records)
                db.execute(f"UPDATE {table.name} SET fetched_at = ? WHERE feed_id = ? AND closed = 0",
                           (fetched, item.feed_id))  # still listed: not history yet
            _upsert(db, item.feed_id, records, fetched)
        db["feed_status"].upsert({
            "feed_id": item.feed_id, "last_attempt": fetched, "last_success": fetched,
            "source_time": to_db(item.result.source_time), "record_count": len(item.result.records),
            "consecutive_failures": 0, "error_kind": None, "last_error": None}, pk="feed_id")
        self._prune(db, item.fetched_at)

    def _write_failure(self, db: sqlite_utils.Database, item: _Failure) -> None:
        db.execute(
            """INSERT INTO feed_status (feed_id, last_attempt, consecutive_failures, error_kind, last_error)
               VALUES (?, ?, 1, ?, ?)
               ON CONFLICT (feed_id) DO UPDATE SET last_attempt = excluded.last_attempt,
                 consecutive_failures = consecutive_failures + 1,
                 error_kind = excluded.error_kind, last_error = excluded.last_error""",
            (item.feed_id, to_db(item.at), item.error_kind, item.message))

    def _reconcile(self, db: sqlite_utils.Database, table: RecordTable, item: _Success, records: list) -> list:
        """The records of a live table that changed with this fetch (see `feeds.incidents.reconcile`).

        The open ones are kept in memory between fetches, so a fetch reads back only the
        closed incidents it lists again.
        """
        key_of = table.key[0]
        open_now = self._open_records.get((item.feed_id, table.name))
        if open_now is None:
            open_now = _stored(db, table, item.feed_id, "closed = 0", ())
        previous = dict(open_now)
        unknown = [getattr(r, key_of) for r in records if getattr(r, key_of) not in previous]
        if unknown:
            previous.update(_stored(db, table, item.feed_id, f"{key_of} IN (SELECT value FROM json_each(?))",
                                    (json.dumps(unknown),)))
        changed = [r for r in reconcile(previous, tuple(records), item.fetched_at)
                   if previous.get(getattr(r, key_of)) != r]
        for record in changed:
            if record.closed:
                open_now.pop(getattr(record, key_of), None)
            else:
                open_now[getattr(record, key_of)] = record
        self._open_records[(item.feed_id, table.name)] = open_now
        return changed

    def _prune(self, db: sqlite_utils.Database, now: datetime) -> None:
        """Drop history older than the retention, at most once an hour."""
        if now - self._last_prune < PRUNE_EVERY:
            return
        self._last_prune = now
        for table in RECORD_TABLES.values():
            cutoff = to_db(now - max(self.retention, timedelta(days=table.keep_days)))
            db.execute(f"DELETE FROM {table.name} WHERE {table.time_column} < ?", (cutoff,))


class _Held:
    """Writes kept through a fault, oldest first, MAX_HELD_RECORDS records at most (the oldest beyond are dropped,
    counted). What is held never has anyone waiting for it (see `CacheWriter._hold`)."""

    def __init__(self) -> None:
        self.items: deque[_Item] = deque()
        self.records = 0
        self.dropped = 0

    def add(self, item: _Item) -> None:
        self.items.append(item)
        self.records += _size(item)
        while self.records > MAX_HELD_RECORDS and len(self.items) > 1:
            self.records -= _size(self.items.popleft())
            self.dropped += 1

    def written(self) -> None:
        """The oldest was written."""
        self.records -= _size(self.items.popleft())


def _size(item: _Item) -> int:
    """How many records an item holds (at least one: a status)."""
    return max(1, len(item.result.records if isinstance(item, _Success) else getattr(item, "records", ())))


CORRUPT = ("file is not a database", "database disk image is malformed", SCHEMA_MISMATCH)


def is_corrupt(exc: sqlite3.Error) -> bool:
    """True for SQLite's words for a damaged file (not for a locked, full or read-only one)."""
    return any(phrase in str(exc) for phrase in CORRUPT)


FAULTS = {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY,
          sqlite3.SQLITE_PERM, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED,
          sqlite3.SQLITE_PROTOCOL}  # SQLite's primary codes for a file it cannot open or write now
LOST_TABLES = "no such table"  # the file was emptied (0 bytes) under the writer: opening it again re-creates them


def is_fault(exc: BaseException) -> bool:
    """True when the file cannot be opened or written now (descriptors, disk full, read-only …): it is kept and
    tried again, never taken for damaged."""
    code = getattr(exc, "sqlite_errorcode", None)
    return (isinstance(exc, OSError) or (code is not None and (code & 0xFF) in FAULTS)
            or LOST_TABLES in str(exc))


def readable(path: Path) -> bool:
    """True when the file opens read-only and has the cache's tables."""
    try:
        with CacheReader(path) as reader:
            reader.statuses()
    except sqlite3.Error:
        return False
    return True


def _writable(path: Path) -> bool:
    """False when the file or its directory is read-only (SQLite needs its -wal and -shm files beside it)."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def set_aside(path: Path, at: datetime) -> Path:
    """Rename a damaged database (and its -wal/-shm files) to `<name>.corrupt-<time>`; return the new name."""
    kept = path.with_name(f"{path.name}.corrupt-{at.strftime('%Y%m%dT%H%M%SZ')}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.rename(kept.with_name(kept.name + suffix))
    return kept


def _open(path: Path) -> sqlite_utils.Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


def _tell(item: _Success | _Failure | _Records, written: bool) -> None:
    """Tell whoever queued the records; their trouble (a receiver already gone) never stops the writer."""
    if isinstance(item, _Records) and item.done is not None:
        try:
            item.done(written)
        except Exception:  # noqa: BLE001 (a job boundary)
            _LOGGER.exception("cache writer: a caller's done() failed")


def _upsert(db: sqlite_utils.Database, feed_id: str, records: list | tuple, fetched: str) -> None:
    """Insert or replace records (all of one type) by their key."""
    if records:
        table = RECORD_TABLES[type(records[0])]
        rows = [{"feed_id": feed_id, **record_row(r), "fetched_at": fetched} for r in records]
        db[table.name].upsert_all(rows, pk=("feed_id", *table.key))


def _stored(db: sqlite_utils.Database, table: RecordTable, feed_id: str, where: str, args: tuple) -> dict:
    """Stored records of a feed in a table that match `where`, by key."""
    rows = db.execute(f"SELECT * FROM {table.name} WHERE feed_id = ? AND {where}", (feed_id, *args))
    columns = [c[0] for c in rows.description]
    stored = (row_record(record_type_of(table), dict(zip(columns, row))) for row in rows.fetchall())
    return {getattr(r, table.key[0]): r for r in stored}


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """All or nothing (the connection is in autocommit mode, so BEGIN explicitly)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
