"""The single writer: one thread owns the only read-write connection to the cache."""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

from feeds.base import FeedResult
from feeds.incidents import reconcile
from kiosk.cache.schema import (RECORD_TABLES, SCHEMA_MISMATCH, RecordTable, migrate, record_row, record_type_of,
                                row_record, to_db)

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


_STOP = object()
_CHECK = object()
CHECK_AT_MOST_EVERY = timedelta(minutes=1)


class CacheWriter:
    """Queues fetch outcomes and writes them on its own thread.

    `notify(feed_id)` is called on the writer thread after each commit; `on_error(text)` when a
    write fails (text) and again when writing works again (None). Both must be thread-safe.
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
        self.last_error: str | None = None  # the last write's failure, None once a write succeeds
        self._last_check = datetime.min.replace(tzinfo=timezone.utc)
        self._last_prune = datetime.min.replace(tzinfo=timezone.utc)
        self._open_records: dict[tuple[str, str], dict] = {}  # (feed, live table) -> its open records by key

    @property
    def failed_to_start(self) -> bool:
        """True when `start()` raised because the database could not be opened."""
        return self._startup_error is not None

    def start(self) -> None:
        """Open the database, run migrations, and start writing; raise if the file is unusable."""
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
        status. `done(written)` is called on the writer's thread once they are committed, or have failed."""
        self._queue.put(_Records(feed_id, records, at, done))

    def submit_check(self) -> None:
        """A reader could not read the file: check its integrity (at most once a minute) and replace it if damaged."""
        self._queue.put(_CHECK)

    def flush(self) -> None:
        """Block until everything queued so far is written."""
        self._queue.join()

    def stop(self) -> None:
        """Write what is queued, close the connection and end the thread."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def _run(self) -> None:
        try:
            self._db = self._open_or_replace()
        except Exception as exc:  # start() must hear of any failure, never wait for ever
            self._startup_error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            while True:
                item = self._queue.get()
                try:
                    if item is _STOP:
                        return
                    if item is _CHECK:
                        self._check()
                    else:
                        self._write(self._db, item)
                except Exception:  # a job boundary: one bad item must not end the writer
                    _LOGGER.exception("cache writer: cannot store %r", item)
                finally:
                    self._queue.task_done()
        finally:
            self._db.conn.close()

    def _open_or_replace(self) -> sqlite_utils.Database:
        """The database; a corrupt file is moved aside (kept) and a fresh one started."""
        try:
            return _open(self.path)
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):
                raise
            self._set_aside(exc)
            return _open(self.path)

    def _check(self) -> None:
        now = datetime.now(timezone.utc)
        if now - self._last_check < CHECK_AT_MOST_EVERY:
            return
        self._last_check = now
        try:  # a connection of its own: the writer's may still hold good pages in memory
            with contextlib.closing(sqlite3.connect(self.path)) as fresh:
                problems = [row[0] for row in fresh.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems != ["ok"]:
            self._replace(sqlite3.DatabaseError("; ".join(problems[:3])))
            self._on_error(None)

    def _replace(self, exc: sqlite3.Error) -> None:
        """Close the damaged database, keep its file aside and carry on with a fresh one."""
        self._db.conn.close()
        self._set_aside(exc)
        self._db = _open(self.path)

    def _set_aside(self, exc: sqlite3.Error) -> None:
        kept = set_aside(self.path, datetime.now(timezone.utc))
        self._open_records.clear()
        _LOGGER.error("the cache %s is corrupt (%s); kept as %s, starting a fresh one", self.path, exc, kept)

    def _write(self, db: sqlite_utils.Database, item: _Success | _Failure | _Records) -> None:
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
            if is_corrupt(exc):  # the data is lost either way: keep the file, carry on with a fresh one
                self._replace(exc)
            if self.last_error is None:
                _LOGGER.error("cache write failed (%s): %s", self.path, exc)
                self._on_error(f"캐시 저장 실패 / cache write failed: {exc}")
            self.last_error = str(exc)
            _tell(item, False)
            return
        if self.last_error is not None:
            _LOGGER.warning("cache writes work again")
            self._on_error(None)
            self.last_error = None
        _tell(item, True)
        self._notify(item.feed_id)

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


CORRUPT = ("file is not a database", "database disk image is malformed", SCHEMA_MISMATCH)


def is_corrupt(exc: sqlite3.Error) -> bool:
    """True for SQLite's words for a damaged file (not for a locked, full or read-only one)."""
    return any(phrase in str(exc) for phrase in CORRUPT)


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
