"""A panel that says plainly what is (not yet) here, instead of showing made-up numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from widgets import theme
from widgets.common import PanelFrame, text_label


class NoticePanel(PanelFrame):
    """A title, a large status word and an explanation."""

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "noticePanel", parent)
        self.title = text_label("", metrics.font(theme.HEADING_MM, bold=True))
        self.status = text_label("", metrics.font(theme.TITLE_MM * 1.5, bold=True), theme.TEXT_DIM)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM, wrap=True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = self.column
        column.addWidget(self.title)
        column.addStretch(1)
        column.addWidget(self.status)
        column.addWidget(self.detail)
        column.addStretch(2)

    def show_notice(self, title: str, status: str, detail: str) -> None:
        """Replace the text."""
        self.title.setText(title)
        self.status.setText(status)
        self.detail.setText(detail)


def preview() -> QWidget:
    """A domain that is not built yet."""
    panel = NoticePanel(theme.Metrics(1.0))
    panel.show_notice("교통상황", "설정되지 않음", "이 분야의 자료를 받는 피드가 config.toml에서 꺼져 있거나 없습니다.")
    return panel
