"""The cache's tables, their migrations, and how records map onto rows."""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, get_type_hints

from feeds.audit import AuditEntry
from feeds.bikes import BikeStation
from feeds.calls_120 import CallVolume
from feeds.cameras import Camera, CameraHealth
from feeds.complaints import ComplaintKeyword
from feeds.incidents import DisasterMessage, FireStats, Incident, Stage
from feeds.kstartup import SupportProgramme
from feeds.orders import Order, OrderStep
from feeds.projects import ProjectProblem, ProjectProgress, ProjectReport
from feeds.records import AirReading
from feeds.rss import NewsItem
from feeds.seoul_prices import PriceQuote
from feeds.startup_indicators import StartupIndicator
from feeds.subway import LineStatus
from feeds.traffic import HotspotStatus, RoadLink, WeatherWarning
from feeds.water import RiverQuality, TapReading, WaterSupply

CCTV_RECORDS = "_cctv"  # feed id of the wall's own camera catalogue and health (no feed id starts with "_")

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
    """
    CREATE TABLE incidents (
        feed_id TEXT NOT NULL, source_id TEXT NOT NULL, kind TEXT NOT NULL, type_label TEXT NOT NULL,
        occurred_at TEXT, lat REAL, lon REAL, address TEXT, district TEXT, dong TEXT, agency TEXT,
        stage TEXT, stages TEXT NOT NULL DEFAULT '[]', closed INTEGER NOT NULL DEFAULT 0, closed_at TEXT,
        expected_clear TEXT, detail TEXT, outside_seoul INTEGER NOT NULL DEFAULT 0,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, source_id)
    );
    CREATE INDEX incidents_open ON incidents (closed, closed_at);
    CREATE INDEX incidents_occurred ON incidents (occurred_at);
    CREATE INDEX incidents_fetch ON incidents (fetched_at);
    CREATE TABLE fire_stats (
        feed_id TEXT NOT NULL, day TEXT NOT NULL, sido TEXT NOT NULL,
        received INTEGER, in_progress INTEGER, ended INTEGER, self_extinguished INTEGER,
        false_alarm INTEGER, false_report INTEGER,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, day, sido)
    );
    CREATE TABLE disaster_messages (
        feed_id TEXT NOT NULL, message_id TEXT NOT NULL, text TEXT NOT NULL,
        category TEXT, region TEXT, sent_at TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, message_id)
    );
    CREATE INDEX disaster_messages_sent ON disaster_messages (sent_at);
    """,
    """
    CREATE TABLE cameras (
        feed_id TEXT NOT NULL, camera_id TEXT NOT NULL, name TEXT NOT NULL, url TEXT NOT NULL,
        sub_url TEXT, lat REAL, lon REAL, district TEXT, source TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, camera_id)
    );
    CREATE INDEX cameras_fetch ON cameras (feed_id, fetched_at);
    """,
    """
    CREATE TABLE camera_health (
        feed_id TEXT NOT NULL, camera_id TEXT NOT NULL, state TEXT NOT NULL, last_frame_at TEXT,
        reconnects INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0, problem TEXT,
        updated_at TEXT, fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, camera_id)
    );
    """,
    """
    CREATE TABLE hotspot_status (
        feed_id TEXT NOT NULL, area TEXT NOT NULL, measured_at TEXT NOT NULL, area_code TEXT,
        lat REAL, lon REAL, district TEXT, road_level TEXT, road_speed REAL, road_message TEXT,
        crowd_level TEXT, crowd_message TEXT, people_min INTEGER, people_max INTEGER,
        forecast TEXT NOT NULL DEFAULT '[]',
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, area, measured_at)
    );
    CREATE INDEX hotspot_status_time ON hotspot_status (feed_id, measured_at);
    CREATE INDEX hotspot_status_fetch ON hotspot_status (feed_id, fetched_at);
    CREATE TABLE road_links (
        feed_id TEXT NOT NULL, link_id TEXT NOT NULL, area TEXT NOT NULL, points TEXT NOT NULL,
        road_name TEXT, speed REAL, level TEXT, measured_at TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, link_id)
    );
    CREATE INDEX road_links_fetch ON road_links (feed_id, fetched_at);
    CREATE TABLE weather_warnings (
        feed_id TEXT NOT NULL, warning_id TEXT NOT NULL, kind TEXT NOT NULL, level TEXT,
        announced_at TEXT, cancelled INTEGER NOT NULL DEFAULT 0, message TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, warning_id)
    );
    CREATE TABLE bike_stations (
        feed_id TEXT NOT NULL, station_id TEXT NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
        bikes INTEGER, racks INTEGER,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, station_id)
    );
    CREATE INDEX bike_stations_fetch ON bike_stations (feed_id, fetched_at);
    CREATE TABLE line_status (
        feed_id TEXT NOT NULL, station TEXT NOT NULL, line TEXT NOT NULL, trains INTEGER NOT NULL,
        disrupted INTEGER NOT NULL DEFAULT 0, next_message TEXT, received_at TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, station, line)
    );
    """,
    """
    CREATE TABLE water_supply (
        feed_id TEXT NOT NULL, site TEXT NOT NULL, measure TEXT NOT NULL, day TEXT NOT NULL, volume_m3 REAL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, site, measure, day)
    );
    CREATE INDEX water_supply_day ON water_supply (measure, day);
    CREATE TABLE river_quality (
        feed_id TEXT NOT NULL, station TEXT NOT NULL, measured_at TEXT NOT NULL,
        temp_c REAL, ph REAL, do_mg_l REAL, toc_mg_l REAL, tn_mg_l REAL, tp_mg_l REAL, lat REAL, lon REAL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, station, measured_at)
    );
    CREATE INDEX river_quality_fetch ON river_quality (feed_id, fetched_at);
    CREATE TABLE tap_readings (
        feed_id TEXT NOT NULL, point_id TEXT NOT NULL, measured_at TEXT NOT NULL, district TEXT, dong TEXT,
        lat REAL, lon REAL, chlorine_mg_l REAL, turbidity_ntu REAL, ph REAL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, point_id, measured_at)
    );
    CREATE INDEX tap_readings_time ON tap_readings (feed_id, measured_at);
    CREATE INDEX tap_readings_fetch ON tap_readings (feed_id, fetched_at);
    CREATE TABLE price_quotes (
        feed_id TEXT NOT NULL, market TEXT NOT NULL, item TEXT NOT NULL, day TEXT NOT NULL, month TEXT NOT NULL,
        unit TEXT, price_won REAL, market_type TEXT, district TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, market, item, day)
    );
    CREATE INDEX price_quotes_month ON price_quotes (feed_id, month, item, market_type, district, price_won);
    CREATE TABLE complaint_keywords (
        feed_id TEXT NOT NULL, kind TEXT NOT NULL, keyword TEXT NOT NULL, analysed_at TEXT NOT NULL,
        rank INTEGER, count INTEGER, previous INTEGER, change_pct REAL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, kind, keyword, analysed_at)
    );
    CREATE INDEX complaint_keywords_fetch ON complaint_keywords (feed_id, fetched_at);
    CREATE TABLE call_volumes (
        feed_id TEXT NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL, category TEXT NOT NULL, calls INTEGER NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, day, hour, category)
    );
    """,
    """
    CREATE TABLE project_reports (
        feed_id TEXT NOT NULL, project_id TEXT NOT NULL, folder TEXT NOT NULL, name TEXT NOT NULL,
        status TEXT NOT NULL, document TEXT NOT NULL, detail TEXT NOT NULL, updated_at TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, project_id)
    );
    CREATE TABLE project_problems (
        feed_id TEXT NOT NULL, project_id TEXT NOT NULL, folder TEXT NOT NULL, problem TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, project_id)
    );
    CREATE TABLE project_progress (
        feed_id TEXT NOT NULL, project_id TEXT NOT NULL, as_of TEXT NOT NULL, percent REAL NOT NULL,
        planned_percent REAL, source TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, project_id, as_of)
    );
    CREATE TABLE news_items (
        feed_id TEXT NOT NULL, item_id TEXT NOT NULL, title TEXT NOT NULL, edition TEXT, published_at TEXT,
        department TEXT, link TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, item_id)
    );
    CREATE INDEX news_items_published ON news_items (published_at);
    CREATE TABLE support_programmes (
        feed_id TEXT NOT NULL, programme_id TEXT NOT NULL, name TEXT NOT NULL, organisation TEXT, kind TEXT,
        region TEXT, opens TEXT, closes TEXT, url TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, programme_id)
    );
    CREATE TABLE startup_indicators (
        feed_id TEXT NOT NULL, indicator TEXT NOT NULL, month TEXT NOT NULL, value REAL NOT NULL, source TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, indicator, month)
    );
    """,
    """
    CREATE TABLE audit_log (
        feed_id TEXT NOT NULL, entry_id TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,
        outcome TEXT, duration_s REAL, detail TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, entry_id)
    );
    CREATE INDEX audit_log_at ON audit_log (at);
    """,
    """
    CREATE TABLE orders (
        feed_id TEXT NOT NULL, order_id TEXT NOT NULL, given_at TEXT NOT NULL, given_with TEXT NOT NULL,
        recipient TEXT NOT NULL, recipient_name TEXT NOT NULL, text TEXT NOT NULL, template TEXT NOT NULL,
        subject TEXT NOT NULL, subject_name TEXT NOT NULL, ack_minutes REAL NOT NULL, due TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, order_id)
    );
    CREATE INDEX orders_given_at ON orders (given_at);
    CREATE TABLE order_steps (
        feed_id TEXT NOT NULL, order_id TEXT NOT NULL, state TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
        report TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, order_id, state)
    );
    """,
)


