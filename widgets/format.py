"""Plain-Korean text for times, ages and values shown on the wall."""

from __future__ import annotations

from datetime import datetime

from feeds.errors import ErrorKind
from feeds.health import HealthState
from feeds.records import SEOUL_TZ


def clock_text(at: datetime) -> str:
    """"14:05" in Seoul time."""
    return at.astimezone(SEOUL_TZ).strftime("%H:%M")


def date_text(at: datetime) -> str:
    """"2026년 11월 24일 (화)" in Seoul time."""
    local = at.astimezone(SEOUL_TZ)
    weekday = "월화수목금토일"[local.weekday()]
    return f"{local.year}년 {local.month}월 {local.day}일 ({weekday})"


def age_text(then: datetime | None, now: datetime) -> str:
    """"방금", "3분 전", "2시간 전", "3일 전" (or "—" when never)."""
    if then is None:
        return "—"
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return "방금"
    if seconds < 3600:
        return f"{seconds // 60}분 전"
    if seconds < 86400:
        return f"{seconds // 3600}시간 전"
    return f"{seconds // 86400}일 전"


def data_age_text(source_time: datetime | None, fetched: datetime | None, now: datetime,
                  date_only: bool = False) -> str:
    """"14:00 기준 · 3분 전": the source's own stamp, and how long ago we got it.

    `date_only`: the source stamps a day, not a time ("오늘(11/30) 자료", never "00:00 기준").
    """
    parts = []
    if source_time is not None:
        parts.append(f"{day_text(source_time, now)} 자료" if date_only else f"{when_text(source_time, now)} 기준")
    parts.append(age_text(fetched, now))
    return " · ".join(parts)


def day_text(at: datetime, now: datetime) -> str:
    """"오늘(11/30)", "어제(11/29)" or "11/27", in Seoul time."""
    day, today = at.astimezone(SEOUL_TZ).date(), now.astimezone(SEOUL_TZ).date()
    shown = day.strftime("%m/%d")
    return {0: f"오늘({shown})", 1: f"어제({shown})"}.get((today - day).days, shown)


def elapsed_text(since: datetime | None, now: datetime) -> str:
    """"14분 경과", "2시간 5분 경과" (or "" without a start)."""
    if since is None:
        return ""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes}분 경과"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}시간 {minutes}분 경과" if hours < 48 else f"{hours // 24}일 경과"


def when_text(at: datetime | None, now: datetime) -> str:
    """"10:02" today, "11/23 10:02" another day, "—" when unknown (Seoul time)."""
    if at is None:
        return "—"
    local = at.astimezone(SEOUL_TZ)
    return clock_text(local) if local.date() == now.astimezone(SEOUL_TZ).date() else local.strftime("%m/%d %H:%M")


def value_text(value: float | None, digits: int = 0) -> str:
    """A measurement, or "—" when there is none (never 0)."""
    return "—" if value is None else f"{value:.{digits}f}"


STATE_TEXT = {HealthState.FRESH: "정상", HealthState.STALE: "지연", HealthState.DOWN: "연결 끊김",
              HealthState.WAITING: "수신 대기"}
ERROR_TEXT = {
    ErrorKind.AUTH: "인증키 오류 · API key refused",
    ErrorKind.QUOTA: "호출 한도 초과 · quota exceeded",
    ErrorKind.UNAVAILABLE: "서비스 응답 없음 · service unavailable",
    ErrorKind.FORMAT: "응답 형식 오류 · unreadable reply",
    ErrorKind.SOURCE_STALE: "원본 갱신 멈춤 · source not updating",
    ErrorKind.FUTURE: "원본 시각 오류 · source time in the future",
}


def health_text(state: str, error_kind: str | None) -> str:
    """"연결 끊김 — 서비스 응답 없음 · service unavailable"."""
    text = STATE_TEXT.get(state, state)
    return f"{text} — {ERROR_TEXT.get(error_kind, error_kind)}" if error_kind else text
