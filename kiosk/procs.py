"""Child processes that never outlive the wall."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# util-linux's setpriv (always there on Debian) sets the kernel's parent-death signal and execs the command. A
# Popen(preexec_fn=…) doing the same must fork the whole wall: 20-40 ms on the GUI thread for every camera relay;
# without it Popen uses vfork (0.5 ms).
SETPRIV = shutil.which("setpriv") or "/usr/bin/setpriv"


def dying_with_parent(argv: list[str]) -> list[str]:
    """`argv` run so that the kernel sends it SIGTERM when the wall dies (Linux); its pid is the command's."""
    return [SETPRIV, "--pdeathsig", "TERM", "--", *argv]


def end_process(process: subprocess.Popen, grace_s: float) -> None:
    """Ask a child to stop (SIGTERM), kill it if it has not within `grace_s`, and reap it."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# /proc/net/{tcp,udp}[6] state of a socket that serves: TCP accepting, UDP bound and not connected
SERVING_STATE = {"tcp": "0A", "udp": "07"}


def listening(pid: int | None = None) -> set[tuple[str, int]]:
    """The ("tcp" | "udp", port) this process serves on through sockets of its own (another program on the
    port does not count); every process's when `pid` is None. Empty once the process is gone."""
    owned = None if pid is None else _socket_inodes(pid)
    found = set()
    for protocol, state in SERVING_STATE.items():
        for table in (protocol, protocol + "6"):
            for fields in _socket_table(pid, table):
                if fields[3] == state and (owned is None or fields[9] in owned):
                    found.add((protocol, int(fields[1].rsplit(":", 1)[1], 16)))
    return found


def _socket_table(pid: int | None, table: str) -> list[list[str]]:
    try:
        lines = Path(f"/proc/{pid or 'self'}/net/{table}").read_text().splitlines()[1:]
    except OSError:
        return []
    return [line.split() for line in lines]


def _socket_inodes(pid: int) -> set[str]:
    """The inodes of the sockets the process holds open ("socket:[123]")."""
    inodes = set()
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return inodes
    for name in names:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes
