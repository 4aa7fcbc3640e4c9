"""A call on the X display in $DISPLAY: the wall's calls desk dials a peer sending a test picture, and the
call view takes baresip's own X11 window in. Prints one JSON line about what the screen showed there (a
root-window grab: a widget grab misses foreign windows).

    python -m tests.kiosk.call_on_x FOLDER
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from kiosk.app.calls_desk import CallsDesk
from kiosk.calls.baresip import Endpoint, write_endpoint
from kiosk.config import CallsConfig
from kiosk.procs import dying_with_parent, end_process
from kiosk.simulator.staff import test_picture
from tests.conftest import free_port
from widgets import theme
from widgets.call_view import CallView
from widgets.contacts_panel import ContactsPanel


def settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def picture_stats(view: CallView) -> dict:
    """Colours on the screen where the far end's picture is."""
    area = view.picture
    corner = area.mapToGlobal(QPoint(0, 0))
    image = QGuiApplication.primaryScreen().grabWindow(0, corner.x(), corner.y(), area.width(), area.height()).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)}
    lit = sum(image.pixelColor(x, y).lightness() > 60 for x in range(0, image.width(), 8)
              for y in range(0, image.height(), 8))
    return {"colours": len(colours), "lit": lit}


def main(folder: str) -> int:
    root = Path(folder)
    port, ctrl = free_port(), free_port()
    uri = f"sip:field@127.0.0.1:{port}"
    write_endpoint(root / "peer", Endpoint(f"<{uri}>;regint=0;answermode=auto", f"127.0.0.1:{port}", ctrl,
                                           audio_source="ausine,1000", video_display="fakevideo,nil",
                                           video_source=test_picture(root / "picture.mp4")))
    peer = subprocess.Popen(dying_with_parent(["baresip", "-f", str(root / "peer")]), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    contacts = root / "contacts.toml"
    contacts.write_text(f'[[contacts]]\nid = "field"\nname = "강동 지휘1호차"\nrole = "현장지휘관"\nsip = "{uri}"\n',
                        encoding="utf-8")
    app = QApplication([])
    metrics = theme.Metrics(0.5)
    window, panel, view = QWidget(), ContactsPanel(metrics), CallView(metrics)
    row = QHBoxLayout(window)
    row.addWidget(panel)
    row.addWidget(view, 1)
    window.resize(1100, 700)
    window.show()
    desk = CallsDesk(CallsConfig(contacts=str(contacts)), root / "wall", lambda entry: None, panel, view,
                     lambda shown: None)
    desk.start()
    report = {"platform": app.platformName()}
    try:
        deadline = time.monotonic() + 10
        while not desk.manager.ready and time.monotonic() < deadline:
            settle(app, 0.1)
        before = picture_stats(view)
        desk.dial("field")
        deadline = time.monotonic() + 10
        while view.container is None and time.monotonic() < deadline:
            settle(app, 0.1)
        settle(app, 1.5)
        box = view.container.geometry() if view.container is not None else None
        report.update(state=view.state.text(), embedded=box is not None, before=before, during=picture_stats(view),
                      box=box and [box.width(), box.height()], area=[view.picture.width(), view.picture.height()])
        desk.manager.hang_up()
        settle(app, 0.5)
        report.update(after_state=view.state.text(), released=view.container is None)
    finally:
        desk.stop()
        end_process(peer, 3)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
