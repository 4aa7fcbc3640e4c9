"""Notices a map page whose renderer died or hung, says when to load it again, and when it is back."""

from __future__ import annotations

import logging
import os
import signal

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView

_LOGGER = logging.getLogger(__name__)
BEAT_MS = 2000  # the page's heartbeat period (handed to wall.js)
TICK_MS = 1000  # the watch counts its own ticks, not the clock: a stalled GUI thread is not the page's fault
SILENT_TICKS = 8  # a page that ran and then missed four beats is hung
LOADING_TICKS = 45  # a page being loaded has longer for its first beat (a busy machine starting Chromium)
STABLE_BEATS = 30  # after about a minute of beats a death is a first death again
RELOAD_MAX_S = 60.0
DOWN_TEXT = "지도 다시 불러오는 중"


def reload_delay_s(deaths: int) -> float:
    """Seconds before loading the page again after the n-th death in a row: at once, then 2, 4 … 60."""
    return 0.0 if deaths <= 1 else min(RELOAD_MAX_S, 2.0 ** (deaths - 1))


class RendererWatch(QObject):
    """Watches one view's page: `renderProcessTerminated`, and the page's heartbeat while the view is on show (a
    hidden page's timers are throttled). A hung renderer is ended, so both ways lead to one death: `down`, then
    `reload_due` after the back-off, and `back` at the first beat of the page loaded again."""

    down = Signal()
    reload_due = Signal()
    back = Signal()

    def __init__(self, view: QWebEngineView):
        super().__init__(view)
        self._view = view
        self.is_down = False
        self.deaths = 0  # in a row
        self.reloads = 0  # the page loaded again and beating
        self._silent = 0
        self._limit = LOADING_TICKS
        self._beats = 0
        self._reason = ""
        self._ticks = QTimer(self, interval=TICK_MS, timeout=self._tick)
        self._reload = QTimer(self, singleShot=True, timeout=self.reload_due.emit)
        view.page().renderProcessTerminated.connect(self._on_terminated)

    def loading(self) -> None:
        """The page is being loaded: wait for its first beat (the longer allowance)."""
        self._silent, self._limit, self._beats = 0, LOADING_TICKS, 0
        self._ticks.start()

    def beat(self) -> None:
        """The page is alive; the first beat after a death is the recovery."""
        self._silent, self._limit = 0, SILENT_TICKS
        self._beats += 1
        if self._beats >= STABLE_BEATS:
            self.deaths = 0
        if self.is_down and not self._reload.isActive():  # a late beat of the dead page is not its successor's
            self.is_down = False
            self.reloads += 1
            _LOGGER.warning("map page reloaded (after %s; reload %d; renderer pid %d)", self._reason, self.reloads,
                            self._view.page().renderProcessPid())
            self.back.emit()

    def _tick(self) -> None:
        self._silent = self._silent + 1 if self._view.isVisible() else 0
        if self._silent >= self._limit:
            self._silent = 0  # ending the renderer is tried once per allowance
            self._end_hung_renderer()

    def _end_hung_renderer(self) -> None:
        pid = self._view.page().renderProcessPid()
        _LOGGER.warning("map page gave no heartbeat for %d s: ending its renderer (pid %d)",
                        self._limit * TICK_MS // 1000, pid)
        if pid <= 0:  # no renderer to end: load the page again directly
            self._died("no heartbeat, no renderer")
            return
        try:
            os.kill(pid, signal.SIGKILL)  # renderProcessTerminated follows
        except ProcessLookupError:
            self._died("no heartbeat, renderer gone")

    def _on_terminated(self, status: QWebEnginePage.RenderProcessTerminationStatus, exit_code: int) -> None:
        self._died(f"renderer ended: {status.name}, exit code {exit_code}")

    def _died(self, reason: str) -> None:
        self.deaths += 1
        delay_s = reload_delay_s(self.deaths)
        _LOGGER.warning("map page down (%s): loading it again in %.0f s (death %d in a row)",
                        reason, delay_s, self.deaths)
        self._reason, self.is_down = reason, True
        self._ticks.stop()
        self._reload.start(int(delay_s * 1000))
        self.down.emit()
