"""Small building blocks shared by the wall's widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from widgets import theme


def text_label(text: str, font: QFont, colour: str = theme.TEXT, wrap: bool = False) -> QLabel:
    """A label that shows its text as plain text (feed text is data, never markup)."""
    label = QLabel(text)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setStyleSheet(f"color:{colour};")
    return label
