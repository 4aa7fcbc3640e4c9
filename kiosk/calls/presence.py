"""Presence before dialling: is a contact's line there? A SIP OPTIONS ping over UDP (any answer: reachable;
silence or a refused port: offline). Other sources (the field devices' MQTT presence, the work-order
issue) can feed the same `PresenceBook` as a source of their own."""

from __future__ import annotations

import re
import socket
import uuid
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.tasks import TaskRunner

REACHABLE, BUSY, OFFLINE, UNKNOWN = "reachable", "busy", "offline", "unknown"
URI_HOST = re.compile(r"^sips?:[^@]+@([^:;>]+)(?::(\d+))?")
PROBE_S = 15  # each contact's line is pinged this often (a few dozen UDP packets: cheap)
TIMEOUT_S = 2.0


def options_request(uri: str, host: str, port: int, local_port: int) -> bytes:
    tag, call_id, branch = uuid.uuid4().hex[:8], uuid.uuid4().hex, "z9hG4bK" + uuid.uuid4().hex[:12]
    return (f"OPTIONS {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local_port};branch={branch};rport\r\n"
            f"Max-Forwards: 70\r\nFrom: <sip:presence@127.0.0.1>;tag={tag}\r\nTo: <{uri}>\r\nCall-ID: {call_id}\r\n"
            "CSeq: 1 OPTIONS\r\nAccept: application/sdp\r\nContent-Length: 0\r\n\r\n").encode()


def probe(uri: str, timeout_s: float = TIMEOUT_S) -> str:
    """REACHABLE when the line answers an OPTIONS (any status), BUSY on 486/600, else OFFLINE."""
    found = URI_HOST.match(uri)
    if not found:
        return UNKNOWN
    host, port = found[1], int(found[2] or 5060)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout_s)
        try:
            sock.connect((host, port))
            sock.send(options_request(uri, host, port, sock.getsockname()[1]))
            reply = sock.recv(4096)
        except OSError:  # refused (nobody on the port), unreachable, or silence
            return OFFLINE
    status = reply.split(b" ", 2)[1] if reply.startswith(b"SIP/2.0 ") else b""
    return BUSY if status in (b"486", b"600") else REACHABLE


class PresenceBook(QObject):
    """Each contact's line (`states`, from the OPTIONS pings on a worker thread) and field device (`devices`:
    online or not, from the orders broker's presence); `changed` when any changes."""

    changed = Signal()

    def __init__(self, lines: dict[str, str], check: Callable[[str], str] = probe, parent: QObject | None = None):
        super().__init__(parent)
        self.lines, self._check = lines, check  # contact id -> SIP URI
        self.states: dict[str, str] = dict.fromkeys(lines, UNKNOWN)
        self.devices: dict[str, bool] = {}  # contact id -> the device's own word (absent: never heard of)
        self._runner = TaskRunner(1, self, name="presence")
        self._timer = QTimer(self, interval=PROBE_S * 1000, timeout=self.check_all)
        self._busy = False

    def start(self) -> None:
        self.check_all()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._runner.stop(int(TIMEOUT_S * 1000) + 1000)

    def state(self, contact_id: str) -> str:
        return self.states.get(contact_id, UNKNOWN)

    def set_state(self, contact_id: str, state: str) -> None:
        """The line's state, as the OPTIONS pings found it."""
        if self.states.get(contact_id) != state:
            self.states[contact_id] = state
            self.changed.emit()

    def set_device(self, contact_id: str, online: bool) -> None:
        """The field device's own word (its retained presence, or its last will when it drops)."""
        if self.devices.get(contact_id) != online:
            self.devices[contact_id] = online
            self.changed.emit()

    def check_all(self) -> None:
        if self._busy or not self.lines:
            return
        self._busy = True
        lines, check = dict(self.lines), self._check
        self._runner.run(lambda: {cid: check(uri) for cid, uri in lines.items()}, self._checked)

    def _checked(self, states: dict[str, str] | None) -> None:
        self._busy = False
        for contact_id, state in (states or {}).items():
            self.set_state(contact_id, state)
