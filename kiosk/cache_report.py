"""What `kiosk cache show` prints: the cache's contents for people (Seoul time) or as JSON."""

from __future__ import annotations

import dataclasses
import math
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from feeds.base import get_feed
from feeds.cameras import CameraHealth
from feeds.incidents import Stage
from feeds.records import SEOUL_TZ
from kiosk.cache import CacheReader
from kiosk.cache.schema import CCTV_RECORDS
from kiosk.cache.writer import LOST_TABLES, is_corrupt
from kiosk.config import Config


SHOWN_CHARS = 160  # a longer value (a project's whole document) is cut in the text report; --json has it all


def read_report(path: Path, config: Config, feed_id: str | None) -> dict[str, dict]:
    """{feed id: {"status": …, "records": […]}} with plain values; the wall's cameras under `_cctv`."""
    with CacheReader(path) as reader:
        statuses = reader.statuses()
        feeds = [f for f in config.feeds if feed_id is None or f.id == feed_id]
        report = {f.id: {"status": plain(statuses.get(f.id)),
                         "records": [plain(r) for kind in get_feed(f.kind).record_types
                                     for r in reader.latest(f.id, kind)]}  # citydata: closures, roads, crowds …
                  for f in feeds}
        if feed_id is None:  # the cameras as the wall last saw them (its own records: no feed status)
            report[CCTV_RECORDS] = {"status": None,
                                    "records": [plain(h) for h in reader.stored(CameraHealth, CCTV_RECORDS)]}
    return report


def cache_problem(path: Path, exc: sqlite3.Error) -> str:
    """One sentence on why the cache cannot be read, and what happens to it."""
    if is_corrupt(exc):
        return (f"cannot read the cache {path}: it is damaged ({exc}); the wall keeps it aside by itself, "
                "starts a fresh one and saves what it can of the audit trail and orders into it")
    if LOST_TABLES in str(exc):
        return f"cannot read the cache {path}: it is empty ({exc}); the wall or `kiosk poll --once` creates its tables"
    return f"cannot read the cache {path}: {exc} (not a file it may read, or no file descriptors left)"


def plain(value: Any) -> Any:
    """JSON-ready: records as dicts, times in Seoul time (ISO 8601 with +09:00), stages as {stage, at}."""
    if isinstance(value, datetime):
        return value.astimezone(SEOUL_TZ).isoformat(timespec="seconds")
    if isinstance(value, Stage):
        return {"stage": value.label, "at": plain(value.at)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def text_report(path: Path, report: dict[str, dict]) -> str:
    """The report for a terminal: one heading per feed, one line per record, Seoul time."""
    lines = [f"cache: {path}  (times in Seoul time, KST)"]
    for feed_id, entry in report.items():
        status = entry["status"]
        lines.append("\n" + (f"[{feed_id}] {_status_line(status)}" if status else
                             f"[{feed_id}] the wall's cameras as it last saw them" if feed_id == CCTV_RECORDS
                             else f"[{feed_id}] not fetched yet"))
        lines += ["  " + "  ".join(f"{k}={_shown(v)}" for k, v in record.items() if v not in (None, "", []))
                  for record in entry["records"]]
    return "\n".join(lines)


def _status_line(status: dict) -> str:
    line = (f"last success {_shown(status['last_success']) if status['last_success'] else 'none yet'} · "
            f"source time {_shown(status['source_time']) if status['source_time'] else '—'} · "
            f"{status['record_count']} records · failures in a row {status['consecutive_failures']}")
    return line + (f" · {status['error_kind']}: {status['last_error']}" if status["error_kind"] else "")


def _shown(value: Any) -> str:
    """"2026-11-30 21:05:10" for a time, "출동지령 21:01 → 현장도착 21:07" for stages."""
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T" and value.endswith("+09:00"):
        return value[:19].replace("T", " ")
    if isinstance(value, list) and all(isinstance(v, dict) and "stage" in v for v in value):
        return " → ".join(f"{v['stage']} {_shown(v['at'])[11:16]}".strip() for v in value)
    text = " ".join(str(value).split())  # one line per record, whatever the value holds
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"
