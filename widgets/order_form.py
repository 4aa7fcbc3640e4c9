"""A work order in two touches: the sheet's 업무 지시 opens this in the map's place, for one person and one
subject; a touch on a template gives it (the orders panel then shows it on its way)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from widgets import theme
from widgets.common import PanelFrame, close_button, flat_button, text_label, title_row

COLUMNS = 2
TEMPLATE_MM = (0.0, 70.0)


class OrderForm(PanelFrame):
    """`chosen(template_id)` on a touch; `closed` without an order."""

    chosen = Signal(str)
    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "orderForm", parent)
        self._m = metrics
        self.title = text_label("업무 지시", metrics.font(theme.HEADING_MM, bold=True), elide=True)
        self.subject = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM, wrap=True)
        self._grid_holder = QWidget()
        self._grid = QGridLayout(self._grid_holder)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(metrics.px(8))
        self.buttons: dict[str, object] = {}
        self.column.addLayout(title_row(self.title, close_button(metrics, self.closed.emit)))
        self.column.addWidget(self.subject)
        self.column.addWidget(self._grid_holder)
        self.column.addStretch(1)

    def ask(self, recipient: str, subject: str, templates: list[tuple[str, str]]) -> None:
        """For whom and about what; one button per template (id, words)."""
        self.title.setText(f"업무 지시 · {recipient}")
        self.subject.setText(f"{subject} · 지시를 고르면 바로 보냅니다")
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for index, (template_id, words) in enumerate(templates):
            button = flat_button(self._m, words, TEMPLATE_MM, theme.HEADING_MM)
            button.clicked.connect(lambda _=False, t=template_id: self.chosen.emit(t))
            self._grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.buttons[template_id] = button
