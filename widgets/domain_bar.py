"""The six domain selectors along the lower band, within reach of the mayor's hand."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from widgets import theme

DomainTitle = tuple[str, str, str]  # key, Korean, English
BUTTON_HEIGHT_MM = 150.0


class DomainBar(QWidget):
    """One large exclusive button per domain; emits `domain_touched(key)` on a touch, and only then."""

    domain_touched = Signal(str)

    def __init__(self, metrics: theme.Metrics, domains: list[DomainTitle], parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self, exclusive=True)
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(30), metrics.px(10), metrics.px(30), metrics.px(15))
        row.setSpacing(metrics.px(20))
        for key, korean, english in domains:
            button = QPushButton(f"{korean}\n{english}".replace("&", "&&"))  # no mnemonics
            button.setCheckable(True)
            button.setFont(metrics.font(theme.HEADING_MM, bold=True))
            button.setMinimumHeight(metrics.px(BUTTON_HEIGHT_MM))
            button.setStyleSheet(_button_style(metrics))
            button.clicked.connect(lambda _checked=False, k=key: self.domain_touched.emit(k))
            self._group.addButton(button)
            self.buttons[key] = button
            row.addWidget(button, 1)

    def show_selected(self, key: str) -> None:
        """Mark `key` as the current domain (the wall's state moved; nothing is emitted)."""
        self.buttons[key].setChecked(True)

    def current(self) -> str | None:
        """The selected domain's key."""
        return next((k for k, b in self.buttons.items() if b.isChecked()), None)


def _button_style(metrics: theme.Metrics) -> str:
    radius = metrics.px(6)
    return (f"QPushButton {{ background:{theme.SURFACE_RAISED}; color:{theme.TEXT}; border:none;"
            f" border-radius:{radius}px; }}"
            f"QPushButton:checked {{ background:{theme.ACCENT}; color:{theme.PIN_TEXT}; }}"
            f"QPushButton:pressed {{ background:{theme.PRESSED}; }}")


def preview() -> QWidget:
    """DomainBar with 대기환경 selected."""
    bar = DomainBar(theme.Metrics(1.0), [("disaster", "재난안전", "Disaster & Safety"), ("traffic", "교통상황", "Traffic"),
                                         ("air", "대기환경", "Air Quality"), ("water", "상수도", "Water Supply"),
                                         ("projects", "주요사업", "Major Projects"), ("startups", "창업생태계", "Startups")])
    bar.show_selected("air")
    return bar
