"""The wall's orders and their steps. An order is written to the cache before it is sent; what the broker
has not accepted stays in the outbox (every order without a 발송 step) and is sent again whenever the link
is up, so a broker or a wall killed mid-flow loses nothing. The devices' statuses move the orders on,
forward only and once each (ids make a repeated message harmless). GUI thread only."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from feeds.orders import CANCELLED, CHAIN, DONE, SENT, WALL, Order, OrderStep, accepts, lateness, reached
from kiosk.orders.link import OrdersLink

_LOGGER = logging.getLogger(__name__)
ESCALATION_CHECK_MS = 15_000
REPORT_MAX = 500  # characters of a field report kept
DEVICE = "단말"  # the actor of a device's own receipt
CANCELS_RESENT_FOR = timedelta(days=1)  # a cancellation is said again at each reconnection this long
Submit = Callable[[tuple, Callable[[bool], None]], None]  # records, and what to call once written (or not)


def order_message(order: Order) -> dict:
    """What the person's device receives."""
    return {"order_id": order.order_id, "text": order.text, "subject": order.subject_name,
            "given_at": order.given_at.isoformat(), "due": order.due.isoformat() if order.due else None}


def cancel_message(step: OrderStep) -> dict:
    return {"order_id": step.order_id, "cancelled": True, "reason": step.report or ""}


