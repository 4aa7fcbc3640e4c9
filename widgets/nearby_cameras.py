"""The incident sheet's "주변 CCTV": live tiles of the nearest cameras that are not offline,
with their distance; a touch opens one large."""

from __future__ import annotations

import math
from datetime import datetime, timezone

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from feeds.cameras import PLAYING, Camera, CameraHealth, NearbyCameras
from widgets import theme
from widgets.cctv_tile import CameraTile
from widgets.common import text_label

TILE_HEIGHT_MM = 280.0


def distance_text(metres: float) -> str:
    """"350 m" or "1.2 km"."""
    return f"{round(metres, -1):.0f} m" if metres < 1000 else f"{metres / 1000:.1f} km"


def skipped_text(nearby: NearbyCameras) -> str:
    """"가장 가까운 카메라 1대 오프라인", or what to say when there is no camera at all."""
    if nearby.offline_skipped:
        return f"가장 가까운 카메라 {nearby.offline_skipped}대 오프라인 — 건너뜀 · nearest offline, skipped"
    if nearby.cameras:
        return ""
    if nearby.radius_m == math.inf:
        return "주변에 카메라 없음 · no camera nearby"
    return f"반경 {radius_text(nearby.radius_m)} 안에 카메라 없음 · no camera within {radius_text(nearby.radius_m)}"


def radius_text(metres: float) -> str:
    """"2 km", "500 m"."""
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:.0f} m"


class NearbyCamerasView(QWidget):
    """A title, `count` camera tiles (filled by the CCTV controller) and a note on skipped ones."""

    camera_selected = Signal(str)

    def __init__(self, metrics: theme.Metrics, count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.note = text_label("", metrics.font(theme.SMALL_MM, bold=True), theme.STATE_COLOURS["stale"], wrap=True)
        self.tiles = [CameraTile(metrics, theme.SMALL_MM) for _ in range(count)]
        row = QHBoxLayout()
        row.setSpacing(metrics.px(10))
        for tile in self.tiles:
            tile.setFixedHeight(metrics.px(TILE_HEIGHT_MM))
            tile.touched.connect(self.camera_selected)
            row.addWidget(tile, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(metrics.px(6))
        column.addWidget(text_label("주변 CCTV · 눌러서 크게 보기", metrics.font(theme.BODY_MM, bold=True)))
        column.addLayout(row)
        column.addWidget(self.note)

    def set_note(self, nearby: NearbyCameras) -> None:
        """Say how many nearer cameras were skipped as offline (or that there are none)."""
        self.note.setText(skipped_text(nearby))
        self.note.setVisible(bool(self.note.text()))


def label_for(camera: Camera, metres: float) -> str:
    """A nearby tile's caption: the name and the distance."""
    return f"{camera.name} · {distance_text(metres)}"


def preview() -> QWidget:
    """Two cameras, the nearest one skipped as offline."""
    now = datetime.now(timezone.utc)
    view = NearbyCamerasView(theme.Metrics(1.0), 3)
    view.resize(1000, 300)
    cameras = ((Camera("a", "서울시청 앞", "rtsp://x"), 420.0), (Camera("b", "광화문광장", "rtsp://y"), 1250.0))
    for tile, (camera, metres) in zip(view.tiles, cameras):
        tile.set_camera(camera, label_for(camera, metres))
        tile.show_health(CameraHealth(camera.camera_id, PLAYING), now)
    view.tiles[2].hide()
    view.set_note(NearbyCameras(cameras, 1))
    return view
