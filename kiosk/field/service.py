"""The field service behind the page (kiosk/field/web.py): each person's open orders, and their steps (확인 /
착수 / 완료 with a short report) sent to the wall through the broker as their own device. It runs in a
process of its own (kiosk/field/process.py), started by the wall or on a central host (`kiosk field`); it
needs only the broker, the contacts and the credentials file."""

from __future__ import annotations

import logging
import threading
import time
from http import HTTPStatus
from pathlib import Path

from feeds.orders import CHAIN, accepts
from kiosk.field.session import DeviceSession, register
from kiosk.field.store import FieldStore
from kiosk.orders.credentials import Credentials, FieldPass
from kiosk.orders.link import LinkSettings

_LOGGER = logging.getLogger(__name__)
REGISTER_RETRY_S = 2
IDLE_S = 60  # a person's device session ends this long after their page last asked (presence: offline)
REPORT_MAX = 500
PERSON_STATES = CHAIN[1:]  # 수신 (the page itself, on arrival), 확인, 착수, 완료


class FieldService:
    """Holds a device session per person whose page is open; their orders and steps."""

    def __init__(self, broker: LinkSettings, credentials: Credentials, names: dict[str, str], store_path: Path):
        self.broker, self.credentials, self.names = broker, credentials, names
        self.store = FieldStore(store_path)
        self._sessions: dict[str, tuple[DeviceSession, float]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.registered = threading.Event()  # every person's session is at the broker
        self._threads = [threading.Thread(target=self._close_idle, name="field-idle"),
                         threading.Thread(target=self._register_all, name="field-register")]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def _register_all(self) -> None:
        """Each person's device session at the broker, so orders wait there before their page is first opened."""
        for person in self.credentials.field.values():
            while not self._stop.is_set():
                with self._lock:
                    if person.contact_id in self._sessions:  # its page is open: the session exists
                        break
                if register(self.broker, person.contact_id, person.password):
                    break
                self._stop.wait(REGISTER_RETRY_S)  # the broker is not up yet
        self.registered.set()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        with self._lock:
            sessions, self._sessions = list(self._sessions.values()), {}
        for session, _seen in sessions:
            session.close()
        self.store.close()

    def session(self, person: FieldPass) -> DeviceSession:
        """The person's device session, opened on their page's first request."""
        with self._lock:
            session = self._sessions.get(person.contact_id, (None, 0.0))[0]
            if session is None:
                session = DeviceSession(self.broker, person.contact_id, person.password, self.store)
            self._sessions[person.contact_id] = (session, time.monotonic())
        return session

    def orders(self, person: FieldPass) -> dict:
        session = self.session(person)
        return {"name": self.names.get(person.contact_id, person.contact_id), "connected": session.connected.is_set(),
                "orders": [_shown(row) for row in self.store.orders(person.contact_id)]}

    def step(self, person: FieldPass, order_id: str, state: str, report: str | None) -> HTTPStatus:
        """The person moves an order on: stored, then published as their device."""
        row = self.store.order(person.contact_id, order_id)
        if row is None:
            return HTTPStatus.NOT_FOUND
        if state not in PERSON_STATES or row["cancelled"] or not accepts(row["state"] or CHAIN[0], state):
            return HTTPStatus.CONFLICT
        report = (report or "").strip()[:REPORT_MAX] or None
        self.store.set_state(person.contact_id, order_id, state, report)
        self.session(person).publish_step(order_id, state, report)
        return HTTPStatus.OK

    def _close_idle(self) -> None:
        while not self._stop.wait(5):
            now = time.monotonic()
            with self._lock:
                idle = [cid for cid, (_s, seen) in self._sessions.items() if now - seen > IDLE_S]
                closing = [self._sessions.pop(cid)[0] for cid in idle]
            for session in closing:
                session.close()


def _shown(row: dict) -> dict:
    keys = ("order_id", "text", "subject", "given_at", "due", "state", "report", "cancelled", "reason")
    return {key: row[key] for key in keys}
