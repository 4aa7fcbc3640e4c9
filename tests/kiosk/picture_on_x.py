"""The call view following the far end's picture on the X display in $DISPLAY. A stand-in for baresip's sdl
window (another process, titled as baresip titles it) is taken in at its proportions; when it is replaced by
one of another size (the far end turned its phone: sdl opens a new window), the new one is taken in. Prints
one JSON line about what the screen showed (a root-window grab).

    python -m tests.kiosk.picture_on_x
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.calls.picture import PictureWatch
from kiosk.procs import end_process
from widgets import theme
from widgets.call_view import CallView

URI = "sip:field@127.0.0.1:5062"
STAND_IN = """
import sys
from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication, QLabel

def window(size, colour):
    shown = QLabel()
    shown.setWindowTitle(sys.argv[1] + " - " + size)
    shown.setStyleSheet("background:" + colour)
    shown.resize(300, 300)
    shown.show()
    return shown

def turn():  # as sdl does when the frame size changes: the old window goes, a new one comes
    sys.stdin.readline()
    windows[0].close()
    windows.append(window("480 x 640", "#0000ff"))

app = QApplication([])
windows = [window("352 x 288", "#ff0000")]
notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
notifier.activated.connect(turn)
app.exec()
"""


def settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shown(app: QApplication, view: CallView, before: object) -> dict:
    """Wait for a new picture in the view, then say where it is and what colour its middle is."""
    deadline = time.monotonic() + 15
    while (view.container is None or view.container is before) and time.monotonic() < deadline:
        settle(app, 0.1)
    settle(app, 2.0)
    if view.container is None:
        return {}
    box = view.container.geometry()
    middle = view.picture.mapToGlobal(box.center())
    pixel = QGuiApplication.primaryScreen().grabWindow(0, middle.x(), middle.y(), 1, 1).toImage().pixelColor(0, 0)
    area = view.picture.size()
    return {"box": [box.x(), box.y(), box.width(), box.height()], "area": [area.width(), area.height()], "middle": pixel.name()}


def main() -> int:
    app = QApplication([])
    view = CallView(theme.Metrics(0.5))
    view.resize(1000, 700)
    view.show()
    watch = PictureWatch()
    watch.found.connect(lambda window: view.embed_picture(window.window_id, window.size))
    view.show_call("강동 지휘1호차", "현장지휘관", "통화 중 1초", False)
    far_end = subprocess.Popen([sys.executable, "-c", STAND_IN, URI], stdin=subprocess.PIPE, text=True)
    report = {}
    try:
        watch.follow(URI)
        report["first"] = shown(app, view, None)
        far_end.stdin.write("turn\n")
        far_end.stdin.flush()
        report["turned"] = shown(app, view, view.container)
        watch.follow(None)
    finally:
        watch.stop()
        end_process(far_end, 3)
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
