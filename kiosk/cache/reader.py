"""Read-only access to the cache: each reader opens its own connection.

History for charts is read only where its time is believable: no later than the reader's `now` plus the
clocks' tolerance and not before EARLIEST. A source that stamps 2099 is flagged "원본 시각 오류" by its
feed's health and its latest values stay visible, but it never stretches a chart's axis.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

from feeds.audit import AuditEntry
from feeds.bikes import BikeCounts
from feeds.health import FUTURE_TOLERANCE_S, FeedStatus
from feeds.incidents import DisasterMessage, Incident
from feeds.orders import Order, OrderStep
from feeds.projects import ProjectProblem, ProjectReport
from feeds.records import SEOUL_TZ
from feeds.rss import NewsItem
from feeds.traffic import CROWDED
from feeds.water import TAP_LIMITS, Limit, WaterSupply
from kiosk.cache.schema import RECORD_TABLES, from_db, row_record, to_db
from kiosk.clock import utc_now

EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)  # before this, a time in the cache is a wrong one


class CacheReader:
    """A read-only connection; use one per thread, close it when done."""

    def __init__(self, path: Path, now: datetime | None = None):
        self._conn = _read_only(Path(path).resolve())
        self._conn.row_factory = sqlite3.Row
        latest = (now or utc_now()) + timedelta(seconds=FUTURE_TOLERANCE_S)
        self._times = (to_db(EARLIEST), to_db(latest))  # the believable times, as stored
        self._months = (EARLIEST.strftime("%Y-%m"), latest.astimezone(SEOUL_TZ).strftime("%Y-%m"))

    def __enter__(self) -> "CacheReader":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def statuses(self) -> dict[str, FeedStatus]:
        """Every feed's status, by feed id."""
        rows = self._conn.execute("SELECT * FROM feed_status").fetchall()
        return {row["feed_id"]: _status(row) for row in rows}

    def latest(self, feed_id: str, record_type: type) -> tuple[Any, ...]:
        """The records of the feed's last successful fetch, in key order."""
        table = RECORD_TABLES[record_type]
        found = self._conn.execute("SELECT last_success FROM feed_status WHERE feed_id = ?", (feed_id,)).fetchone()
        if found is None or found[0] is None:
            return ()
        rows = self._conn.execute(  # no ORDER BY: it would make SQLite walk the primary key instead
            f"SELECT * FROM {table.name} WHERE feed_id = ? AND fetched_at = ?", (feed_id, found[0])).fetchall()
        rows.sort(key=lambda row: tuple(row[k] for k in table.key))
        return tuple(row_record(record_type, dict(row)) for row in rows)

    def air_trend(self, feed_id: str, since: datetime, station: str | None = None
                  ) -> list[tuple[datetime, float | None, float | None]]:
        """Hourly PM10/PM2.5 since `since`: one station's, or the mean of all stations."""
        where, args = "feed_id = ? AND measured_at >= ? AND measured_at BETWEEN ? AND ?", [feed_id, to_db(since),
                                                                                         *self._times]
        if station is not None:
            where, args = where + " AND station = ?", args + [station]
        rows = self._conn.execute(
            f"""SELECT measured_at, avg(pm10), avg(pm25) FROM air_readings WHERE {where}
                GROUP BY measured_at ORDER BY measured_at""", args).fetchall()
        return [(from_db(r[0]), r[1], r[2]) for r in rows]

    def incidents(self, feed_ids: list[str], closed_since: datetime) -> list[tuple[str, Incident]]:
        """(feed id, incident) for every open incident of these feeds and those closed since `closed_since`."""
        rows = self._conn.execute(
            f"""SELECT * FROM incidents WHERE feed_id IN ({_marks(feed_ids)})
                AND (closed = 0 OR closed_at >= ?)""", (*feed_ids, to_db(closed_since))).fetchall()
        return [(row["feed_id"], row_record(Incident, dict(row))) for row in rows]

    def incident_counts(self, feed_ids: list[str], since: datetime) -> dict[str, int]:
        """How many incidents of each kind occurred since `since` (open or closed)."""
        rows = self._conn.execute(
            f"""SELECT kind, count(*) FROM incidents WHERE feed_id IN ({_marks(feed_ids)})
                AND occurred_at >= ? GROUP BY kind""", (*feed_ids, to_db(since))).fetchall()
        return {kind: number for kind, number in rows}

    def messages(self, feed_ids: list[str], since: datetime, limit: int = 10) -> list[DisasterMessage]:
        """The newest 재난문자 sent since `since`, newest first."""
        rows = self._conn.execute(
            f"""SELECT * FROM disaster_messages WHERE feed_id IN ({_marks(feed_ids)}) AND sent_at >= ?
                ORDER BY sent_at DESC LIMIT ?""", (*feed_ids, to_db(since), limit)).fetchall()
        return [row_record(DisasterMessage, dict(row)) for row in rows]

    def hotspot_speeds(self, feed_ids: list[str], since: datetime) -> list[tuple[datetime, float]]:
        """(time, the hotspots' mean road speed) for every time measured since `since`, oldest first."""
        rows = self._conn.execute(
            f"""SELECT measured_at, avg(road_speed) FROM hotspot_status WHERE feed_id IN ({_marks(feed_ids)})
                AND measured_at >= ? AND measured_at BETWEEN ? AND ? AND road_speed IS NOT NULL
                GROUP BY measured_at ORDER BY measured_at""", (*feed_ids, to_db(since), *self._times)).fetchall()
        return [(from_db(r[0]), r[1]) for r in rows]

    def crowded_since(self, feed_id: str, area: str) -> datetime | None:
        """When the area's present 붐빔 began: its first 붐빔 after the last time it was not (None if never)."""
        row = self._conn.execute(
            """SELECT min(measured_at) FROM hotspot_status WHERE feed_id = ? AND area = ? AND measured_at >
                   coalesce((SELECT max(measured_at) FROM hotspot_status WHERE feed_id = ? AND area = ?
                             AND coalesce(crowd_level, '') != ?), '')""",
            (feed_id, area, feed_id, area, CROWDED)).fetchone()
        return from_db(row[0])

    def bike_counts(self, feed_ids: list[str], box: tuple[float, float, float, float] | None = None) -> BikeCounts:
        """The stations of these feeds' last fetches (within (south, west, north, east) if given), counted."""
        where, args = "", []
        if box is not None:
            where, args = " AND b.lat BETWEEN ? AND ? AND b.lon BETWEEN ? AND ?", [box[0], box[2], box[1], box[3]]
        row = self._conn.execute(
            f"""SELECT count(*), coalesce(sum(b.bikes), 0), coalesce(sum(b.bikes = 0), 0),
                       coalesce(sum(b.racks > 0 AND b.bikes >= b.racks), 0)
                FROM bike_stations b JOIN feed_status s ON s.feed_id = b.feed_id AND b.fetched_at = s.last_success
                WHERE b.feed_id IN ({_marks(feed_ids)}){where}""", (*feed_ids, *args)).fetchone()
        return BikeCounts(*row)

    def daily_totals(self, feed_ids: list[str], measure: str, since: datetime) -> list[tuple[datetime, float]]:
        """(day, the sites' total) of one supply measure for every day since `since`, oldest first."""
        rows = self._conn.execute(
            f"""SELECT day, sum(volume_m3) FROM water_supply WHERE feed_id IN ({_marks(feed_ids)}) AND measure = ?
                AND day >= ? AND day BETWEEN ? AND ? AND volume_m3 IS NOT NULL GROUP BY day ORDER BY day""",
            (*feed_ids, measure, to_db(since), *self._times)).fetchall()
        return [(from_db(r[0]), r[1]) for r in rows]

    def newest_supply(self, feed_ids: list[str]) -> tuple[WaterSupply, ...]:
        """Every site's figures of the newest day the cache holds."""
        rows = self._conn.execute(
            f"""SELECT * FROM water_supply WHERE feed_id IN ({_marks(feed_ids)}) AND day =
                (SELECT max(day) FROM water_supply WHERE feed_id IN ({_marks(feed_ids)}))""",
            (*feed_ids, *feed_ids)).fetchall()
        return tuple(row_record(WaterSupply, dict(row)) for row in rows)

    def river_trends(self, feed_ids: list[str], since: datetime
                     ) -> dict[str, list[tuple[datetime, float | None, float | None]]]:
        """Each river station's (time, DO, TOC) since `since`, oldest first."""
        rows = self._conn.execute(
            f"""SELECT station, measured_at, avg(do_mg_l), avg(toc_mg_l) FROM river_quality
                WHERE feed_id IN ({_marks(feed_ids)}) AND measured_at >= ? AND measured_at BETWEEN ? AND ?
                GROUP BY station, measured_at ORDER BY station, measured_at""",
            (*feed_ids, to_db(since), *self._times)).fetchall()
        trends: dict[str, list] = {}
        for station, at, do, toc in rows:
            trends.setdefault(station, []).append((from_db(at), do, toc))
        return trends

    def tap_trend(self, feed_ids: list[str], since: datetime, district: str | None = None
                  ) -> list[tuple[datetime, float | None, float | None]]:
        """(hour, mean residual chlorine, mean turbidity) over the sensors (of one 구) since `since`."""
        where, args = "", []
        if district is not None:
            where, args = " AND district = ?", [district]
        rows = self._conn.execute(
            f"""SELECT substr(measured_at, 1, 13), avg(chlorine_mg_l), avg(turbidity_ntu) FROM tap_readings
                WHERE feed_id IN ({_marks(feed_ids)}) AND measured_at >= ? AND measured_at BETWEEN ? AND ?{where}
                GROUP BY substr(measured_at, 1, 13) ORDER BY 1""",
            (*feed_ids, to_db(since), *self._times, *args)).fetchall()
        return [(from_db(r[0] + ":00:00+00:00"), r[1], r[2]) for r in rows]

    def newest_price_month(self, feed_id: str) -> str | None:
        """The newest survey month the cache holds ("2026-11")."""
        return self._conn.execute("SELECT max(month) FROM price_quotes WHERE feed_id = ? AND month BETWEEN ? AND ?",
                                  (feed_id, *self._months)).fetchone()[0]

    def price_history(self, feed_id: str, since_month: str) -> list[tuple[str, str, float, int]]:
        """(month, item, mean price, quotes) of every surveyed month from `since_month` ("2025-11")."""
        return self._conn.execute(
            """SELECT month, item, avg(price_won), count(*) FROM price_quotes WHERE feed_id = ? AND month >= ?
               AND month BETWEEN ? AND ? AND price_won IS NOT NULL GROUP BY month, item""",
            (feed_id, since_month, *self._months)).fetchall()

    def price_means(self, feed_id: str, months: list[str]) -> list[tuple[str, str, str | None, str | None, float, int]]:
        """(month, item, market type, 구, mean price, quotes) of the given months."""
        return self._conn.execute(
            f"""SELECT month, item, market_type, district, avg(price_won), count(*) FROM price_quotes
                WHERE feed_id = ? AND month IN ({_marks(months)}) AND price_won IS NOT NULL
                GROUP BY month, item, market_type, district""", (feed_id, *months)).fetchall()

    def keyword_counts(self, feed_ids: list[str], keyword: str, since: datetime) -> list[tuple[datetime, int]]:
        """(day, complaints naming it) for a keyword of the days' top lists since `since`, oldest first."""
        rows = self._conn.execute(
            f"""SELECT analysed_at, max(count) FROM complaint_keywords WHERE feed_id IN ({_marks(feed_ids)})
                AND kind = 'top' AND keyword = ? AND analysed_at >= ? AND analysed_at BETWEEN ? AND ?
                AND count IS NOT NULL GROUP BY analysed_at ORDER BY analysed_at""",
            (*feed_ids, keyword, to_db(since), *self._times)).fetchall()
        return [(from_db(r[0]), r[1]) for r in rows]

    def call_volumes(self, feed_ids: list[str], since: datetime) -> list[tuple[datetime, int, str, int]]:
        """(day, hour, category, calls) of 120 since `since`."""
        rows = self._conn.execute(
            f"""SELECT day, hour, category, max(calls) FROM call_volumes WHERE feed_id IN ({_marks(feed_ids)})
                AND day >= ? AND day BETWEEN ? AND ? GROUP BY day, hour, category""",
            (*feed_ids, to_db(since), *self._times)).fetchall()
        return [(from_db(r[0]), r[1], r[2], r[3]) for r in rows]

    def breach_since(self, feed_id: str, point_id: str) -> datetime | None:
        """When the sensor's present breach of the drinking-water standard began (None if it never met it)."""
        row = self._conn.execute(
            f"""SELECT min(measured_at) FROM tap_readings WHERE feed_id = ? AND point_id = ? AND measured_at >
                   coalesce((SELECT max(measured_at) FROM tap_readings WHERE feed_id = ? AND point_id = ?
                             AND NOT ({_BREACH})), '')""", (feed_id, point_id, feed_id, point_id)).fetchone()
        return from_db(row[0])

    def projects(self, feed_id: str) -> tuple[list[ProjectReport], list[ProjectProblem]]:
        """The projects of the last read of their folder, and its broken folders; a broken project that
        was read well before keeps its last good report."""
        problems = list(self.latest(feed_id, ProjectProblem))
        reports = {r.project_id: r for r in self.latest(feed_id, ProjectReport)}
        broken = {p.project_id for p in problems} - set(reports)
        if broken:
            rows = self._conn.execute(
                f"SELECT * FROM project_reports WHERE feed_id = ? AND project_id IN ({_marks(list(broken))})",
                (feed_id, *broken)).fetchall()
            reports.update((row["project_id"], row_record(ProjectReport, dict(row))) for row in rows)
        return list(reports.values()), problems

    def progress_history(self, feed_id: str) -> dict[str, list[tuple[datetime, float]]]:
        """Each project's reported 공정률 over time, oldest first."""
        history: dict[str, list[tuple[datetime, float]]] = {}
        for project_id, as_of, percent in self._conn.execute(
                "SELECT project_id, as_of, percent FROM project_progress WHERE feed_id = ? AND as_of BETWEEN ? AND ? "
                "ORDER BY as_of", (feed_id, *self._times)):
            history.setdefault(project_id, []).append((from_db(as_of), percent))
        return history

    def news(self, feed_ids: list[str], limit: int) -> list[NewsItem]:
        """The newest press releases of these feeds."""
        rows = self._conn.execute(
            f"""SELECT * FROM news_items WHERE feed_id IN ({_marks(feed_ids)})
                ORDER BY published_at DESC LIMIT ?""", (*feed_ids, limit)).fetchall()
        return [row_record(NewsItem, dict(row)) for row in rows]

    def indicator_history(self, feed_ids: list[str]) -> dict[str, list[tuple[datetime, float, str | None]]]:
        """Each startup indicator's (month, value, source), oldest first."""
        history: dict[str, list[tuple[datetime, float, str | None]]] = {}
        for indicator, month, value, source in self._conn.execute(
                f"""SELECT indicator, month, value, source FROM startup_indicators
                    WHERE feed_id IN ({_marks(feed_ids)}) AND month BETWEEN ? AND ? ORDER BY month""",
                (*feed_ids, *self._times)):
            history.setdefault(indicator, []).append((from_db(month), value, source))
        return history

    def audit(self, since: datetime | None = None) -> list[AuditEntry]:
        """The wall's audit trail, oldest first (from `since` when given)."""
        rows = self._conn.execute("SELECT * FROM audit_log WHERE at >= ? ORDER BY at, entry_id",
                                  (to_db(since) if since else "",)).fetchall()
        return [row_record(AuditEntry, dict(row)) for row in rows]

    def orders(self, since: datetime) -> list[tuple[Order, list[OrderStep]]]:
        """The wall's orders given since `since`, oldest first, each with its steps in time order."""
        orders = [row_record(Order, dict(row)) for row in self._conn.execute(
            "SELECT * FROM orders WHERE given_at >= ? ORDER BY given_at, order_id", (to_db(since),))]
        steps: dict[str, list[OrderStep]] = {}
        for row in self._conn.execute(
                "SELECT s.* FROM order_steps s JOIN orders o USING (feed_id, order_id) WHERE o.given_at >= ? "
                "ORDER BY s.at", (to_db(since),)):
            steps.setdefault(row["order_id"], []).append(row_record(OrderStep, dict(row)))
        return [(order, steps.get(order.order_id, [])) for order in orders]

    def stored(self, record_type: type, feed_id: str) -> tuple[Any, ...]:
        """Every record of a type the cache holds for a feed (e.g. the wall's camera health)."""
        table = RECORD_TABLES[record_type].name
        rows = self._conn.execute(f"SELECT * FROM {table} WHERE feed_id = ?", (feed_id,)).fetchall()
        return tuple(row_record(record_type, dict(row)) for row in rows)

    def count(self, record_type: type, feed_id: str) -> int:
        """How many rows of history the cache holds for a feed."""
        table = RECORD_TABLES[record_type].name
        return self._conn.execute(f"SELECT count(*) FROM {table} WHERE feed_id = ?",
                                  (feed_id,)).fetchone()[0]


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection. In a directory nobody can write to, SQLite cannot make the shared-memory file a
    WAL reader needs: the file is read as it stands there (nobody can be writing it)."""
    uri = f"file:{quote(str(path))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # SQLite opens the file at the first read
    except sqlite3.OperationalError as exc:
        conn.close()
        if exc.sqlite_errorcode != sqlite3.SQLITE_CANTOPEN or os.access(path.parent, os.W_OK) or not path.exists():
            raise
        conn = sqlite3.connect(uri + "&immutable=1", uri=True)
    return conn


def _outside(limit: Limit) -> str:
    """SQL true when a reading is outside the limit (a missing value is not)."""
    tests = [f"{limit.field} < {limit.low!r}"] if limit.low is not None else []
    tests += [f"{limit.field} > {limit.high!r}"] if limit.high is not None else []
    return f"coalesce({' OR '.join(tests)}, 0)"


_BREACH = " OR ".join(_outside(limit) for limit in TAP_LIMITS)  # feeds.water.tap_breaches, in SQL


def _marks(values: list[str]) -> str:
    """SQL placeholders for an IN list."""
    return ", ".join("?" * len(values))


def _status(row: sqlite3.Row) -> FeedStatus:
    return FeedStatus(feed_id=row["feed_id"], last_attempt=from_db(row["last_attempt"]),
                      last_success=from_db(row["last_success"]), source_time=from_db(row["source_time"]),
                      record_count=row["record_count"], consecutive_failures=row["consecutive_failures"],
                      error_kind=row["error_kind"], last_error=row["last_error"])
