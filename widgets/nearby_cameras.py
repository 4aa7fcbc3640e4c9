"""The incident sheet's "주변 CCTV": the nearest cameras that are not offline, one touch to play."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from feeds.cameras import Camera, CameraHealth, NearbyCameras
from widgets import theme
from widgets.cctv_tile import status_text
from widgets.common import text_label

BUTTON_MM = 40.0


def distance_text(metres: float) -> str:
    """"350 m" or "1.2 km"."""
    return f"{round(metres, -1):.0f} m" if metres < 1000 else f"{metres / 1000:.1f} km"


def skipped_text(nearby: NearbyCameras) -> str:
    """"가장 가까운 카메라 1대 오프라인", or what to say when there is no camera at all."""
    if nearby.offline_skipped:
        return f"가장 가까운 카메라 {nearby.offline_skipped}대 오프라인 — 건너뜀 · nearest offline, skipped"
    return "" if nearby.cameras else "주변에 카메라 없음 · no camera nearby"


class NearbyCamerasView(QWidget):
    """A title, one large button per camera (name · distance · state) and a note on skipped ones."""

    camera_selected = Signal(str)

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self._m = metrics
        self.note = text_label("", metrics.font(theme.SMALL_MM, bold=True), theme.STATE_COLOURS["stale"], wrap=True)
        self.buttons: list[QPushButton] = []
        self._row = QHBoxLayout()
        self._row.setSpacing(metrics.px(10))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(metrics.px(6))
        column.addWidget(text_label("주변 CCTV · 눌러서 크게 보기", metrics.font(theme.BODY_MM, bold=True)))
        column.addLayout(self._row)
        column.addWidget(self.note)

    def set_cameras(self, nearby: NearbyCameras, health: dict[str, CameraHealth]) -> None:
        """Replace the buttons."""
        for button in self.buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self.buttons = [self._button(camera, metres, health.get(camera.camera_id)) for camera, metres in nearby.cameras]
        for button in self.buttons:
            self._row.addWidget(button, 1)
        self.note.setText(skipped_text(nearby))
        self.note.setVisible(bool(self.note.text()))

    def _button(self, camera: Camera, metres: float, health: CameraHealth | None) -> QPushButton:
        m = self._m
        button = QPushButton(f"▶ {camera.name}\n{distance_text(metres)} · {status_text(health)}")
        button.setFont(m.font(theme.SMALL_MM, bold=True))
        button.setMinimumHeight(m.px(BUTTON_MM))
        button.setStyleSheet(f"background:{theme.SURFACE_RAISED}; color:{theme.TEXT}; border:none;"
                             f"border-radius:{m.px(6)}px; padding:{m.px(4)}px;")
        button.clicked.connect(lambda _checked=False, camera_id=camera.camera_id: self.camera_selected.emit(camera_id))
        return button


def preview() -> QWidget:
    """Two cameras, the nearest one skipped as offline."""
    view = NearbyCamerasView(theme.Metrics(1.0))
    view.resize(900, 200)
    cameras = (Camera("a", "서울시청 앞", "rtsp://x"), Camera("b", "광화문광장", "rtsp://y"))
    view.set_cameras(NearbyCameras(((cameras[0], 420.0), (cameras[1], 1250.0)), 1),
                     {"a": CameraHealth("a", "playing")})
    return view
