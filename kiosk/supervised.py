"""A child the wall keeps running (baresip, the orders broker): started, watched each second, restarted
after 1, 2, 4 … 30 s when it dies, never outliving the wall (PDEATHSIG). GUI thread only."""

from __future__ import annotations

import logging
import subprocess
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.procs import dying_with_parent, end_process

_LOGGER = logging.getLogger(__name__)
WATCH_MS = 1000
RESTART_MAX_S = 30
STEADY_S = 60  # running this long resets the pause before a restart


class SupervisedProcess(QObject):
    """`started` each time it is (re)started, `died(code)` when it ends by itself."""

    died = Signal(int)
    started = Signal()

    def __init__(self, name: str, argv: list[str], log_path: Path, env: dict[str, str] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.name, self.argv, self.log_path, self.env = name, argv, log_path, env
        self.process: subprocess.Popen | None = None
        self.restarts = 0
        self._pause_s = 1
        self._since = 0.0
        self._watch = QTimer(self, interval=WATCH_MS, timeout=self._check)
        self._again = QTimer(self, singleShot=True, timeout=self.start)

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(dying_with_parent(self.argv), stdin=subprocess.DEVNULL, stdout=log,
                                            stderr=subprocess.STDOUT, env=self.env)
        self._since = time.monotonic()
        self._watch.start()
        self.started.emit()

    def stop(self) -> None:
        self._watch.stop()
        self._again.stop()
        if self.process is not None:
            end_process(self.process, 3)

    def _check(self) -> None:
        code = self.process.poll() if self.process is not None else None
        if code is None:
            if time.monotonic() - self._since > STEADY_S:  # up for a while: the next death starts afresh
                self._pause_s = 1
            return
        self._watch.stop()
        self.restarts += 1
        _LOGGER.warning("%s ended (exit %s); starting it again in %d s (log: %s)", self.name, code, self._pause_s,
                        self.log_path)
        self.died.emit(code)
        self._again.start(self._pause_s * 1000)
        self._pause_s = min(self._pause_s * 2, RESTART_MAX_S)
