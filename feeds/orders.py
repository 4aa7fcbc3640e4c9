"""Work orders from the wall: what the mayor asked of whom, and each step the order has taken since, each
with its time and who took it. Records and the rules of their states only; the transport (the broker, the
outbox, the field page) is in kiosk/orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

ORDERS = "_orders"  # the feed id the wall files its orders under (no feed id starts with "_")
SENT, DELIVERED, ACKNOWLEDGED, STARTED, DONE, CANCELLED = "발송", "수신", "확인", "착수", "완료", "취소"
CHAIN = (SENT, DELIVERED, ACKNOWLEDGED, STARTED, DONE)  # in order; 취소 may end any order not yet done
UNACKNOWLEDGED = "미확인"  # no step of its own: an order not acknowledged in time, escalated on the wall
OVERDUE = "기한 지남"  # nor this: an order not done by its due time
WALL = "시장실"  # the actor of the wall's own steps


@dataclass(frozen=True)
class Order:
    """One order to one person (an order to a group is one each, sharing `given_with`)."""

    order_id: str  # unique: a retried write or a resent message never makes two
    given_at: datetime
    given_with: str  # the touch that gave it (the same for each person of a group)
    recipient: str  # a contact id
    recipient_name: str
    text: str  # the template filled with the place and subject, and the free text if any
    template: str  # its template's id
    subject: str  # what it is about: "incident:119-2026-00012", "project:seun", "contact:gangdong-cmd"
    subject_name: str  # "강북구 우이동 · 공장 화재"
    ack_minutes: float  # not acknowledged by then: 미확인
    due: datetime | None = None


@dataclass(frozen=True)
class OrderStep:
    """A step an order took: 발송 (the broker has it), 수신 (the device's own receipt), 확인, 착수, 완료, 취소."""

    order_id: str
    state: str
    at: datetime
    actor: str  # WALL, the person's name, or "단말" for the device's receipt
    report: str | None = None  # a short report with 완료, a reason with 취소


def reached(steps: list[OrderStep]) -> str | None:
    """The furthest state an order's steps reached (취소 ends it), None before it was sent."""
    states = {step.state for step in steps}
    if CANCELLED in states and DONE not in states:
        return CANCELLED
    return next((state for state in reversed(CHAIN) if state in states), None)


def accepts(current: str | None, new: str) -> bool:
    """Whether a step may follow: forward along the chain (a lost receipt may be skipped), 취소 before 완료;
    nothing after 완료 or 취소, nothing twice."""
    if current in (DONE, CANCELLED):
        return False
    if new == CANCELLED:
        return True
    position = CHAIN.index(current) if current is not None else -1
    return new in CHAIN and CHAIN.index(new) > position


def unacknowledged(order: Order, steps: list[OrderStep], now: datetime) -> bool:
    """Not acknowledged within its template's minutes (and not ended): escalate."""
    state = reached(steps)
    if state == CANCELLED or (state is not None and CHAIN.index(state) >= CHAIN.index(ACKNOWLEDGED)):
        return False
    return now - order.given_at >= timedelta(minutes=order.ack_minutes)


def overdue(order: Order, steps: list[OrderStep], now: datetime) -> bool:
    """Past its due time and neither done nor cancelled."""
    return order.due is not None and now >= order.due and reached(steps) not in (DONE, CANCELLED)


def lateness(order: Order, steps: list[OrderStep], now: datetime) -> tuple[str, ...]:
    """What the wall escalates about an order now: (미확인,), (기한 지남,), both, or nothing."""
    return tuple(word for word, late in ((UNACKNOWLEDGED, unacknowledged(order, steps, now)),
                                         (OVERDUE, overdue(order, steps, now))) if late)


def step_times(steps: list[OrderStep]) -> dict[str, datetime]:
    """When each state was reached (the first time), for the state chain on the wall."""
    times: dict[str, datetime] = {}
    for step in sorted(steps, key=lambda s: s.at):
        times.setdefault(step.state, step.at)
    return times
