"""창업생태계 panel: Seoul's four ecosystem figures, large, with their change (a touch opens one's
history), and the K-Startup programmes open to Seoul's startups, the ones closing soon first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from feeds.health import FeedHealth
from feeds.kstartup import SupportProgramme
from feeds.records import SEOUL_TZ
from widgets import theme
from widgets.common import PanelFrame, health_banner, show_health, text_label
from widgets.format import data_age_text
from widgets.price_panel import percent
from widgets.sparkline import Sparkline

PROGRAMMES_SHOWN = 10
TREND_MONTHS = 13  # a card's sparkline: this month back to the same month a year ago
SOON_DAYS = 7  # closing within a week: drawn in amber


@dataclass(frozen=True)
class Figure:
    """One indicator: its newest month's value and how it moved."""

    key: str
    label: str
    unit: str
    value: float | None = None
    month: datetime | None = None
    vs_month: float | None = None  # percent
    vs_year: float | None = None
    history: list[tuple[datetime, float]] = field(default_factory=list)
    source: str | None = None


def growth_colour(change: float | None) -> str:
    """A figure that grows is good news here: green up, red down (the price board's colours, reversed)."""
    if change is None or abs(change) < 0.5:
        return theme.TEXT
    return theme.PRICE_DOWN if change > 0 else theme.PRICE_UP


def amount(value: float | None, unit: str) -> str:
    """"1,812억 원", "384개사"."""
    return "—" if value is None else f"{value:,.0f}{unit}"


def days_left(closes: datetime | None, today: date) -> int | None:
    return None if closes is None else (closes.astimezone(SEOUL_TZ).date() - today).days


def d_day(days: int | None) -> str:
    return "—" if days is None else ("오늘 마감" if days == 0 else f"D-{days}")


class FigureCard(QFrame):
    """A large figure; a touch reports its key."""

    def __init__(self, metrics: theme.Metrics, on_touch, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("figureCard")
        self._on_touch = on_touch
        self.key: str | None = None
        self.label = text_label("", metrics.font(theme.BODY_MM, bold=True), theme.TEXT_DIM, elide=True)
        self.value = text_label("—", metrics.font(theme.TITLE_MM, bold=True), elide=True)
        self.change = text_label("", metrics.font(theme.BODY_MM, bold=True), elide=True)
        self.month = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, elide=True)
        self.trend = Sparkline(metrics)
        column = QVBoxLayout(self)
        column.setContentsMargins(metrics.px(14), metrics.px(10), metrics.px(14), metrics.px(10))
        column.setSpacing(metrics.px(4))
        for widget in (self.label, self.value, self.change, self.trend, self.month):
            column.addWidget(widget)
        self.setMinimumHeight(metrics.px(theme.TOUCH_MM * 6))
        self.setStyleSheet(f"#figureCard {{ background:{theme.SURFACE_RAISED}; border-radius:{metrics.px(6)}px; }}")

    def show_figure(self, figure: Figure) -> None:
        self.key = figure.key
        self.label.setText(figure.label)
        self.value.setText(amount(figure.value, figure.unit))
        self.change.setText(f"전월 {percent(figure.vs_month)} · 전년 {percent(figure.vs_year)}")
        self.change.setStyleSheet(f"color:{growth_colour(figure.vs_year)};")
        self.month.setText(f"{figure.month:%Y년 %m월} 기준 · 최근 {min(len(figure.history), TREND_MONTHS)}개월"
                           if figure.month else "자료 없음")
        self.trend.set_values([v for _m, v in figure.history[-TREND_MONTHS:]], growth_colour(figure.vs_year))

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.key is not None:
            self._on_touch(self.key)
        super().mousePressEvent(event)


class StartupPanel(PanelFrame):
    """`figure_selected(key)` on a touch on a figure."""

    figure_selected = Signal(str)

    def __init__(self, metrics: theme.Metrics, keys: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(metrics, "startupPanel", parent)
        self._m = metrics
        self.state_banner = health_banner(metrics)
        self.state_banner.hide()
        self.cards = {key: FigureCard(metrics, self.figure_selected.emit) for key in keys}
        self.age = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.note = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self.programmes_title = text_label("", metrics.font(theme.HEADING_MM, bold=True))
        self.rows = [(text_label("", metrics.font(theme.BODY_MM, bold=True)),
                      text_label("", metrics.font(theme.BODY_MM, bold=True), elide=True),
                      text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, elide=True))
                     for _ in range(PROGRAMMES_SHOWN)]
        self.empty = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM, wrap=True)
        self._build(metrics)

    def _build(self, m: theme.Metrics) -> None:
        grid = QGridLayout()
        grid.setSpacing(m.px(10))
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // 2, index % 2)
        column = self.column
        column.setSpacing(m.px(8))
        column.addWidget(text_label("창업생태계 · 서울", m.font(theme.HEADING_MM, bold=True)))
        column.addWidget(self.state_banner)
        column.addLayout(grid)
        column.addWidget(self.age)
        column.addWidget(self.note)
        column.addWidget(self.programmes_title)
        for chip, name, detail in self.rows:
            chip.setFixedWidth(m.px(150))
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            line = QHBoxLayout()
            line.setSpacing(m.px(12))
            text = QVBoxLayout()
            text.setSpacing(0)
            text.addWidget(name)
            text.addWidget(detail)
            line.addWidget(chip)
            line.addLayout(text, 1)
            column.addLayout(line)
        column.addWidget(self.empty)
        column.addStretch(1)

    def set_figures(self, figures: list[Figure], samples: bool) -> None:
        for figure in figures:
            self.cards[figure.key].show_figure(figure)
        self.note.setText("예시 자료: 창업 지표는 시연용으로 만든 수치입니다" if samples else "")
        self.note.setVisible(samples)

    def set_programmes(self, programmes: tuple[SupportProgramme, ...], today: date) -> None:
        """The open programmes for Seoul, the ones closing soonest first."""
        self.programmes_title.setText(f"지원사업 모집 중 {len(programmes)}건 · 마감 임박 순 (K-Startup, 서울·전국)")
        for index, (chip, name, detail) in enumerate(self.rows):
            shown = index < len(programmes)
            for widget in (chip, name, detail):
                widget.setVisible(shown)
            if not shown:
                continue
            item = programmes[index]
            left = days_left(item.closes, today)
            chip.setText(d_day(left))
            colour = theme.PROJECT_STATUS_COLOURS["지연"] if left is not None and left <= SOON_DAYS else theme.SURFACE_RAISED
            chip.setStyleSheet(f"background:{colour}; color:{theme.ON_COLOUR}; border-radius:{self._m.px(5)}px;"
                               f"padding:{self._m.px(3)}px;")
            name.setText(item.name)
            detail.setText(" · ".join(p for p in (item.organisation, item.kind, item.region) if p))
        self.empty.setText("" if programmes else "모집 중인 지원사업이 없습니다.")
        self.empty.setVisible(not programmes)

    def set_health(self, health: FeedHealth | None, now: datetime) -> None:
        """The figures' month and the programmes' age; a banner unless both read well."""
        if health is None:
            return
        self.age.setText("지원사업 목록: " + data_age_text(health.source_time, health.last_success, now))
        show_health(self.state_banner, health, self._m)
