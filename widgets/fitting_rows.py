"""Rows one under another, as many shown as fit the height the panel gives them: on a smaller screen the
last ones are left out (and counted by the panel, "외 n건"), never squeezed over each other."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class FittingRows(QWidget):
    """Owns `rows`; `set_count(n)` says how many have content, `shown` how many of those fit."""

    fitted = Signal()

    def __init__(self, rows: list[QWidget], spacing: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows, self._spacing = rows, spacing
        for row in rows:
            row.setParent(self)
            row.hide()
        self.wanted = self.shown = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def set_count(self, count: int) -> None:
        self.wanted = min(count, len(self.rows))
        self.updateGeometry()
        self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        heights = [self._height(row) for row in self.rows[:self.wanted]]
        return QSize(max((row.sizeHint().width() for row in self.rows), default=0),
                     sum(heights) + self._spacing * max(0, len(heights) - 1))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    @staticmethod
    def _height(row: QWidget) -> int:
        return max(row.sizeHint().height(), row.minimumHeight())

    def _fit(self) -> None:
        top, shown = 0, 0
        for index, row in enumerate(self.rows):
            height = self._height(row)
            fits = index == shown and index < self.wanted and top + height <= self.height()
            if fits:
                row.setGeometry(0, top, self.width(), height)
                top += height + self._spacing
                shown += 1
            row.setVisible(fits)
        if shown != self.shown:
            self.shown = shown
            self.fitted.emit()
