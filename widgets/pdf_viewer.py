"""A document read on the wall without a keyboard: page by page with a swipe or large buttons, zoomed
with two fingers or ± buttons (QtPdf, part of the PySide6 wheels)."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from feeds.local_files import read_bytes
from widgets import theme
from widgets.common import flat_button, text_label

SWIPE_SHARE = 0.12  # a horizontal move over this share of the width turns the page
ZOOM_RANGE = (1.0, 4.0)  # against the whole page in view
ZOOM_STEP = 1.4
BUTTON_MM = 50.0
CANNOT_OPEN = "문서를 열 수 없습니다 · 운영자에게 알려 주세요"
CANNOT_SHOW_PAGE = "이 쪽을 표시할 수 없습니다 · 운영자에게 알려 주세요"
MAX_DOCUMENT_BYTES = 100_000_000
READ_TIMEOUT_S = 5.0  # a local file; a mount that does not answer in this time will not do better
PROBE_SIZE = QSize(60, 85)  # a page drawn this small still leaves ink where it has any


def load(document: QPdfDocument, path: Path) -> QBuffer:
    """Load the file (read bounded: OSError, ValueError) into `document`; the buffer it reads from (keep it
    while the document is open)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(read_bytes(path, MAX_DOCUMENT_BYTES, READ_TIMEOUT_S)))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


def page_draws(document: QPdfDocument, page: int) -> bool:
    """True when the page has a size and leaves ink when drawn: a damaged page object or content stream
    draws nothing (QtPdf still counts the page)."""
    size = document.pagePointSize(page)
    if size.width() <= 0 or size.height() <= 0:
        return False
    image = document.render(page, PROBE_SIZE).convertToFormat(QImage.Format.Format_Alpha8)
    return not image.isNull() and any(image.constBits().tobytes())


def document_problem(path: Path) -> str | None:
    """Why the PDF cannot be shown (it does not open, it has no page, a page draws nothing), or None."""
    document = QPdfDocument()
    try:
        buffer = load(document, path)
    except OSError as exc:
        return f"cannot read ({exc.strerror})"
    except ValueError as exc:
        return str(exc)
    pages = document.pageCount()
    blank = [str(page + 1) for page in range(pages) if not page_draws(document, page)]
    error = document.error()
    document.close()
    buffer.close()
    if error != QPdfDocument.Error.None_:
        return f"does not open as a PDF ({error.name})"
    if pages == 0:
        return "has no page"
    return f"page {', '.join(blank)} draws nothing (damaged)" if blank else None


