"""Calls with real baresip peers on loopback: the wall's baresip supervised and driven over ctrl_tcp, a peer
that answers (video comes), one that declines (거절), one that never answers (응답 없음 by the wall's timer),
nobody listening (연결 실패), the far end hanging up, the wall's baresip killed mid-call (연결 끊김, then
restarted) — and an audit entry for each."""

import json
import os
import signal
import socket
import subprocess
import time
from datetime import datetime, timezone

import pytest

from kiosk.calls.baresip import Endpoint, write_endpoint
from kiosk.calls.manager import CallManager, media_problem
from kiosk.calls.session import (BUSY, DECLINED, DROPPED, FAILED, HUNG_UP, NO_ANSWER, TALKING, closed_reason,
                                 duration_text)
from kiosk.config import CallsConfig
from feeds.contacts import Contact
from kiosk.procs import dying_with_parent, end_process
from tests.conftest import free_port


class Peer:
    """A field phone: baresip answering by itself (`auto`) or not (`manual`), driven over its own ctrl_tcp."""

    def __init__(self, folder, name, answer, attempts=3):
        for attempt in range(attempts):  # a port taken between choosing and binding: start again on others
            self.port, self.ctrl = free_port(), free_port()
            self.uri = f"sip:{name}@127.0.0.1:{self.port}"
            endpoint = Endpoint(f"<{self.uri}>;regint=0;answermode={answer}", f"127.0.0.1:{self.port}", self.ctrl,
                                audio_source="ausine,1000", video_display="fakevideo,nil")
            write_endpoint(folder / name, endpoint)
            self.process = subprocess.Popen(dying_with_parent(["baresip", "-f", str(folder / name)]),
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                self.sock = self._connect()
                return
            except OSError:
                end_process(self.process, grace_s=2)  # never left running
                if attempt == attempts - 1:
                    raise

    def _connect(self):
        deadline = time.monotonic() + 60  # a child starting on a loaded machine (it ends early if the peer exits)
        while True:
            try:
                return socket.create_connection(("127.0.0.1", self.ctrl), timeout=1)
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.1)

    def command(self, name, params=""):
        body = json.dumps({"command": name, "params": params, "token": "p"}).encode()
        self.sock.sendall(str(len(body)).encode() + b":" + body + b",")

    def stop(self):
        self.sock.close()
        end_process(self.process, 3)


@pytest.fixture
def peers(tmp_path):
    made = []

    def make(name, answer="auto"):
        made.append(Peer(tmp_path / "peers", name, answer))
        return made[-1]

    yield make
    for peer in made:
        peer.stop()


@pytest.fixture
def wall_calls(qtbot, tmp_path):
    entries = []
    config = CallsConfig(sip_listen=f"127.0.0.1:{free_port()}", ctrl_port=free_port(), no_ringing_s=2, no_answer_s=5,
                         video_display="fakevideo,nil")  # no X display here: the picture is checked under Xvfb
    manager = CallManager(config, tmp_path / "state", entries.append)
    (tmp_path / "state").mkdir(exist_ok=True)
    manager.start()
    manager.entries = entries
    manager.events = []
    manager.control.event.connect(manager.events.append)
    qtbot.waitUntil(lambda: manager.ready, timeout=60000)  # a child starting on a loaded machine
    yield manager
    manager.stop()


def contact(peer_uri, name="강동 지휘1호차"):
    return Contact(id="c1", name=name, role="현장지휘관", organisation="강동소방서", sip=peer_uri, phone="02-120")


def test_an_answered_call_with_video_then_the_far_end_hangs_up(qtbot, wall_calls, peers):
    peer = peers("auto")
    started = time.perf_counter()
    assert wall_calls.dial(contact(peer.uri))
    qtbot.waitUntil(lambda: wall_calls.call.state == TALKING, timeout=5000)
    assert time.perf_counter() - started < 2
    qtbot.waitUntil(lambda: any(e.get("type") == "CALL_RTPESTAB" and e.get("param") == "video"
                                for e in wall_calls.events), timeout=5000)  # the far end's video arrives
    qtbot.wait(1200)
    assert wall_calls.call.shown(datetime.now(timezone.utc)).startswith("통화 중 1초")
    peer.command("hangup")
    qtbot.waitUntil(lambda: wall_calls.call.ended, timeout=5000)
    assert wall_calls.call.reason == HUNG_UP
    [entry] = wall_calls.entries
    assert (entry.action, entry.subject) == ("통화", "강동 지휘1호차 (현장지휘관, 강동소방서)")
    assert entry.outcome.startswith("상대방이 끊음 · 통화 1초") and 1 <= entry.duration_s < 5


