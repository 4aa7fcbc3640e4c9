"""The notice bar: something that needs the mayor's attention but is no emergency (a project slipping,
an order nobody acknowledged). No chime; the project notices' bar is quiet amber and hidden whenever the
alert banner is up (never above a fire), the orders' bar is red-dark and offers a call to the person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from widgets import theme
from widgets.common import flat_button, text_label

BUTTON_MM = 45.0


@dataclass(frozen=True)
class Notice:
    """One low-priority notice: `key` opens as a sheet of its domain; a new `since` makes it new again."""

    key: str
    title: str  # e.g. "주요사업 지연 · 다시세운 프로젝트"
    detail: str  # why, in plain Korean
    since: date | None = None
    call: str | None = None  # a contact the bar offers a one-touch call to


class NoticeBar(QFrame):
    """`opened(key)`: show me; `acknowledged()`: seen, all of them; `call_requested(contact)` while
    `can_call`."""

    opened = Signal(str)
    acknowledged = Signal()
    call_requested = Signal(str)

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None, background: str = theme.NOTICE,
                 edge: str = theme.PROJECT_STATUS_COLOURS["지연"]):
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.key: str | None = None
        self.contact: str | None = None
        self.can_call = False
        self.text = text_label("", metrics.font(theme.BODY_MM, bold=True), theme.TEXT, elide=True)
        self.open_button = flat_button(metrics, "보기", (140, BUTTON_MM), theme.BODY_MM)
        self.ack_button = flat_button(metrics, "확인", (140, BUTTON_MM), theme.BODY_MM)
        self.call_button = flat_button(metrics, "전화", (140, BUTTON_MM), theme.BODY_MM, background=theme.ALERT,
                                       colour=theme.ALERT_TEXT)
        self.call_button.hide()
        self.call_button.clicked.connect(lambda: self.contact and self.call_requested.emit(self.contact))
        self.open_button.clicked.connect(lambda: self.key and self.opened.emit(self.key))
        self.ack_button.clicked.connect(self.acknowledged.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(30), metrics.px(5), metrics.px(30), metrics.px(5))
        row.setSpacing(metrics.px(20))
        row.addWidget(self.text, 1)
        row.addWidget(self.call_button)
        row.addWidget(self.open_button)
        row.addWidget(self.ack_button)
        self.setStyleSheet(f"#noticeBar {{ background:{background}; border-bottom:{metrics.px(2)}px solid {edge}; }}")
        self.hide()

    def show_notices(self, notices: list[Notice]) -> None:
        """The first notice, and how many more wait behind it."""
        first = notices[0]
        self.key, self.contact = first.key, first.call
        self.call_button.setVisible(bool(first.call) and self.can_call)
        more = f"  (외 {len(notices) - 1}건)" if len(notices) > 1 else ""
        self.text.setText(f"{first.title} — {first.detail}{more}")
        self.ack_button.setText("확인" if len(notices) == 1 else "모두 확인")
        self.show()

    def clear(self) -> None:
        self.key = self.contact = None
        self.hide()
