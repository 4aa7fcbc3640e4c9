"""The cache's tables, their migrations, and how records map onto rows."""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, get_type_hints

from feeds.records import AirReading

# Each entry upgrades the schema by one version (PRAGMA user_version). Append only.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE feed_status (
        feed_id TEXT PRIMARY KEY,
        last_attempt TEXT, last_success TEXT, source_time TEXT,
        record_count INTEGER NOT NULL DEFAULT 0,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        error_kind TEXT, last_error TEXT
    );
    CREATE TABLE air_readings (
        feed_id TEXT NOT NULL, station TEXT NOT NULL, measured_at TEXT NOT NULL,
        region TEXT, pm10 REAL, pm25 REAL, o3 REAL, no2 REAL, co REAL, so2 REAL,
        cai REAL, grade TEXT, main_pollutant TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, station, measured_at)
    );
    CREATE INDEX air_readings_time ON air_readings (feed_id, measured_at);
    CREATE INDEX air_readings_fetch ON air_readings (feed_id, fetched_at);
    """,
)


@dataclass(frozen=True)
class RecordTable:
    """Where a record type is stored: table, key fields, and the column retention prunes on."""

    name: str
    key: tuple[str, ...]
    time_column: str


RECORD_TABLES: dict[type, RecordTable] = {
    AirReading: RecordTable("air_readings", key=("station", "measured_at"), time_column="measured_at"),
}


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; return the version now in force."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise RuntimeError(f"cache schema v{version} is newer than this program (v{len(MIGRATIONS)})")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")
    return len(MIGRATIONS)


def to_db(value: Any) -> Any:
    """A Python value as stored: aware datetimes as UTC ISO-8601 text (sorts correctly)."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="seconds")
    return value


def from_db(text: str | None) -> datetime | None:
    """A stored timestamp back as an aware datetime."""
    return datetime.fromisoformat(text) if text else None


def record_row(record: Any) -> dict[str, Any]:
    """A record's fields as a row."""
    return {k: to_db(v) for k, v in dataclasses.asdict(record).items()}


def row_record(record_type: type, row: dict[str, Any]) -> Any:
    """A record rebuilt from its row (extra columns such as feed_id are ignored)."""
    times = _datetime_fields(record_type)
    return record_type(**{name: from_db(row[name]) if name in times else row[name]
                          for name in _field_names(record_type)})


@functools.cache
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record_type))


@functools.cache
def _datetime_fields(record_type: type) -> frozenset[str]:
    hints = get_type_hints(record_type)
    return frozenset(name for name in _field_names(record_type) if "datetime" in str(hints[name]))
