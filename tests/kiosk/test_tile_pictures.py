"""The tile-picture check itself (tests/kiosk/tile_pictures.py): what counts as a moving picture, and what is untrue
about a tile."""

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from tests.kiosk.tile_pictures import TilePicture, moved


def picture(ball_x: int) -> QImage:
    """A small tile's picture: blue, with a 6-pixel ball (a main stream's, scaled into a 126-pixel tile)."""
    image = QImage(126, 70, QImage.Format.Format_RGB32)
    image.fill(QColor("#1b3a5c"))
    painter = QPainter(image)
    painter.setBrush(QColor("white"))
    painter.drawEllipse(ball_x, 30, 6, 6)
    painter.end()
    return image


def test_a_picture_moves_when_its_small_ball_does_and_not_when_it_is_the_same_picture():
    whole = QRect(0, 0, 126, 70)
    assert moved(picture(20), picture(40), whole)
    assert not moved(picture(20), picture(20), whole)
    assert not moved(picture(20), picture(40), QRect(80, 0, 40, 20))  # elsewhere nothing changed


def test_what_is_untrue_about_a_tile():
    assert TilePicture("서울시청 앞", "재생 중", "서울시청 앞", True).problem() is None
    assert TilePicture("서울시청 앞 · 60 m", "재생 중", "서울시청 앞", True).problem() is None  # a sheet's label
    assert TilePicture("서울시청 앞", "오프라인 · 재시도 1회", None, False).problem() is None
    assert "picture of" in TilePicture("서울시청 앞", "재생 중", "군자교", True).problem()
    assert "still" in TilePicture("서울시청 앞", "재생 중", "서울시청 앞", False).problem()
    assert "no picture" in TilePicture("서울시청 앞", "재생 중 · 재연결 1회", None, False).problem()
    assert "picture of" in TilePicture("서울시청 앞", "연결 중", "군자교", False).problem()
