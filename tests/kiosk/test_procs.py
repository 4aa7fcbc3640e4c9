"""Children never outlive the wall: killed without a chance to clean up, its relays and peers still end. Every
supervised child is reaped when it dies, serving only on its own sockets, started again, and shown."""

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from kiosk.app.child_rows import child_rows
from kiosk.procs import listening
from kiosk.supervised import READY_S, SERVING, SupervisedProcess, children
from tests.conftest import free_port
from widgets.status_panel import StatusRow

ROOT = Path(__file__).parents[2]
PARENT = """
import subprocess, sys
from kiosk.procs import dying_with_parent
child = subprocess.Popen(dying_with_parent(["sleep", "60"]))
print(child.pid, flush=True)
sys.stdin.read()
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def program(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]


def within(seconds: float, condition) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def test_a_child_ends_when_the_wall_is_killed():
    wall = subprocess.Popen([sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    try:
        child = int(wall.stdout.readline())
        assert within(30, lambda: program(child) == b"sleep")  # setpriv gave way to the command, same pid
    finally:
        wall.send_signal(signal.SIGKILL)
        wall.wait()
    assert within(30, lambda: not alive(child))


SERVER = """
import socket, sys, time
server = socket.socket()
try:
    server.bind(("127.0.0.1", int(sys.argv[1])))
    server.listen()
except OSError:
    pass  # runs on without its port, as baresip does when its control port is taken
time.sleep(600)
"""


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def supervised_server(tmp_path, port: int, ready_s: float = READY_S) -> SupervisedProcess:
    return SupervisedProcess("test server", [sys.executable, "-c", SERVER, str(port)], tmp_path / "server.log",
                             listens=(("tcp", port),), title="시험 서버", ready_s=ready_s)


def test_a_child_that_dies_is_reaped_shown_and_started_again(qtbot, tmp_path):
    port = free_port()
    child = supervised_server(tmp_path, port)
    child.start()
    try:
        qtbot.waitUntil(lambda: child.state == SERVING, timeout=30000)
        assert [c.name for c in children()].count("test server") == 1
        killed = child.process.pid
        os.kill(killed, signal.SIGKILL)
        qtbot.waitUntil(lambda: child.restarts == 1, timeout=10000)
        assert not zombie(killed) and not alive(killed)  # reaped at once, not left for the next start
        shown = child_rows([c for c in children() if c.name == "test server"])
        assert shown == [StatusRow("시험 서버", "down", "멈춤 · 다시 시작 대기", "재시작 1회")]
        assert child.last_failure == "exit -9"
        qtbot.waitUntil(lambda: child.state == SERVING, timeout=30000)  # after its 1 s pause
        assert child.process.pid != killed
    finally:
        child.stop()
    assert "test server" not in [c.name for c in children()]
    assert child.process.returncode is not None and not zombie(child.process.pid)


def test_a_child_serves_only_once_its_own_socket_listens(qtbot, tmp_path, caplog):
    caplog.set_level(logging.INFO, "kiosk.supervised")
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()  # another program serves on the child's port: connecting there would wrongly say "serving"
    port = taken.getsockname()[1]
    child = supervised_server(tmp_path, port, ready_s=2)
    child.start()
    try:
        first = child.process.pid
        qtbot.waitUntil(lambda: child.restarts == 1, timeout=30000)
        assert child.state != SERVING and not alive(first)
        assert child.last_failure == f"not serving on {port}/tcp after 2 s; {port}/tcp taken by another program"
        assert not [r for r in caplog.records if "serving" in r.getMessage() and "failed" not in r.getMessage()]
        taken.close()
        qtbot.waitUntil(lambda: child.state == SERVING, timeout=30000)
        assert (child.restarts, child.status.state) == (1, SERVING)
        assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("test server serving")] == \
            [f"test server serving on {port}/tcp (pid {child.process.pid})"]
    finally:
        taken.close()
        child.stop()


def test_listening_names_only_the_processes_own_sockets():
    tcp, udp = socket.socket(), socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with tcp, udp:
        tcp.bind(("127.0.0.1", 0))
        udp.bind(("127.0.0.1", 0))
        mine = {("udp", udp.getsockname()[1])}
        assert mine <= listening(os.getpid())
        assert ("tcp", tcp.getsockname()[1]) not in listening(os.getpid())  # bound, not accepting
        tcp.listen()
        assert ("tcp", tcp.getsockname()[1]) in listening(os.getpid()) and mine <= listening()
        assert not mine & listening(os.getppid())
