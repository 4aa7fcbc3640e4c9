"""데이터 연결 상태 (the operator view): one row per feed with its state, data age and last problem."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from widgets import theme
from widgets.common import PanelFrame, close_button, scrolling, text_label, title_row


@dataclass(frozen=True)
class StatusRow:
    """What one row shows; built by the application from a feed's health."""

    title: str
    state: str  # fresh / stale / down / waiting
    state_text: str
    age_text: str
    detail: str = ""  # a short Korean reason for the mayor; technical detail goes to the log
    simulated: bool = False


class StatusPanel(PanelFrame):
    """Rows of feed health; the rows are data, drawn by one generic layout. Closable with one touch (`closed`)."""

    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "statusPanel", parent)
        self._m = metrics
        column = self.column
        self.close_button = close_button(metrics, self.closed.emit)
        column.addLayout(title_row(text_label("데이터 연결 상태 · Data feeds", metrics.font(theme.HEADING_MM, bold=True)),
                                   self.close_button))
        self._grid = QGridLayout()
        self._grid.setVerticalSpacing(metrics.px(4))
        rows = QWidget()
        holder = QVBoxLayout(rows)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.addLayout(self._grid)
        holder.addStretch(1)
        column.addWidget(scrolling(rows), 1)  # however many feeds, the panel never pushes the cameras away
        self.rows: list[StatusRow] = []

    def set_rows(self, rows: list[StatusRow]) -> None:
        """Redraw the rows."""
        if rows == self.rows:
            return
        self.rows = rows
        while self._grid.count():
            self._grid.takeAt(0).widget().deleteLater()
        m = self._m
        for index, row in enumerate(rows):
            title = row.title + (" · 시뮬레이션" if row.simulated else "")
            colour = theme.STATE_COLOURS.get(row.state, theme.TEXT_DIM)
            self._grid.addWidget(text_label("●", m.font(theme.BODY_MM), colour), index * 2, 0)
            self._grid.addWidget(text_label(title, m.font(theme.BODY_MM, bold=True), elide=True), index * 2, 1)
            self._grid.addWidget(text_label(row.state_text, m.font(theme.BODY_MM), colour, elide=True), index * 2, 2)
            detail = " · ".join(p for p in (row.age_text, row.detail) if p)
            self._grid.addWidget(text_label(detail, m.font(theme.SMALL_MM), theme.TEXT_DIM, elide=True),
                                 index * 2 + 1, 1, 1, 2)
        self._grid.setColumnStretch(1, 3)
        self._grid.setColumnStretch(2, 2)


def preview() -> QWidget:
    """Two feeds, one failing."""
    panel = StatusPanel(theme.Metrics(1.0))
    panel.set_rows([StatusRow("대기환경", "fresh", "정상", "14:00 기준 · 방금", simulated=True),
                    StatusRow("재난안전", "down", "연결 끊김", "2시간 전", "HTTP 503")])
    return panel
