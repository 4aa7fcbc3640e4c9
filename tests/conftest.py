"""Shared test set-up: Qt offscreen, a loopback replay server, the simulator, and a leak guard."""

from __future__ import annotations

import gc
import os
import socket
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_STATE_DIR", tempfile.mkdtemp(prefix="seoul-wall-test-state-"))  # starts.log

import pytest  # noqa: E402

from kiosk.app.collector import MainThreadCollector  # noqa: E402
from kiosk.app.environment import prepare_environment  # noqa: E402
from kiosk.simulator import SimulatorServer  # noqa: E402

prepare_environment()  # the wall's: the QApplication pytest-qt makes reads it

FIXTURES = Path(__file__).parent / "fixtures"


def child_pids() -> set[int]:
    """Our child processes, except QtWebEngine's helpers (they live as long as the QApplication)."""
    me, found = os.getpid(), set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        if int(rest[1]) == me and not name.startswith("QtWebEngine"):
            found.add(int(entry))
    return found


def live_threads() -> set[threading.Thread]:
    """Python threads, except foreign threads Python merely passed through (Qt's pool)."""
    return {t for t in threading.enumerate() if not isinstance(t, threading._DummyThread)}


gc.disable()  # as in the wall (kiosk/app/collector.py): a worker thread must never free a test's Qt objects


@pytest.fixture(autouse=True)
def garbage_collected_here():
    """The cycles a test leaves (an MQTT link and its client) are freed on the main thread, after it."""
    yield
    MainThreadCollector.collect()


@pytest.fixture(autouse=True)
def no_leaks():
    """Fail a test that leaves a Python thread or a child process running."""
    threads, children = live_threads(), child_pids()
    yield
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and (live_threads() - threads or child_pids() - children):
        time.sleep(0.05)
    assert not live_threads() - threads, f"threads left running: {live_threads() - threads}"
    assert not child_pids() - children, f"child processes left running: {child_pids() - children}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ReplayServer:
    """Serves canned replies over loopback: `reply(status, body, headers)` sets the next answers."""

    def __init__(self):
        self.status, self.body, self.headers = 200, b"", {}
        self.paths: list[str] = []
        self.request_headers: list[dict[str, str]] = []
        self.hang = threading.Event()
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.paths.append(self.path)
                server.request_headers.append(dict(self.headers))
                if server.hang.is_set():
                    server.release.wait(10)
                    return
                body = server.body(self.path) if callable(server.body) else server.body
                self.send_response(server.status)
                for key, value in server.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="replay-http")
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def reply(self, status: int = 200, body: bytes | str = b"", headers: dict | None = None) -> None:
        self.status = status
        self.body = body.encode() if isinstance(body, str) else body
        self.headers = headers or {}

    def reply_fixture(self, name: str) -> None:
        self.reply(200, (FIXTURES / name).read_bytes())

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.thread.join()
        self.httpd.server_close()


@pytest.fixture
def replay():
    server = ReplayServer()
    yield server
    server.stop()


@pytest.fixture
def simulator():
    server = SimulatorServer(port=0, api_key="TESTKEY", scripted_outages=False).start()
    yield server
    server.stop()
