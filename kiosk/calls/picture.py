"""The far end's picture: baresip draws a call's video in an X11 window of its own, titled "<peer URI> - <w> x
<h>" (the frame's size), and opens a new one when the far end changes size. A watch follows it while the
call lasts, without ever blocking the wall: `xwininfo` runs in a QProcess, never on the GUI thread's time."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, QProcess, QSize, QTimer, Signal

_LOGGER = logging.getLogger(__name__)
SEEK_MS = 300  # until the picture is found
FOLLOW_MS = 2000  # then, to see it replaced
WINDOW = re.compile(r'^\s*(0x[0-9a-f]+) "(.*) - (\d+) x (\d+)":', re.MULTILINE)


@dataclass(frozen=True)
class PictureWindow:
    window_id: int
    width: int  # the frame's size, as baresip's title says
    height: int

    @property
    def size(self) -> QSize:
        return QSize(self.width, self.height)


def picture_windows(tree: str, uri: str) -> list[PictureWindow]:
    """The windows showing `uri`'s picture in `xwininfo -root -tree`'s output."""
    return [PictureWindow(int(wid, 16), int(w), int(h)) for wid, title, w, h in WINDOW.findall(tree) if title == uri]


class PictureWatch(QObject):
    """Looks for the picture of the call being followed; `found` each time a new window shows it."""

    found = Signal(object)  # PictureWindow

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.uri: str | None = None
        self.shown: PictureWindow | None = None
        self._timer = QTimer(self, singleShot=True, timeout=self._look)
        self._lister = QProcess(self)
        self._lister.finished.connect(self._listed)
        self._lister.errorOccurred.connect(self._failed)

    def follow(self, uri: str | None) -> None:
        """Follow this call's picture (None: none)."""
        if uri == self.uri:
            return
        self.uri, self.shown = uri, None
        self._timer.stop()
        if uri is not None and self._lister.state() == QProcess.NotRunning:
            self._look()

    def _look(self) -> None:
        if self.uri is not None and self._lister.state() == QProcess.NotRunning:
            self._lister.start("xwininfo", ["-root", "-tree"])

    def _listed(self) -> None:
        if self.uri is None:
            return
        windows = picture_windows(bytes(self._lister.readAllStandardOutput()).decode(errors="replace"), self.uri)
        if windows and self.shown not in windows:
            self.shown = windows[-1]
            self.found.emit(self.shown)
        self._timer.start(FOLLOW_MS if self.shown is not None else SEEK_MS)

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.FailedToStart:  # no xwininfo (x11-utils): no picture, said once per call
            _LOGGER.warning("calls: cannot look for the far end's picture: %s", self._lister.errorString())

    def stop(self) -> None:
        self.follow(None)
        if self._lister.state() != QProcess.NotRunning:
            self._lister.kill()
            self._lister.waitForFinished(1000)