def test_a_declined_call_and_one_nobody_answers(qtbot, wall_calls, peers):
    refuser, sleeper = peers("refuser", "manual"), peers("sleeper", "manual")
    wall_calls.dial(contact(refuser.uri))
    qtbot.waitUntil(lambda: wall_calls.call.state == "신호 가는 중", timeout=5000)
    refuser.command("hangup")  # the person declines on the phone
    qtbot.waitUntil(lambda: wall_calls.call.ended, timeout=5000)
    assert wall_calls.call.reason == DECLINED and wall_calls.call.detail == "486 Rejected"
    wall_calls.dial(contact(sleeper.uri, "이도윤"))
    qtbot.waitUntil(lambda: wall_calls.call.ended, timeout=9000)  # the wall's own no-answer timer (5 s)
    assert wall_calls.call.reason == NO_ANSWER and wall_calls.call.detail == "no answer within 5 s"
    assert [e.outcome for e in wall_calls.entries] == [DECLINED, NO_ANSWER]


def test_nobody_listening_fails_by_the_wall_timer(qtbot, wall_calls):
    wall_calls.dial(contact(f"sip:nobody@127.0.0.1:{free_port()}"))
    qtbot.waitUntil(lambda: wall_calls.call.ended, timeout=6000)  # no ringing within 2 s
    assert wall_calls.call.reason == FAILED and wall_calls.entries[-1].outcome == FAILED


def test_baresip_killed_mid_call_ends_it_and_comes_back(qtbot, wall_calls, peers):
    peer = peers("auto2")
    wall_calls.dial(contact(peer.uri))
    qtbot.waitUntil(lambda: wall_calls.call.state == TALKING, timeout=5000)
    os.kill(wall_calls.process.process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: wall_calls.call.ended, timeout=5000)
    assert wall_calls.call.reason == DROPPED and "baresip ended" in wall_calls.call.detail
    qtbot.waitUntil(lambda: wall_calls.ready, timeout=60000)  # restarted, reconnected
    assert wall_calls.process.restarts == 1
    assert wall_calls.dial(contact(peer.uri))
    qtbot.waitUntil(lambda: wall_calls.call.state == TALKING, timeout=5000)
    wall_calls.hang_up()
    assert wall_calls.entries[-1].outcome.startswith("종료 · 통화")


def test_close_reasons_in_the_mayors_words():
    assert closed_reason("486 Busy Here", False) == closed_reason("486 Max Calls", False) == BUSY
    assert closed_reason("486 Rejected", False) == DECLINED
    assert closed_reason("Connection timed out", False) == FAILED
    assert closed_reason("Connection timed out", True) == DROPPED  # lost in the middle of a talk
    assert closed_reason("Connection reset by peer", True) == HUNG_UP
    assert duration_text(42) == "42초" and duration_text(192) == "3분 12초"


def test_a_far_end_that_vanishes_mid_call_ends_as_dropped(qtbot, wall_calls, peers):
    peer = peers("vanishing")
    wall_calls.dial(contact(peer.uri))
    qtbot.waitUntil(lambda: wall_calls.call.state == TALKING, timeout=5000)
    peer.process.send_signal(signal.SIGKILL)  # the phone is gone, without a goodbye
    qtbot.waitUntil(lambda: wall_calls.call.ended, timeout=20000)  # baresip's rtp_timeout (10 s)
    assert wall_calls.call.reason == DROPPED, wall_calls.call.detail


def test_a_refusing_control_socket_fails_the_call_plainly(qtbot, wall_calls, peers):
    peer = peers("any")
    wall_calls.control.stop()  # baresip's control port is gone
    assert not wall_calls.dial(contact(peer.uri))
    assert (wall_calls.call.reason, wall_calls.call.detail) == (FAILED, "baresip is not connected")
    assert wall_calls.entries[-1].outcome == FAILED


def test_a_poor_line_is_said_plainly():
    assert media_problem({"rx": {"sent": 500, "lost": 0, "jit": 4211}}) == ""  # 4 ms: fine
    assert media_problem({"rx": {"sent": 450, "lost": 50, "jit": 8000}}) == "통화 품질 나쁨 · 손실 10% · 지연 변동 8 ms"
    assert media_problem({"rx": {"sent": 500, "lost": 0, "jit": 90000}}).endswith("지연 변동 90 ms")
