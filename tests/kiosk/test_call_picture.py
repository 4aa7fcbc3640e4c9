"""The far end's picture: found by its window's title in the X server's tree, and fitted into the call view
in its own proportions."""

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

from kiosk.calls.picture import PictureWindow, picture_windows
from widgets.call_view import PictureArea

# `xwininfo -root -tree` during a call (Xvfb, the sdl display already taken into the wall's view)
TREE = '''
xwininfo: Window id: 0x1d7 (the root window) (has no name)

  Root window id: 0x1d7 (the root window) (has no name)
  Parent window id: 0x0 (none)
     3 children:
     0x200003 "디지털 시민시장실": ("python" "python")  1000x700+0+0  +0+0
        1 child:
        0x400008 "sip:field@127.0.0.1:59785 - 352 x 288": ("baresip" "baresip")  646x529+296+115  +296+115
     0x400010 "sip:field@127.0.0.1:5978 - 640 x 480": ("baresip" "baresip")  640x480+0+0  +0+0
     0x200001 (has no name): ()  1x1+-1+-1  +-1+-1
'''


def test_the_calls_picture_is_found_by_its_exact_address():
    assert picture_windows(TREE, "sip:field@127.0.0.1:59785") == [PictureWindow(0x400008, 352, 288)]
    assert picture_windows(TREE, "sip:field@127.0.0.1:5978") == [PictureWindow(0x400010, 640, 480)]
    assert picture_windows(TREE, "sip:other@127.0.0.1:59785") == []


def test_the_picture_fills_the_view_in_its_own_proportions(qtbot):
    area = PictureArea()
    qtbot.addWidget(area)
    area.show()
    area.resize(1000, 500)
    picture = QWidget(area)
    area.place(picture, QSize(352, 288))
    assert picture.geometry() == QRect(194, 0, 611, 500)  # 352:288 as tall as the view, in the middle
    area.resize(600, 900)
    assert picture.geometry() == QRect(0, 205, 600, 490)  # as wide as the view
    area.place(picture, QSize(480, 640))  # the phone turned
    assert picture.geometry() == QRect(0, 50, 600, 800)
