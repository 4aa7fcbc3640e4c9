"""Plain-Korean text for times, ages and values shown on the wall."""

from __future__ import annotations

from datetime import datetime

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


def data_age_text(source_time: datetime | None, fetched: datetime | None, now: datetime) -> str:
    """"14:00 기준 · 3분 전": the source's own stamp, and how long ago we got it."""
    parts = []
    if source_time is not None:
        local = source_time.astimezone(SEOUL_TZ)
        same_day = local.date() == now.astimezone(SEOUL_TZ).date()
        parts.append(f"{clock_text(local) if same_day else local.strftime('%m/%d %H:%M')} 기준")
    parts.append(age_text(fetched, now))
    return " · ".join(parts)


def value_text(value: float | None, digits: int = 0) -> str:
    """A measurement, or "—" when there is none (never 0)."""
    return "—" if value is None else f"{value:.{digits}f}"


STATE_TEXT = {"fresh": "정상", "stale": "지연", "down": "연결 끊김", "waiting": "수신 대기"}
ERROR_TEXT = {
    "auth": "인증키 오류 · API key refused",
    "quota": "호출 한도 초과 · quota exceeded",
    "unavailable": "서비스 응답 없음 · service unavailable",
    "format": "응답 형식 오류 · unreadable reply",
}


def health_text(state: str, error_kind: str | None) -> str:
    """"연결 끊김 — 서비스 응답 없음 · service unavailable"."""
    text = STATE_TEXT.get(state, state)
    return f"{text} — {ERROR_TEXT.get(error_kind, error_kind)}" if error_kind else text
