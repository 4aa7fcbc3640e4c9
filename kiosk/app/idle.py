"""Notices when nobody has touched the wall for a while."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

TOUCHES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress)
RESCAN_MS = 2000  # windows come and go (video tiles): look for new ones this often


class IdleWatcher(QObject):
    """Watches the touches the wall's windows receive; emits `idle` once after `timeout_s` without one.

    Every QWindow is watched, not only the top-level one: the video tiles are native windows,
    which gives their siblings native windows too, and X11 delivers a touch to the window
    under the finger. It filters QWindows, not the QApplication: a Python filter on the whole
    application re-enters itself while PySide wraps new objects and crashes (PySide6 6.11).
    """

    idle = Signal()

    def __init__(self, timeout_s: float, parent: QObject | None = None):
        super().__init__(parent)
        self._watched: list[QWindow] = []
        self._timer = QTimer(self, singleShot=True, interval=int(timeout_s * 1000))
        self._timer.timeout.connect(self.idle.emit)
        self._rescan = QTimer(self, interval=RESCAN_MS, timeout=self._watch_new_windows)

    def start(self) -> None:
        """Watch the application's windows and start counting from now."""
        self.stop()
        self._watch_new_windows()
        self._rescan.start()
        self._timer.start()

    def stop(self) -> None:
        """Stop watching."""
        self._timer.stop()
        self._rescan.stop()
        for window in self._watched:
            if shiboken6.isValid(window):
                window.removeEventFilter(self)
        self._watched = []

    def _watch_new_windows(self) -> None:
        self._watched = [w for w in self._watched if shiboken6.isValid(w)]
        for window in QGuiApplication.allWindows():
            if window not in self._watched:
                window.installEventFilter(self)
                self._watched.append(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in TOUCHES:
            self._timer.start()
        return False
