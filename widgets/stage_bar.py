"""A dispatch-stage progress bar: one segment per stage of the chain, reached ones filled."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from feeds.incidents import Incident, chain, progress
from widgets import theme


class StageBar(QWidget):
    """Filled up to the current stage in the kind's colour; an unknown stage leaves it empty."""

    def __init__(self, metrics: theme.Metrics, height_mm: float = 7.0, parent: QWidget | None = None):
        super().__init__(parent)
        self._m = metrics
        self.setFixedHeight(metrics.px(height_mm))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.steps, self.reached, self.colour = 1, 0, theme.KIND_COLOURS["other"]

    def set_incident(self, incident: Incident) -> None:
        """Show how far this incident's response has got."""
        self.steps = len(chain(incident.kind))
        self.reached = round(progress(incident) * self.steps)
        self.colour = theme.kind_colour(incident.kind) if not incident.closed else theme.TEXT_DIM
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = self._m.px(1.5)
        width = (self.width() - gap * (self.steps - 1)) / self.steps
        radius = self.height() / 3
        for step in range(self.steps):
            colour = QColor(self.colour if step < self.reached else theme.SURFACE_RAISED)
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(QRectF(step * (width + gap), 0, width, self.height()), radius, radius)
        painter.end()
