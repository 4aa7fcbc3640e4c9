"""Run functions off the GUI thread and get their results back on it."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], deliver: Callable[[Any], None]):
        super().__init__()
        self._fn, self._deliver = fn, deliver

    def run(self) -> None:
        self._deliver(self._fn())


class TaskRunner(QObject):
    """A bounded pool: `run(fn, on_done)` calls fn on a worker, then on_done(result) on the GUI thread.

    `fn` must not raise (catch at its own boundary); results arriving after `stop()` are dropped.
    """

    _finished = Signal(object, object)  # on_done, result: queued into the owner's thread

    def __init__(self, max_threads: int, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._stopped = False
        self._finished.connect(self._on_finished)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Queue `fn`; its result goes to `on_done` on this object's thread."""
        if not self._stopped:
            self._pool.start(_Job(fn, lambda result: self._finished.emit(on_done, result)))

    def stop(self, wait_ms: int = 15000) -> bool:
        """Take no more work and wait for the running jobs; False if they outlived `wait_ms`."""
        self._stopped = True
        return self._pool.waitForDone(wait_ms)

    def _on_finished(self, on_done: Callable[[Any], None], result: Any) -> None:
        if not self._stopped:
            on_done(result)
