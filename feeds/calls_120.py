"""120 다산콜센터: the foundation's call figures by day, hour and category — the city's own data.

No public API carries Seoul's 120 statistics, so the format is ours (docs/calls-120-feed.md): a JSON
document `{"format": "seoul-120calls/1", "generated_at": …, "days": [{"day": "2026-11-30", "calls":
[{"hour": 9, "category": "교통", "count": 120}]}]}`, read from a URL or a file the foundation
exports. Counts only: no call's content ever reaches the wall.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pydantic
import requests

from feeds import city_feed
from feeds.base import Feed, FeedResult, register
from feeds.city_feed import CityFeedOptions
from feeds.city_incidents import parse_when
from feeds.errors import FormatError, UnavailableError
from feeds.local_files import read_bytes
from feeds.values import count, parse_time, read_all, text

FORMAT = "seoul-120calls/1"


@dataclass(frozen=True)
class CallVolume:
    """How many calls of a category 120 answered in one hour."""

    day: datetime  # 00:00 Seoul time
    hour: int  # 0-23
    category: str
    calls: int


class CallOptions(CityFeedOptions):
    """Options of the `calls_120` feed: an http(s) `base_url` + `path`, or a local `file` instead."""

    base_url: str = "http://127.0.0.1"  # unused with `file`
    path: str = "/calls120/days.json"
    file: str = ""  # a file the foundation's system writes (read instead of the URL when set)
    max_rows: int = pydantic.Field(default=50_000, ge=1, le=1_000_000)


def fetch(session: requests.Session, options: CallOptions, now: datetime) -> FeedResult:
    """Every day's figures the document carries."""
    generated, volumes = parse(_read(session, options))
    if len(volumes) > options.max_rows:
        raise FormatError(f"more than {options.max_rows} rows (max_rows); not read", code="TOO-MANY-ROWS")
    return FeedResult(volumes, generated or max((v.day for v in volumes), default=None))


def _read(session: requests.Session, options: CallOptions) -> bytes:
    if not options.file:
        return city_feed.get(session, options)
    try:
        return read_bytes(Path(options.file).expanduser(), options.max_reply_bytes, options.timeout_s)
    except OSError as exc:
        raise UnavailableError(f"cannot read {options.file} ({exc.strerror})") from exc
    except ValueError:
        raise FormatError(f"file larger than {options.max_reply_mb} MB (max_reply_mb)") from None


def problems(options: CallOptions) -> list[str]:
    """What `kiosk check-config` reports: a `file` that cannot be read or understood."""
    if not options.file:
        return []
    try:
        parse(_read(requests.Session(), options))
    except UnavailableError as exc:  # names the file
        return [str(exc)]
    except FormatError as exc:
        return [f"{options.file}: {exc}"]
    return []


def parse(body: bytes) -> tuple[datetime | None, tuple[CallVolume, ...]]:
    """(generated_at, volumes); an entry without a day, hour, category or count is dropped."""
    doc = city_feed.document(body, "days", FORMAT, "a 120 call feed")
    entries = [(day, entry) for day in doc["days"] if isinstance(day, dict) and isinstance(day.get("calls"), list)
               for entry in day["calls"]]
    return parse_when(doc.get("generated_at")), tuple(read_all(entries, _volume, "120 call figures"))


def _volume(pair: tuple[dict, Any]) -> CallVolume | None:
    day_item, entry = pair
    day = parse_time(f"{day_item.get('day') or ''}0000")
    if day is None or not isinstance(entry, dict):
        return None
    hour, category, calls = count(entry.get("hour")), text(entry.get("category")), count(entry.get("count"))
    if hour is None or not 0 <= hour <= 23 or not category or calls is None:
        return None
    return CallVolume(day, hour, category[:20], calls)


FEED = register(Feed(kind="calls_120", title="시민의견 · 120 다산콜 (시 자체)", options=CallOptions, fetch=fetch,
                     record_type=CallVolume, source_max_age_s=3 * 3600, problems=problems))