class PdfViewer(QWidget):
    """`open_document(path, title)`; `closed` when the mayor goes back to the list."""

    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self._m = metrics
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setStyleSheet("border:none;")
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, QColor(theme.SURFACE_RAISED))  # around the page (Qt's default: grey)
        self.view.setPalette(palette)
        self.scale = 1.0  # 1 = the whole page in view
        self._buffer: QBuffer | None = None  # what the document reads from while it is open
        self.title = text_label("", metrics.font(theme.HEADING_MM, bold=True), elide=True)
        self.page_label = text_label("", metrics.font(theme.HEADING_MM, bold=True))
        self.problem = text_label("", metrics.font(theme.BODY_MM), theme.STATE_COLOURS["down"], wrap=True)
        self.buttons = {name: self._button(label, action) for name, label, action in (
            ("back", "◀ 문서 목록", self.closed.emit), ("previous", "◀ 이전", lambda: self.turn(-1)),
            ("next", "다음 ▶", lambda: self.turn(1)), ("smaller", "축소 −", lambda: self.zoom(1 / ZOOM_STEP)),
            ("larger", "확대 +", lambda: self.zoom(ZOOM_STEP)))}
        self._gesture = _TouchGestures(self)
        self.view.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.view.viewport().installEventFilter(self._gesture)
        self._build(metrics)

    def _button(self, label: str, action) -> QPushButton:
        button = flat_button(self._m, label, (150, BUTTON_MM))
        button.clicked.connect(action)
        return button

    def _build(self, m: theme.Metrics) -> None:
        top = QHBoxLayout()
        top.addWidget(self.buttons["back"])
        top.addWidget(self.title, 1)
        bottom = QHBoxLayout()
        for name in ("previous", "next"):
            bottom.addWidget(self.buttons[name])
        bottom.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        for name in ("smaller", "larger"):
            bottom.addWidget(self.buttons[name])
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(m.px(8))
        column.addLayout(top)
        column.addWidget(self.problem)
        column.addWidget(self.view, 1)
        column.addLayout(bottom)

    @property
    def page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def open_document(self, path: Path, title: str) -> bool:
        """Show the first page of the whole document; False (and a plain message) when it cannot be read."""
        self.title.setText(title)
        self.document.close()
        try:
            self._buffer = load(self.document, path)
        except (OSError, ValueError):
            self._buffer = None
        ok = self.document.error() == QPdfDocument.Error.None_ and self.document.pageCount() > 0 \
            and page_draws(self.document, 0)
        if not ok:
            self.document.close()  # nothing half-drawn under the message
        self.scale = 1.0
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        if ok:
            self.view.pageNavigator().jump(0, QPointF(), 0)
        self._show_page()
        self._say(None if ok else CANNOT_OPEN)
        return ok

    def turn(self, step: int) -> None:
        """The next (1) or previous (-1) page, staying at the ends."""
        count = self.document.pageCount()
        target = min(max(self.page + step, 0), max(count - 1, 0))
        if count and target != self.page:
            self.view.pageNavigator().jump(target, QPointF(), self.view.zoomFactor())
        self._show_page()

    def zoom(self, factor: float) -> None:
        """Zoom against the whole page in view, within ZOOM_RANGE (back to the whole page at 1)."""
        self.scale = min(max(self.scale * factor, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        if math.isclose(self.scale, 1.0):
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(self.fit_factor() * self.scale)
        self._show_page()

    def fit_factor(self) -> float:
        """The zoom factor at which the current page fills the view."""
        size = self.document.pagePointSize(self.page)
        viewport = self.view.viewport()
        if size.width() <= 0 or size.height() <= 0:
            return 1.0
        dots = self.view.logicalDpiX() / 72.0
        return min(viewport.width() / (size.width() * dots), viewport.height() / (size.height() * dots))

    def _say(self, problem: str | None) -> None:
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)

    def _show_page(self) -> None:
        count = self.document.pageCount()
        self.page_label.setText(f"{self.page + 1} / {count} 쪽" if count else "")
        self._say(None if not count or page_draws(self.document, self.page) else CANNOT_SHOW_PAGE)
        self.buttons["previous"].setEnabled(self.page > 0)
        self.buttons["next"].setEnabled(self.page < count - 1)
        self.buttons["smaller"].setEnabled(self.scale > ZOOM_RANGE[0])
        self.buttons["larger"].setEnabled(self.scale < ZOOM_RANGE[1])


class _TouchGestures(QObject):
    """On the page: one finger swiped sideways turns it; two fingers pinched zoom it (the mouse swipes too)."""

    def __init__(self, viewer: PdfViewer):
        super().__init__(viewer)
        self._viewer = viewer
        self._start: QPointF | None = None
        self._spread: float | None = None

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            self._touch(event)
            return True
        if kind == QEvent.Type.MouseButtonPress:
            self._start = event.position()
        elif kind == QEvent.Type.MouseButtonRelease and self._start is not None:
            self._swipe(event.position())
        return False

    def _touch(self, event) -> None:
        points = event.points()
        if len(points) >= 2:
            spread = _distance(points[0].position(), points[1].position())
            if self._spread and spread > 0:
                self._viewer.zoom(spread / self._spread)
            self._spread, self._start = spread, None
            return
        if event.type() == QEvent.Type.TouchBegin:
            self._start, self._spread = points[0].position(), None
        elif event.type() == QEvent.Type.TouchEnd and self._start is not None:
            self._swipe(points[0].position())
        if event.type() == QEvent.Type.TouchEnd:
            self._spread = None

    def _swipe(self, end: QPointF) -> None:
        dx, dy = end.x() - self._start.x(), end.y() - self._start.y()
        self._start = None
        if abs(dx) > self._viewer.view.viewport().width() * SWIPE_SHARE and abs(dx) > abs(dy):
            self._viewer.turn(-1 if dx > 0 else 1)


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())
