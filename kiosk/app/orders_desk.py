"""Work orders on the wall: the broker (the wall's own Mosquitto in the built-in default, or the city's),
the wall's session and its book of orders, the field page (served here unless a central host does), the
header's 업무 지시 with the orders panel, the two-touch order from a sheet (업무 지시 → a template), and the
orders' bar (kiosk/app/late_orders.py)."""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from feeds.audit import ORDER, AuditEntry
from feeds.contacts import Contact, for_project, for_station
from feeds.orders import ORDERS, UNACKNOWLEDGED, Order, OrderStep, lateness, step_times
from kiosk.app.late_orders import LateOrders
from kiosk.cache import CacheReader, CacheWriter
from kiosk.clock import utc_now
from kiosk.config import OrdersConfig
from kiosk.field.launch import field_process, field_spec
from kiosk.orders.book import OrderBook
from kiosk.orders.broker import available, broker_process, write_broker
from kiosk.orders.credentials import CREDENTIALS, load_or_make
from kiosk.orders.link import LinkSettings, OrdersLink
from kiosk.simulator.order_staff import ACL as STAFF_ACL
from kiosk.simulator.order_staff import USER as STAFF_USER
from kiosk.simulator.order_staff import SimulatedOrderStaff
from kiosk.supervised import SupervisedProcess
from widgets.notice_bar import NoticeBar
from widgets.order_form import NOBODY, OrderForm
from widgets.orders_panel import OrderLine, OrdersPanel

_LOGGER = logging.getLogger(__name__)
KEPT_ON_THE_WALL = timedelta(days=30)  # orders read back at start (older ones stay in the cache and the audit)
REDRAW_MS = 100
LINK_DOWN = "지시 서버에 연결되어 있지 않습니다 · 보낼 지시는 연결되는 대로 갑니다"


@dataclass(frozen=True)
class OrdersScreen:
    """The wall's parts the orders use: the panel and the form (shown in the map's place by `show`, "panel",
    "form" or None for the map) and the orders' bar."""

    panel: OrdersPanel
    form: OrderForm
    bar: NoticeBar
    show: Callable[[str | None], None]


