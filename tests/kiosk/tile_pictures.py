"""What each CCTV tile really shows, read off the screen: the camera whose mark (kiosk/simulator/camera_mark.py) is
in its picture and whether that picture moves, against the name and the state the tile says.

Runs in the wall's own process, on X (libvlc draws into windows of its own, so the screen is read from the root
window, as a person would see it), without blocking its event loop: two grabs `interval_ms` apart, then

    tile_pictures_match_labels(wall.controller.cctv, wall.runtime.cameras.mounts, done)  # done(problems)

calls `done` with what is untrue on the screen ([] when every tile tells the truth). `mounts` are the simulated
camera server's (`RtspCameraServer.mounts`: mark i is `mounts[i]`).
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtGui import QGuiApplication, QImage

from kiosk.simulator.camera_mark import read_mark
from widgets.cctv_tile import CameraTile

PLAYING_WORD = "재생 중"
MOVED_BY = 40  # a pixel moved when its grey changed by more than this …
MOVED_PIXELS = 8  # … and a picture moved when more did (a still one is the same picture, pixel for pixel; the ball
# of a camera's main stream in a small tile is 6 pixels across)


@dataclasses.dataclass(frozen=True)
class TilePicture:
    """One tile as the screen shows it."""

    label: str  # the name under the tile
    status: str  # what the tile says of its state
    shows: str | None  # the camera name the picture's mark says; None when no mark can be read there
    moving: bool  # the picture changed between the two grabs

    def problem(self) -> str | None:
        """What is untrue about this tile, or None."""
        if self.shows is not None and not self.label.startswith(self.shows):
            return f"'{self.label}' shows the picture of '{self.shows}'"
        if self.status.startswith(PLAYING_WORD) and (self.shows is None or not self.moving):
            return f"'{self.label}' says {self.status} with {'a still' if self.shows else 'no'} picture"
        return None


def picture_rect(tile: CameraTile) -> QRect:
    """Where the tile's video is on the screen (its guest's, while it hosts one): libvlc's window, less the bars
    libvlc leaves to keep the frame's shape (the window is as wide as the picture, but may be taller)."""
    surface = (tile.guest or tile).surface
    window, frame = surface.window, surface.frame
    height = min(window.height(), window.width() * frame.height() // frame.width())
    top = window.mapToGlobal(QPoint(0, (window.height() - height) // 2))
    return QRect(top.x(), top.y(), window.width(), height)


def grab_screen() -> QImage:
    """The whole screen as X shows it."""
    return QGuiApplication.primaryScreen().grabWindow(0).toImage()


def mark_in(screen: QImage, rect: QRect) -> int | None:
    """The camera mark inside `rect` of a screen grab, if there is one."""
    def brightness(x: float, y: float) -> float:
        point = QPoint(rect.x() + int(x * rect.width()), rect.y() + int(y * rect.height()))
        return screen.pixelColor(point).value() if screen.rect().contains(point) else 0

    return read_mark(brightness) if rect.width() > 0 and rect.height() > 0 else None


def moved(before: QImage, after: QImage, rect: QRect) -> bool:
    """The picture in `rect` changed between two grabs."""
    one, other = (bytes(grab.copy(rect).convertToFormat(QImage.Format.Format_Grayscale8).constBits())
                  for grab in (before, after))
    return sum(abs(a - b) > MOVED_BY for a, b in zip(one, other)) > MOVED_PIXELS


def shown_tiles(cctv) -> list[CameraTile]:
    """The CCTV controller's tiles with a camera, on screen: the grid, a sheet's and the camera opened large."""
    tiles = [t for t, _w in cctv.grid + cctv.nearby_tiles] + [cctv.focus.tile]
    return [t for t in tiles if t.camera is not None and t.isVisible()]


def tile_pictures(tiles: list[CameraTile], mounts: list[dict], before: QImage, after: QImage) -> list[TilePicture]:
    """Each tile's label, state and what its picture shows, from two screen grabs (the tiles as at the second)."""
    found = []
    for tile in tiles:
        rect = picture_rect(tile)
        index = mark_in(after, rect)
        found.append(TilePicture(tile.name.text(), tile.status.text(),
                                 mounts[index]["name"] if index is not None and index < len(mounts) else None,
                                 moved(before, after, rect)))
    return found


def read_tile_pictures(cctv, mounts: list[dict], done: Callable[[list[TilePicture]], None],
                       interval_ms: int = 1000) -> None:
    """Grabs the screen now and `interval_ms` later (the event loop runs meanwhile), then `done(pictures)` with what
    every shown tile of the CCTV controller `cctv` shows."""
    before = grab_screen()
    QTimer.singleShot(interval_ms, lambda: done(tile_pictures(shown_tiles(cctv), mounts, before, grab_screen())))


def problems_in(pictures: list[TilePicture]) -> list[str]:
    """What is untrue about these tiles."""
    return [problem for picture in pictures if (problem := picture.problem()) is not None]


def tile_pictures_match_labels(cctv, mounts: list[dict], done: Callable[[list[str]], None],
                               interval_ms: int = 1000) -> None:
    """Every shown tile's picture is its own camera's (by the mark in it), and a tile that says 재생 중 shows a
    moving picture: `done(problems)`, [] when so."""
    read_tile_pictures(cctv, mounts, lambda pictures: done(problems_in(pictures)), interval_ms)
