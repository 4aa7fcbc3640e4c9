"""The six domain selectors along the lower band, within reach of the mayor's hand."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from widgets import theme

DOMAINS: tuple[tuple[str, str, str], ...] = (
    ("disaster", "재난안전", "Disaster & Safety"),
    ("traffic", "교통상황", "Traffic"),
    ("air", "대기환경", "Air Quality"),
    ("water", "상수도", "Water Supply"),
    ("projects", "주요사업", "Major Projects"),
    ("startups", "창업생태계", "Startups"),
)
BUTTON_HEIGHT_MM = 150.0


class DomainBar(QWidget):
    """Six large exclusive buttons; emits `domain_selected(key)` when one is touched."""

    domain_selected = Signal(str)

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self, exclusive=True)
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(30), metrics.px(10), metrics.px(30), metrics.px(15))
        row.setSpacing(metrics.px(20))
        for key, korean, english in DOMAINS:
            button = QPushButton(f"{korean}\n{english}".replace("&", "&&"))  # no mnemonics
            button.setCheckable(True)
            button.setFont(metrics.font(theme.HEADING_MM, bold=True))
            button.setMinimumHeight(metrics.px(BUTTON_HEIGHT_MM))
            button.setStyleSheet(_button_style(metrics))
            button.clicked.connect(lambda _checked=False, k=key: self.select(k))
            self._group.addButton(button)
            self.buttons[key] = button
            row.addWidget(button, 1)

    def select(self, key: str) -> None:
        """Mark `key` as the current domain and announce it."""
        self.buttons[key].setChecked(True)
        self.domain_selected.emit(key)

    def current(self) -> str | None:
        """The selected domain's key."""
        return next((k for k, b in self.buttons.items() if b.isChecked()), None)


def _button_style(metrics: theme.Metrics) -> str:
    radius = metrics.px(6)
    return (f"QPushButton {{ background:{theme.SURFACE_RAISED}; color:{theme.TEXT}; border:none;"
            f" border-radius:{radius}px; }}"
            f"QPushButton:checked {{ background:{theme.ACCENT}; color:#081018; }}"
            f"QPushButton:pressed {{ background:#74c0fc; }}")


def preview() -> QWidget:
    """DomainBar with 대기환경 selected."""
    bar = DomainBar(theme.Metrics(1.0))
    bar.select("air")
    return bar
