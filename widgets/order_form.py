"""A work order in two touches: a sheet's 업무 지시 opens this in the map's place about one subject, its people
already chosen (the station's vehicles, the project's manager); a touch on a template gives it to everyone
chosen. Other people or whole groups are one touch each before that, and a few words of the mayor's own
may follow the template's (typed on a Korean on-screen keyboard that opens with the field)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from widgets import theme
from widgets.common import (PanelFrame, close_button, flat_button, flat_style, remove_widgets, text_label,
                            title_row)
from widgets.korean_keyboard import KoreanKeyboard

COLUMNS = 2
RECIPIENT_COLUMNS = 4
TEMPLATE_MM = (0.0, 70.0)
RECIPIENT_MM = (0.0, 45.0)
CHOSEN = "#1971c2"
NOBODY = "받는 사람을 한 명 이상 고르세요"
NOTE_MAX = 100  # characters the mayor may add to a template's words
DUE_CHOICES = ((None, "지시별 기본"), (30, "30분 안"), (60, "1시간 안"), (120, "2시간 안"), (240, "4시간 안"))
NOTE_MM = 45.0


class NoteField(QLineEdit):
    """A text field that says when it gains or loses the focus (the keyboard opens and closes with it)."""

    focused = Signal(bool)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focused.emit(False)


class OrderForm(PanelFrame):
    """`chosen(template_id)` on a touch; `closed` without an order. `people()` and `groups()` are chosen."""

    chosen = Signal(str)
    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "orderForm", parent)
        self._m = metrics
        self.title = text_label("업무 지시", metrics.font(theme.HEADING_MM, bold=True), elide=True)
        self.subject = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM, wrap=True)
        self.problem = text_label("", metrics.font(theme.BODY_MM, bold=True), theme.ALERT, wrap=True)
        self.problem.hide()
        self.toggles: dict[tuple[str, str], QPushButton] = {}  # ("person" or "group", id) -> its toggle
        self.buttons: dict[str, QPushButton] = {}  # template id -> its button
        self._recipients, self._recipient_holder = self._grid()
        self._templates, self._template_holder = self._grid()
        self.note = NoteField()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setFont(metrics.font(theme.BODY_MM))
        self.note.setMinimumHeight(metrics.px(NOTE_MM))
        self.note.setPlaceholderText("덧붙일 말 (선택) · 누르면 자판이 열립니다")
        self.note.setStyleSheet(f"background:{theme.SURFACE_RAISED}; color:{theme.TEXT}; border:none;"
                                f" border-radius:{metrics.px(6)}px; padding:0 {metrics.px(12)}px;")
        self.note.focused.connect(self._show_keyboard)
        self.keyboard: KoreanKeyboard | None = None  # made at the first touch on the field (about 30 MB)
        self.dues = QButtonGroup(self)  # one choice: the template's own due time, or one of these
        due_row = QHBoxLayout()
        due_row.addWidget(text_label("기한", metrics.font(theme.BODY_MM, bold=True)))
        for index, (minutes, label) in enumerate(DUE_CHOICES):
            button = self._toggle(label, minutes is None)
            self.dues.addButton(button, index)
            due_row.addWidget(button, 1)
        self.column.addLayout(title_row(self.title, close_button(metrics, self.closed.emit)))
        self.column.addWidget(self.subject)
        self.column.addWidget(text_label("받는 사람", metrics.font(theme.BODY_MM, bold=True)))
        self.column.addWidget(self._recipient_holder)
        self.column.addWidget(self.note)
        self.column.addLayout(due_row)
        self.column.addWidget(text_label("지시 · 누르면 바로 보냅니다", metrics.font(theme.BODY_MM, bold=True)))
        self.column.addWidget(self._template_holder)
        self.column.addWidget(self.problem)
        self.column.addStretch(1)

    def _grid(self) -> tuple[QGridLayout, QWidget]:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(self._m.px(8))
        return grid, holder

    def ask(self, subject: str, people: list[tuple[str, str, bool]], groups: list[tuple[str, int, bool]]) -> None:
        """About what; the people (id, label, chosen) and groups (name, size, chosen) on offer."""
        self.title.setText(f"업무 지시 · {subject}")
        self.subject.setText("받는 사람을 확인하고 지시를 고르세요")
        self.say("")
        self.note.clear()
        self._show_keyboard(False)
        self.dues.button(0).setChecked(True)
        remove_widgets(self._recipients, self.toggles.values())
        self.toggles = {}
        offered = [(("person", pid), label, on) for pid, label, on in people]
        offered += [(("group", name), f"{name} 전체 {size}명", on) for name, size, on in groups]
        for index, (key, label, on) in enumerate(offered):
            self.toggles[key] = self._toggle(label, on)
            self._recipients.addWidget(self.toggles[key], index // RECIPIENT_COLUMNS, index % RECIPIENT_COLUMNS)

    def set_templates(self, templates: list[tuple[str, str]]) -> None:
        """One button per template (id, words): the config's, the same for every order."""
        remove_widgets(self._templates, self.buttons.values())
        self.buttons = {}
        for index, (template_id, words) in enumerate(templates):
            button = flat_button(self._m, words, TEMPLATE_MM, theme.HEADING_MM)
            button.clicked.connect(lambda _=False, t=template_id: self.chosen.emit(t))
            self._templates.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.buttons[template_id] = button

    def people(self) -> list[str]:
        return [key for (kind, key), toggle in self.toggles.items() if kind == "person" and toggle.isChecked()]

    def groups(self) -> list[str]:
        return [key for (kind, key), toggle in self.toggles.items() if kind == "group" and toggle.isChecked()]

    def due_minutes(self) -> float | None:
        """The due time chosen, in minutes from now; None: the template's own."""
        return DUE_CHOICES[max(0, self.dues.checkedId())][0]

    def note_text(self) -> str:
        """The mayor's own words, the syllable being composed included."""
        QGuiApplication.inputMethod().commit()
        return " ".join(self.note.text().split())

    def _show_keyboard(self, shown: bool) -> None:
        if shown and self.keyboard is None:
            self.keyboard = KoreanKeyboard(self._m)
            self.column.insertWidget(self.column.indexOf(self.note) + 1, self.keyboard,
                                     alignment=Qt.AlignmentFlag.AlignHCenter)
        if self.keyboard is not None:
            self.keyboard.setVisible(shown and self.keyboard.ok)

    def say(self, text: str) -> None:
        """Why nothing was sent (nobody chosen), or nothing."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _toggle(self, label: str, on: bool) -> QPushButton:
        button = flat_button(self._m, label, RECIPIENT_MM, theme.BODY_MM)
        button.setCheckable(True)
        button.toggled.connect(lambda checked: self._mark(button, label, checked))
        button.setChecked(on)
        self._mark(button, label, on)
        return button

    def _mark(self, button: QPushButton, label: str, checked: bool) -> None:
        button.setText(f"✓ {label}" if checked else label)
        button.setStyleSheet(flat_style(self._m, CHOSEN if checked else theme.SURFACE_RAISED))
        if checked:
            self.say("")

