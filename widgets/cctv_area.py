"""The wall's CCTV area (a grid of 1/4/9/16 tiles with a summary and the map-layer toggle)
and the focus view (one camera, large; one touch anywhere returns)."""

from __future__ import annotations

import math
from datetime import datetime, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from feeds.cameras import CONNECTING, OFFLINE, PLAYING, Camera, CameraHealth
from widgets import theme
from widgets.cctv_tile import CameraTile
from widgets.common import PanelFrame, close_button, text_label

BUTTON_MM = 32.0


def summary_text(health: list[CameraHealth | None]) -> str:
    """"재생 3 · 연결 중 1 · 오프라인 1" over the whole catalogue."""
    counts = {state: sum(1 for h in health if h and h.state == state) for state in (PLAYING, CONNECTING, OFFLINE)}
    parts = [f"재생 {counts[PLAYING]}"]
    parts += [f"연결 중 {counts[CONNECTING]}"] if counts[CONNECTING] else []
    parts += [f"오프라인 {counts[OFFLINE]}"] if counts[OFFLINE] else []
    return f"카메라 {len(health)}대 · " + " · ".join(parts)


def toggle_button(metrics: theme.Metrics, text: str) -> QPushButton:
    """A large checkable button (≥ the wall's touch size)."""
    button = QPushButton(text)
    button.setCheckable(True)
    button.setFont(metrics.font(theme.SMALL_MM, bold=True))
    button.setMinimumHeight(metrics.px(BUTTON_MM))
    button.setStyleSheet(f"QPushButton {{ background:{theme.SURFACE_RAISED}; color:{theme.TEXT_DIM}; border:none;"
                         f" border-radius:{metrics.px(6)}px; padding:0 {metrics.px(10)}px; }}"
                         f"QPushButton:checked {{ background:{theme.ACCENT}; color:{theme.PIN_TEXT}; }}")
    return button


class CctvArea(PanelFrame):
    """Tiles in a square grid; `tiles` are filled by the CCTV controller."""

    def __init__(self, metrics: theme.Metrics, tile_count: int, parent: QWidget | None = None):
        super().__init__(metrics, "cctvArea", parent)
        self.title = text_label("실시간 CCTV", metrics.font(theme.HEADING_MM, bold=True))
        self.summary = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.layer_button = toggle_button(metrics, "지도에 카메라")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.summary, 1, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.layer_button)
        side = int(math.sqrt(tile_count))
        caption_mm = theme.BODY_MM if side <= 2 else theme.SMALL_MM
        self.tiles = [CameraTile(metrics, caption_mm) for _ in range(side * side)]
        self._side = side
        self._grid = QGridLayout()
        self._grid.setSpacing(metrics.px(8))
        self.arrange(self.tiles)
        self.column.setSpacing(metrics.px(10))
        self.column.addLayout(top)
        self.column.addLayout(self._grid, 1)

    def arrange(self, tiles: list[CameraTile]) -> None:
        """Put the tiles in this reading order (a tile keeps its native window: video plays on)."""
        for index, tile in enumerate(tiles):
            self._grid.addWidget(tile, index // self._side, index % self._side)

    def set_summary(self, text: str) -> None:
        """The line beside the title."""
        self.summary.setText(text)


class CameraFocus(QWidget):
    """One camera as large as the map; a touch anywhere (or 닫기) emits `closed`."""

    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self.tile = CameraTile(metrics, theme.HEADING_MM)
        self.tile.touched.connect(lambda _id: self.closed.emit())
        self.hint = text_label("화면을 누르면 지도로 돌아갑니다 · touch to return", metrics.font(theme.SMALL_MM),
                               theme.TEXT_DIM)
        self.close_button = close_button(metrics, self.closed.emit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tile, 1)
        column.addLayout(bottom)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self.closed.emit()


def preview() -> QWidget:
    """A 2x2 grid: one camera offline, one without a picture yet."""
    now = datetime.now(timezone.utc)
    area = CctvArea(theme.Metrics(1.0), 4)
    area.resize(780, 560)
    cameras = [Camera(f"c{i}", name, "rtsp://127.0.0.1/x") for i, name in
               enumerate(("광화문광장", "서울시청 앞", "강남역 사거리", "여의도 국회대로"))]
    health = [CameraHealth("c0", PLAYING), CameraHealth("c1", CONNECTING),
              CameraHealth("c2", OFFLINE, failures=2, problem="연결 거부 · refused"), None]
    for tile, camera, h in zip(area.tiles, cameras, health):
        tile.set_camera(camera)
        tile.show_health(h, now)
    area.set_summary(summary_text(health))
    return area
