"""Small building blocks shared by the wall's widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QLayout, QPushButton, QScrollArea,
                               QScroller, QSizePolicy, QVBoxLayout, QWidget)

from widgets import theme
from widgets.format import health_text


class ElidedLabel(QLabel):
    """One line of text cut with "…" to the width it is given; it never widens its column."""

    def __init__(self, text: str = ""):
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self._fit()

    def fullText(self) -> str:  # noqa: N802 (Qt's style)
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        line = self._full.replace("\n", " ")
        shown = self.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, max(0, self.width()))
        super().setText(shown if self.width() > 0 else line[:200])


def text_label(text: str, font: QFont, colour: str = theme.TEXT, wrap: bool = False, elide: bool = False) -> QLabel:
    """A label that shows its text as plain text (feed text is data, never markup).

    `elide`: one line cut with "…" to the space the layout gives it (for names from feeds).
    """
    label = ElidedLabel(text) if elide else QLabel(text)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setStyleSheet(f"color:{colour};")
    return label


def health_banner(metrics: theme.Metrics) -> QLabel:
    """A band that says when a panel's feed is not fresh (hidden while it is): `show_health`."""
    return text_label("", metrics.font(theme.BODY_MM, bold=True), wrap=True)


def show_health(banner: QLabel, health, metrics: theme.Metrics) -> None:
    """Hide the banner while the feed is fresh; else say how it is, and that the last values stay."""
    if health.state == "fresh":
        banner.hide()
        return
    text = health_text(health.state, health.error_kind)
    if health.has_data and health.state in ("stale", "down"):
        text += " · 마지막 값 표시 / showing last values"
    banner.setText(text)
    banner.setStyleSheet(f"background:{theme.STATE_COLOURS.get(health.state, theme.TEXT_DIM)};"
                         f"color:{theme.ON_COLOUR}; border-radius:{metrics.px(4)}px; padding:{metrics.px(5)}px;")
    banner.show()


class Table(QWidget):
    """Rows of figures under dim column names: the first column a name (bold, cut to fit), the others
    right-aligned; `set_rows` fills them, each cell in its colour (rows beyond the data are blank)."""

    def __init__(self, metrics: theme.Metrics, columns: tuple[str, ...], rows: int, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(metrics.px(14))
        grid.setVerticalSpacing(metrics.px(3))
        for col, name in enumerate(columns):
            grid.addWidget(text_label(name, metrics.font(theme.SMALL_MM), theme.TEXT_DIM), 0, col,
                           Qt.AlignmentFlag.AlignRight if col else Qt.AlignmentFlag.AlignLeft)
        self.cells = [[text_label("", metrics.font(theme.BODY_MM, bold=col == 0), elide=col == 0)
                       for col in range(len(columns))] for _row in range(rows)]
        for row, cells in enumerate(self.cells):
            for col, cell in enumerate(cells):
                if col:
                    cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                grid.addWidget(cell, row + 1, col)
        grid.setColumnStretch(0, 1)

    def set_rows(self, rows: list[tuple[tuple[str, str], ...]]) -> None:
        """Each row as (text, colour) per column."""
        for index, cells in enumerate(self.cells):
            row = rows[index] if index < len(rows) else (("", theme.TEXT),) * len(cells)
            for cell, (text, colour) in zip(cells, row):
                cell.setText(text)
                cell.setStyleSheet(f"color:{colour};")


CLOSE_MM = 45.0  # a sheet's "닫기": more than twice the smallest touch target


def title_row(title: QWidget, button: QPushButton) -> QHBoxLayout:
    """A sheet's first row: its title taking the width, its "닫기" at the top right."""
    row = QHBoxLayout()
    row.addWidget(title, 1)
    row.addWidget(button, alignment=Qt.AlignmentFlag.AlignTop)
    return row


def flat_button(metrics: theme.Metrics, label: str, size_mm: tuple[float, float], font_mm: float = theme.HEADING_MM,
                background: str = theme.SURFACE_RAISED, colour: str = theme.TEXT, extra_css: str = "") -> QPushButton:
    """A large flat touch target, at least `size_mm` (width, height) on the glass, bold text."""
    button = QPushButton(label)
    button.setFont(metrics.font(font_mm, bold=True))
    button.setMinimumSize(metrics.px(size_mm[0]), metrics.px(size_mm[1]))
    button.setStyleSheet(flat_style(metrics, background, colour, extra_css))
    return button


def flat_style(metrics: theme.Metrics, background: str = theme.SURFACE_RAISED, colour: str = theme.TEXT,
               extra_css: str = "") -> str:
    """A flat button's look (to change it later, e.g. a red 종료 that becomes a plain 닫기)."""
    return (f"background:{background}; color:{colour}; border:none; border-radius:{metrics.px(6)}px;"
            f"padding:0 {metrics.px(12)}px; {extra_css}")


def remove_widgets(layout: QLayout, widgets) -> None:
    """Take these widgets off the layout and off the screen now; Qt deletes them when the loop comes round."""
    for widget in widgets:
        layout.removeWidget(widget)
        widget.hide()
        widget.deleteLater()


def close_button(metrics: theme.Metrics, on_touch) -> QPushButton:
    """The large "닫기 ✕" of a sheet or a camera shown large."""
    button = flat_button(metrics, "닫기 ✕", (170, CLOSE_MM))
    button.clicked.connect(on_touch)
    return button


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless area that scrolls vertically with a swipe (touch) and never widens."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setStyleSheet("background:transparent;")
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return area


class PanelFrame(QFrame):
    """A rounded surface with the wall's margins; subclasses add to `self.column`."""

    def __init__(self, metrics: theme.Metrics, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(f"#{name} {{ background:{theme.SURFACE}; border-radius:{metrics.px(6)}px; }}")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(metrics.px(25), metrics.px(20), metrics.px(25), metrics.px(20))
