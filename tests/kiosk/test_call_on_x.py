"""The far end's picture in the call view, on a real X server (Xvfb): baresip's own window taken into
the view while the call lasts, checked on a root-window grab, and let go when it ends."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app.display import virtual_display

ROOT = Path(__file__).parents[2]


@pytest.mark.xvfb
def test_the_call_view_shows_the_far_ends_picture(tmp_path):
    with virtual_display(1280, 800, own=True):
        run = subprocess.run([sys.executable, "-m", "tests.kiosk.call_on_x", str(tmp_path)], cwd=ROOT,
                             env=dict(os.environ), capture_output=True, text=True, timeout=90)
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb" and report["state"].startswith("통화 중") and report["embedded"]
    assert report["before"]["colours"] < 50  # "영상 기다리는 중" on black
    assert report["during"]["colours"] > 200 and report["during"]["lit"] > 500  # the moving test picture
    (width, height), (area_width, area_height) = report["box"], report["area"]
    assert abs(width / height - 352 / 288) < 0.01  # scaled up (sdl), in its own proportions
    assert (width, height) > (352, 288) and (width == area_width or height == area_height)
    assert report["after_state"].startswith("종료 · 통화") and report["released"]


@pytest.mark.xvfb
def test_the_call_view_follows_the_picture_when_the_far_end_turns_its_phone():
    """sdl opens a new window when the frame size changes: the view takes the new one in, in its proportions."""
    with virtual_display(1280, 800, own=True):
        run = subprocess.run([sys.executable, "-m", "tests.kiosk.picture_on_x"], cwd=ROOT, env=dict(os.environ),
                             capture_output=True, text=True, timeout=90)
    report = json.loads(run.stdout.strip().splitlines()[-1])
    first, turned = report["first"], report["turned"]
    assert first["middle"] == "#ff0000" and turned["middle"] == "#0000ff"  # each one shown in the view
    assert first["box"][3] == first["area"][1] and abs(first["box"][2] / first["box"][3] - 352 / 288) < 0.01
    assert turned["box"][3] == turned["area"][1] and abs(turned["box"][2] / turned["box"][3] - 480 / 640) < 0.01
