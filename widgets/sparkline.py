"""A figure's trend drawn small beside it: the last months as a line, the newest as a dot."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from widgets import theme


class Sparkline(QWidget):
    """`set_values(values, colour)`, oldest first; nothing is drawn for fewer than two."""

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self._m = metrics
        self.values: list[float] = []
        self.colour = theme.ACCENT
        self.setMinimumSize(metrics.px(120), metrics.px(35))

    def set_values(self, values: list[float], colour: str) -> None:
        self.values, self.colour = list(values), colour
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        if len(self.values) < 2:
            return
        low, high = min(self.values), max(self.values)
        pad = self._m.px(4)
        width, height = self.width() - 2 * pad, self.height() - 2 * pad
        points = [QPointF(pad + width * i / (len(self.values) - 1),
                          pad + height * (1 - ((v - low) / (high - low) if high > low else 0.5)))
                  for i, v in enumerate(self.values)]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(self.colour), self._m.px(2.5), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPolyline(points)
        painter.setBrush(QColor(self.colour))
        painter.drawEllipse(points[-1], self._m.px(4), self._m.px(4))
        painter.end()
