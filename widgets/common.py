"""Small building blocks shared by the wall's widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from widgets import theme


def text_label(text: str, font: QFont, colour: str = theme.TEXT, wrap: bool = False) -> QLabel:
    """A label that shows its text as plain text (feed text is data, never markup)."""
    label = QLabel(text)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setStyleSheet(f"color:{colour};")
    return label


class PanelFrame(QFrame):
    """A rounded surface with the wall's margins; subclasses add to `self.column`."""

    def __init__(self, metrics: theme.Metrics, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(f"#{name} {{ background:{theme.SURFACE}; border-radius:{metrics.px(6)}px; }}")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(metrics.px(25), metrics.px(20), metrics.px(25), metrics.px(20))
