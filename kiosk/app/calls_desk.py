"""Calls on the wall: the contacts (the header's 연락처 → the panel in the map's place), a touch dials (there
or on a sheet), the call is shown in the map's place with the far end's picture, and the map comes back
when it is closed."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject

from feeds.audit import AuditEntry
from feeds.contacts import Contact, ContactsError, for_project, for_station, load_contacts
from kiosk.calls.manager import UNAVAILABLE, CallManager
from kiosk.calls.picture import PictureWatch, PictureWindow
from kiosk.calls.presence import OFFLINE, PresenceBook
from kiosk.calls.session import TALKING
from kiosk.clock import utc_now
from kiosk.config import CallsConfig
from kiosk.simulator.sample_contacts import STAFF_PORT, at_staff_port
from widgets.call_view import CallView
from widgets.contacts_panel import ContactsPanel

_LOGGER = logging.getLogger(__name__)
CONTACTS_PROBLEM = "연락처 파일을 읽을 수 없습니다 · 운영자 확인 필요"


def read_contacts(calls: CallsConfig, staff_port: int = STAFF_PORT) -> tuple[tuple[Contact, ...], str | None]:
    """The contacts file's people (the samples at the simulated staff on `staff_port`), or none and what to
    tell the mayor (the reason is in the log)."""
    try:
        contacts = load_contacts(calls.contacts_path)
    except ContactsError as exc:
        _LOGGER.error("contacts: %s", exc)
        return (), CONTACTS_PROBLEM
    return (contacts if calls.contacts else at_staff_port(contacts, staff_port)), None


def offer(contact: Contact) -> str:
    """A call button's words: "강동 지휘1호차 연결", "이도윤 세운재생과장 연결"."""
    return f"{contact.name} {contact.role} 연결" if contact.role and contact.role not in contact.name else f"{contact.name} 연결"


class CallsDesk(QObject):
    """Owns the call manager and wires the contacts panel and the call view to it."""

    def __init__(self, calls: CallsConfig, state_dir: Path, record: Callable[[AuditEntry], None],
                 panel: ContactsPanel, view: CallView, show_call: Callable[[bool], None],
                 show_contacts: Callable[[bool], None] = lambda shown: None, parent: QObject | None = None,
                 staff_port: int = STAFF_PORT):
        super().__init__(parent)
        self.panel, self.view, self._show_call, self._show_contacts = panel, view, show_call, show_contacts
        self.contacts, problem = read_contacts(calls, staff_port)
        self.manager = CallManager(calls, state_dir, record, utc_now, self)
        self.presence = PresenceBook({c.id: c.sip for c in self.contacts if c.sip}, parent=self)
        self.presence.changed.connect(self._show_presence)
        self._stopped = False
        panel.set_contacts(self.contacts, problem or (UNAVAILABLE if self.manager.problem else None))
        panel.contact_selected.connect(self.dial)
        view.hang_up.connect(self.manager.hang_up)
        view.closed.connect(lambda: self._show_call(False))
        self.manager.changed.connect(self._redraw)
        self.pictures = PictureWatch(self)
        self.pictures.found.connect(self._show_picture)

    def start(self) -> None:
        self.manager.start()
        if self.manager.problem is None:
            self.presence.start()

    def stop(self) -> None:
        self._stopped = True  # a device's presence said while the wall goes is not drawn (the widgets may be gone)
        self.pictures.stop()
        self.presence.stop()
        self.manager.stop()

    def for_station(self, station: str | None) -> list[tuple[str, str]]:
        """The people an incident handled by this fire station offers: its command vehicles (nobody while
        calls cannot work here: no dead button)."""
        return [] if self.manager.problem else [(c.id, offer(c)) for c in for_station(self.contacts, station) if c.sip]

    def for_project(self, project_id: str) -> list[tuple[str, str]]:
        """The people a project's sheet offers: its manager."""
        return [] if self.manager.problem else [(c.id, offer(c)) for c in for_project(self.contacts, project_id)
                                                if c.sip]

    def dial(self, contact_id: str) -> None:
        """A touch on a contact: call now and show the call in the map's place."""
        contact = next((c for c in self.contacts if c.id == contact_id), None)
        if contact is None:
            return
        if self.presence.state(contact_id) == OFFLINE:  # no dead line: the number to call instead
            fallback = f" · 대신 전화: {contact.phone}" if contact.phone else ""
            self.panel.say(f"{contact.name}: 지금 연결되지 않는 상태입니다{fallback}")
            self._show_contacts(True)
            return
        self.panel.say("")
        self.manager.dial(contact)
        self._show_call(True)
        self._redraw()

    def _show_presence(self) -> None:
        if not self._stopped:
            self.panel.set_presence(self.presence.states, self.presence.devices)

    def _redraw(self) -> None:
        call, contact = self.manager.call, self.manager.contact
        if call is None or contact is None:
            return
        about = " · ".join(p for p in (contact.role, contact.organisation) if p)
        self.view.show_call(contact.name, about, call.shown(utc_now()), call.ended, self.manager.media_problem)
        talking = call.state == TALKING and self.manager.config.video
        self.pictures.follow(call.uri if talking else None)

    def _show_picture(self, window: PictureWindow) -> None:
        self.view.embed_picture(window.window_id, window.size)