@dataclass(frozen=True)
class RecordTable:
    """Where a record type is stored: table, key fields, and the column retention prunes on.

    A `live` table holds things that stay open until their source stops listing them
    (incidents): each fetch is reconciled with what is stored, see `feeds.incidents.reconcile`.
    `keep_days`: history kept at least this long whatever the retention (a year's comparisons).
    """

    name: str
    key: tuple[str, ...]
    time_column: str
    live: bool = False
    keep_days: int = 0


RECORD_TABLES: dict[type, RecordTable] = {
    AirReading: RecordTable("air_readings", key=("station", "measured_at"), time_column="measured_at"),
    Incident: RecordTable("incidents", key=("source_id",), time_column="fetched_at", live=True),
    FireStats: RecordTable("fire_stats", key=("day", "sido"), time_column="fetched_at"),
    DisasterMessage: RecordTable("disaster_messages", key=("message_id",), time_column="fetched_at"),
    Camera: RecordTable("cameras", key=("camera_id",), time_column="fetched_at"),
    CameraHealth: RecordTable("camera_health", key=("camera_id",), time_column="fetched_at"),
    HotspotStatus: RecordTable("hotspot_status", key=("area", "measured_at"), time_column="measured_at"),
    RoadLink: RecordTable("road_links", key=("link_id",), time_column="fetched_at"),
    WeatherWarning: RecordTable("weather_warnings", key=("warning_id",), time_column="fetched_at"),
    BikeStation: RecordTable("bike_stations", key=("station_id",), time_column="fetched_at"),
    LineStatus: RecordTable("line_status", key=("station", "line"), time_column="fetched_at"),
    WaterSupply: RecordTable("water_supply", key=("site", "measure", "day"), time_column="day", keep_days=400),
    RiverQuality: RecordTable("river_quality", key=("station", "measured_at"), time_column="measured_at"),
    TapReading: RecordTable("tap_readings", key=("point_id", "measured_at"), time_column="measured_at"),
    PriceQuote: RecordTable("price_quotes", key=("market", "item", "day"), time_column="day", keep_days=400),
    ComplaintKeyword: RecordTable("complaint_keywords", key=("kind", "keyword", "analysed_at"),
                                  time_column="analysed_at"),
    CallVolume: RecordTable("call_volumes", key=("day", "hour", "category"), time_column="day"),
    ProjectReport: RecordTable("project_reports", key=("project_id",), time_column="fetched_at"),
    ProjectProblem: RecordTable("project_problems", key=("project_id",), time_column="fetched_at"),
    ProjectProgress: RecordTable("project_progress", key=("project_id", "as_of"), time_column="as_of",
                                 keep_days=3650),  # a project's progress over its whole life
    NewsItem: RecordTable("news_items", key=("item_id",), time_column="fetched_at"),
    SupportProgramme: RecordTable("support_programmes", key=("programme_id",), time_column="fetched_at"),
    StartupIndicator: RecordTable("startup_indicators", key=("indicator", "month"), time_column="month",
                                  keep_days=3650),  # the trends go back years
    AuditEntry: RecordTable("audit_log", key=("entry_id",), time_column="at", keep_days=3650),  # kept for years
    Order: RecordTable("orders", key=("order_id",), time_column="given_at", keep_days=3650),
    OrderStep: RecordTable("order_steps", key=("order_id", "state"), time_column="at", keep_days=3650),
}


