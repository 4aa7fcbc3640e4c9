"""Shows a PDF in the wall's viewer on the X display in $DISPLAY, turns a page with a finger and zooms with
two, and prints one JSON line: what the screen showed (a root-window grab) before and after.

    python -m tests.widgets.pdf_on_x FILE.pdf
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from widgets import theme
from widgets.pdf_viewer import PdfViewer


def settle(app: QApplication, seconds: float = 1.0) -> None:
    """Let the view render (QtPdf renders pages on its own thread)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def ink(viewer: PdfViewer) -> tuple[float, bytes]:
    """The share of dark pixels on the page as the screen shows it, and the picture's bytes."""
    corner = viewer.view.viewport().mapToGlobal(QPoint(0, 0))
    size = viewer.view.viewport().size()
    image = QGuiApplication.primaryScreen().grabWindow(0, corner.x(), corner.y(), size.width(), size.height()).toImage()
    step = 3
    samples = [image.pixelColor(x, y).lightness() for x in range(0, image.width(), step)
               for y in range(0, image.height(), step)]
    return sum(v < 100 for v in samples) / len(samples), bytes(image.constBits())


def swipe(viewer: PdfViewer, device, start: QPoint, end: QPoint) -> None:
    port = viewer.view.viewport()
    QTest.touchEvent(port, device).press(0, start, port).commit()
    QTest.touchEvent(port, device).move(0, (start + end) / 2, port).commit()
    QTest.touchEvent(port, device).release(0, end, port).commit()


def pinch(viewer: PdfViewer, device, spread_from: int, spread_to: int) -> None:
    port = viewer.view.viewport()
    middle = port.rect().center()
    QTest.touchEvent(port, device).press(0, middle - QPoint(spread_from, 0), port).press(
        1, middle + QPoint(spread_from, 0), port).commit()
    QTest.touchEvent(port, device).move(0, middle - QPoint(spread_to, 0), port).move(
        1, middle + QPoint(spread_to, 0), port).commit()
    QTest.touchEvent(port, device).release(0, middle - QPoint(spread_to, 0), port).release(
        1, middle + QPoint(spread_to, 0), port).commit()


def main(path: str) -> int:
    app = QApplication([])
    viewer = PdfViewer(theme.Metrics(0.5))
    viewer.resize(900, 700)
    viewer.show()
    opened = viewer.open_document(Path(path), "사업 개요서")
    settle(app)
    first_ink, first = ink(viewer)
    device = QTest.createTouchDevice()
    width = viewer.view.viewport().width()
    swipe(viewer, device, QPoint(width * 3 // 4, 300), QPoint(width // 4, 310))
    settle(app)
    second_ink, second = ink(viewer)
    after_swipe = viewer.page
    swipe(viewer, device, QPoint(width // 4, 300), QPoint(width * 3 // 4, 290))
    back = viewer.page
    pinch(viewer, device, 50, 150)
    settle(app, 0.5)
    print(json.dumps({"opened": opened, "pages": viewer.document.pageCount(), "platform": app.platformName(),
                      "first_ink": first_ink, "second_ink": second_ink, "changed": first != second,
                      "after_swipe": after_swipe, "back": back, "scale": viewer.scale,
                      "label": viewer.page_label.text()}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