class OrderBook(QObject):
    """`give` orders, `cancel` one; `changed` when anything moved, `stepped(step)` for each step taken,
    `escalated(order, why)` when one becomes 미확인 or 기한 지남, `presence(contact, online)` from the devices'
    own word."""

    changed = Signal()
    stepped = Signal(object)  # an OrderStep just taken (for the audit trail)
    escalated = Signal(object, str)
    presence = Signal(str, bool)
    _written = Signal(object, bool)  # order ids, written: from the writer's thread

    def __init__(self, link: OrdersLink, submit: Submit, clock: Callable[[], datetime],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.link, self._submit, self._clock = link, submit, clock
        self.orders: dict[str, Order] = {}
        self.steps: dict[str, list[OrderStep]] = {}
        self.unsaved: set[str] = set()  # the cache could not take them: never sent, said on the wall
        self._writing: set[str] = set()
        self._escalated: set[tuple[str, str]] = set()  # (order id, 미확인 or 기한 지남) already raised
        self._written.connect(self._on_written)
        # methods, not lambdas: what paho's thread queued is dropped, not delivered, once the book is gone
        link.accepted.connect(self._on_accepted)
        link.refused.connect(self._on_refused)
        link.status.connect(self._on_status)
        link.presence.connect(self._on_presence)
        link.connected.connect(self._on_connected)
        self._escalation = QTimer(self, interval=ESCALATION_CHECK_MS, timeout=self.check_escalations)

    def load(self, stored: list[tuple[Order, list[OrderStep]]]) -> None:
        """The orders the cache holds (at start): open ones go on where they were."""
        for order, steps in stored:
            self.orders[order.order_id], self.steps[order.order_id] = order, list(steps)
            if self.state(order.order_id) is not None:  # escalated before the restart: not raised again
                self._escalated.update((order.order_id, why) for why in lateness(order, steps, self._clock()))
        self._escalation.start()
        self.changed.emit()

    def state(self, order_id: str) -> str | None:
        return reached(self.steps.get(order_id, []))

    def open_orders(self) -> list[Order]:
        return [o for o in self.orders.values() if self.state(o.order_id) not in (DONE, CANCELLED)]

    def outbox(self, unconfirmed: bool = False) -> list[Order]:
        """Written, not cancelled, not yet accepted by the broker; with `unconfirmed`, also those the broker
        accepted and no device has confirmed (a broker killed before it saved them has lost them)."""
        waiting = (None, SENT) if unconfirmed else (None,)
        return [o for o in self.orders.values() if o.order_id not in self._writing | self.unsaved
                and self.state(o.order_id) in waiting]

    def give(self, orders: list[Order]) -> None:
        """File the orders; each is sent once the cache has it."""
        for order in orders:
            self.orders[order.order_id], self.steps[order.order_id] = order, []
            self._writing.add(order.order_id)
        ids = [o.order_id for o in orders]
        self._submit(tuple(orders), lambda written: shiboken6.isValid(self) and self._written.emit(ids, written))
        self.changed.emit()

    def cancel(self, order_id: str, reason: str = "") -> None:
        """취소 by the wall: nothing after it counts; a device that had the order is told (again at each
        reconnection: a repeated cancel changes nothing there)."""
        sent = self.state(order_id) is not None or order_id in self.link.in_flight()
        if self._step(order_id, CANCELLED, WALL, reason or None) and sent:
            self.link.send(self.orders[order_id].recipient, order_id, cancel_message(self.steps[order_id][-1]))

    def send_outbox(self, unconfirmed: bool = False) -> None:
        in_flight = self.link.in_flight()
        for order in self.outbox(unconfirmed):
            if order.order_id not in in_flight and not self.link.send(order.recipient, order.order_id,
                                                                      order_message(order)):
                return  # the link is down: all of it waits for the next connection

    def _on_connected(self, up: bool) -> None:
        if not up:
            return
        self.send_outbox(unconfirmed=True)  # a repeated order is kept once by the device
        recent = self._clock() - CANCELS_RESENT_FOR
        for order in self.orders.values():
            cancel = next((s for s in self.steps[order.order_id] if s.state == CANCELLED), None)
            if cancel is not None and cancel.at >= recent:  # the device may have had it: say so again
                self.link.send(order.recipient, order.order_id, cancel_message(cancel))

    def check_escalations(self) -> None:
        now = self._clock()
        for order in self.open_orders():
            for why in lateness(order, self.steps[order.order_id], now):
                if (order.order_id, why) not in self._escalated:
                    self._escalated.add((order.order_id, why))
                    _LOGGER.warning("order %s to %s: %s (given %s, %g min to acknowledge, due %s)", order.order_id,
                                    order.recipient, why, order.given_at, order.ack_minutes, order.due)
                    self.escalated.emit(order, why)

    def _on_written(self, ids: list[str], written: bool) -> None:
        self._writing.difference_update(ids)
        if not written:
            self.unsaved.update(ids)
            _LOGGER.error("orders %s not saved: not sent", ", ".join(ids))
        self.changed.emit()
        self.send_outbox()

    def _on_accepted(self, order_id: str) -> None:
        self._step(order_id, SENT, WALL)

    def _on_presence(self, contact: str, word: str) -> None:
        self.presence.emit(contact, word == "online")

    def _on_refused(self, order_id: str, reason: str) -> None:
        _LOGGER.error("the orders broker refused order %s: %s", order_id, reason)

    def _on_status(self, contact: str, payload: dict) -> None:
        order = self.orders.get(str(payload.get("order_id", "")))
        state = payload.get("state")
        if order is None or order.recipient != contact or state not in CHAIN[1:]:
            _LOGGER.warning("orders: a status from %s for no order of theirs: %.200r", contact, payload)
            return
        actor = DEVICE if state == CHAIN[1] else order.recipient_name
        report = str(payload.get("report") or "")[:REPORT_MAX] or None
        if self.state(order.order_id) is None:  # the device had it before the broker's PUBACK came (a broker
            self._step(order.order_id, SENT, WALL)  # killed in between): the broker had it, so 발송 first
        self._step(order.order_id, state, actor, report)

    def _step(self, order_id: str, state: str, actor: str, report: str | None = None) -> bool:
        """Record a step if the order's state accepts it (a repeated or late message changes nothing)."""
        if order_id not in self.orders or not accepts(self.state(order_id), state):
            return False
        step = OrderStep(order_id, state, self._clock(), actor, report)
        self.steps[order_id].append(step)
        self._submit((step,), lambda written: None)
        self.stepped.emit(step)
        self.changed.emit()
        return True
