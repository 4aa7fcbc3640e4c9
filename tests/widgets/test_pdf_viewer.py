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
from widgets.pdf_viewer import CANNOT_OPEN, CANNOT_SHOW_PAGE, PdfViewer, document_problem

ROOT = Path(__file__).parents[2]
KOREAN_PDF = SAMPLES / "seoullo-7017" / "사업개요서.pdf"


def damaged(folder: Path, page_object: bytes) -> Path:
    """The Korean sample with one object (a page's dictionary, a page's content stream) overwritten in the
    middle of the file: QtPdf still opens it and counts its pages, and that page draws nothing."""
    body = bytearray(KOREAN_PDF.read_bytes())
    at = body.index(page_object)
    body[at:at + 120] = b"#" * 120
    path = folder / "사업개요서.pdf"
    path.write_bytes(bytes(body))
    return path


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


def test_a_damaged_first_page_is_said_not_shown_blank(qtbot, tmp_path):
    viewer = PdfViewer(theme.Metrics(0.5))
    qtbot.addWidget(viewer)
    assert not viewer.open_document(damaged(tmp_path, b"10 0 obj"), "사업 개요서")  # page 1's dictionary
    assert viewer.problem.text() == CANNOT_OPEN and not viewer.problem.isHidden()
    assert viewer.page_label.text() == ""  # not a blank "1 / 3 쪽"


def test_a_damaged_later_page_is_said_on_that_page(qtbot, tmp_path):
    viewer = PdfViewer(theme.Metrics(0.5))
    qtbot.addWidget(viewer)
    viewer.resize(900, 700)
    viewer.show()
    assert viewer.open_document(damaged(tmp_path, b"18 0 obj"), "사업 개요서")  # page 2's content stream
    assert viewer.problem.isHidden()
    viewer.buttons["next"].click()
    assert viewer.page_label.text() == "2 / 3 쪽" and viewer.problem.text() == CANNOT_SHOW_PAGE
    assert not viewer.problem.isHidden()
    viewer.buttons["next"].click()
    assert viewer.page_label.text() == "3 / 3 쪽" and viewer.problem.isHidden()


def test_what_check_config_says_of_a_document(tmp_path):
    assert document_problem(KOREAN_PDF) is None
    assert document_problem(damaged(tmp_path, b"13 0 obj")) == "page 1 draws nothing (damaged)"
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(KOREAN_PDF.read_bytes()[:15_000])
    assert document_problem(truncated) == "does not open as a PDF (InvalidFileFormat)"
    assert document_problem(tmp_path) == "cannot read (not a regular file but a folder)"
