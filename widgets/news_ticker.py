"""The 시정뉴스 ticker: the city's newest press releases, one headline at a time, turning every few
seconds (a headline that stands still is read from 2 m; a crawling one is not). A touch shows the next."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from feeds.records import SEOUL_TZ
from feeds.rss import NewsItem
from widgets import theme
from widgets.common import text_label

TURN_MS = 8000
LABEL = "시정뉴스"


def headline(item: NewsItem) -> str:
    edition = f"({item.edition}) " if item.edition else ""
    return edition + item.title


def meta(item: NewsItem) -> str:
    when = item.published_at.astimezone(SEOUL_TZ).strftime("%m/%d %H:%M") if item.published_at else ""
    return " · ".join(part for part in (when, item.department or "") if part)


class NewsTicker(QFrame):
    """`set_items(items)`: newest first; hidden while there is none."""

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newsTicker")
        self.items: tuple[NewsItem, ...] = ()
        self.index = 0
        badge = text_label(LABEL, metrics.font(theme.BODY_MM, bold=True), theme.PIN_TEXT)
        badge.setStyleSheet(f"background:{theme.ACCENT}; color:{theme.PIN_TEXT}; border-radius:{metrics.px(5)}px;"
                            f"padding:{metrics.px(2)}px {metrics.px(10)}px;")
        self.text = text_label("", metrics.font(theme.BODY_MM, bold=True), elide=True)
        self.meta = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.position = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(20), metrics.px(4), metrics.px(20), metrics.px(4))
        row.setSpacing(metrics.px(16))
        row.addWidget(badge)
        row.addWidget(self.text, 1)
        row.addWidget(self.meta)
        row.addWidget(self.position)
        self.setMinimumHeight(metrics.px(theme.TOUCH_MM * 1.6))
        self.setStyleSheet(f"#newsTicker {{ background:{theme.SURFACE}; border-radius:{metrics.px(6)}px; }}")
        self._timer = QTimer(self, interval=TURN_MS, timeout=self.next)
        self.hide()

    def set_items(self, items: tuple[NewsItem, ...]) -> None:
        """A fresh read; the headline on show stays if it is still listed."""
        shown = self.items[self.index].item_id if self.items else None
        self.items = items
        ids = [i.item_id for i in items]
        self.index = ids.index(shown) if shown in ids else 0
        self.setVisible(bool(items))
        if items and not self._timer.isActive():
            self._timer.start()
        elif not items:
            self._timer.stop()
        self._show()

    def next(self) -> None:
        if self.items:
            self.index = (self.index + 1) % len(self.items)
            self._show()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.next()
        self._timer.start()  # a full turn for the headline just asked for
        super().mousePressEvent(event)

    def _show(self) -> None:
        if not self.items:
            return
        item = self.items[self.index]
        self.text.setText(headline(item))
        self.meta.setText(meta(item))
        self.position.setText(f"{self.index + 1}/{len(self.items)}")


def preview() -> QWidget:
    ticker = NewsTicker(theme.Metrics(1.0))
    ticker.set_items((NewsItem("1", "서울시, 다시세운 보행교 개통", "석간", datetime.now(SEOUL_TZ), "세운재생과", None),))
    return ticker
