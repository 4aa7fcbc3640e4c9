"""The notice bar: something that needs the mayor's attention but is no emergency (a project slipping).
Quiet amber, no chime, and hidden whenever the alert banner is up: never above a fire."""

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


class NoticeBar(QFrame):
    """`opened(key)`: show me; `acknowledged()`: seen, all of them."""

    opened = Signal(str)
    acknowledged = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.key: str | None = None
        self.text = text_label("", metrics.font(theme.BODY_MM, bold=True), theme.TEXT, elide=True)
        self.open_button = flat_button(metrics, "보기", (140, BUTTON_MM), theme.BODY_MM)
        self.ack_button = flat_button(metrics, "확인", (140, BUTTON_MM), theme.BODY_MM)
        self.open_button.clicked.connect(lambda: self.key and self.opened.emit(self.key))
        self.ack_button.clicked.connect(self.acknowledged.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(30), metrics.px(5), metrics.px(30), metrics.px(5))
        row.setSpacing(metrics.px(20))
        row.addWidget(self.text, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.ack_button)
        self.setStyleSheet(f"#noticeBar {{ background:{theme.NOTICE}; border-bottom:{metrics.px(2)}px solid "
                           f"{theme.PROJECT_STATUS_COLOURS['지연']}; }}")
        self.hide()

    def show_notices(self, notices: list[Notice]) -> None:
        """The first notice, and how many more wait behind it."""
        first = notices[0]
        self.key = first.key
        more = f"  (외 {len(notices) - 1}건)" if len(notices) > 1 else ""
        self.text.setText(f"{first.title} — {first.detail}{more}")
        self.ack_button.setText("확인" if len(notices) == 1 else "모두 확인")
        self.show()

    def clear(self) -> None:
        self.key = None
        self.hide()
