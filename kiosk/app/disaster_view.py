"""Shapes the 재난안전 data for the widgets: header counts, feed problems, data ages."""

from __future__ import annotations

from datetime import datetime

from feeds.base import get_feed
from feeds.health import FeedHealth
from feeds.incidents import KINDS, FireStats
from feeds.records import SEOUL_TZ
from kiosk.config import Config
from widgets.format import STATE_TEXT, age_text, data_age_text, day_text

ALWAYS_COUNTED = ("fire", "rescue", "ems", "road")


def stats_day_text(day: str, now: datetime) -> str:
    """"오늘(11/30) 집계", "어제(11/29) 집계", "11/27 집계" for 소방청's figures of `day` (YYYY-MM-DD).

    Their time is a day, not an hour: never "00:00 기준".
    """
    return f"{day_text(datetime.fromisoformat(day).replace(tzinfo=SEOUL_TZ), now)} 집계"


def stats_received_text(stats: FireStats | None, health: FeedHealth | None, now: datetime) -> str:
    """"오늘(11/30) 집계 · 3분 전 받음": the figures' own day and when the wall got them."""
    if stats is None:
        return ""
    received = f" · {age_text(health.last_success, now)} 받음" if health and health.last_success else ""
    return stats_day_text(stats.day, now) + received


def counts_text(counts: dict[str, int]) -> str:
    """"오늘 화재 2건 · 구조 3건 · 구급 37건 · 도로 12건": what the wall's own feeds reported since
    midnight (other kinds only when there are some). 소방청's figures are shown apart, as theirs."""
    parts = [f"{KINDS[kind][0]} {counts.get(kind, 0)}건" for kind in KINDS
             if kind in ALWAYS_COUNTED or counts.get(kind)]
    return "오늘 " + " · ".join(parts)


def feed_problems(config: Config, health: dict[str, FeedHealth], feed_ids: list[str]) -> str | None:
    """"돌발정보 · 도로 사고/통제: 연결 끊김" for each listed feed that is not fresh, or None."""
    late = [f"{get_feed(config.feed(i).kind).title}: {STATE_TEXT.get(health[i].state, health[i].state)}"
            for i in feed_ids if health[i].state in ("stale", "down")]
    return " / ".join(late) + " — 마지막 자료 표시 중" if late else None


def source_age(health: FeedHealth | None, now: datetime) -> str:
    """"10:15 기준 · 방금" for a feed, or "" when unknown."""
    return data_age_text(health.source_time, health.last_success, now) if health else ""


def newest_age(health: dict[str, FeedHealth], feed_ids: list[str], now: datetime) -> str:
    """The data age of the most recently updated of these feeds (for the header counts)."""
    known = [health[i] for i in feed_ids if health[i].last_success is not None]
    if not known:
        return "수신 대기 중"
    return source_age(max(known, key=lambda h: h.last_success), now)

