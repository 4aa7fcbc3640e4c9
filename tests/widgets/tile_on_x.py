"""Where X shows a CCTV tile's native window after the tile, a widget above it, or its parent changes (run on the X
display in $DISPLAY). Prints one JSON line: {case: [where the widget is, where X has libvlc's window]}.

    python -m tests.widgets.tile_on_x
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QGridLayout, QWidget

from widgets import theme
from widgets.cctv_tile import CameraTile


def settle(app: QApplication, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def places(top: QWidget, tile: CameraTile) -> list[list[int]]:
    """[where the tile's video window should be on the screen, where X has it]."""
    window = tile.surface.window
    wanted = top.mapToGlobal(window.mapTo(top, QPoint(0, 0)))
    info = subprocess.run(["xwininfo", "-id", str(int(window.winId()))], capture_output=True, text=True,
                          timeout=10).stdout
    shown = [int(line.split(":")[1]) for line in info.splitlines() if "Absolute upper-left" in line]
    return [[wanted.x(), wanted.y()], shown]


def main() -> int:
    app = QApplication([])
    top = QWidget()
    top.resize(900, 700)
    box = QWidget(top)
    box.setGeometry(10, 10, 600, 400)
    grid = QGridLayout(box)
    tiles = [CameraTile(theme.Metrics(1.0)) for _ in range(4)]
    for index, tile in enumerate(tiles):
        grid.addWidget(tile, index // 2, index % 2)
        tile.window_id  # native before it is shown, as the CCTV controller makes its players
    top.show()
    settle(app)
    report = {"shown": places(top, tiles[3])}
    for index, tile in enumerate([tiles[0], tiles[1], tiles[3], tiles[2]]):  # 3 and 2 swap: cells of one size
        grid.addWidget(tile, index // 2, index % 2)
    settle(app)
    report["moved in the grid"] = places(top, tiles[3])
    box.move(150, 200)
    settle(app)
    report["the grid moved"] = places(top, tiles[3])
    other = QWidget(top)
    other.setGeometry(300, 50, 600, 400)
    other.show()
    box.setParent(other)
    box.move(20, 30)
    box.show()
    settle(app)
    report["the grid in another parent"] = places(top, tiles[3])
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
