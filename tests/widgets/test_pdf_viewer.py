"""The wall's PDF viewer: a Korean sample document on a real X server (Xvfb), a page turned with a
finger and zoomed with two (checked on a root-window grab); large buttons; a file it cannot read."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from feeds.projects import SAMPLES
from kiosk.app.display import virtual_display
from widgets import theme
from widgets.pdf_viewer import CANNOT_OPEN, PdfViewer

ROOT = Path(__file__).parents[2]
KOREAN_PDF = SAMPLES / "seoullo-7017" / "사업개요서.pdf"


@pytest.mark.xvfb
def test_a_korean_pdf_on_x_turns_by_a_swipe_and_zooms_by_a_pinch():
    with virtual_display(1200, 900, own=True):
        run = subprocess.run([sys.executable, "-m", "tests.widgets.pdf_on_x", str(KOREAN_PDF)], cwd=ROOT,
                             env=dict(os.environ), capture_output=True, text=True, timeout=60)
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb" and report["opened"] and report["pages"] == 3
    assert report["first_ink"] > 0.001  # the page's Korean text is on the screen, not a blank page
    assert report["after_swipe"] == 1 and report["changed"]  # a swipe to the left: the next page, drawn
    assert report["back"] == 0  # and to the right: back
    assert report["scale"] == pytest.approx(3.0)  # fingers spread from 100 to 300 px apart


def test_large_buttons_turn_and_zoom_within_bounds(qtbot):
    viewer = PdfViewer(theme.Metrics(0.5))
    qtbot.addWidget(viewer)
    viewer.resize(900, 700)
    viewer.show()
    assert viewer.open_document(KOREAN_PDF, "사업 개요서") and viewer.page_label.text() == "1 / 3 쪽"
    assert not viewer.buttons["previous"].isEnabled() and not viewer.buttons["smaller"].isEnabled()
    for _ in range(5):
        viewer.buttons["next"].click()
    assert viewer.page_label.text() == "3 / 3 쪽" and not viewer.buttons["next"].isEnabled()
    for _ in range(6):
        viewer.buttons["larger"].click()
    assert viewer.scale == 4.0 and not viewer.buttons["larger"].isEnabled()
    assert viewer.view.zoomFactor() == pytest.approx(viewer.fit_factor() * 4)
    viewer.buttons["smaller"].click()
    assert viewer.scale == pytest.approx(4 / 1.4)
    assert not viewer.problem.isVisible()


def test_a_file_it_cannot_read_is_said_plainly(qtbot, tmp_path):
    viewer = PdfViewer(theme.Metrics(0.5))
    qtbot.addWidget(viewer)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    assert not viewer.open_document(broken, "깨진 문서")
    assert viewer.problem.text() == CANNOT_OPEN and viewer.page_label.text() == ""
    assert viewer.open_document(KOREAN_PDF, "사업 개요서") and not viewer.problem.isVisible()
