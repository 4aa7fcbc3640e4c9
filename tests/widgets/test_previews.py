"""Every widget runs on its own with sample data (its preview entry point)."""

import importlib

import pytest

PREVIEWS = ["widgets.header", "widgets.domain_bar", "widgets.air_panel", "widgets.trend_chart",
            "widgets.notice_panel", "widgets.status_panel", "widgets.disaster_panel", "widgets.incident_sheet",
            "widgets.alert_banner", "widgets.cctv_tile", "widgets.cctv_area", "widgets.nearby_cameras"]


@pytest.mark.parametrize("module", PREVIEWS)
def test_preview_shows(qtbot, module):
    widget = importlib.import_module(module).preview()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert len(colours) > 5  # something was drawn, not an empty box
