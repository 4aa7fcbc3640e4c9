"""업무 지시: the open orders, the late ones (미확인, 기한 지남) first, each with its chain 발송 → 수신 → 확인 →
착수 → 완료 and the time of each step, a one-touch call to a late one's person, and 취소."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from feeds.orders import CHAIN, UNACKNOWLEDGED, Order
from widgets import theme
from widgets.common import PanelFrame, close_button, flat_button, scrolling, text_label, title_row
from widgets.format import clock_text

LATE = theme.ALERT
REACHED = "#1971c2"
BUTTON_MM = (120.0, theme.TOUCH_MM * 2)


@dataclass(frozen=True)
class OrderLine:
    """An order as the panel shows it."""

    order: Order
    state: str | None  # the furthest step, None before the broker has it
    times: dict[str, datetime]
    late: tuple[str, ...] = ()  # 미확인, 기한 지남 (feeds.orders.lateness)
    report: str | None = None


def chain_text(times: dict[str, datetime]) -> list[str]:
    """Each step's label, with its time once reached: ["발송 09:12", "수신 09:12", "확인", …]."""
    return [f"{state} {clock_text(times[state])}" if state in times else state for state in CHAIN]


class OrderRow(QFrame):
    """One order as drawn; `show_line` redraws it in place as it moves (`line` is what it shows)."""

    def __init__(self, metrics: theme.Metrics, line: OrderLine, on_call, on_cancel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("orderRow")
        self._m, self.line = metrics, None
        order = line.order
        self.late = text_label("", metrics.font(theme.BODY_MM, bold=True), LATE)
        who = text_label(f"{order.recipient_name} · {order.subject_name}", metrics.font(theme.BODY_MM, bold=True),
                         elide=True)
        self.report = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self.steps = [text_label(state, metrics.font(theme.BODY_MM)) for state in CHAIN]
        self.call = flat_button(metrics, "전화", BUTTON_MM, theme.BODY_MM, background=LATE, colour=theme.ALERT_TEXT)
        self.call.clicked.connect(lambda: on_call(order.recipient))
        self.can_call = on_call is not None
        cancel = flat_button(metrics, "취소", BUTTON_MM, theme.BODY_MM, background=theme.SURFACE)
        cancel.clicked.connect(lambda: on_cancel(order.order_id))
        column = QVBoxLayout(self)
        column.setContentsMargins(metrics.px(10), metrics.px(8), metrics.px(10), metrics.px(8))
        top = QHBoxLayout()
        top.addWidget(self.late)
        top.addWidget(who, 1)
        column.addLayout(top)
        column.addWidget(text_label(order.text, metrics.font(theme.BODY_MM), wrap=True))
        chain = QHBoxLayout()
        chain.setSpacing(metrics.px(3))
        for step in self.steps:
            step.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chain.addWidget(step, 1)
        column.addLayout(chain)
        column.addWidget(self.report)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.call)
        buttons.addWidget(cancel)
        column.addLayout(buttons)
        self.show_line(line)

    def show_line(self, line: OrderLine) -> None:
        if line == self.line:
            return
        self.line, m = line, self._m
        edge = LATE if line.late else theme.SURFACE_RAISED
        self.setStyleSheet(f"#orderRow {{ background:{theme.SURFACE_RAISED}; border:{m.px(1.5)}px solid {edge};"
                           f" border-radius:{m.px(5)}px; }}")
        self.late.setText(" · ".join(line.late))
        self.late.setVisible(bool(line.late))
        for step, state, label in zip(self.steps, CHAIN, chain_text(line.times)):
            step.setText(label)
            step.setFont(m.font(theme.BODY_MM, bold=state in line.times))
            colour = REACHED if state in line.times else theme.SURFACE
            step.setStyleSheet(f"background:{colour}; color:{theme.TEXT}; border-radius:{m.px(4)}px;"
                               f" padding:{m.px(3)}px;")
        self.report.setText(f"보고: {line.report}" if line.report else "")
        self.report.setVisible(bool(line.report))
        self.call.setVisible(bool(line.late) and self.can_call)


class OrdersPanel(PanelFrame):
    """`call_requested(contact)`, `cancel_requested(order)`, `closed`."""

    call_requested = Signal(str)
    cancel_requested = Signal(str)
    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "ordersPanel", parent)
        self._m = metrics
        self.can_call = True
        self.title = text_label("업무 지시", metrics.font(theme.HEADING_MM, bold=True))
        self.problem = text_label("", metrics.font(theme.BODY_MM), theme.STATE_COLOURS["stale"], wrap=True)
        self.problem.hide()
        self.empty = text_label("진행 중인 지시가 없습니다.", metrics.font(theme.BODY_MM), theme.TEXT_DIM)
        self._holder = QWidget()
        self._rows = QVBoxLayout(self._holder)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(metrics.px(8))
        self.column.addLayout(title_row(self.title, close_button(metrics, self.closed.emit)))
        self.column.addWidget(self.problem)
        self.column.addWidget(self.empty)
        self.column.addWidget(scrolling(self._holder), 1)
        self.rows: list[OrderRow] = []

    def set_orders(self, lines: list[OrderLine]) -> None:
        """The open orders: the late ones first, then the newest. Rows are made once per order and redrawn in
        place as it moves; laid out again only when the list changes (a hundred orders made anew at each step
        cost 200 ms a time: bench/orders_bench.py)."""
        ordered = sorted(lines, key=lambda line: (not line.late, -line.order.given_at.timestamp()))
        drawn = {row.line.order.order_id: row for row in self.rows}
        on_call = self.call_requested.emit if self.can_call else None
        rows = []
        for line in ordered:
            row = drawn.pop(line.order.order_id, None) or OrderRow(self._m, line, on_call, self.cancel_requested.emit)
            row.show_line(line)
            rows.append(row)
        for gone in drawn.values():
            gone.deleteLater()
        if rows != self.rows:
            while self._rows.count():
                self._rows.takeAt(0)  # the layout's items only: the rows kept are laid out again below
            for row in rows:
                self._rows.addWidget(row)
            self._rows.addStretch(1)
        self.rows = rows
        late = sum(UNACKNOWLEDGED in line.late for line in lines)
        self.title.setText(f"업무 지시 · 진행 중 {len(lines)}건" + (f" · {UNACKNOWLEDGED} {late}건" if late else ""))
        self.empty.setVisible(not lines)

    def say(self, text: str) -> None:
        """What is wrong with the link, in plain words, or nothing."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
