"""The wall's record of its own starts, clean stops and crashes, to tell a crash loop.

Each start appends `start <epoch>` and each clean stop `stop <epoch>` to `starts.log` in the
state directory. A start that no stop follows ended in a crash (or a kill by systemd's
watchdog). Native crashes leave their traceback in `crash.txt` (faulthandler); the next start
takes it, keeps it as `crash-<time>.txt` and logs it. A disk that cannot be written never
stops the wall: the record is then simply incomplete (logged once).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TextIO

import platformdirs

_LOGGER = logging.getLogger(__name__)
KEEP_LINES = 200
KEEP_REPORTS = 5


def state_dir() -> Path:
    """Where the record lives: $KIOSK_STATE_DIR, else the user state directory."""
    return Path(os.environ.get("KIOSK_STATE_DIR") or platformdirs.user_state_dir("seoul-wall"))


@dataclass(frozen=True)
class CrashLoop:
    """Recent unclean ends, and the last native crash report (if one was left)."""

    crashes: tuple[float, ...]  # epoch seconds of the starts that ended in a crash, oldest first
    report: str | None

    def recent(self, window_s: float, now: float) -> list[float]:
        """The crashes within the last `window_s`."""
        return [t for t in self.crashes if now - t <= window_s]

    def is_loop(self, starts: int, window_s: float, now: float) -> bool:
        """True when `starts` or more crashes fell within the last `window_s`."""
        return len(self.recent(window_s, now)) >= starts

    def calm_at(self, window_s: float) -> float:
        """When the newest crash leaves the window (epoch seconds)."""
        return max(self.crashes, default=0.0) + window_s


class StartRecord:
    """Append-only start/stop lines; `begin()` at start, `end_cleanly()` on an orderly quit."""

    def __init__(self, directory: Path, clock: Callable[[], float] = time.time):
        self.directory, self._clock = directory, clock
        self.log = directory / "starts.log"
        self.crash_file = directory / "crash.txt"
        self._crash_handle: TextIO | None = None

    def begin(self) -> CrashLoop:
        """Read the history, record this start, and open the file native crashes are written to."""
        loop = CrashLoop(tuple(self._unclean_starts()), self._take_report())
        self._append(f"start {self._clock():.0f}")
        try:
            self._crash_handle = self.crash_file.open("w")
        except OSError as exc:
            _LOGGER.warning("cannot open %s for crash reports: %s", self.crash_file, exc)
        return loop

    @property
    def crash_handle(self) -> TextIO | None:
        """The open file for `faulthandler.enable(file=…)` (None if it could not be opened)."""
        return self._crash_handle

    def end_cleanly(self) -> None:
        self._append(f"stop {self._clock():.0f}")
        if self._crash_handle is not None:
            self._crash_handle.close()
            self.crash_file.unlink(missing_ok=True)

    def _unclean_starts(self) -> list[float]:
        try:
            lines = self.log.read_text().split()
        except OSError:
            return []
        events = list(zip(lines[0::2], lines[1::2]))
        return [float(t) for (kind, t), nxt in zip(events, events[1:] + [("start", "0")])
                if kind == "start" and nxt[0] == "start"]

    def _take_report(self) -> str | None:
        try:
            text = self.crash_file.read_text(errors="replace").strip()
            if text:
                self.crash_file.rename(self.directory / f"crash-{self._clock():.0f}.txt")
                for old in sorted(self.directory.glob("crash-*.txt"))[:-KEEP_REPORTS]:
                    old.unlink()
        except OSError:
            return None
        return text or None

    def _append(self, line: str) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            lines = self.log.read_text().splitlines()[-KEEP_LINES:] if self.log.exists() else []
            self.log.write_text("\n".join([*lines, line]) + "\n")
        except OSError as exc:
            _LOGGER.warning("cannot record the start in %s: %s", self.log, exc)
