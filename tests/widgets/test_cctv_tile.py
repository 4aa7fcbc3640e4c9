"""Where a tile puts libvlc's window: the picture's whole width, an even number of pixels, and wherever the tile
goes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize

from kiosk.app.display import virtual_display
from widgets.cctv_tile import VideoSurface, even_fit

ROOT = Path(__file__).parents[2]


def test_the_window_is_as_wide_as_the_picture_fits_rounded_to_even():
    assert even_fit(QSize(903, 508), QSize(640, 360)) == QRect(0, 0, 902, 508)  # width-bound
    assert even_fit(QSize(2000, 505), QSize(640, 360)) == QRect(552, 0, 896, 505)  # height-bound: 897 → 896
    assert even_fit(QSize(800, 600), QSize(4, 3)) == QRect(0, 0, 800, 600)
    assert even_fit(QSize(1, 1), QSize(16, 9)).width() == 0


def test_the_surface_fits_its_window_on_resize_and_when_the_frame_is_known(qtbot):
    surface = VideoSurface()
    qtbot.addWidget(surface)
    surface.resize(1001, 400)
    surface.show()
    assert surface.window.geometry() == QRect(145, 0, 710, 400)  # 16:9 until the player says: 711 → 710
    surface.set_frame((704, 576))
    assert surface.window.geometry() == QRect(256, 0, 488, 400)  # 4:3-ish D1: 488.9 → 488
    surface.set_frame(None)
    assert surface.frame == QSize(704, 576)  # an unknown size keeps the last known one


@pytest.mark.xvfb
def test_libvlcs_window_follows_the_tile_wherever_it_is_moved():
    """Qt moves a native window only when its own geometry changes: a tile moved to a cell of the same size, its grid
    moved, or put in another parent, must take libvlc's window (the picture) along (issue 26: a picture under
    another camera's name). Where X has the window is asked of X."""
    with virtual_display(1280, 800, own=True):
        run = subprocess.run([sys.executable, "-m", "tests.widgets.tile_on_x"], cwd=ROOT, env=dict(os.environ),
                             capture_output=True, text=True, timeout=60)
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert set(report) == {"shown", "moved in the grid", "the grid moved", "the grid in another parent"}
    assert all(wanted == shown for wanted, shown in report.values()), report
