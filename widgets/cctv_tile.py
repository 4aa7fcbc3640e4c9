"""One CCTV tile: a native video surface for libvlc, the camera's name and its honest state.

An offline tile never keeps a frozen picture: the surface is swapped for a placeholder that
says what is wrong, how often it was retried and how old the last frame is.

A tile can host another tile's surface (the focus view shows the grid's live picture of a camera
at once, scaled up, while its own stream starts): the native window moves, its player plays on.
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from feeds.cameras import CONNECTING, OFFLINE, PLAYING, Camera, CameraHealth
from widgets import theme
from widgets.common import text_label
from widgets.format import age_text

LENT = "크게 보는 중 · shown large"
NEW_ANCESTORS = (QEvent.Type.Show, QEvent.Type.ParentChange)  # the widgets above a surface may have changed
FOLLOWED = (QEvent.Type.Move, *NEW_ANCESTORS)  # what moves libvlc's window along
STATE_COLOURS = {PLAYING: theme.STATE_COLOURS["fresh"], CONNECTING: theme.STATE_COLOURS["stale"],
                 OFFLINE: theme.STATE_COLOURS["down"]}


def status_text(health: CameraHealth | None) -> str:
    """연결 중 / 재생 중 / 오프라인 · 재시도 n회, with the reconnect count when there is one."""
    if health is None or health.state not in STATE_COLOURS:
        return "대기 중"
    if health.state == OFFLINE:
        return f"오프라인 · 재시도 {health.failures}회"
    word = "재생 중" if health.state == PLAYING else "연결 중"
    return f"{word} · 재연결 {health.reconnects}회" if health.reconnects else word


def offline_text(health: CameraHealth, now: datetime) -> str:
    """Why the picture is gone and how old the last one is."""
    last = f"마지막 화면 {age_text(health.last_frame_at, now)}" if health.last_frame_at else "화면을 받은 적 없음"
    return f"{health.problem or '연결 안 됨'}\n{last} · 자동 재시도"


def even_fit(area: QSize, frame: QSize) -> QRect:
    """Where libvlc's window goes in `area`: as wide as a `frame`-shaped picture fits, rounded down to an even
    width, the whole height. libvlc then scales the picture to exactly that width, and an odd one costs three
    times the CPU (its scaler leaves its fast path: 21 % of a core against 6.5 % for one 903- vs 902-pixel view)."""
    width = min(area.width(), area.height() * frame.width() // frame.height())
    width -= width % 2
    return QRect((area.width() - width) // 2, 0, width, area.height())


class VideoWindow(QWidget):
    """A native child window libvlc draws into (black until it does)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        self.setStyleSheet("background:#000;")
        self.setAutoFillBackground(True)


class VideoSurface(QWidget):
    """Black, with libvlc's window in the middle, sized by `even_fit` for the stream's frame (16:9 until the
    player says); it moves between tiles as a whole, its window and player with it.

    Qt moves a native window only when its own geometry changes, not when a widget above it moves: a grid tile
    moved by its layout to a place of the same size left libvlc's window (and its picture) at the old place, under
    the name of the tile that moved in. So the surface watches every widget between it and its native parent and
    puts the window in place when one of them moves (or is moved to another parent)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet("background:#000;")
        self.setAutoFillBackground(True)
        self.window = VideoWindow(self)
        self.frame = QSize(16, 9)
        self.installEventFilter(self)

    def set_frame(self, frame: tuple[int, int] | None) -> None:
        """The stream's picture size, once known (a new size re-fits the window)."""
        size = QSize(*frame) if frame and min(frame) > 0 else self.frame
        if size != self.frame:
            self.frame = size
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """This surface or a widget above it moved, was shown or got another parent: the window follows."""
        if event.type() in NEW_ANCESTORS:
            self._follow_ancestors()
        if event.type() in FOLLOWED:
            self.place_window()
        return False

    def place_window(self) -> None:
        """libvlc's window at its widget's place in the native window it lives in."""
        handle = self.window.windowHandle()
        if handle is not None:
            handle.setPosition(self.window.mapTo(self.window.nativeParentWidget(), QPoint(0, 0)))

    def _follow_ancestors(self) -> None:
        """Watch the widgets up to the native parent (one filter each: one installed again moves to the front)."""
        ancestor, native = self.parentWidget(), self.window.nativeParentWidget()
        while ancestor is not None and ancestor is not native:
            ancestor.installEventFilter(self)
            ancestor = ancestor.parentWidget()

    def _fit(self) -> None:
        self.window.setGeometry(even_fit(self.size(), self.frame))


