"""The wall's calls: baresip started and supervised, its control connection, the one call on show, the
wall's own ring timers, and an audit entry for every call when it ends. GUI thread only."""

from __future__ import annotations

import logging
import uuid
from collections import deque
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from feeds.audit import CALL, AuditEntry
from kiosk.calls.baresip import Endpoint, available, baresip_process, free_port, write_endpoint
from kiosk.calls.control import BaresipControl, peer_of
from kiosk.calls.session import DROPPED, FAILED, CallSession
from kiosk.clock import Clock, utc_now
from kiosk.config import CallsConfig, host_port
from feeds.contacts import Contact

_LOGGER = logging.getLogger(__name__)
TICK_MS = 250
BAD_LOSS_PCT, BAD_JITTER_MS = 3.0, 60.0  # beyond either, the call view says the line is poor
UNAVAILABLE = "통화 기능을 쓸 수 없습니다 · 운영자에게 알려 주세요"


def wall_endpoint(calls: CallsConfig) -> Endpoint:
    """The wall's baresip; a port given as 0 is chosen now (several walls on one machine never collide)."""
    host, port = host_port(calls.sip_listen)
    listen = f"{host}:{free_port()}" if port == 0 else calls.sip_listen
    return Endpoint(calls.account_line, listen, calls.ctrl_port or free_port(), audio_source=calls.audio_source,
                    audio_player=calls.audio_player, video_source=calls.video_source,
                    video_display=calls.video_display, video=calls.video,
                    audio_codecs=calls.audio_codecs)


def media_problem(stats: dict) -> str:
    """baresip's RTCP report in plain Korean when the far end's media arrives poorly, else ""."""
    received = stats.get("rx") or {}
    packets, lost = received.get("sent") or 0, received.get("lost") or 0
    loss = lost / (packets + lost) * 100 if packets + lost else 0.0
    jitter = float(received.get("jit") or 0) / 1000  # baresip reports microseconds
    if loss <= BAD_LOSS_PCT and jitter <= BAD_JITTER_MS:
        return ""
    return f"통화 품질 나쁨 · 손실 {loss:.0f}% · 지연 변동 {jitter:.0f} ms"


def subject(contact: Contact) -> str:
    """How the audit names the person: name, then role and organisation."""
    about = ", ".join(p for p in (contact.role, contact.organisation) if p)
    return f"{contact.name} ({about})" if about else contact.name


class CallManager(QObject):
    """`dial(contact)`, `hang_up()`; `changed` whenever the call on show moves (and each second while it lasts)."""

    changed = Signal()

    def __init__(self, calls: CallsConfig, state_dir: Path, record: Callable[[AuditEntry], None],
                 clock: Clock = utc_now, parent: QObject | None = None):
        super().__init__(parent)
        self.config, self._record, self._clock = calls, record, clock
        self.call: CallSession | None = None
        self.contact: Contact | None = None
        self.media_problem = ""  # "" while the line is good
        self._over: deque[str] = deque(maxlen=20)  # baresip's ids of calls ended here (late events are ignored)
        self.problem = available()  # why calls cannot work here (shown plainly, detail in the log)
        endpoint = wall_endpoint(calls)
        directory = write_endpoint(state_dir / "baresip", endpoint)
        self.process = baresip_process(directory, state_dir / "baresip.log", self, endpoint.ctrl_port)
        self.control = BaresipControl(endpoint.ctrl_port, self)
        self.control.event.connect(self._on_event)
        self.process.died.connect(self._baresip_died)
        self._tick = QTimer(self, interval=TICK_MS, timeout=self._on_tick)

    @property
    def ready(self) -> bool:
        """baresip runs and answers on its control port."""
        return self.problem is None and self.control.connected

    def start(self) -> None:
        if self.problem is not None:
            _LOGGER.warning("calls are off: %s", self.problem)
            return
        self.process.start()
        self.control.start()
        self._tick.start()

    def stop(self) -> None:
        if self.call is not None and not self.call.ended:
            self._finish(FAILED, "the wall stopped")
        self._tick.stop()
        self.control.stop()
        self.process.stop()

    def dial(self, contact: Contact) -> bool:
        """Call the contact now (one call at a time: a call in progress is hung up first)."""
        if self.call is not None and not self.call.ended:
            self.hang_up()
        self.contact, self.media_problem = contact, ""
        now = self._clock()
        self.call = CallSession(contact.id, contact.sip, now, self.config.no_ringing_s, self.config.no_answer_s)
        if not contact.sip or self.control.send("dial", contact.sip) is None:
            self._finish(FAILED, "no SIP URI" if not contact.sip else "baresip is not connected")
            return False
        self.changed.emit()
        return True

    def hang_up(self) -> None:
        """The mayor's 종료, or the wall's own timer."""
        if self.call is None or self.call.ended:
            return
        self.control.send("hangup")
        self._finish(None, "hung up on the wall")

    def _on_event(self, event: dict) -> None:
        call = self.call
        if call is None or call.ended or event.get("class") != "call" or peer_of(event) != call.uri:
            return
        event_id = event.get("id")
        if event_id in self._over or (call.call_id and event_id and event_id != call.call_id):
            return  # a late word about an earlier call to the same person
        if event.get("type") == "CALL_RTCP":
            self.media_problem = media_problem(event.get("rtcp_stats") or {})
            return
        call.on_event(str(event.get("type", "")), str(event.get("param", "")), event.get("id"), self._clock())
        if call.ended:
            self._finish(call.reason, call.detail)
        else:
            self.changed.emit()

    def _on_tick(self) -> None:
        call = self.call
        if call is None or call.ended:
            return
        if call.due_hangup(self._clock()):
            self.control.send("hangup")
            self._finish(call.reason, call.detail)
        else:
            self.changed.emit()

    def _baresip_died(self, code: int) -> None:
        if self.call is not None and not self.call.ended:
            self._finish(DROPPED, f"baresip ended (exit {code}) during the call")

    def _finish(self, reason: str | None, detail: str | None) -> None:
        """End the call (if it has not ended by itself) and file it in the audit trail."""
        call, now = self.call, self._clock()
        call.end(now, reason or "종료", detail)
        if call.call_id:
            self._over.append(call.call_id)
        talked = call.talk_seconds(now)
        self._record(AuditEntry(uuid.uuid4().hex, call.started, CALL, subject(self.contact),
                                call.shown(now), talked, f"{call.uri}: {call.detail}"))
        _LOGGER.info("call to %s ended: %s (%s)", call.uri, call.reason, call.detail)
        self.changed.emit()
