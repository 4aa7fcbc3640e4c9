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
    def __init__(self, metrics: theme.Metrics, line: OrderLine, on_call, on_cancel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("orderRow")
        order = line.order
        edge = LATE if line.late else theme.SURFACE_RAISED
        self.setStyleSheet(f"#orderRow {{ background:{theme.SURFACE_RAISED}; border:{metrics.px(1.5)}px solid {edge};"
                           f" border-radius:{metrics.px(5)}px; }}")
        who = text_label(f"{order.recipient_name} · {order.subject_name}", metrics.font(theme.BODY_MM, bold=True),
                         elide=True)
        what = text_label(order.text, metrics.font(theme.BODY_MM), wrap=True)
        column = QVBoxLayout(self)
        column.setContentsMargins(metrics.px(10), metrics.px(8), metrics.px(10), metrics.px(8))
        top = QHBoxLayout()
        if line.late:
            top.addWidget(text_label(" · ".join(line.late), metrics.font(theme.BODY_MM, bold=True), LATE))
        top.addWidget(who, 1)
        column.addLayout(top)
        column.addWidget(what)
        column.addLayout(self._chain(metrics, line))
        if line.report:
            column.addWidget(text_label(f"보고: {line.report}", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if line.late and on_call is not None:
            call = flat_button(metrics, "전화", BUTTON_MM, theme.BODY_MM, background=LATE, colour=theme.ALERT_TEXT)
            call.clicked.connect(lambda: on_call(order.recipient))
            buttons.addWidget(call)
        cancel = flat_button(metrics, "취소", BUTTON_MM, theme.BODY_MM, background=theme.SURFACE)
        cancel.clicked.connect(lambda: on_cancel(order.order_id))
        buttons.addWidget(cancel)
        column.addLayout(buttons)

    @staticmethod
    def _chain(metrics: theme.Metrics, line: OrderLine) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(metrics.px(3))
        for state, label in zip(CHAIN, chain_text(line.times)):
            step = text_label(label, metrics.font(theme.BODY_MM, bold=state in line.times))
            step.setAlignment(Qt.AlignmentFlag.AlignCenter)
            colour = REACHED if state in line.times else theme.SURFACE
            step.setStyleSheet(f"background:{colour}; color:{theme.TEXT}; border-radius:{metrics.px(4)}px;"
                               f" padding:{metrics.px(3)}px;")
            row.addWidget(step, 1)
        return row


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
        """The open orders: the late ones first, then the newest."""
        while self._rows.count():
            item = self._rows.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        ordered = sorted(lines, key=lambda line: (not line.late, -line.order.given_at.timestamp()))
        on_call = self.call_requested.emit if self.can_call else None
        self.rows = [OrderRow(self._m, line, on_call, self.cancel_requested.emit) for line in ordered]
        for row in self.rows:
            self._rows.addWidget(row)
        self._rows.addStretch(1)
        late = sum(UNACKNOWLEDGED in line.late for line in lines)
        self.title.setText(f"업무 지시 · 진행 중 {len(lines)}건" + (f" · {UNACKNOWLEDGED} {late}건" if late else ""))
        self.empty.setVisible(not lines)

    def say(self, text: str) -> None:
        """What is wrong with the link, in plain words, or nothing."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
