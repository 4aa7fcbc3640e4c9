"""연락처: the people the mayor can call, grouped (소방 지휘차, 주요사업 담당 …), each a large target;
a touch reports the contact (`contact_selected(id)`). With work orders on, a 지시 beside each person and
a 업무 지시 for each group (`order_requested(kind, id)`, kind "contact" or "group")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from feeds.contacts import Contact
from widgets import theme
from widgets.common import PanelFrame, close_button, flat_button, scrolling, text_label, title_row

COLUMNS = 3
ROW_MM = 62.0  # two lines of text with room: a large target
ORDER_MM = (90.0, ROW_MM)  # a person's 지시
GROUP_ORDER_MM = (200.0, theme.TOUCH_MM * 2)
PRESENCE = {"reachable": ("통화 가능", "#2f9e44"), "busy": ("통화 중", "#f08c00"), "offline": ("연결 안 됨", "#868e96"),
            "unknown": ("", "")}  # as each contact's button says it, and its edge
DEVICE = {True: "단말 켜짐", False: "단말 꺼짐", None: ""}  # the field device (work orders), if ever heard of


def contact_label(contact: Contact, presence: str = "unknown", device: bool | None = None) -> str:
    """"강동 지휘1호차\n현장지휘관 · 강동소방서 · 통화 가능 · 단말 켜짐"."""
    about = " · ".join(p for p in (contact.role, contact.organisation, PRESENCE[presence][0], DEVICE[device]) if p)
    return f"{contact.name}\n{about}" if about else contact.name


class ContactsPanel(PanelFrame):
    """Closable with one touch (`closed`); `set_contacts` lays the groups out once per change."""

    contact_selected = Signal(str)
    order_requested = Signal(str, str)
    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "contactsPanel", parent)
        self._m = metrics
        self.buttons: dict[str, object] = {}
        self.order_buttons: dict[tuple[str, str], object] = {}  # ("contact" or "group", id) -> its 지시
        self.ordering = False  # work orders on (set before `set_contacts`)
        self.contacts: dict[str, Contact] = {}
        self.problem = text_label("", metrics.font(theme.BODY_MM), theme.STATE_COLOURS["stale"], wrap=True)
        self.problem.hide()
        self._holder = QWidget()
        self._groups = QVBoxLayout(self._holder)
        self._groups.setContentsMargins(0, 0, 0, 0)
        self.close_button = close_button(metrics, self.closed.emit)
        self.column.addLayout(title_row(text_label("연락처 · 현장 직원", metrics.font(theme.HEADING_MM, bold=True)),
                                        self.close_button))
        self.column.addWidget(self.problem)
        self.column.addWidget(scrolling(self._holder), 1)

    def set_contacts(self, contacts: tuple[Contact, ...], problem: str | None = None) -> None:
        """The contacts by group in the file's order (a contact in no group under 기타)."""
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        while self._groups.count():
            item = self._groups.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.buttons, self.order_buttons = {}, {}
        self.contacts = {c.id: c for c in contacts}
        groups: dict[str, list[Contact]] = {}
        for contact in contacts:
            for group in contact.groups or ("기타",):
                groups.setdefault(group, []).append(contact)
        for group, members in groups.items():
            self._groups.addWidget(self._group_title(group, len(members)))
            grid_widget = QWidget()
            grid = QGridLayout(grid_widget)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(self._m.px(6))
            for index, contact in enumerate(members):
                button = flat_button(self._m, contact_label(contact), (0, ROW_MM), theme.BODY_MM,
                                     extra_css="text-align:left;")
                button.clicked.connect(lambda _=False, c=contact.id: self.contact_selected.emit(c))
                grid.addLayout(self._with_order(button, "contact", contact.id), index // COLUMNS, index % COLUMNS)
                self.buttons.setdefault(contact.id, button)
            self._groups.addWidget(grid_widget)
        self._groups.addStretch(1)

    def _group_title(self, group: str, size: int) -> QWidget:
        holder = QWidget()
        title = text_label(f"{group} · {size}", self._m.font(theme.BODY_MM, bold=True), theme.TEXT_DIM)
        row = self._with_order(title, "group", group)
        row.setContentsMargins(0, self._m.px(6), 0, 0)
        holder.setLayout(row)
        return holder

    def _with_order(self, widget: QWidget, kind: str, key: str) -> QHBoxLayout:
        """The widget, and its 지시 (업무 지시 for a group) beside it when work orders are on."""
        row = QHBoxLayout()
        row.setSpacing(self._m.px(4))
        row.addWidget(widget, 1)
        if self.ordering:
            label, size = ("업무 지시", GROUP_ORDER_MM) if kind == "group" else ("지시", ORDER_MM)
            button = flat_button(self._m, label, size, theme.BODY_MM)
            button.clicked.connect(lambda _=False: self.order_requested.emit(kind, key))
            row.addWidget(button)
            self.order_buttons[(kind, key)] = button
        return row

    def set_presence(self, states: dict[str, str], devices: dict[str, bool] | None = None) -> None:
        """Each contact's line as last seen: 통화 가능 (green edge), 통화 중, 연결 안 됨 (grey); and their field
        device's word when there is one."""
        for contact_id, button in self.buttons.items():
            state = states.get(contact_id, "unknown")
            button.setText(contact_label(self.contacts[contact_id], state, (devices or {}).get(contact_id)))
            edge = PRESENCE[state][1] or theme.SURFACE_RAISED
            button.setStyleSheet(button.styleSheet().split("border-left")[0] + f"border-left:{self._m.px(6)}px solid {edge};")

    def say(self, text: str) -> None:
        """A plain word to the mayor above the contacts (the offline one's number), or nothing."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
