"""A virtual X screen (Xvfb) for screenshots and tests when there is no display."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from typing import Iterator

from kiosk.procs import dying_with_parent, end_process


@contextlib.contextmanager
def virtual_display(width: int, height: int, own: bool = False) -> Iterator[str | None]:
    """Start Xvfb of the given size if no display is set (or `own`); yield the DISPLAY used (None: existing)."""
    if not own and (os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen"):
        yield None
        return
    if shutil.which("Xvfb") is None:
        raise RuntimeError("no display and no Xvfb: install the 'xvfb' package (make deps)")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        dying_with_parent(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten",
                           "tcp"]), pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start (exit code {proc.poll()})")
        display = f":{number}"
        saved = {k: os.environ.get(k) for k in ("DISPLAY", "QT_QPA_PLATFORM")}
        os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        try:
            yield display
        finally:
            for key, value in saved.items():
                os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    finally:
        end_process(proc, grace_s=10)
