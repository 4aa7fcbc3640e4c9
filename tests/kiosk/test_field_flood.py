"""The field page under what anyone on the network can send it, run as the wall runs it (its own process,
supervised; this test's process is the wall's side): a flood of idle connections, headers sent a byte at a
time, bodies too large or too slow, bytes that are not ASCII in the path, the process killed. The wall's
descriptors never move, the page answers a real phone again as soon as the flood ends, and it is never
restarted by a flood."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from kiosk.field.process import ACCEPTING_FDS, PERSON_FDS, RESERVED_FDS
from kiosk.field.spec import FieldSpec
from tests.conftest import free_port
from tests.kiosk.test_field_page import PEOPLE, TOKENS, field_page  # noqa: F401 (fixture)
from tests.kiosk.test_orders_transport import broker, listening  # noqa: F401 (fixture)

HERE = Path(__file__).resolve().parent
ORDERS = f"/f/{TOKENS['gangdong-cmd']}/orders"


def wall_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def descriptor_limit(pid: int) -> int:
    limits = Path(f"/proc/{pid}/limits").read_text().splitlines()
    return int(next(line for line in limits if line.startswith("Max open files")).split()[3])


def page_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def status(port: int, path: str = ORDERS) -> int | None:
    """A real phone's GET: its status, or None when the page did not answer."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def exchange(port: int, sent: bytes, within_s: float = 15) -> tuple[bytes, float]:
    """What the page sends back (until it closes, or `within_s`) and when it closed, from the opening."""
    with socket.create_connection(("127.0.0.1", port), timeout=within_s) as sock:
        opened = time.monotonic()
        sock.sendall(sent)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except OSError:  # reset after its answer, or nothing by `within_s`
            pass
        return answer, time.monotonic() - opened


def answered(answer: bytes) -> int | None:
    """The status code of an HTTP answer."""
    words = answer.split(b" ", 2)
    return int(words[1]) if len(words) > 1 and words[1].isdigit() else None


class Flood:
    """tests/kiosk/field_flood.py in its own process: `count` idle connections held up to `hold_s`."""

    def __init__(self, port: int, count: int, hold_s: float):
        self.process = subprocess.Popen([sys.executable, str(HERE / "field_flood.py"), str(port), str(count),
                                         str(hold_s)], stdout=subprocess.PIPE, text=True)

    def opened(self) -> None:
        assert self.process.stdout.readline() == "flooding\n"  # every connection is open now

    def result(self) -> dict:
        out, _err = self.process.communicate(timeout=60)
        return json.loads(out.splitlines()[-1])


def test_a_flood_of_idle_connections_never_reaches_the_wall_and_the_page_serves_a_phone_after_it(
        qtbot, field_page):  # noqa: F811
    page, port = field_page(connections=100, header_s=6)
    pid = page.process.pid
    limit = descriptor_limit(pid)
    assert limit == 100 + RESERVED_FDS + ACCEPTING_FDS + PERSON_FDS * len(PEOPLE)  # what 100 connections need
    wall_before, page_before = wall_fds(), page_fds(pid)
    under = Flood(port, 90, hold_s=3)
    under.opened()
    assert status(port) == 200  # under the limit, a phone is served meanwhile
    assert under.result()["open"] == 90  # and the 90 were held, not dropped
    over = Flood(port, 1000, hold_s=45)  # the kernel holds some back and lets them in late: allow for its retries
    page_during = []
    while over.process.poll() is None:  # from its first connection to its last one's end
        assert wall_fds() <= wall_before + 1, "the flood's connections are the field process's, never the wall's"
        page_during.append(page_fds(pid))
        time.sleep(0.2)
    flooded = over.result()
    assert page_before + 90 <= max(page_during) <= page_before + 100 + ACCEPTING_FDS < limit  # at most 100 held
    assert flooded["open"] == 0 and len(flooded["closed_after_s"]) + flooded["failed"] == 1000  # each one closed
    qtbot.waitUntil(lambda: status(port) == 200, timeout=10000)
    assert page.process.pid == pid and page.restarts == 0 and page.process.poll() is None
    log = page.log_path.read_text(encoding="utf-8")
    assert "Traceback" not in log and "Too many open files" not in log and "out of system resource" not in log


def test_headers_sent_a_byte_at_a_time_or_an_idle_keep_alive_are_cut_at_the_deadline(field_page):  # noqa: F811
    _page, port = field_page(header_s=2)
    trickle = f"GET {ORDERS} HTTP/1.1\r\nHost: field\r\nX-Slow: {'a' * 200}".encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        opened, closed_after = time.monotonic(), None
        for byte in trickle:  # 0.1 s a byte: never a whole request within 20 s
            try:
                sock.sendall(bytes([byte]))
                sock.settimeout(0.1)
                if sock.recv(1) == b"":
                    closed_after = time.monotonic() - opened
                    break
            except socket.timeout:
                continue
            except OSError:
                closed_after = time.monotonic() - opened
                break
    assert closed_after is not None and 1.5 < closed_after < 2 + 5
    kept_alive, after = exchange(port, f"GET {ORDERS} HTTP/1.1\r\nHost: field\r\n\r\n".encode())
    assert answered(kept_alive) == 200 and 1.5 < after < 2 + 5  # an idle keep-alive too, from its last answer


def test_a_body_too_large_or_too_slow_or_of_no_length_is_refused(field_page):  # noqa: F811
    _page, port = field_page(body_s=2)
    post = f"POST {ORDERS}/some-order HTTP/1.1\r\nHost: field\r\n".encode()
    too_large, _after = exchange(port, post + b"Content-Length: 10000000\r\n\r\n" + b"x" * 65536)
    assert answered(too_large) == 413
    no_length, _after = exchange(port, post + b"Content-Length: -1\r\n\r\n" + b"x" * 65536)
    assert answered(no_length) == 400
    too_slow, after = exchange(port, post + b"Content-Length: 100\r\n\r\n" + b'{"state": ')
    assert answered(too_slow) == 408 and after < 2 + 5
    assert status(port) == 200


def test_bytes_that_are_not_ascii_in_the_path_get_a_4xx_and_no_traceback(field_page):  # noqa: F811
    page, port = field_page()
    token = TOKENS["gangdong-cmd"].encode()
    for path in (b"/f/\xc3\xa9", b"/f/\xff/orders", b"/f/" + token + "한".encode() + b"/orders", b"/f/%C3%A9/orders",
                 b"/f/%FF", b"/f/" + token + b"/orders/\xed\x95"):
        answer, _after = exchange(port, b"GET " + path + b" HTTP/1.1\r\nHost: field\r\nConnection: close\r\n\r\n")
        assert 400 <= (answered(answer) or 0) < 500, path
    assert status(port) == 200
    log = page.log_path.read_text(encoding="utf-8")
    assert "Traceback" not in log and log.count("request(s) it cannot read") == 1  # one line a minute at most


def test_the_wall_starts_its_field_page_again_when_it_is_killed(qtbot, field_page):  # noqa: F811
    page, port = field_page()
    first = page.process.pid
    os.kill(first, signal.SIGKILL)
    qtbot.waitUntil(lambda: page.restarts == 1 and page.process.pid != first, timeout=30000)
    qtbot.waitUntil(lambda: status(port) == 200, timeout=30000)


def test_under_a_low_hard_descriptor_limit_the_page_takes_fewer_connections_and_says_so(qtbot, tmp_path):
    spec = FieldSpec("127.0.0.1", free_port(), "127.0.0.1", free_port(), False, str(tmp_path / "credentials.json"),
                     str(tmp_path / "field.sqlite3"), PEOPLE, connections=256)
    reserve = RESERVED_FDS + ACCEPTING_FDS + PERSON_FDS * len(PEOPLE)
    page = subprocess.Popen(["prlimit", f"--nofile={reserve + 40}:{reserve + 40}", "--", sys.executable, "-m",
                             "kiosk.field", str(spec.save(tmp_path / "field.json"))],
                            stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: listening(spec.port), timeout=30000)  # after the broker's 5 s: none is there
        assert descriptor_limit(page.pid) == reserve + 40
    finally:
        page.terminate()
        _out, log = page.communicate(timeout=30)
    assert "at most 40 connections" in log and "40 connections instead of 256" in log


def test_a_field_page_whose_port_is_taken_is_started_again_until_it_listens(qtbot, field_page):  # noqa: F811
    taken = socket.socket()
    taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    page, _port = field_page(port=port, listening_first=False)
    qtbot.waitUntil(lambda: page.restarts >= 1, timeout=30000)  # the wall works on meanwhile
    assert "field page cannot listen on 127.0.0.1:%d" % port in page.log_path.read_text(encoding="utf-8")
    taken.close()
    qtbot.waitUntil(lambda: status(port) == 200, timeout=30000)
