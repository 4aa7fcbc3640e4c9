"""The wall's side of systemd's notify protocol: READY=1 at the first frame, WATCHDOG=1 from the GUI loop.

The pings come from a timer on the GUI thread, so a hung event loop stops them and systemd
(`WatchdogSec=`) kills and restarts the wall, not only a crashed one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.sd_notify import Notifier

PING_FRACTION = 0.5  # ping at half the watchdog period, as sd_watchdog_enabled(3) advises


class ServiceHeartbeat(QObject):
    """READY=1 once `widget` has painted; WATCHDOG=1 every half watchdog period after that."""

    def __init__(self, notifier: Notifier, parent: QObject | None = None):
        super().__init__(parent)
        self.notifier = notifier
        self.ready = False
        self._widget: QWidget | None = None
        self._ping = QTimer(self, timeout=lambda: self.notifier.notify("WATCHDOG=1"))
        if notifier.watchdog_s:
            self._ping.setInterval(max(100, int(notifier.watchdog_s * PING_FRACTION * 1000)))

    def watch(self, widget: QWidget) -> None:
        """Report ready when `widget` first paints."""
        self._widget = widget
        widget.installEventFilter(self)

    def status(self, text: str) -> None:
        """A one-line state shown by `systemctl status`."""
        self.notifier.notify(f"STATUS={text}")

    def stop(self) -> None:
        self._ping.stop()
        self.notifier.notify("STOPPING=1")
        self.notifier.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.ready and watched is self._widget and event.type() == QEvent.Type.Paint:
            self.ready = True
            watched.removeEventFilter(self)
            self.notifier.notify("READY=1", "STATUS=벽 화면 표시 중 · wall shown")
            if self.notifier.watchdog_s:
                self._ping.start()
        return False
