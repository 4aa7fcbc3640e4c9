"""The header band: title, date and clock, overall feed health, the simulation badge."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from widgets import theme
from widgets.common import flat_button, flat_style, text_label
from widgets.format import clock_text, date_text

Clock = Callable[[], datetime]


class HeaderBar(QWidget):
    """Title on the left; 업무 지시 (touch: the orders), 연락처 (touch: the contacts), health (touch: the feed
    list), simulation badge, date and clock on the right."""

    health_touched = Signal()
    contacts_touched = Signal()
    orders_touched = Signal()

    def __init__(self, metrics: theme.Metrics, clock: Clock = lambda: datetime.now(timezone.utc),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._metrics, self._clock = metrics, clock
        self.setObjectName("header")
        self.title = text_label("디지털 시민시장실", metrics.font(theme.TITLE_MM, bold=True))
        self.subtitle = text_label("한눈에 보는 서울 · Digital Citizen Mayor's Office",
                               metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.counts = text_label("", metrics.font(theme.HEADING_MM, bold=True))
        self.counts_age = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.health = QPushButton("")  # a touch opens the feed list (the operator view)
        self.health.setFont(metrics.font(theme.BODY_MM, bold=True))
        self.health.setMinimumHeight(metrics.px(theme.TOUCH_MM * 2))
        self.health.clicked.connect(self.health_touched.emit)
        self.contacts = flat_button(metrics, "연락처", (150, theme.TOUCH_MM * 2), theme.BODY_MM)  # calls (hidden when off)
        self.contacts.clicked.connect(self.contacts_touched.emit)
        self.contacts.hide()
        self.orders = flat_button(metrics, "업무 지시", (170, theme.TOUCH_MM * 2), theme.BODY_MM)  # hidden when off
        self.orders.clicked.connect(self.orders_touched.emit)
        self.orders.hide()
        self.simulation_badge = text_label(" 시뮬레이션 / SIMULATED ", metrics.font(theme.BODY_MM, bold=True))
        self.simulation_badge.setStyleSheet(
            f"background:{theme.SIMULATION}; color:{theme.ON_COLOUR}; border-radius:{metrics.px(3)}px;"
            f"padding:{metrics.px(2)}px {metrics.px(6)}px;")
        self.simulation_badge.hide()
        self.date = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM)
        self.clock = text_label("", metrics.font(theme.TITLE_MM, bold=True))
        self._build_layout()
        self._timer = QTimer(self, interval=1000, timeout=self.tick)
        self._timer.start()
        self.tick()

    def _build_layout(self) -> None:
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        row = QHBoxLayout(self)
        row.setContentsMargins(self._metrics.px(30), self._metrics.px(8), self._metrics.px(30), self._metrics.px(8))
        row.setSpacing(self._metrics.px(25))
        row.addLayout(titles)
        row.addStretch(1)
        counts = QVBoxLayout()
        counts.setSpacing(0)
        counts.addWidget(self.counts)
        counts.addWidget(self.counts_age)
        row.addLayout(counts)
        row.addStretch(1)
        for widget in (self.orders, self.contacts, self.health, self.simulation_badge, self.date, self.clock):
            row.addWidget(widget, alignment=Qt.AlignmentFlag.AlignVCenter)

    def show_orders(self, open_count: int, late: int) -> None:
        """"업무 지시 3", red with "미확인 1" while an order waits for its acknowledgement too long."""
        self.orders.setText(f"업무 지시 {open_count}" + (f" · 미확인 {late}" if late else "") if open_count else "업무 지시")
        self.orders.setStyleSheet(flat_style(self._metrics, theme.ALERT, theme.ALERT_TEXT) if late
                                  else flat_style(self._metrics))

    def tick(self) -> None:
        """Refresh the date and clock."""
        now = self._clock()
        self.date.setText(date_text(now))
        self.clock.setText(clock_text(now))

    def set_health(self, text: str, state: str) -> None:
        """Show the overall feed health, coloured by the worst state."""
        self.health.setText(text)
        self.health.setStyleSheet(f"color:{theme.STATE_COLOURS.get(state, theme.TEXT)}; background:{theme.SURFACE};"
                                  f"border:{self._metrics.px(1)}px solid {theme.SURFACE_RAISED};"
                                  f"border-radius:{self._metrics.px(5)}px; padding:0 {self._metrics.px(8)}px;")

    def set_counts(self, text: str, age: str) -> None:
        """Today's incident counts ("오늘 화재 2건 · 구조 3건 · 구급 37건 · 도로 12건") and their data age."""
        self.counts.setText(text)
        self.counts_age.setText(age)

    def set_simulated(self, simulated: bool) -> None:
        """Show or hide the 시뮬레이션 / SIMULATED badge."""
        self.simulation_badge.setVisible(simulated)


def preview() -> QWidget:
    """HeaderBar with sample state, for the widget gallery and smoke test."""
    header = HeaderBar(theme.Metrics(2.0))
    header.set_health("데이터 1/1 정상", "fresh")
    header.set_counts("오늘 화재 2건 · 구조 3건 · 구급 37건 · 도로 12건", "10:15 기준 · 방금")
    header.set_simulated(True)
    return header
