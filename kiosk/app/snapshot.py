"""What the wall shows, read from the cache in one go (on a worker thread) and shaped for widgets."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from feeds.base import get_feed
from feeds.cameras import Camera
from feeds.health import FeedHealth, feed_health
from feeds.rss import NewsItem
from kiosk.app.state import DomainKey, View
from kiosk.cache import CacheReader
from kiosk.config import Config
from widgets.format import data_age_text, health_text
from widgets.status_panel import StatusRow

if TYPE_CHECKING:
    from kiosk.app.domains import Domain

_LOGGER = logging.getLogger(__name__)
TICKER_ITEMS = 12  # the press releases the ticker turns through


@dataclass(frozen=True)
class WallSnapshot:
    """Everything the controller applies to the widgets after one cache read."""

    now: datetime
    health: dict[str, FeedHealth]  # one entry per configured feed
    domains: dict[DomainKey, Any] = field(default_factory=dict)  # each live domain's own read
    its_cameras: tuple[Camera, ...] = ()  # the ITS lists' cameras (fresh stream URLs)
    news: tuple[NewsItem, ...] = ()  # the newest press releases, for the ticker
    error: str | None = None  # the cache could not be read
    fresh: frozenset[DomainKey] = frozenset()  # the domains read this time (the others' reads are kept)


def read_snapshot(cache_path: Path, config: Config, now: datetime, view: View,
                  domains: Iterable[Domain], kept: dict[DomainKey, Any] | None = None) -> WallSnapshot:
    """Read statuses, these live domains' data, the ITS cameras and the news, keeping the `kept` reads of
    the others; never raises (a job boundary)."""
    try:
        with CacheReader(cache_path, now) as reader:  # history for charts up to this `now` only
            health = health_of(config, reader.statuses(), now)
            data = {d.key: read for d in domains if d.is_live(config)
                    if (read := _read_domain(d, reader, config, now, view)) is not None}
            cameras = tuple(c for f in feed_ids(config, Camera) for c in reader.latest(f, Camera))
            news = tuple(reader.news(feed_ids(config, NewsItem), TICKER_ITEMS))
            return WallSnapshot(now, health, {**(kept or {}), **data}, cameras, news, fresh=frozenset(data))
    except sqlite3.Error as exc:
        _LOGGER.error("cannot read the cache %s: %s", cache_path, exc)
        return WallSnapshot(now, health_of(config, {}, now), dict(kept or {}),
                            error="캐시를 읽을 수 없음 · 복구 중")  # the detail is in the log


def _read_domain(domain: Domain, reader: CacheReader, config: Config, now: datetime, view: View) -> Any:
    """One domain's read; a bug in one (an unexpected value) costs that domain its update, not the wall's."""
    try:
        return domain.read(reader, config, now, view)
    except sqlite3.Error:
        raise
    except Exception:  # noqa: BLE001 (a job boundary: logged with its traceback, the last read stays)
        _LOGGER.exception("the %s read failed; its last read stays on the wall", domain.key)
        return None


def feed_ids(config: Config, record_type: type) -> list[str]:
    """The enabled feeds whose replies carry this record type."""
    return [f.id for f in config.feeds if f.enabled and record_type in get_feed(f.kind).record_types]


def health_of(config: Config, statuses: dict, now: datetime) -> dict[str, FeedHealth]:
    """Every configured feed's health (a feed without a status is waiting)."""
    return {f.id: feed_health(statuses.get(f.id), f.interval_s, now, get_feed(f.kind).source_max_age_s)
            for f in config.feeds}


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


def header_health(rows: list[StatusRow], parts_down: list[str]) -> tuple[str, str]:
    """The header: the wall's own parts that are down first ("지도 다시 불러오는 중"), then the feeds unless all
    are well — never "데이터 N/N 정상" while a part is down."""
    text, state = overall_health(rows)
    if not parts_down:
        return text, state
    return " · ".join(parts_down + ([] if state == "fresh" else [text])), "down"
