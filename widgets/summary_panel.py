"""실시간 도시현황: one tile per domain — its headline figure coloured by its state, its data age, what is
wrong with its feeds in plain Korean — and a touch on a tile opens the domain."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from widgets import theme
from widgets.common import PanelFrame, text_label

COLUMNS = 2
LEVEL_COLOURS = {"ok": theme.STATE_COLOURS["fresh"], "watch": theme.STATE_COLOURS["stale"],
                 "alert": theme.STATE_COLOURS["down"], "none": theme.TEXT_DIM}


@dataclass(frozen=True)
class DomainTile:
    """What one tile shows; built by the application from a domain's read and its feeds' health."""

    key: str
    title: str
    headline: str  # "화재 2 · 구급 37", "수질 정상", "설정되지 않음"
    level: str = "ok"  # ok / watch / alert / none (no figure)
    age: str = ""  # "14:00 기준 · 3분 전"
    problem: str = ""  # "연결 끊김 · 마지막 값" when a feed is not fresh


class TileView(QFrame):
    """One touchable tile."""

    def __init__(self, metrics: theme.Metrics, on_touch, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tile")
        self._m, self._on_touch = metrics, on_touch
        self.tile: DomainTile | None = None
        self.title = text_label("", metrics.font(theme.SMALL_MM, bold=True), theme.TEXT_DIM, elide=True)
        self.headline = text_label("", metrics.font(theme.BODY_MM * 1.15, bold=True), elide=True)
        self.note = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, elide=True)
        column = QVBoxLayout(self)
        column.setContentsMargins(metrics.px(12), metrics.px(6), metrics.px(12), metrics.px(6))
        column.setSpacing(metrics.px(1))
        for label in (self.title, self.headline, self.note):
            column.addWidget(label)
        self.setMinimumHeight(metrics.px(theme.TOUCH_MM * 3))
        self.show_selected(False)

    def show_tile(self, tile: DomainTile) -> None:
        self.tile = tile
        self.title.setText(tile.title)
        self.headline.setText(tile.headline)
        self.headline.setStyleSheet(f"color:{LEVEL_COLOURS.get(tile.level, theme.TEXT)};")
        self.note.setText(f"⚠ {tile.problem}" if tile.problem else tile.age)
        self.note.setStyleSheet(f"color:{theme.STATE_COLOURS['stale'] if tile.problem else theme.TEXT_DIM};")

    def show_selected(self, selected: bool) -> None:
        edge = theme.ACCENT if selected else theme.SURFACE_RAISED
        self.setStyleSheet(f"#tile {{ background:{theme.SURFACE_RAISED}; border:{self._m.px(2)}px solid {edge};"
                           f"border-radius:{self._m.px(6)}px; }}")

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.tile is not None:
            self._on_touch(self.tile.key)
        super().mousePressEvent(event)


class SummaryPanel(PanelFrame):
    """The tiles in a grid, in the domains' order; `domain_touched` reports a touch."""

    domain_touched = Signal(str)

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "summaryPanel", parent)
        self._m = metrics
        self.column.setContentsMargins(metrics.px(15), metrics.px(12), metrics.px(15), metrics.px(12))
        self.column.addWidget(text_label("실시간 도시현황", metrics.font(theme.HEADING_MM, bold=True)))
        self._grid = QGridLayout()
        self._grid.setSpacing(metrics.px(8))
        self.column.addLayout(self._grid, 1)
        self.tiles: dict[str, TileView] = {}
        self.selected: str | None = None

    def set_tiles(self, tiles: list[DomainTile]) -> None:
        """Show each domain's tile (made once per domain, refreshed in place)."""
        for index, tile in enumerate(tiles):
            view = self.tiles.get(tile.key)
            if view is None:
                view = self.tiles[tile.key] = TileView(self._m, self.domain_touched.emit)
                self._grid.addWidget(view, index // COLUMNS, index % COLUMNS)
                view.show_selected(tile.key == self.selected)
            view.show_tile(tile)

    def show_selected(self, key: str) -> None:
        """Mark the tile of the domain on show."""
        self.selected = key
        for tile_key, view in self.tiles.items():
            view.show_selected(tile_key == key)


def preview() -> QWidget:
    """Tiles in every state."""
    panel = SummaryPanel(theme.Metrics(1.0))
    panel.set_tiles([DomainTile("disaster", "재난안전", "화재 2 · 구급 37", "alert", "10:15 기준 · 방금"),
                     DomainTile("air", "대기환경", "초미세먼지 보통", "ok", "10:00 기준 · 12분 전"),
                     DomainTile("water", "상수도", "수질 정상", "ok", problem="연결 끊김 · 마지막 값"),
                     DomainTile("projects", "주요사업", "설정되지 않음", "none")])
    panel.show_selected("air")
    return panel