def record_type_of(table: RecordTable) -> type:
    """The record type stored in a table."""
    return next(t for t, known in RECORD_TABLES.items() if known == table)


SCHEMA_MISMATCH = "cache schema does not match this program"


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; return the version now in force. A file whose tables lack
    columns the records need (written by another build at the same version) raises
    `sqlite3.DatabaseError` naming SCHEMA_MISMATCH: the writer keeps it aside like a damaged one."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise RuntimeError(f"cache schema v{version} is newer than this program (v{len(MIGRATIONS)})")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")
    missing = [f"{table.name}.{column}" for record_type, table in RECORD_TABLES.items()
               for column in ("feed_id", *_decoders(record_type), "fetched_at")
               if column not in _columns_of(conn, table.name)]
    if missing:
        raise sqlite3.DatabaseError(f"{SCHEMA_MISMATCH} (missing {', '.join(missing[:5])})")
    return len(MIGRATIONS)


def _columns_of(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def to_db(value: Any) -> Any:
    """A Python value as stored: aware datetimes as UTC ISO-8601 text (sorts correctly),
    stage histories as JSON."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="seconds")
    if isinstance(value, tuple):
        return json.dumps([[s.label, to_db(s.at)] for s in value], ensure_ascii=False)
    return value


def from_db(text: str | None) -> datetime | None:
    """A stored timestamp back as an aware datetime."""
    return datetime.fromisoformat(text) if text else None


def record_row(record: Any) -> dict[str, Any]:
    """A record's fields as a row."""
    return {name: to_db(getattr(record, name)) for name in _decoders(type(record))}


def row_record(record_type: type, row: dict[str, Any]) -> Any:
    """A record rebuilt from its row (extra columns such as feed_id are ignored)."""
    plain, decoded = _columns(record_type)
    values = {name: row[name] for name in plain}
    for name, decode in decoded:
        values[name] = decode(row[name])
    return record_type(**values)


@functools.cache
def _columns(record_type: type) -> tuple[tuple[str, ...], tuple[tuple[str, Callable[[Any], Any]], ...]]:
    """The fields stored as they are, and (field, decoder) for the others: a hot path."""
    decoders = _decoders(record_type)
    return (tuple(n for n, d in decoders.items() if d is _as_is),
            tuple((n, d) for n, d in decoders.items() if d is not _as_is))


def _stages(text: str | None) -> tuple[Stage, ...]:
    return tuple(Stage(label, from_db(at)) for label, at in json.loads(text or "[]"))


def _as_is(value: Any) -> Any:
    return value


@functools.cache
def _decoders(record_type: type) -> dict[str, Callable[[Any], Any]]:
    """Field name -> how its stored value becomes the field's value."""
    hints = get_type_hints(record_type)
    decoders: dict[str, Callable[[Any], Any]] = {}
    for f in dataclasses.fields(record_type):
        hint = hints[f.name]
        if "datetime" in str(hint):
            decoders[f.name] = from_db
        elif hint is bool:
            decoders[f.name] = bool
        elif hint == tuple[Stage, ...]:
            decoders[f.name] = _stages
        else:
            decoders[f.name] = _as_is
    return decoders
