"""The screen shown instead of crashing: what is wrong, where, and that the wall retries by itself."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets import theme
from widgets.common import text_label


class SafeModeScreen(QWidget):
    """A full-window message; `show_problem` replaces it."""

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("safeMode")
        self.setStyleSheet(f"#safeMode {{ background:{theme.BACKGROUND}; }}")
        self.title = text_label("", metrics.font(theme.TITLE_MM * 1.3, bold=True), "#ff6b6b")
        self.source = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM, wrap=True)
        self.lines = text_label("", metrics.font(theme.HEADING_MM), theme.TEXT, wrap=True)
        self.hint = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM, wrap=True)
        column = QVBoxLayout(self)
        margin = metrics.px(120)
        column.setContentsMargins(margin, margin, margin, margin)
        column.setSpacing(metrics.px(25))
        for widget in (self.title, self.source, self.lines, self.hint):
            column.addWidget(widget)
        column.addStretch(1)

    def show_problem(self, title: str, source: str, lines: list[str], hint: str) -> None:
        """Describe the problem in plain words."""
        self.title.setText(title)
        self.source.setText(source)
        self.lines.setText("\n".join(f"• {line}" for line in lines))
        self.hint.setText(hint)
