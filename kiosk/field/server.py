"""The field service: one link per person (/f/<token>), their open orders, and their steps (확인 / 착수 /
완료 with a short report) sent to the wall through the broker as their own device. It runs inside the wall
(threads) or alone on a central host (`kiosk field`); it needs only the broker, the contacts and the
credentials file. A link's token is checked on every request; one person's link never shows another's."""

from __future__ import annotations

import json
import logging
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from feeds.orders import CHAIN, accepts
from kiosk.field.session import DeviceSession, register
from kiosk.field.store import FieldStore
from kiosk.orders.credentials import Credentials, FieldPass
from kiosk.orders.link import LinkSettings

_LOGGER = logging.getLogger(__name__)
REGISTER_RETRY_S = 2
IDLE_S = 60  # a person's device session ends this long after their page last asked (presence: offline)
BODY_MAX = 4096
REPORT_MAX = 500
PERSON_STATES = CHAIN[1:]  # 수신 (the page itself, on arrival), 확인, 착수, 완료


class FieldService:
    """Serves the pages; holds a device session per person whose page is open."""

    def __init__(self, listen: tuple[str, int], broker: LinkSettings, credentials: Credentials,
                 names: dict[str, str], store_path: Path):
        self.broker, self.credentials, self.names = broker, credentials, names
        self.store = FieldStore(store_path)
        self._sessions: dict[str, tuple[DeviceSession, float]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(listen, _handler(self))
        self._server.daemon_threads = True
        self._threads = [threading.Thread(target=self._server.serve_forever, name="field-http"),
                         threading.Thread(target=self._close_idle, name="field-idle")]

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def start(self) -> None:
        self._threads.append(threading.Thread(target=self._register_all, name="field-register"))
        for thread in self._threads:
            thread.start()
        _LOGGER.info("field page on port %d", self.port)

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

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        for thread in self._threads:
            thread.join(5)
        self._server.server_close()
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


def _page() -> bytes:
    return resources.files("kiosk.field").joinpath("page.html").read_bytes()


def _handler(service: FieldService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "seoul-wall-field"

        def do_GET(self) -> None:  # noqa: N802 (the http.server's name)
            person, rest = self._person()
            if person is None:
                return
            if rest in ("", "/"):
                self._send(HTTPStatus.OK, _page(), "text/html; charset=utf-8")
            elif rest == "/orders":
                self._json(HTTPStatus.OK, service.orders(person))
            else:
                self._json(HTTPStatus.NOT_FOUND, {"error": "없는 주소입니다"})

        def do_POST(self) -> None:  # noqa: N802
            person, rest = self._person()
            if person is None:
                return
            length = int(self.headers.get("Content-Length") or 0)
            if not rest.startswith("/orders/") or length > BODY_MAX:
                self._json(HTTPStatus.BAD_REQUEST, {"error": "요청을 처리할 수 없습니다"})
                return
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
                status = service.step(person, rest.removeprefix("/orders/"), str(body.get("state", "")),
                                      body.get("report"))
            except (ValueError, AttributeError):
                status = HTTPStatus.BAD_REQUEST
            self._json(status, {"ok": status == HTTPStatus.OK})

        def _person(self) -> tuple[FieldPass | None, str]:
            """The link's owner (by its token) and the rest of the path; 404 for an unknown token."""
            parts = self.path.split("?", 1)[0].split("/", 3)  # "", "f", token, rest
            person = service.credentials.by_token(parts[2]) if len(parts) >= 3 and parts[1] == "f" else None
            if person is None:
                self._json(HTTPStatus.NOT_FOUND, {"error": "링크가 올바르지 않습니다"})
                return None, ""
            return person, "/" + parts[3] if len(parts) == 4 else ""

        def _json(self, status: HTTPStatus, body: dict) -> None:
            self._send(status, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8")

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Referrer-Policy", "no-referrer")  # the token is in the path
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
            _LOGGER.debug("field: " + format, *args)  # never the token at INFO

    return Handler
