"""One call as the mayor sees it: 연결 중 → 신호 가는 중 → 통화 중 n분, or why it ended.

Pure: baresip's events and the clock go in, states and the actions the wall must take come out.
baresip has no caller-side ring timeout, so the wall keeps its own: no ringing within
`no_ringing_s` → 연결 실패; no answer within `no_answer_s` → 응답 없음 (and hang up).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

CONNECTING, RINGING, TALKING, ENDED = "연결 중", "신호 가는 중", "통화 중", "종료"
# why a call ended, in the mayor's words
DECLINED, BUSY, NO_ANSWER, FAILED, HUNG_UP, DROPPED, CANCELLED = (
    "거절", "통화 중", "응답 없음", "연결 실패", "상대방이 끊음", "연결 끊김", "종료")
_CLOSED = (  # baresip's CALL_CLOSED reason (SIP status or local) -> the reason shown
    ("486 Busy", BUSY), ("486 Max Calls", BUSY), ("600 Busy", BUSY), ("486", DECLINED), ("603", DECLINED), ("480", NO_ANSWER),
    ("408", NO_ANSWER), ("Connection timed out", FAILED), ("404", FAILED), ("rtp timeout", DROPPED),
    ("Connection reset by peer", HUNG_UP), ("Connection reset by user", CANCELLED),
)


@dataclass
class CallSession:
    """A call placed from the wall to one contact."""

    contact_id: str
    uri: str
    started: datetime
    no_ringing_s: float
    no_answer_s: float
    state: str = CONNECTING
    call_id: str | None = None  # baresip's, once it names the call
    ringing_at: datetime | None = None
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    reason: str | None = None  # why it ended (None while it lasts)
    detail: str | None = None  # baresip's own words, for the log and the audit

    @property
    def ended(self) -> bool:
        return self.state == ENDED

    def on_event(self, kind: str, param: str, call_id: str | None, now: datetime) -> None:
        """One of baresip's call events for this call."""
        if self.ended:
            return
        self.call_id = self.call_id or call_id
        if kind == "CALL_RINGING" and self.state == CONNECTING:
            self.state, self.ringing_at = RINGING, now
        elif kind == "CALL_ESTABLISHED":
            self.state, self.answered_at = TALKING, now
        elif kind == "CALL_CLOSED":
            self.end(now, closed_reason(param, self.answered_at is not None), param)

    def due_hangup(self, now: datetime) -> bool:
        """The wall's own timers: True (and the call ended) when it must hang up now."""
        if self.state == CONNECTING and (now - self.started).total_seconds() >= self.no_ringing_s:
            self.end(now, FAILED, f"no ringing within {self.no_ringing_s:g} s")
            return True
        if self.state in (CONNECTING, RINGING) and (now - self.started).total_seconds() >= self.no_answer_s:
            self.end(now, NO_ANSWER, f"no answer within {self.no_answer_s:g} s")
            return True
        return False

    def end(self, now: datetime, reason: str, detail: str | None = None) -> None:
        if not self.ended:
            self.state, self.ended_at, self.reason, self.detail = ENDED, now, reason, detail

    def talk_seconds(self, now: datetime) -> float | None:
        """How long the call has been (or was) answered."""
        if self.answered_at is None:
            return None
        return ((self.ended_at or now) - self.answered_at).total_seconds()

    def shown(self, now: datetime) -> str:
        """"연결 중", "신호 가는 중", "통화 중 3분", or the reason it ended."""
        if self.state == TALKING:
            return f"{TALKING} {duration_text(self.talk_seconds(now) or 0)}"
        if self.ended:
            talked = self.talk_seconds(now)
            return f"{self.reason} · 통화 {duration_text(talked)}" if talked is not None else self.reason
        return self.state


def closed_reason(param: str, answered: bool) -> str:
    """baresip's close reason in the mayor's words; a call that was answered and closed by the far end
    "hung up", one lost without a goodbye "dropped"."""
    text = param or ""
    found = next((shown for marker, shown in _CLOSED if marker.lower() in text.lower()), None)
    if found is None:
        return DROPPED if answered else FAILED
    if answered and found in (FAILED, NO_ANSWER):
        return DROPPED
    return found


def duration_text(seconds: float) -> str:
    """"42초", "3분 12초"."""
    whole = int(seconds)
    return f"{whole // 60}분 {whole % 60}초" if whole >= 60 else f"{whole}초"
