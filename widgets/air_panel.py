"""대기환경 panel: Seoul's average and grade, the 25 districts ranked, the 24-hour trend."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from feeds.districts import DISTRICTS
from feeds.health import FeedHealth
from feeds.records import SEOUL_TZ, AirReading, air_summary
from widgets import theme
from widgets.common import PanelFrame, health_banner, show_health, text_label
from widgets.format import data_age_text, value_text
from widgets.trend_chart import TrendChart

RANK_ROWS = 13  # two columns: 13 + 12 districts
RANK_COLUMNS = ("순위", "자치구", "PM10", "PM2.5", "등급")
TREND_HOURS = 24


class AirPanel(PanelFrame):
    """Shows the last readings in the cache, their age, and whether the feed is healthy."""

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "airPanel", parent)
        self._m = metrics
        self.title = text_label("대기환경 · 서울 실시간 대기질", metrics.font(theme.HEADING_MM, bold=True))
        self.state_banner = health_banner(metrics)
        self.age = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM)
        self.pm10 = text_label("—", metrics.font(theme.HUGE_MM, bold=True))
        self.pm25 = text_label("—", metrics.font(theme.HUGE_MM, bold=True))
        self.grade = text_label("—", metrics.font(theme.TITLE_MM, bold=True))
        self.grade.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grade.setMinimumWidth(metrics.px(170))
        self.trend_title = text_label("24시간 추이 · 서울 평균", metrics.font(theme.BODY_MM, bold=True))
        self.trend = TrendChart(metrics)
        self._rank_cells: list[list[QLabel]] = []
        self._build(metrics)
        self.selected: str | None = None
        self._readings: tuple[AirReading, ...] = ()

    def _build(self, m: theme.Metrics) -> None:
        column = self.column
        column.setSpacing(m.px(10))
        column.addWidget(self.title)
        column.addWidget(self.state_banner)
        column.addLayout(self._summary_row(m))
        column.addWidget(self.age)
        column.addWidget(text_label("자치구별 · PM10 높은 순", m.font(theme.BODY_MM, bold=True)))
        column.addLayout(self._ranking_grid(m))
        column.addWidget(self.trend_title)
        column.addWidget(self.trend, 1)

    def _summary_row(self, m: theme.Metrics) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(m.px(30))
        for value, unit in ((self.pm10, "PM10 · 미세먼지\n㎍/㎥"), (self.pm25, "PM2.5 · 초미세먼지\n㎍/㎥")):
            row.addWidget(value)
            row.addWidget(text_label(unit, m.font(theme.SMALL_MM), theme.TEXT_DIM))
        row.addStretch(1)
        row.addWidget(self.grade)
        return row

    def _ranking_grid(self, m: theme.Metrics) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(m.px(12))
        grid.setVerticalSpacing(m.px(2))
        for half in range(2):
            for col, name in enumerate(RANK_COLUMNS):
                grid.addWidget(text_label(name, m.font(theme.SMALL_MM), theme.TEXT_DIM), 0, half * 6 + col)
        for index in range(len(DISTRICTS)):
            half, row = divmod(index, RANK_ROWS)
            cells = [text_label("", m.font(theme.BODY_MM), elide=name == "자치구") for name in RANK_COLUMNS]
            for col, cell in enumerate(cells):
                grid.addWidget(cell, row + 1, half * 6 + col)
            self._rank_cells.append(cells)
        grid.setColumnMinimumWidth(5, m.px(30))
        for half in range(2):  # the name column takes what is left; a long name is cut, never widens it
            grid.setColumnStretch(half * 6 + 1, 1)
        return grid

    def set_readings(self, readings: tuple[AirReading, ...]) -> None:
        """Show the latest readings: average, grade and ranking."""
        self._readings = readings
        summary = air_summary(readings)
        self.pm10.setText(value_text(summary.pm10))
        self.pm25.setText(value_text(summary.pm25))
        self.grade.setText(summary.grade or "—")
        self.grade.setStyleSheet(f"background:{theme.grade_colour(summary.grade)}; color:{theme.ON_COLOUR};"
                                 f"border-radius:{self._m.px(6)}px; padding:{self._m.px(6)}px;")
        self._fill_ranking()

    def _fill_ranking(self) -> None:
        ranked = sorted(self._readings, key=lambda r: (r.pm10 is None, -(r.pm10 or 0), r.station))
        for index, cells in enumerate(self._rank_cells):
            reading = ranked[index] if index < len(ranked) else None
            texts = ("", "", "", "", "") if reading is None else (
                str(index + 1), reading.station, value_text(reading.pm10), value_text(reading.pm25),
                reading.grade or "—")
            bold = reading is not None and reading.station == self.selected
            for col, (cell, text) in enumerate(zip(cells, texts)):
                cell.setText(text)
                colour = theme.grade_colour(reading.grade) if reading and col == 4 else theme.TEXT
                cell.setStyleSheet(f"color:{colour};" + (f"background:{theme.ROW_HIGHLIGHT};" if bold else ""))

    def select_station(self, station: str | None) -> None:
        """Highlight one district (touched on the map); None clears it."""
        self.selected = station
        self._fill_ranking()

    def set_trend(self, points: list[tuple[datetime, float | None, float | None]]) -> None:
        """Show the hourly history (the selected district's, or Seoul's average)."""
        self.trend.set_points(points)
        title = f"24시간 추이 · {self.selected or '서울 평균'}"
        if len(points) < TREND_HOURS:
            title += f" · {len(points)}시간 수집됨"  # the cache is still filling: say so
        self.trend_title.setText(title)

    def set_health(self, health: FeedHealth, now: datetime) -> None:
        """Show the data's age, and a banner unless the feed is fresh (last values stay visible)."""
        self.age.setText(data_age_text(health.source_time, health.last_success, now))
        show_health(self.state_banner, health, self._m)


def sample_readings(at: datetime) -> tuple[AirReading, ...]:
    """Invented readings for previews."""
    hour = at.astimezone(SEOUL_TZ).replace(minute=0, second=0, microsecond=0)
    return tuple(AirReading(station=d, measured_at=hour, pm10=20.0 + 4 * i, pm25=10.0 + 2 * i,
                            grade=("좋음", "보통", "나쁨", "매우나쁨")[min(3, i // 7)])
                 for i, d in enumerate(DISTRICTS))


def preview() -> QWidget:
    """AirPanel with sample readings, a trend and a stale feed."""
    now = datetime.now(timezone.utc)
    panel = AirPanel(theme.Metrics(1.0))
    panel.set_readings(sample_readings(now))
    panel.set_trend([(now - timedelta(hours=h), 40.0 - h, 20.0 - h / 2) for h in range(24, 0, -1)])
    panel.set_health(FeedHealth("stale", "unavailable", "HTTP 503", now - timedelta(minutes=7), now), now)
    return panel