class CameraTile(QFrame):
    """A camera's picture and caption; a touch emits `touched(camera_id)`."""

    touched = Signal(str)

    def __init__(self, metrics: theme.Metrics, caption_mm: float = theme.BODY_MM, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cameraTile")
        self.setStyleSheet(f"#cameraTile {{ background:{theme.SURFACE_RAISED}; border-radius:{metrics.px(4)}px; }}")
        self.camera: Camera | None = None
        self._state: str | None = None
        self.guest: CameraTile | None = None  # the tile whose surface shows here until this one's own picture
        self.surface = VideoSurface()
        self.placeholder = text_label("", metrics.font(caption_mm), theme.TEXT_DIM, wrap=True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(f"color:{theme.TEXT_DIM}; background:{theme.VIDEO_BLACK};")
        self.picture = QStackedWidget()
        self.picture.addWidget(self.surface)
        self.picture.addWidget(self.placeholder)
        self.name = text_label("", metrics.font(caption_mm, bold=True))
        self.status = text_label("", metrics.font(caption_mm, bold=True))
        caption = QHBoxLayout()
        caption.setContentsMargins(metrics.px(8), metrics.px(3), metrics.px(8), metrics.px(3))
        caption.addWidget(self.name, 1)
        caption.addWidget(self.status)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.picture, 1)
        column.addLayout(caption)
        self.set_camera(None)

    @property
    def lent(self) -> bool:
        """This tile's surface is shown by another tile."""
        return self.picture.indexOf(self.surface) < 0

    @property
    def window_id(self) -> int:
        """The native window libvlc draws into."""
        return int(self.surface.window.winId())

    def set_camera(self, camera: Camera | None, label: str | None = None) -> None:
        """Show a camera under its name or `label` (its state follows with `show_health`), or none."""
        self.camera = camera
        self.name.setText((label or camera.name) if camera else "")
        if camera is None:
            self.status.setText("")
            self._show_placeholder("카메라 없음")

    def show_health(self, health: CameraHealth | None, now: datetime) -> None:
        """Caption and picture for the camera's state."""
        state = health.state if health else None
        self.status.setText(status_text(health))
        if state != self._state:  # restyling every tick (twice a second, 16 tiles) would be wasted work
            self._state = state
            self.status.setStyleSheet(f"color:{STATE_COLOURS.get(state, theme.TEXT_DIM)};")
        if state == OFFLINE:
            self._show_placeholder(offline_text(health, now))
        elif self.lent:
            self._show_placeholder(LENT)
        else:  # libvlc needs its window shown to draw: black until the first frame
            self.picture.setCurrentWidget(self.guest.surface if self.guest else self.surface)

    def host(self, other: CameraTile) -> None:
        """Show `other`'s live picture here, scaled to this tile, until `send_back` (its player plays on)."""
        self.send_back()
        other.picture.removeWidget(other.surface)
        other._show_placeholder(LENT)
        self.guest = other
        self.picture.addWidget(other.surface)
        self.picture.setCurrentWidget(other.surface)

    def send_back(self) -> None:
        """This tile's own picture again (when it has one); the guest's surface goes home, still playing."""
        guest, self.guest = self.guest, None
        if guest is None:
            return
        if self.picture.currentWidget() is guest.surface:
            self.picture.setCurrentWidget(self.surface)
        self.picture.removeWidget(guest.surface)
        guest.picture.insertWidget(0, guest.surface)
        if guest._state != OFFLINE:
            guest.picture.setCurrentWidget(guest.surface)

    def show_message(self, text: str) -> None:
        """A tile that cannot play at all (no video output here), saying why."""
        self.status.setText("")
        self._show_placeholder(text)

    def _show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.picture.setCurrentWidget(self.placeholder)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.camera is not None and self.rect().contains(event.position().toPoint()):
            self.touched.emit(self.camera.camera_id)


def preview() -> QWidget:
    """An offline tile."""
    now = datetime.now(timezone.utc)
    tile = CameraTile(theme.Metrics(1.0))
    tile.resize(380, 260)
    tile.set_camera(Camera("cityhall", "서울시청 앞", "rtsp://127.0.0.1/cityhall"))
    tile.show_health(CameraHealth("cityhall", OFFLINE, now.replace(minute=0), failures=3,
                                  problem="연결 거부 · refused"), now)
    return tile
