"""A progress bar drawn for the wall: the actual share filled in its colour, the plan as a white tick."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from widgets import theme


class ProgressBar(QWidget):
    """`set_progress(percent, planned, colour)`; the tick shows where the plan says it should be."""

    def __init__(self, metrics: theme.Metrics, height_mm: float = 10.0, parent: QWidget | None = None):
        super().__init__(parent)
        self._m = metrics
        self.percent, self.planned, self.colour = 0.0, None, theme.ACCENT
        self.setFixedHeight(metrics.px(height_mm))
        self.setMinimumWidth(metrics.px(120))

    def set_progress(self, percent: float, planned: float | None, colour: str) -> None:
        self.percent, self.planned, self.colour = percent, planned, colour
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.height() / 3
        whole = QRectF(self.rect())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.TROUGH))
        painter.drawRoundedRect(whole, radius, radius)
        painter.setBrush(QColor(self.colour))
        painter.drawRoundedRect(QRectF(0, 0, whole.width() * min(100.0, self.percent) / 100, whole.height()),
                                radius, radius)
        if self.planned is not None:
            x = whole.width() * min(100.0, self.planned) / 100
            painter.setPen(QPen(QColor(theme.TEXT), self._m.px(1.5)))
            painter.drawLine(int(x), 0, int(x), self.height())
        painter.end()
