"""baresip's `ctrl_tcp` socket: netstring-framed JSON (`<len>:<json>,`) on loopback, one client at a time.

Commands go out as `{"command", "params", "token"}`; responses (`"response": true`) and events
(`"event": true`, e.g. CALL_RINGING) come back. 1.0.0 names the peer `peeruri` and the account
`accountaor`; newer versions `peer` and `account`: both are read. GUI thread only (QTcpSocket).
"""

from __future__ import annotations

import json
import logging
from itertools import count

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket

_LOGGER = logging.getLogger(__name__)
MAX_FRAME = 1_000_000  # a longer frame is a broken stream, not a message
RECONNECT_MS = 500


def encode(message: dict) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode()
    return str(len(body)).encode() + b":" + body + b","


class NetstringReader:
    """Bytes in, whole messages out; a frame that is not a netstring drops the buffer (logged)."""

    def __init__(self):
        self._buffer = b""

    def feed(self, data: bytes) -> list[dict]:
        self._buffer += data
        messages = []
        while b":" in self._buffer[:12]:
            length, rest = self._buffer.split(b":", 1)
            if not length.isdigit() or int(length) > MAX_FRAME:
                _LOGGER.warning("baresip control: not a netstring (%r…), dropped", self._buffer[:40])
                self._buffer = b""
                break
            size = int(length)
            if len(rest) < size + 1:
                break
            body, self._buffer = rest[:size], rest[size + 1:]
            try:
                message = json.loads(body)
            except ValueError:
                _LOGGER.warning("baresip control: a frame that is not JSON (%r…), dropped", body[:40])
                continue
            if isinstance(message, dict):
                messages.append(message)
        return messages


def peer_of(event: dict) -> str:
    return str(event.get("peeruri") or event.get("peer") or "")


class BaresipControl(QObject):
    """Keeps a connection to baresip's control port (reconnecting while baresip starts or restarts);
    `event(dict)` for each event, `connected_changed(bool)`."""

    event = Signal(dict)
    response = Signal(dict)
    connected_changed = Signal(bool)

    def __init__(self, port: int, parent: QObject | None = None):
        super().__init__(parent)
        self.port = port
        self._socket = QTcpSocket(self)
        self._reader = NetstringReader()
        self._tokens = count(1)
        self._retry = QTimer(self, singleShot=True, interval=RECONNECT_MS, timeout=self._connect)
        self._socket.readyRead.connect(self._read)
        self._socket.connected.connect(self._gained)
        self._socket.disconnected.connect(self._lost)
        self._socket.errorOccurred.connect(self._lost)
        self._stopped = True
        self._was_connected = False

    @property
    def connected(self) -> bool:
        return self._socket.state() == QAbstractSocket.SocketState.ConnectedState

    def start(self) -> None:
        self._stopped = False
        self._connect()

    def stop(self) -> None:
        self._stopped = True
        self._retry.stop()
        self._socket.abort()

    def send(self, command: str, params: str = "") -> str | None:
        """Send a command; its token, or None when baresip is not connected (nothing is queued)."""
        if not self.connected:
            return None
        token = f"w{next(self._tokens)}"
        self._socket.write(encode({"command": command, "params": params, "token": token}))
        return token

    def _connect(self) -> None:
        if not self._stopped and self._socket.state() == QAbstractSocket.SocketState.UnconnectedState:
            self._reader = NetstringReader()
            self._socket.connectToHost("127.0.0.1", self.port)

    def _gained(self) -> None:
        self._was_connected = True
        self.connected_changed.emit(True)

    def _lost(self, *_args) -> None:
        """A refused attempt or a dropped connection: said once, tried again shortly."""
        if self._socket.state() == QAbstractSocket.SocketState.ConnectedState:
            return
        if self._was_connected:
            self._was_connected = False
            self.connected_changed.emit(False)
        if not self._stopped and not self._retry.isActive():
            self._retry.start()

    def _read(self) -> None:
        for message in self._reader.feed(bytes(self._socket.readAll())):
            if message.get("event"):
                self.event.emit(message)
            elif message.get("response"):
                self.response.emit(message)
