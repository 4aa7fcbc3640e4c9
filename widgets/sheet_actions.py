"""A sheet's actions: a one-touch call to each person its subject offers (none when calls cannot work: never
a dead button), 업무 지시 about the subject when work orders are on, and the orders already given about it,
each with where it stands (a touch opens the orders panel)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from feeds.orders import CANCELLED, DONE
from widgets import theme
from widgets.common import flat_button, remove_widgets
from widgets.format import clock_text
from widgets.orders_panel import LATE, OrderLine

BUTTON_MM = (0.0, 45.0)
ORDER_ROW_MM = (0.0, theme.TOUCH_MM * 2)
ORDERS_SHOWN = 4  # the sheet lists this many (open first, then the newest); the panel has all


def order_summary(line: OrderLine) -> str:
    """"노원 지휘1호차 · 주민 대피 안내 실시 · 확인 09:14" (and 미확인, 기한 지남 when late)."""
    reached = line.state or "보내는 중"
    when = f" {clock_text(line.times[reached])}" if reached in line.times else ""
    late = f" · {' · '.join(line.late)}" if line.late else ""
    return f"{line.order.recipient_name} · {line.order.text} · {reached}{when}{late}"


class SheetActions(QWidget):
    """`set_people([(id, label)])` and `set_orders(lines)`; `call(id)`, `order()` or `orders_opened()` on a
    touch. Hidden while it has nothing to offer."""

    call = Signal(str)
    order = Signal()
    orders_opened = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self._m = metrics
        self.people: list[tuple[str, str]] | None = None
        self.buttons = []  # the calls, then 업무 지시
        self.order_rows = []
        self.orders: list[OrderLine] | None = None  # what the rows show
        self.ordering = False  # work orders on: 업무 지시 after the calls
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(metrics.px(6))
        self._row = QHBoxLayout()
        self._row.setSpacing(metrics.px(8))
        self._orders = QVBoxLayout()
        self._orders.setSpacing(metrics.px(4))
        column.addLayout(self._row)
        column.addLayout(self._orders)
        self.hide()

    def set_people(self, people: list[tuple[str, str]]) -> None:
        if people == self.people:
            return
        self.people = people
        remove_widgets(self._row, self.buttons)
        self.buttons = []
        for person_id, label in people:
            button = flat_button(self._m, f"📞 {label}", BUTTON_MM, theme.BODY_MM, background=theme.STATE_COLOURS["fresh"],
                                 colour=theme.ON_COLOUR)
            button.clicked.connect(lambda _=False, p=person_id: self.call.emit(p))
            self.buttons.append(button)
        if self.ordering:
            order = flat_button(self._m, "업무 지시", BUTTON_MM, theme.BODY_MM)
            order.clicked.connect(self.order.emit)
            self.buttons.append(order)
        for button in self.buttons:
            self._row.addWidget(button)
        self._update_visibility()

    def set_orders(self, lines: list[OrderLine]) -> None:
        """The orders about this subject: the open ones first, then the newest (redrawn only when they moved:
        every order's step anywhere asks)."""
        shown = sorted(lines, key=lambda line: (line.state in (DONE, CANCELLED), -line.order.given_at.timestamp()))
        if shown[:ORDERS_SHOWN] == self.orders:
            return
        self.orders = shown[:ORDERS_SHOWN]
        remove_widgets(self._orders, self.order_rows)
        self.order_rows = []
        for line in self.orders:
            row = flat_button(self._m, order_summary(line), ORDER_ROW_MM, theme.SMALL_MM,
                              colour=LATE if line.late else theme.TEXT, extra_css="text-align:left;")
            row.clicked.connect(self.orders_opened.emit)
            self._orders.addWidget(row)
            self.order_rows.append(row)
        self._update_visibility()

    def _update_visibility(self) -> None:
        self.setVisible(bool(self.buttons or self.order_rows))