class OrdersDesk(QObject):
    """Owns the orders' broker, link, book and field page; `offer` asks for an order from a sheet;
    `counted(open, late)` for the header; `changed` when any order moved (the sheets list theirs)."""

    counted = Signal(int, int)
    changed = Signal()
    enabled = True  # sheets offer 업무 지시 (the outbox keeps orders while the broker is away)

    def __init__(self, config: OrdersConfig, contacts: tuple[Contact, ...], state_dir: Path, cache_path: Path,
                 writer: CacheWriter, record: Callable[[AuditEntry], None], screen: OrdersScreen,
                 dial: Callable[[str], None] | None, simulated: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.config, self._record = config, record
        self.panel, self.form, self._show = panel, form, show = screen.panel, screen.form, screen.show
        self.contacts = {c.id: c for c in contacts}
        self.credentials = load_or_make(state_dir / CREDENTIALS, list(self.contacts))
        self.broker: SupervisedProcess | None = None
        self.simulated_staff: SimulatedOrderStaff | None = None
        host, port, user, password = self._broker_settings(state_dir, simulated)
        self.link = OrdersLink(LinkSettings(host, port, user, password, config.client_id, config.tls))
        self.book = OrderBook(self.link, lambda records, done: writer.submit_records(ORDERS, records, utc_now(), done),
                              utc_now, self)
        self._cache_path = cache_path
        self.field = self._field_page(state_dir)
        self._asked: tuple[str, str] | None = None  # subject, subject name
        self.late = LateOrders(screen.bar, record, lambda: show("panel"), dial, utc_now)
        self._stopped = False
        panel.can_call = dial is not None
        panel.call_requested.connect(dial or (lambda _contact: None))
        panel.cancel_requested.connect(lambda order_id: self.book.cancel(order_id, "시장실에서 취소"))
        panel.closed.connect(lambda: show(None))
        form.closed.connect(lambda: show(None))
        form.chosen.connect(self._give)
        form.set_templates([(t.id, t.text) for t in config.templates])
        self._redraw_soon = QTimer(self, singleShot=True, interval=REDRAW_MS, timeout=self._redraw)
        self.book.changed.connect(self.redraw_soon)
        self.book.escalated.connect(self.redraw_soon)
        self.book.stepped.connect(self._audit_step)
        self.link.connected.connect(self.redraw_soon)

    def _broker_settings(self, state_dir: Path, simulated: bool) -> tuple[str, int, str, str]:
        """Where the wall's session goes: its own broker on loopback (started here, with the simulator's field
        staff when `simulated`), or the configured one."""
        config = self.config
        host, port = config.address
        if config.broker:
            return host, port, config.username, config.password
        problem = available()
        if problem is None:
            users = {config.username: self.credentials.wall_password,
                     **{p.contact_id: p.password for p in self.credentials.field.values()}}
            if simulated:
                users[STAFF_USER] = secrets.token_urlsafe(24)
                self.simulated_staff = SimulatedOrderStaff(
                    LinkSettings("127.0.0.1", config.port, STAFF_USER, users[STAFF_USER]), list(self.contacts))
            folder = state_dir / "orders-broker"
            self.broker = broker_process(write_broker(folder, config.port, users, config.username,
                                                      STAFF_ACL if simulated else ""),
                                         state_dir / "orders-broker.log", self, config.port)
        else:
            _LOGGER.error("orders: the wall's own broker cannot run: %s", problem)
        return host, port, config.username, self.credentials.wall_password

    def _field_page(self, state_dir: Path) -> SupervisedProcess | None:
        """The field page in its own process (a flood of connections there never reaches the wall's descriptors)."""
        if not self.config.field_listen:
            return None
        spec = field_spec(self.config, self.config.field_listen, state_dir, self.contacts.values())
        return field_process(spec, state_dir, self)

    def start(self) -> None:
        if self.broker is not None:
            self.broker.start()
        with CacheReader(self._cache_path) as reader:
            self.book.load(reader.orders(utc_now() - KEPT_ON_THE_WALL))
        self.link.start()
        if self.field is not None:
            self.field.start()
            _LOGGER.info("orders: the field page on %s, its own process %d (log: %s)", self.config.field_listen,
                         self.field.process.pid, self.field.log_path)
        if self.simulated_staff is not None:
            self.simulated_staff.start()

    def stop(self) -> None:
        self._stopped = True  # what the link says while it goes is not drawn (the widgets may be gone)
        if self.simulated_staff is not None:
            self.simulated_staff.stop()
        if self.field is not None:
            self.field.stop()
        self.link.stop()
        if self.broker is not None:
            self.broker.stop()

    def for_station(self, station: str | None) -> tuple[str, ...]:
        """Whom an incident handled by this fire station suggests: its command vehicles."""
        return tuple(c.id for c in for_station(tuple(self.contacts.values()), station))

    def for_project(self, project_id: str) -> tuple[str, ...]:
        """Whom a project's sheet suggests: its manager."""
        return tuple(c.id for c in for_project(tuple(self.contacts.values()), project_id))

    def offer(self, subject: str, subject_name: str, suggested: tuple[str, ...] = (),
              groups: tuple[str, ...] = ()) -> None:
        """업무 지시 about this subject: the suggested people and groups chosen, their groups on offer, the
        templates, in the map's place."""
        people = [self.contacts[cid] for cid in suggested if cid in self.contacts]
        offered = dict.fromkeys([*groups, *(g for c in people for g in c.groups), *self._groups()])
        self._asked = (subject, subject_name)
        self.form.ask(subject_name, [(c.id, c.name, True) for c in people],
                      [(name, len(self._members(name)), name in groups) for name in offered])
        self._show("form")

    def offer_from_contacts(self, kind: str, key: str) -> None:
        """The contacts panel's 지시 beside a person ("contact") or 업무 지시 of a whole group ("group")."""
        if kind == "group":
            self.offer(f"group:{key}", f"{key} 전체", groups=(key,))
        elif key in self.contacts:
            self.offer(f"contact:{key}", "시장 직접 지시", (key,))

    def open_panel(self) -> None:
        self._show("panel")

    def about(self, subject: str) -> list[OrderLine]:
        """The orders given about this subject (the open ones and those of the last 30 days)."""
        return [self._line(o) for o in self.book.orders.values() if o.subject == subject]

    def _groups(self) -> list[str]:
        return list(dict.fromkeys(g for c in self.contacts.values() for g in c.groups))

    def _members(self, group: str) -> list[str]:
        return [c.id for c in self.contacts.values() if group in c.groups]

    def _give(self, template_id: str) -> None:
        """A template touched: one order to each chosen person (a group's members once each), one touch."""
        template = next((t for t in self.config.templates if t.id == template_id), None)
        chosen = list(dict.fromkeys([*self.form.people(), *(m for g in self.form.groups() for m in self._members(g))]))
        if self._asked is None or template is None:
            return
        if not chosen:
            self.form.say(NOBODY)
            return
        subject, subject_name = self._asked
        now, given_with = utc_now(), uuid.uuid4().hex
        due_minutes = self.form.due_minutes() or template.due_minutes
        due = now + timedelta(minutes=due_minutes) if due_minutes else None
        text = " · ".join(words for words in (template.text, self.form.note_text()) if words)
        orders = [Order(uuid.uuid4().hex, now, given_with, cid, self.contacts[cid].name, text, template.id,
                        subject, subject_name, template.ack_minutes, due) for cid in chosen]
        self.book.give(orders)
        for order in orders:  # each order in the audit trail, as each of its steps will be
            self._record(AuditEntry(f"{order.order_id}-given", now, ORDER, f"{order.recipient_name} · {subject_name}",
                                    text))
        self._asked = None
        self._show("panel")

    def _audit_step(self, step: OrderStep) -> None:
        order = self.book.orders[step.order_id]
        self._record(AuditEntry(f"{step.order_id}-{step.state}", step.at, f"{ORDER} {step.state}",
                                f"{order.recipient_name} · {order.subject_name}", step.report or order.text,
                                detail=step.actor))

    def lines(self) -> list[OrderLine]:
        """The open orders as the panel shows them."""
        return [self._line(o) for o in self.book.open_orders()]

    def _line(self, order: Order) -> OrderLine:
        steps = self.book.steps[order.order_id]
        return OrderLine(order, self.book.state(order.order_id), step_times(steps), lateness(order, steps, utc_now()),
                         _report(steps))

    def redraw_soon(self, *_news) -> None:
        """Everything that moved within REDRAW_MS is drawn once (a burst of statuses is one redraw)."""
        if not self._redraw_soon.isActive():
            self._redraw_soon.start()

    def _redraw(self) -> None:
        if self._stopped:
            return
        lines = self.lines()
        self.panel.set_orders(lines)
        unsaved = len(self.book.unsaved)
        self.panel.say(" · ".join(text for text in (
            "" if self.link.is_connected else LINK_DOWN,
            f"지시 {unsaved}건을 저장하지 못해 보내지 않았습니다 · 운영자 확인 필요" if unsaved else "") if text))
        self.counted.emit(len(lines), sum(UNACKNOWLEDGED in line.late for line in lines))
        self.changed.emit()
        self.late.show(lines)


def _report(steps: list[OrderStep]) -> str | None:
    return next((s.report for s in reversed(steps) if s.report), None)
