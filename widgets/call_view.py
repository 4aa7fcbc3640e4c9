"""A call in the map's place: who (large), the state (연결 중 → 신호 가는 중 → 통화 중 n분, or why it
ended), the far end's picture as large as the wall allows, and one large 종료 (닫기 once it has ended)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QWindow
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from widgets import theme
from widgets.common import flat_button, flat_style, text_label

END_MM = (260.0, 60.0)
ENDED_COLOUR = theme.STATE_COLOURS["stale"]


class PictureArea(QFrame):
    """Black, with the far end's picture as large as fits, in its own proportions, in the middle."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(f"background:{theme.VIDEO_BLACK};")
        self.content: QWidget | None = None
        self.frame_size = QSize()

    def place(self, content: QWidget | None, frame_size: QSize = QSize()) -> None:
        self.content, self.frame_size = content, frame_size
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.content is None:
            return
        area = self.size()
        size = area if self.frame_size.isEmpty() else self.frame_size.scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
        self.content.setGeometry(QRect((self.width() - size.width()) // 2, (self.height() - size.height()) // 2,
                                       size.width(), size.height()))


class CallView(QFrame):
    """`hang_up` while the call lasts, `closed` once it has ended (the map comes back)."""

    hang_up = Signal()
    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("callView")
        self.setStyleSheet(f"#callView {{ background:{theme.SURFACE}; border-radius:{metrics.px(6)}px; }}")
        self.ended = False
        self.name = text_label("", metrics.font(theme.TITLE_MM, bold=True), elide=True)
        self.about = text_label("", metrics.font(theme.HEADING_MM), theme.TEXT_DIM, elide=True)
        self.state = text_label("", metrics.font(theme.TITLE_MM, bold=True))
        self.media = text_label("", metrics.font(theme.BODY_MM), theme.STATE_COLOURS["stale"], wrap=True)
        self.picture = PictureArea()
        self.waiting = text_label("영상 기다리는 중", metrics.font(theme.HEADING_MM), theme.TEXT_DIM)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        waiting_box = QVBoxLayout(self.picture)
        waiting_box.addWidget(self.waiting)
        self.container: QWidget | None = None
        self._window_id = 0
        self.end_button = flat_button(metrics, "종료", END_MM, theme.TITLE_MM, background=theme.ALERT,
                                      colour=theme.ALERT_TEXT)
        self._end_style = {False: self.end_button.styleSheet(), True: flat_style(metrics)}  # red, then plain
        self.end_button.clicked.connect(lambda: (self.closed if self.ended else self.hang_up).emit())
        column = QVBoxLayout(self)
        column.setContentsMargins(metrics.px(25), metrics.px(20), metrics.px(25), metrics.px(20))
        column.setSpacing(metrics.px(10))
        for widget in (self.name, self.about, self.state, self.media):
            column.addWidget(widget)
        column.addWidget(self.picture, 1)
        column.addWidget(self.end_button, alignment=Qt.AlignmentFlag.AlignHCenter)

    def show_call(self, name: str, about: str, state: str, ended: bool, media: str = "") -> None:
        """Fill the view (again each second while the call lasts)."""
        self.ended = ended
        self.name.setText(name)
        self.about.setText(about)
        self.state.setText(state)
        self.state.setStyleSheet(f"color:{ENDED_COLOUR if ended else theme.TEXT};")
        self.media.setText(media)
        self.media.setVisible(bool(media))
        self.end_button.setText("닫기" if ended else "종료")
        self.end_button.setStyleSheet(self._end_style[ended])
        self.waiting.setText("통화가 끝났습니다" if ended else "영상 기다리는 중")
        if ended:
            self.release_picture()

    def embed_picture(self, window_id: int, frame_size: QSize) -> None:
        """The far end's picture: baresip's own X11 window (scaling its frames to the window's size), taken
        into the view at the frame's proportions (X11 only). The same window with a new frame size (x11's
        display renames it) is only fitted anew."""
        if self.container is None or window_id != self._window_id:
            self.release_picture()
            self.container = QWidget.createWindowContainer(QWindow.fromWinId(window_id), self.picture)
            self.container.show()
            self._window_id = window_id
            self.waiting.hide()
        self.picture.place(self.container, frame_size)

    def release_picture(self) -> None:
        if self.container is not None:
            self.picture.place(None)
            self.container.deleteLater()
            self.container = None
        self.waiting.show()
