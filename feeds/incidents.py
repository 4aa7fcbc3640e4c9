"""재난안전 records: incidents with their dispatch stages, the day's fire statistics, 재난문자.

One incident model serves every source (the city's dispatch feed, AccInfo, citydata, NFDS).
Stage chains are the ones Seoul's own wall showed; a stage a source names that is not in
the chain is kept and shown as given.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

# kind -> (Korean label, stage chain in order). The last stage of a chain closes the incident.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "fire": ("화재", ("출동지령", "현장도착", "활동개시", "초진", "완진", "상황종결")),
    "rescue": ("구조", ("출동지령", "현장도착", "구조활동", "구조완료", "상황종결")),
    "ems": ("구급", ("지령하달", "출동중", "활동개시", "현장도착")),
    "road": ("도로", ("발생", "통제중", "해제")),
    "disaster": ("재난", ("발생", "대응중", "종료")),
    "other": ("기타", ("발생", "처리중", "종료")),
    "crowd": ("인파", ("붐빔", "해소")),  # a hotspot at 붐빔 (교통상황): alerts like an incident, never stored
    "water": ("수질", ("기준 초과", "정상")),  # a tap-water sensor outside the standard (상수도): likewise
}
DOMAIN_KINDS = frozenset({"crowd", "water"})  # raised by the domains from their readings, not by incident feeds
FEED_KINDS = tuple(k for k in KINDS if k not in DOMAIN_KINDS)  # what incident feeds report (the 재난안전 chips)
# How much an incident draws the eye: higher first in lists, alerts from the configured kinds.
SEVERITY = {"fire": 7, "crowd": 6, "rescue": 5, "disaster": 4, "water": 3, "ems": 2, "road": 1, "other": 0}
MAJOR_KINDS = frozenset({"fire"})  # never clustered on the map, pulsing while open


@dataclass(frozen=True)
class Stage:
    """A reached dispatch stage and when it was reached (None when the source gives no time)."""

    label: str
    at: datetime | None = None


@dataclass(frozen=True)
class Incident:
    """A fire, rescue, EMS call, road incident … from any source, keyed by the source's id."""

    source_id: str
    kind: str  # one of KINDS
    type_label: str  # what the source calls it ("화재", "교통사고", "공사"), or its raw code
    occurred_at: datetime | None = None
    lat: float | None = None  # WGS84
    lon: float | None = None
    address: str | None = None  # as the source gives it
    district: str | None = None  # 구, from the address or the coordinates
    dong: str | None = None  # 동, from the coordinates
    agency: str | None = None  # e.g. "강동소방서"
    stage: str | None = None  # the current stage, as the source names it
    stages: tuple[Stage, ...] = ()  # every reached stage, oldest first
    closed: bool = False
    closed_at: datetime | None = None
    expected_clear: datetime | None = None  # 해제 예정 (road incidents)
    detail: str | None = None  # the source's free text
    outside_seoul: bool = False  # coordinates given but not inside Seoul

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, KINDS["other"])[0]

    @property
    def major(self) -> bool:
        return self.kind in MAJOR_KINDS

    @property
    def has_pin(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def place(self) -> str:
        """Where, for a list row or a title: the address, else 구 동, else "위치 미상"."""
        if self.address:
            return self.address
        return " ".join(p for p in (self.district, self.dong) if p) or "위치 미상"


def chain(kind: str) -> tuple[str, ...]:
    """The kind's stage chain."""
    return KINDS.get(kind, KINDS["other"])[1]


def stage_index(incident: Incident) -> int | None:
    """The current stage's position in the kind's chain, or None for a stage not in it."""
    steps = chain(incident.kind)
    if incident.stage in steps:
        return steps.index(incident.stage)
    return None


def progress(incident: Incident) -> float:
    """How far the response has got, 0..1 (closed is 1; an unknown stage is 0)."""
    if incident.closed:
        return 1.0
    index = stage_index(incident)
    steps = chain(incident.kind)
    return 0.0 if index is None else (index + 1) / len(steps)


def merge_stages(old: tuple[Stage, ...], new: tuple[Stage, ...]) -> tuple[Stage, ...]:
    """Both histories together: each stage once, at the earliest time either saw it."""
    seen: dict[str, Stage] = {}
    for stage in (*old, *new):
        kept = seen.get(stage.label)
        if kept is None or (stage.at is not None and (kept.at is None or stage.at < kept.at)):
            seen[stage.label] = stage
    return tuple(sorted(seen.values(), key=lambda s: (s.at is None, s.at or datetime.min)))


def close(incident: Incident, at: datetime) -> Incident:
    """The incident closed at `at` (it left its source's list): its chain's last stage is reached."""
    last = chain(incident.kind)[-1]
    stages = incident.stages if any(s.label == last for s in incident.stages) else (*incident.stages, Stage(last, at))
    return dataclasses.replace(incident, closed=True, closed_at=incident.closed_at or at, stage=last,
                               stages=stages)


def reconcile(previous: dict[str, Incident], current: tuple[Incident, ...], at: datetime) -> list[Incident]:
    """What to store after a fetch: the listed incidents with their earlier stage history kept,
    and every previously open incident the source no longer lists, closed at `at`."""
    stored = []
    for new in current:
        old = previous.get(new.source_id)
        if old is not None and (old.stages != new.stages or new.occurred_at is None):
            new = dataclasses.replace(new, stages=merge_stages(old.stages, new.stages),
                                      occurred_at=new.occurred_at or old.occurred_at)
        if new.closed and new.closed_at is None:
            new = dataclasses.replace(new, closed_at=at)
        stored.append(new)
    listed = {i.source_id for i in current}
    stored.extend(close(old, at) for key, old in previous.items() if key not in listed and not old.closed)
    return stored


def sort_key(incident: Incident) -> tuple:
    """Open before closed, then the most severe, then the newest."""
    occurred = incident.occurred_at.timestamp() if incident.occurred_at else 0.0
    return (incident.closed, -SEVERITY.get(incident.kind, 0), -occurred)


@dataclass(frozen=True)
class FireStats:
    """소방청 daily fire statistics for one 시도 and day."""

    day: str  # YYYY-MM-DD
    sido: str  # e.g. "서울특별시"
    received: int | None = None  # 화재접수
    in_progress: int | None = None  # 화재진행
    ended: int | None = None  # 상황종료
    self_extinguished: int | None = None  # 자체진화
    false_alarm: int | None = None  # 오보처리
    false_report: int | None = None  # 허위신고


@dataclass(frozen=True)
class DisasterMessage:
    """A 재난문자 (emergency text message) as citydata relays it."""

    message_id: str  # stable id derived from its content
    text: str
    category: str | None = None  # DST_SE_NM, e.g. "폭염"
    region: str | None = None  # RCPTN_RGN_NM
    sent_at: datetime | None = None
