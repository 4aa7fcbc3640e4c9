"""An order's states: forward along 발송 → 수신 → 확인 → 착수 → 완료, 취소 before 완료, and 미확인 when nobody
acknowledges in time."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from feeds.orders import (ACKNOWLEDGED, CANCELLED, DELIVERED, DONE, OVERDUE, SENT, STARTED, UNACKNOWLEDGED, WALL, Order,
                          OrderStep, accepts, lateness, reached, step_times, unacknowledged)

GIVEN = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
ORDER = Order("o1", GIVEN, "g1", "gangdong-cmd", "강동 지휘1호차", "강동구 천호동 · 공장 화재: 현장 상황 10분마다 보고",
              "report-10min", "incident:d/F1", "강동구 천호동 · 공장 화재", ack_minutes=5)


def step(state, minutes, actor="강동 지휘1호차"):
    return OrderStep("o1", state, GIVEN + timedelta(minutes=minutes), actor)


def test_the_furthest_state_counts_and_a_cancel_ends_an_order_not_done():
    assert reached([]) is None
    assert reached([step(SENT, 0, WALL), step(DELIVERED, 0.1, "단말"), step(ACKNOWLEDGED, 2)]) == ACKNOWLEDGED
    assert reached([step(SENT, 0, WALL), step(ACKNOWLEDGED, 2)]) == ACKNOWLEDGED  # the receipt was lost
    assert reached([step(SENT, 0, WALL), step(CANCELLED, 3, WALL)]) == CANCELLED
    assert reached([step(SENT, 0, WALL), step(DONE, 9), step(CANCELLED, 10, WALL)]) == DONE  # too late to cancel


def test_steps_go_forward_only_and_nothing_follows_the_end():
    assert accepts(None, SENT) and accepts(SENT, DELIVERED) and accepts(DELIVERED, STARTED)
    assert not accepts(ACKNOWLEDGED, DELIVERED) and not accepts(ACKNOWLEDGED, ACKNOWLEDGED)  # no step back, none twice
    assert accepts(STARTED, CANCELLED) and not accepts(DONE, CANCELLED) and not accepts(CANCELLED, DONE)
    assert not accepts(SENT, "보류")


def test_not_acknowledged_in_time_is_escalated_until_someone_does():
    steps = [step(SENT, 0, WALL), step(DELIVERED, 0.1, "단말")]
    assert not unacknowledged(ORDER, steps, GIVEN + timedelta(minutes=4, seconds=59))
    assert unacknowledged(ORDER, steps, GIVEN + timedelta(minutes=5))
    assert unacknowledged(ORDER, [], GIVEN + timedelta(minutes=6))  # never even sent (broker down)
    assert not unacknowledged(ORDER, [*steps, step(ACKNOWLEDGED, 7)], GIVEN + timedelta(minutes=8))
    assert not unacknowledged(ORDER, [*steps, step(CANCELLED, 6, WALL)], GIVEN + timedelta(minutes=8))


def test_past_its_due_time_and_not_done_is_overdue():
    due = replace(ORDER, due=GIVEN + timedelta(minutes=30))
    steps = [step(SENT, 0, WALL), step(DELIVERED, 0.1, "단말"), step(ACKNOWLEDGED, 1)]
    assert lateness(due, steps, GIVEN + timedelta(minutes=29)) == ()
    assert lateness(due, steps, GIVEN + timedelta(minutes=30)) == (OVERDUE,)
    assert lateness(due, steps[:2], GIVEN + timedelta(minutes=31)) == (UNACKNOWLEDGED, OVERDUE)
    assert lateness(due, [*steps, step(DONE, 40)], GIVEN + timedelta(minutes=41)) == ()
    assert lateness(ORDER, steps, GIVEN + timedelta(days=3)) == ()  # no due time: never overdue


def test_each_state_keeps_the_time_it_was_first_reached():
    times = step_times([step(DELIVERED, 0.2, "단말"), step(SENT, 0, WALL), step(DELIVERED, 0.5, "단말")])
    assert times == {SENT: GIVEN, DELIVERED: GIVEN + timedelta(minutes=0.2)}
