"""교통상황 panel: the hotspots' roads at a glance with the day's trend, crowds first, closures."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from feeds.bikes import BikeCounts
from feeds.health import FeedHealth
from feeds.incidents import Incident
from feeds.subway import LineStatus
from feeds.traffic import CROWD_LEVELS, ROAD_LEVELS, HotspotStatus
from widgets import theme
from widgets.common import PanelFrame, health_banner, show_health, text_label
from widgets.format import data_age_text, value_text
from widgets.hotspot_sheet import closures_text
from widgets.trend_chart import TrendChart

MAX_ROWS = 8


def attention(status: HotspotStatus) -> tuple:
    """Most crowded first, then the most jammed, then by name."""
    crowd = CROWD_LEVELS.index(status.crowd_level) if status.crowd_level in CROWD_LEVELS else -1
    road = ROAD_LEVELS.index(status.road_level) if status.road_level in ROAD_LEVELS else -1
    return (-crowd, -road, status.area)


def citywide_text(hotspots: list[HotspotStatus]) -> tuple[str, str]:
    """("23", "원활 2 · 서행 3 · 정체 1곳"): the hotspots' mean speed and their road levels."""
    speeds = [h.road_speed for h in hotspots if h.road_speed is not None]
    levels = Counter(h.road_level for h in hotspots)
    mean = value_text(sum(speeds) / len(speeds)) if speeds else "—"
    return mean, " · ".join(f"{level} {levels.get(level, 0)}" for level in ROAD_LEVELS) + "곳"


def subway_text(lines: tuple[LineStatus, ...]) -> str:
    """"지하철 · 시청 2호선 지연 · 강남 정상": disrupted lines by name, the other stations as 정상."""
    if not lines:
        return "지하철 · 도착 정보 없음"
    stations = dict.fromkeys(s.station for s in lines)
    parts = []
    for station in stations:
        hit = [s.line for s in lines if s.station == station and s.disrupted]
        parts.append(f"{station} {'·'.join(hit)} 지연" if hit else f"{station} 정상")
    return "지하철 · " + " · ".join(parts)


class HotspotRow(QFrame):
    """One hotspot: its crowd level as a coloured chip, its name, its road level and speed."""

    def __init__(self, metrics: theme.Metrics, on_touch, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hotspotRow")
        self._m, self._on_touch = metrics, on_touch
        self.area: str | None = None
        self.chip = text_label("", metrics.font(theme.BODY_MM, bold=True))
        self.chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chip.setFixedWidth(metrics.px(150))
        self.name = text_label("", metrics.font(theme.BODY_MM, bold=True), elide=True)
        self.road = text_label("", metrics.font(theme.BODY_MM, bold=True))
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(8), metrics.px(6), metrics.px(8), metrics.px(6))
        row.setSpacing(metrics.px(12))
        row.addWidget(self.chip)
        row.addWidget(self.name, 1)
        row.addWidget(self.road)
        self.setMinimumHeight(metrics.px(theme.TOUCH_MM * 2.2))
        self.setStyleSheet(f"#hotspotRow {{ background:{theme.SURFACE_RAISED}; border-radius:{metrics.px(5)}px; }}")

    def show_status(self, status: HotspotStatus) -> None:
        self.area = status.area
        crowd = status.crowd_level or "인파 —"
        self.chip.setText(crowd)
        self.chip.setStyleSheet(f"background:{theme.CROWD_COLOURS.get(crowd, theme.SURFACE)};"
                                f"color:{theme.PIN_TEXT}; border-radius:{self._m.px(5)}px; padding:{self._m.px(4)}px;")
        self.name.setText(status.area)
        self.road.setText(f"{status.road_level or '—'} {value_text(status.road_speed)} km/h")
        self.road.setStyleSheet(f"color:{theme.ROAD_COLOURS.get(status.road_level or '', theme.TEXT)};")

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.area is not None:
            self._on_touch(self.area)
        super().mousePressEvent(event)


