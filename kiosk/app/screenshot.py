"""`kiosk screenshot`: the real wall on a (virtual) screen, saved as a PNG."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap

from kiosk.app.display import virtual_display
from kiosk.app.state import DomainKey

_LOGGER = logging.getLogger(__name__)


def take_screenshot(out: Path, width: int, height: int, wait_s: float, config_path: str | None,
                    domain: str | None = None, sheet: str | None = None) -> int:
    """Run the wall at width x height for `wait_s` seconds, save it to `out`; 0 on success.
    `domain` (and `sheet` in it) are shown as a touch would, two seconds before the picture."""
    with virtual_display(width, height):
        from kiosk.app.main import WallApp, create_application

        app = create_application()
        wall = WallApp(config_path, windowed=True, size=QSize(width, height))
        saved: list[bool] = []

        def capture() -> None:
            saved.append(_grab(wall.shell).save(str(out), "PNG"))
            wall.stop()
            app.quit()

        def show() -> None:
            if wall.controller is not None:
                wall.controller.state.change(domain=DomainKey(domain), sheet=sheet)

        wall.start()
        if domain:
            QTimer.singleShot(int(max(0.0, wait_s - 2) * 1000), show)
        QTimer.singleShot(int(wait_s * 1000), capture)
        app.exec()
        wall.dispose()
        app.shutdown()  # disconnect from the X server before it goes away
    if not saved or not saved[0]:
        _LOGGER.error("could not write %s", out)
        return 1
    print(out)
    return 0


def _grab(window) -> QPixmap:
    """The window as the screen shows it (web and video surfaces included, unlike QWidget.grab)."""
    if QGuiApplication.platformName() == "xcb":
        geometry = window.geometry()
        return window.screen().grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height())
    return window.grab()


def looks_black(widget) -> bool:
    """The widget's middle row, as the screen shows it, is black (a root-window grab: libvlc and baresip draw
    into windows of their own, which a widget grab misses)."""
    middle = widget.mapToGlobal(widget.rect().center())
    row = widget.screen().grabWindow(0, middle.x() - widget.width() // 2, middle.y(), widget.width(), 1).toImage()
    return all(row.pixelColor(x, 0).value() < 24 for x in range(0, row.width(), 4))
