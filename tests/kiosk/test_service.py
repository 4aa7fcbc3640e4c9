"""systemd's notify protocol, against a real datagram socket standing in for systemd."""

import socket

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.app.service import ServiceHeartbeat
from kiosk.sd_notify import Notifier


@pytest.fixture
def manager(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(0)
    yield sock
    sock.close()


def received(sock):
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode())
        except BlockingIOError:
            return messages


def test_ready_at_the_first_paint_then_watchdog_pings_from_the_event_loop(qtbot, manager, tmp_path):
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": "400000"})
    heartbeat = ServiceHeartbeat(notifier)
    label = QLabel("벽")
    qtbot.addWidget(label)
    heartbeat.watch(label)
    assert received(manager) == []  # nothing before the first frame
    label.show()
    qtbot.waitUntil(lambda: heartbeat.ready, timeout=3000)
    qtbot.wait(700)
    messages = received(manager)
    assert messages[0].splitlines()[0] == "READY=1"
    assert messages.count("WATCHDOG=1") >= 2  # every 200 ms: half of WATCHDOG_USEC
    heartbeat.stop()
    assert received(manager)[-1] == "STOPPING=1"


def test_without_a_manager_nothing_is_sent_and_an_unreachable_one_is_not_fatal(tmp_path):
    assert Notifier({}).notify("READY=1") is False
    gone = Notifier({"NOTIFY_SOCKET": str(tmp_path / "nobody-listens")})
    assert gone.notify("READY=1") is False and gone.notify("WATCHDOG=1") is False


def test_the_watchdog_period_is_ours_only_when_the_pid_matches(tmp_path):
    assert Notifier({"NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "30000000"}).watchdog_s == 30.0
    assert Notifier({"NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}).watchdog_s is None
    assert Notifier({"NOTIFY_SOCKET": "@x"}).address == "\0x"  # abstract namespace