class TrafficPanel(PanelFrame):
    """Mean speed and road levels over the hotspots, the hotspots by attention, closures, the day's trend."""

    hotspot_selected = Signal(str)

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "trafficPanel", parent)
        self._m = metrics
        self.state_banner = health_banner(metrics)
        self.state_banner.hide()
        self.speed = text_label("—", metrics.font(theme.HUGE_MM, bold=True))
        self.levels = text_label("", metrics.font(theme.HEADING_MM, bold=True))
        self.rows = [HotspotRow(metrics, self.hotspot_selected.emit) for _ in range(MAX_ROWS)]
        self.empty = text_label("아직 받은 자료가 없습니다.\nNo data received yet.", metrics.font(theme.BODY_MM),
                                theme.TEXT_DIM, wrap=True)
        self.closures = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.bikes = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.subway = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.trend_title = text_label("오늘의 평균 속도 · 주요 지점 (km/h)", metrics.font(theme.BODY_MM, bold=True))
        self.trend = TrendChart(metrics, ("평균 속도",), y_floor=40)
        self.age = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM)
        self._build(metrics)

    def _build(self, m: theme.Metrics) -> None:
        column = self.column
        column.setSpacing(m.px(8))
        column.addWidget(text_label("교통상황 · 주요 지점의 도로와 인파", m.font(theme.HEADING_MM, bold=True)))
        column.addWidget(self.state_banner)
        summary = QHBoxLayout()
        summary.setSpacing(m.px(20))
        summary.addWidget(self.speed)
        summary.addWidget(text_label("km/h\n평균 속도", m.font(theme.BODY_MM), theme.TEXT_DIM))
        summary.addWidget(self.levels, 1, alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        column.addLayout(summary)
        column.addWidget(self.age)
        column.addWidget(text_label("지점별 · 붐비는 곳부터", m.font(theme.BODY_MM, bold=True)))
        for row in self.rows:
            column.addWidget(row)
        column.addWidget(self.empty)
        column.addWidget(text_label("도로 통제 · 돌발", m.font(theme.BODY_MM, bold=True)))
        column.addWidget(self.closures)
        column.addWidget(self.bikes)
        column.addWidget(self.subway)
        column.addWidget(self.trend_title)
        column.addWidget(self.trend, 1)

    def set_hotspots(self, hotspots: list[HotspotStatus]) -> None:
        shown = sorted(hotspots, key=attention)
        for row, status in zip(self.rows, shown):
            row.show_status(status)
        for index, row in enumerate(self.rows):
            row.setVisible(index < len(shown))
        self.empty.setVisible(not shown)
        mean, levels = citywide_text(hotspots)
        self.speed.setText(mean)
        self.levels.setText(levels)

    def set_closures(self, closures: list[Incident]) -> None:
        self.closures.setText(closures_text(closures) if closures else "현재 통제 중인 도로가 없습니다.")

    def set_extras(self, bikes: BikeCounts | None, lines: tuple[LineStatus, ...] | None) -> None:
        """The optional feeds' lines: 따릉이's empty and full stations, the watched subway lines."""
        self.bikes.setVisible(bikes is not None)
        self.subway.setVisible(lines is not None)
        if bikes is not None:
            self.bikes.setText(f"따릉이 · 빈 대여소 {bikes.empty:,}곳 · 가득 찬 곳 {bikes.full:,}곳 "
                               f"(전체 {bikes.stations:,}곳)")
        if lines is not None:
            self.subway.setText(subway_text(lines))
            self.subway.setStyleSheet(f"color:{theme.STATE_COLOURS['down'] if any(s.disrupted for s in lines) else theme.TEXT};")

    def set_trend(self, points: list[tuple[datetime, float]]) -> None:
        self.trend.set_points(points)
        self.trend_title.setText("오늘의 평균 속도 · 주요 지점 (km/h)" + ("" if points else " · 아직 자료 없음"))

    def set_health(self, health: FeedHealth, now: datetime) -> None:
        """The data's age, and a banner unless the feed is fresh (the last values stay)."""
        self.age.setText(data_age_text(health.source_time, health.last_success, now))
        show_health(self.state_banner, health, self._m)


def preview() -> QWidget:
    """Six sample hotspots."""
    now = datetime.now(timezone.utc)
    panel = TrafficPanel(theme.Metrics(1.0))
    panel.set_hotspots([HotspotStatus(name, now, road_level=road, road_speed=speed, crowd_level=crowd)
                        for name, road, speed, crowd in (("강남역", "정체", 12.0, "약간 붐빔"),
                                                         ("잠실종합운동장", "서행", 18.0, "붐빔"),
                                                         ("광화문·덕수궁", "원활", 31.0, "보통"))])
    panel.set_trend([(now - timedelta(minutes=15 * n), 25 + n % 5) for n in range(20)])
    return panel
