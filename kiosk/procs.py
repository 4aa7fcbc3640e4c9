"""Child processes that never outlive the wall."""

from __future__ import annotations

import shutil
import subprocess

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
