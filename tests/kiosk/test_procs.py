"""Children never outlive the wall: killed without a chance to clean up, its relays and peers still end."""

import signal
import subprocess
import sys
import time
from pathlib import Path

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
        assert within(5, lambda: program(child) == b"sleep")  # setpriv gave way to the command, same pid
    finally:
        wall.send_signal(signal.SIGKILL)
        wall.wait()
    assert within(5, lambda: not alive(child))
