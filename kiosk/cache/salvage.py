"""What can still be read of a damaged cache's audit trail and orders, copied into the fresh one."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from urllib.parse import quote

from feeds.audit import AuditEntry
from feeds.orders import Order, OrderStep
from kiosk.cache.schema import RECORD_TABLES

SALVAGED = tuple(RECORD_TABLES[t].name for t in (AuditEntry, Order, OrderStep))  # durable: years of the mayor's acts


def salvage(kept: Path, into: sqlite3.Connection) -> dict[str, int]:
    """Copy every readable row of the kept file's audit trail and orders into `into`; the rows copied, by table."""
    try:
        source = sqlite3.connect(f"file:{quote(str(kept))}?mode=ro", uri=True)
    except sqlite3.Error:
        return dict.fromkeys(SALVAGED, 0)
    with contextlib.closing(source):
        return {table: _copy(_readable_rows(source, table), into, table) for table in SALVAGED}


def _readable_rows(source: sqlite3.Connection, table: str) -> list[dict]:
    """The rows that can be read: from the front up to the first damaged page, and from the back up to the last."""
    rows: dict[int, dict] = {}
    for order in ("ASC", "DESC"):
        try:
            cursor = source.execute(f"SELECT rowid AS _rowid_, * FROM {table} ORDER BY rowid {order}")
            names = [c[0] for c in cursor.description]
            for row in cursor:
                rows[row[0]] = dict(zip(names[1:], row[1:]))
        except sqlite3.DatabaseError:  # an unreadable page (or no such table): what came before it is kept
            continue
    return list(rows.values())


def _copy(rows: list[dict], into: sqlite3.Connection, table: str) -> int:
    """Insert the rows (the columns both files have) unless the key is there already; how many were new."""
    if not rows:
        return 0
    columns = [c for c in rows[0] if c in {r[1] for r in into.execute(f"PRAGMA table_info({table})")}]
    before = into.total_changes
    into.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                     [tuple(row[c] for c in columns) for row in rows])
    return into.total_changes - before
