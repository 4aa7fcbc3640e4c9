"""The people an incident or a project offers for a one-touch call (and, when work orders are on, a
업무 지시 beside each): large buttons, none at all when there is nobody to call (never a dead button)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from widgets import theme
from widgets.common import flat_button

BUTTON_MM = (0.0, 45.0)


class CallButtons(QWidget):
    """`set_people([(id, label)])`; `call(id)` or `order(id)` on a touch."""

    call = Signal(str)
    order = Signal(str)

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self._m = metrics
        self.people: list[tuple[str, str]] = []
        self.buttons = []
        self.ordering = False  # work orders on: a 업무 지시 beside each call
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(metrics.px(8))
        self.hide()

    def set_people(self, people: list[tuple[str, str]]) -> None:
        if people == self.people:
            return
        self.people = people
        for button in self.buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for person_id, label in people:
            button = flat_button(self._m, f"📞 {label}", BUTTON_MM, theme.BODY_MM, background=theme.STATE_COLOURS["fresh"],
                                 colour=theme.ON_COLOUR)
            button.clicked.connect(lambda _=False, p=person_id: self.call.emit(p))
            self._row.addWidget(button)
            self.buttons.append(button)
            if self.ordering:
                order = flat_button(self._m, "업무 지시", BUTTON_MM, theme.BODY_MM)
                order.clicked.connect(lambda _=False, p=person_id: self.order.emit(p))
                self._row.addWidget(order)
                self.buttons.append(order)
        self.setVisible(bool(people))
