"""Notices when nobody has touched the wall for a while."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

TOUCHES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress)


class IdleWatcher(QObject):
    """Watches the touches a window receives; emits `idle` once after `timeout_s` without one.

    It filters the top-level QWindow, not the QApplication: a Python filter on the whole
    application re-enters itself while PySide wraps new objects and crashes (PySide6 6.11).
    """

    idle = Signal()

    def __init__(self, timeout_s: float, parent: QObject | None = None):
        super().__init__(parent)
        self._target: QObject | None = None
        self._timer = QTimer(self, singleShot=True, interval=int(timeout_s * 1000))
        self._timer.timeout.connect(self.idle.emit)

    def start(self, target: QObject) -> None:
        """Watch `target` (the wall's QWindow) and start counting from now."""
        self.stop()
        self._target = target
        target.installEventFilter(self)
        self._timer.start()

    def stop(self) -> None:
        """Stop watching."""
        self._timer.stop()
        if self._target is not None:
            self._target.removeEventFilter(self)
            self._target = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in TOUCHES:
            self._timer.start()
        return False
