"""Python's cyclic garbage collected on the GUI thread only.

Left to itself, the collector runs on whichever thread happens to allocate: a feed's worker, paho's
network loop. A Qt object caught in a reference cycle (an MQTT link whose client calls back into it)
is then destroyed on that thread, which Qt forbids; CI saw it as a segfault. So automatic collection
is off while the wall runs, and a timer collects on the GUI thread by the interpreter's own thresholds.
A full collection of the running wall takes about 45 ms, at most once in 100 s (bench/RESULTS.md).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadCollector(QObject):
    """While started, cyclic garbage is collected here, on the thread that owns this object."""

    def __init__(self, interval_ms: int = 1000, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self, interval=interval_ms, timeout=self.collect)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    @staticmethod
    def collect() -> None:
        """Collect the oldest generation whose count passed its threshold, as the interpreter would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [generation for generation in range(3) if counts[generation] > thresholds[generation]]
        if due:
            gc.collect(due[-1])
