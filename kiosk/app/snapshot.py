"""What the wall shows, read from the cache in one go (on a worker thread) and shaped for widgets."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from feeds.base import get_feed
from feeds.cameras import Camera
from feeds.health import FeedHealth, feed_health
from feeds.incidents import DisasterMessage, FireStats, Incident, sort_key
from feeds.records import SEOUL_TZ, AirReading
from kiosk.cache import CacheReader
from kiosk.config import Config, FeedConfig
from widgets import theme
from widgets.format import data_age_text, health_text, value_text
from widgets.incident_item import IncidentItem
from widgets.status_panel import StatusRow

_LOGGER = logging.getLogger(__name__)
TREND_HOURS = 24
MESSAGE_HOURS = 24  # 재난문자 older than this leave the ticker


@dataclass(frozen=True)
class DisasterData:
    """What the 재난안전 domain shows: incidents, today's counts, fire figures, 재난문자."""

    incidents: list[IncidentItem] = field(default_factory=list)  # open by severity, then recently closed
    counts: dict[str, int] = field(default_factory=dict)  # kind -> incidents since midnight
    fire_stats: FireStats | None = None
    fire_stats_feed: str | None = None
    messages: list[DisasterMessage] = field(default_factory=list)


@dataclass(frozen=True)
class WallSnapshot:
    """Everything the controller applies to the widgets after one cache read."""

    now: datetime
    health: dict[str, FeedHealth]  # one entry per configured feed
    air: tuple[AirReading, ...] = ()
    air_trend: list = field(default_factory=list)
    disaster: DisasterData = field(default_factory=DisasterData)
    its_cameras: tuple[Camera, ...] = ()  # the ITS lists' cameras (fresh stream URLs)
    error: str | None = None  # the cache could not be read


def read_snapshot(cache_path: Path, config: Config, now: datetime, station: str | None) -> WallSnapshot:
    """Read statuses, air readings and trend, the 재난안전 data and the ITS cameras; never raises (a job boundary)."""
    try:
        with CacheReader(cache_path) as reader:
            health = health_of(config, reader.statuses(), now)
            disaster = read_disaster(reader, config, now)
            cameras = tuple(c for f in feeds_of(config, Camera) for c in reader.latest(f.id, Camera))
            air_id = config.panels.air
            if air_id is None:
                return WallSnapshot(now, health, disaster=disaster, its_cameras=cameras)
            since = now - timedelta(hours=TREND_HOURS)
            return WallSnapshot(now, health, reader.latest(air_id, AirReading),
                                reader.air_trend(air_id, since, station), disaster, cameras)
    except sqlite3.Error as exc:
        _LOGGER.error("cannot read the cache %s: %s", cache_path, exc)
        return WallSnapshot(now, health_of(config, {}, now),
                            error="캐시를 읽을 수 없음 · 복구 중")  # the detail is in the log


def feeds_of(config: Config, record_type: type) -> list[FeedConfig]:
    """The enabled feeds whose records are of this type."""
    return [f for f in config.feeds if f.enabled and get_feed(f.kind).record_type is record_type]


def read_disaster(reader: CacheReader, config: Config, now: datetime) -> DisasterData:
    """Open and recently closed incidents, today's counts, the newest fire figures and messages."""
    feeds = feeds_of(config, Incident)
    ids = [f.id for f in feeds]
    titles = {f.id: get_feed(f.kind).title for f in feeds}
    closed_since = now - timedelta(seconds=config.disaster.closed_visible_s)
    items = [IncidentItem(f"{feed_id}/{incident.source_id}", incident, feed_id, titles[feed_id])
             for feed_id, incident in reader.incidents(ids, closed_since)]
    items.sort(key=lambda item: sort_key(item.incident))
    midnight = now.astimezone(SEOUL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    stats_feed = next(iter(feeds_of(config, FireStats)), None)
    stats = reader.latest(stats_feed.id, FireStats) if stats_feed else ()
    return DisasterData(items, reader.incident_counts(ids, midnight), max(stats, key=lambda s: s.day, default=None),
                        stats_feed.id if stats_feed else None,
                        reader.messages(ids, now - timedelta(hours=MESSAGE_HOURS)))


def health_of(config: Config, statuses: dict, now: datetime) -> dict[str, FeedHealth]:
    """Every configured feed's health (a feed without a status is waiting)."""
    return {f.id: feed_health(statuses.get(f.id), f.interval_s, now, get_feed(f.kind).source_max_age_s)
            for f in config.feeds}


def air_map_data(readings: tuple[AirReading, ...]) -> dict[str, dict]:
    """The map's district colours, labels and cards for the air domain."""
    return {r.station: {"fill": theme.grade_colour(r.grade), "label": value_text(r.pm10),
                        "title": f"{r.station} · {r.grade or '등급 없음'}",
                        "lines": [f"PM10 미세먼지 {value_text(r.pm10)} ㎍/㎥",
                                  f"PM2.5 초미세먼지 {value_text(r.pm25)} ㎍/㎥",
                                  f"O₃ 오존 {value_text(r.o3, 3)} ppm · NO₂ {value_text(r.no2, 3)} ppm",
                                  f"측정 {r.measured_at.astimezone(SEOUL_TZ).strftime('%H:%M')}"]}
            for r in readings}


def status_rows(config: Config, health: dict[str, FeedHealth], now: datetime) -> list[StatusRow]:
    """One status row per enabled feed."""
    rows = []
    for feed in config.feeds:
        if not feed.enabled:
            continue
        h = health[feed.id]
        kind = get_feed(feed.kind)
        rows.append(StatusRow(title=kind.title, state=h.state, state_text=health_text(h.state, h.error_kind),
                              age_text=data_age_text(h.source_time, h.last_success, now, kind.source_time_is_date),
                              simulated=config.is_simulated(feed)))  # h.message is for the log and cache show
    return rows


def overall_health(rows: list[StatusRow]) -> tuple[str, str]:
    """Header text and the worst state: "데이터 3/3 정상" or "피드 1개 연결 끊김"."""
    if not rows:
        return "피드 없음 · no feeds", "waiting"
    for state, word in (("down", "연결 끊김"), ("stale", "지연")):
        count = sum(r.state == state for r in rows)
        if count:
            return f"피드 {count}개 {word}", state
    fresh = sum(r.state == "fresh" for r in rows)
    return f"데이터 {fresh}/{len(rows)} 정상", "fresh" if fresh == len(rows) else "waiting"
