"""Run functions off the GUI thread and get their results back on it.

The workers are Python threads (`concurrent.futures`), not a `QThreadPool`: PySide6 gives each
`QRunnable.run` a fresh Python thread state and deletes it when `run` returns, so every
`threading.local` is wiped between two jobs on the same OS thread. pyproj keeps each thread's
PROJ context both in a native per-OS-thread slot and in a `threading.local` that destroys it,
so its second job on a reused pool thread used a freed context and crashed the wall
(docs/architecture.md, "Native libraries and threads"). A Python thread keeps one thread state
for its whole life, which is what such libraries assume.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

_LOGGER = logging.getLogger(__name__)


class TaskRunner(QObject):
    """A bounded pool: `run(fn, on_done)` calls fn on a worker, then on_done(result) on the GUI thread.

    `fn` must not raise (catch at its own boundary); results arriving after `stop()` are dropped.
    """

    _finished = Signal(object, object)  # on_done, result: queued into the owner's thread

    def __init__(self, max_threads: int, parent: QObject | None = None, name: str = "tasks"):
        super().__init__(parent)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_threads, thread_name_prefix=name)
        self._pending: set[concurrent.futures.Future] = set()  # guarded by _lock: workers discard from it
        self._lock = threading.Lock()
        self._stopped = False
        self._finished.connect(self._on_finished)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Queue `fn`; its result goes to `on_done` on this object's thread."""
        if self._stopped:
            return
        future = self._pool.submit(self._call, fn, on_done)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def stop(self, wait_ms: int = 15000) -> bool:
        """Take no more work, drop what has not started, wait for the running jobs.

        False if they outlived `wait_ms` (they then finish on their own; their results are dropped).
        """
        self._stopped = True
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            pending = set(self._pending)
        _, running = concurrent.futures.wait(pending, timeout=wait_ms / 1000)
        return not running

    def _forget(self, future: concurrent.futures.Future) -> None:
        with self._lock:
            self._pending.discard(future)

    def _call(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        try:
            result = fn()
        except Exception:  # jobs are their own boundary; one that raises anyway is a bug: in the log, never lost
            _LOGGER.exception("task %s failed", getattr(fn, "__qualname__", fn))
            return
        if self._stopped:
            return
        try:
            self._finished.emit(on_done, result)
        except RuntimeError:  # the owner was deleted while this job ran: nobody to tell
            _LOGGER.debug("task finished after its runner was deleted")

    def _on_finished(self, on_done: Callable[[Any], None], result: Any) -> None:
        if not self._stopped:
            on_done(result)
