"""The audit trail's record: an action the mayor took on the wall (a call, an alert acknowledged, a
camera opened, later an order), written durably through the cache's one writer. Names and roles only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

AUDIT_RECORDS = "_audit"  # the feed id the wall files its own actions under (no feed id starts with "_")
CALL, ALERT_ACK, CAMERA_OPEN, ORDER = "통화", "경보 확인", "카메라 열람", "업무 지시"


@dataclass(frozen=True)
class AuditEntry:
    entry_id: str  # unique: a retried write never doubles an entry
    at: datetime  # when the action began
    action: str  # CALL, ALERT_ACK, CAMERA_OPEN …
    subject: str  # who or what: "강동 지휘1호차 (현장지휘관, 강동소방서)", a camera's name, an alert's headline
    outcome: str | None = None  # "통화 3분 12초", "거절", "응답 없음" …
    duration_s: float | None = None
    detail: str | None = None  # the technical reason, for the operator
