"""What the field service holds for each person: the orders their device received and how far they have
taken each, written before the broker is told it has them (so a service restarted mid-flow loses none)
and before their step is published (so a step waits for the broker, not in memory)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS field_orders (
    contact TEXT NOT NULL, order_id TEXT NOT NULL, text TEXT NOT NULL, subject TEXT NOT NULL,
    given_at TEXT NOT NULL, due TEXT, received_at TEXT NOT NULL,
    state TEXT, report TEXT, state_at TEXT, state_sent INTEGER NOT NULL DEFAULT 1,
    cancelled INTEGER NOT NULL DEFAULT 0, reason TEXT,
    PRIMARY KEY (contact, order_id)
);
"""
SHOWN_AFTER_END = timedelta(days=1)  # a done or cancelled order stays on the page this long


class FieldStore:
    """One SQLite file, one connection, one lock (HTTP threads and the MQTT threads share it)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def receive(self, contact: str, message: dict) -> None:
        """An order (kept once, whatever repeats) or its cancellation."""
        now = _now()
        with self._lock:
            if message.get("cancelled"):
                self._conn.execute("UPDATE field_orders SET cancelled = 1, reason = ?, state_at = ? "
                                   "WHERE contact = ? AND order_id = ?",
                                   (message.get("reason") or "", now, contact, message["order_id"]))
                return
            self._conn.execute(
                "INSERT OR IGNORE INTO field_orders (contact, order_id, text, subject, given_at, due, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (contact, message["order_id"], message["text"],
                                                  message.get("subject", ""), message["given_at"], message.get("due"),
                                                  now))

    def orders(self, contact: str) -> list[dict]:
        """The person's orders, newest first: open ones and those ended within a day."""
        since = (datetime.now(timezone.utc) - SHOWN_AFTER_END).isoformat()
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM field_orders WHERE contact = ? AND (state IS NOT '완료' AND cancelled = 0 "
                "OR state_at >= ?) ORDER BY given_at DESC", (contact, since)).fetchall()
        return [dict(row) for row in rows]

    def order(self, contact: str, order_id: str) -> dict | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM field_orders WHERE contact = ? AND order_id = ?",
                                     (contact, order_id)).fetchone()
        return dict(row) if row else None

    def set_state(self, contact: str, order_id: str, state: str, report: str | None) -> None:
        with self._lock:
            self._conn.execute("UPDATE field_orders SET state = ?, report = ?, state_at = ?, state_sent = 0 "
                               "WHERE contact = ? AND order_id = ?", (state, report, _now(), contact, order_id))

    def unsent(self, contact: str) -> list[dict]:
        """Steps the broker has not confirmed (sent again at each connection)."""
        with self._lock:
            rows = self._conn.execute("SELECT * FROM field_orders WHERE contact = ? AND state_sent = 0",
                                      (contact,)).fetchall()
        return [dict(row) for row in rows]

    def mark_sent(self, contact: str, order_id: str, state: str) -> None:
        with self._lock:
            self._conn.execute("UPDATE field_orders SET state_sent = 1 WHERE contact = ? AND order_id = ? "
                               "AND state = ?", (contact, order_id, state))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()
