"""Every child the wall keeps running (baresip, the orders broker, the simulator's cameras and field staff …):
started, reaped, watched; "serving" only once it serves on its own sockets; restarted after 1, 2, 4 … 30 s when
it dies or does not come up in time; never outliving the wall (PDEATHSIG). The running ones are listed by
`children()` for the operator's status view. GUI thread only."""

from __future__ import annotations

import logging
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.procs import dying_with_parent, end_process, listening

_LOGGER = logging.getLogger(__name__)
WATCH_MS = 1000
STARTING_WATCH_MS = 200  # looked at more often until it serves
READY_S = 30  # not serving by then (a port taken by a program that keeps running): ended and started again
RESTART_MAX_S = 30
STEADY_S = 60  # serving this long resets the pause before a restart
STARTING, SERVING, WAITING, STOPPED = "starting", "serving", "waiting", "stopped"  # waiting: to be started again


@dataclass(frozen=True)
class ChildStatus:
    """One supervised child as the operator sees it; `last_failure` is technical (it goes to the log too)."""

    name: str
    title: str  # plain Korean
    state: str  # STARTING / SERVING / WAITING
    restarts: int
    last_failure: str


_RUNNING: dict[int, "SupervisedProcess"] = {}  # every started and not yet stopped child, in start order


class _Changes(QObject):
    changed = Signal()


CHANGES = _Changes()  # `CHANGES.changed`: a child started, serves, failed or stopped (whichever part runs it)


def children() -> list[ChildStatus]:
    """Every supervised child the wall runs now (whichever part started it)."""
    return [child.status for child in _RUNNING.values()]


class SupervisedProcess(QObject):
    """`started` each time it is (re)started, `serving` once it listens on every port of `listens` (at once
    when there are none), `died(code)` when it ends by itself or is ended for not serving in `ready_s`."""

    died = Signal(int)
    started = Signal()
    serving = Signal()

    def __init__(self, name: str, argv: list[str], log_path: Path, env: dict[str, str] | None = None,
                 parent: QObject | None = None, *, listens: Iterable[tuple[str, int]] = (), title: str = "",
                 ready_s: float = READY_S):
        super().__init__(parent)
        self.name, self.argv, self.log_path, self.env = name, argv, log_path, env
        self.title, self.listens, self.ready_s = title or name, frozenset(listens), ready_s
        self.process: subprocess.Popen | None = None
        self.state = STOPPED
        self.restarts = 0
        self.last_failure = ""
        self._pause_s = 1
        self._since = 0.0
        self._watch = QTimer(self, timeout=self._check)
        self._again = QTimer(self, singleShot=True, timeout=self.start)

    @property
    def status(self) -> ChildStatus:
        return ChildStatus(self.name, self.title, self.state, self.restarts, self.last_failure)

    def start(self) -> None:
        self._again.stop()
        _RUNNING[id(self)] = self
        try:
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(dying_with_parent(self.argv), stdin=subprocess.DEVNULL, stdout=log,
                                                stderr=subprocess.STDOUT, env=self.env)
        except OSError as exc:  # a log folder that cannot be written
            self._failed(-1, f"not started: {exc}")
            return
        self._since = time.monotonic()
        self._set_state(STARTING)
        self._watch.start(STARTING_WATCH_MS)
        self.started.emit()

    def stop(self) -> None:
        _RUNNING.pop(id(self), None)
        self._watch.stop()
        self._again.stop()
        if self.process is not None:
            end_process(self.process, 3)
        self._set_state(STOPPED)

    def _check(self) -> None:
        code = self.process.poll()
        if code is not None:
            self._failed(code, f"exit {code}{self._taken()}")
        elif self.state == STARTING and self.listens <= listening(self.process.pid):
            self._set_state(SERVING)
            self._watch.start(WATCH_MS)
            _LOGGER.info("%s serving%s (pid %d)", self.name, self._where(), self.process.pid)
            self.serving.emit()
        elif self.state == STARTING and time.monotonic() - self._since > self.ready_s:
            end_process(self.process, 3)
            self._failed(self.process.returncode, f"not serving{self._where()} after {self.ready_s:g} s{self._taken()}")
        elif time.monotonic() - self._since > STEADY_S:  # up for a while: the next failure starts afresh
            self._pause_s = 1

    def _failed(self, code: int, reason: str) -> None:
        """Reaped (or never started): counted, told, and started again after the pause."""
        self._watch.stop()
        self.restarts, self.last_failure = self.restarts + 1, reason
        self._set_state(WAITING)
        _LOGGER.warning("%s failed (%s); starting it again in %d s (log: %s)", self.name, reason, self._pause_s,
                        self.log_path)
        self.died.emit(code)
        self._again.start(self._pause_s * 1000)
        self._pause_s = min(self._pause_s * 2, RESTART_MAX_S)

    def _set_state(self, state: str) -> None:
        self.state = state
        CHANGES.changed.emit()

    def _where(self) -> str:
        return f" on {', '.join(f'{port}/{protocol}' for protocol, port in sorted(self.listens))}" if self.listens else ""

    def _taken(self) -> str:
        """Its ports another program serves on (why it could not bind them)."""
        taken = self.listens & listening()
        return f"; {', '.join(f'{port}/{protocol}' for protocol, port in sorted(taken))} taken by another program" \
            if taken else ""
