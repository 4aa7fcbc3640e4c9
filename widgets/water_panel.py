"""상수도 panel: tap water against the drinking-water standard first, the Han river's stations by grade,
yesterday's supply against the month, and the trends."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from feeds.health import FeedHealth
from feeds.records import SEOUL_TZ
from feeds.water import (RIVER_GRADES, SUPPLIED, TAP_LIMITS, TRANSMITTED, RiverQuality, TapReading, WaterSupply,
                         river_grade, tap_breaches)
from widgets import theme
from widgets.common import PanelFrame, health_banner, show_health, text_label
from widgets.format import clock_text, data_age_text, day_text, value_text
from widgets.trend_chart import TrendChart

MAX_STATIONS = 8
BREACHES_SHOWN = 3
TAP_SERIES = ("잔류염소 mg/L", "탁도 NTU")


def grade_text(grade: int | None) -> str:
    return RIVER_GRADES[grade] if grade is not None else "등급 없음"


def tap_mean(readings: tuple[TapReading, ...], field: str) -> float | None:
    values = [getattr(r, field) for r in readings if getattr(r, field) is not None]
    return sum(values) / len(values) if values else None


def tap_summary(readings: tuple[TapReading, ...]) -> str:
    """"잔류염소 0.55 mg/L (기준 0.1~4.0 mg/L) · 탁도 …": Seoul's means beside their limits."""
    return "\n".join(f"{limit.label} 평균 {value_text(tap_mean(readings, limit.field), 2)} {limit.unit}"
                     f" · 기준 {limit.range_text}" for limit in TAP_LIMITS)


def sites_text(supply: tuple[WaterSupply, ...]) -> str:
    """"송수 · 강북 83만 · 암사 67만 …" per measure, the largest site first (sites compared within one measure)."""
    lines = []
    for measure in (TRANSMITTED, SUPPLIED):
        sites = sorted((s for s in supply if s.measure == measure and s.volume_m3 is not None),
                       key=lambda s: -s.volume_m3)
        if sites:
            lines.append(f"{measure} · " + " · ".join(f"{s.site} {s.volume_m3 / 10_000:,.0f}만" for s in sites))
    return "\n".join(lines)


def breached_text(reading: TapReading) -> str:
    """"탁도 0.82 NTU (기준 0.5 NTU 이하)" for each limit the reading is outside of."""
    return " · ".join(f"{limit.label} {value_text(getattr(reading, limit.field), 2)} {limit.unit}"
                      f" (기준 {limit.range_text})" for limit in tap_breaches(reading))


def breach_text(reading: TapReading, since: datetime | None) -> str:
    """"종로구 청운효자동 · 탁도 0.82 NTU (기준 0.5 NTU 이하) · 11:00부터"."""
    where = " ".join(p for p in (reading.district, reading.dong) if p) or reading.point_id
    return f"{where} · {breached_text(reading)}" + (f" · {clock_text(since)}부터" if since else "")


def supply_text(trend: list[tuple[datetime, float]], now: datetime) -> str:
    """"어제(11/29) 공급량 3,120,000 m³ · 29일 평균보다 1.2 % 많음" (or why there is no figure)."""
    if not trend:
        return "공급량 · 아직 받은 자료가 없습니다."
    day, total = trend[-1]
    text = f"{day_text(day, now)} 공급량 {total:,.0f} m³"
    earlier = [v for d, v in trend if d < day]
    if len(earlier) < 7:
        return text + f" · 비교할 기록 {len(earlier)}일 (7일부터 비교)"
    mean = sum(earlier) / len(earlier)
    change = (total - mean) / mean * 100
    return text + f" · {len(earlier)}일 평균보다 {abs(change):.1f} % {'많음' if change >= 0 else '적음'}"


class StationRow(QFrame):
    """One river station: its grade as a coloured chip, its name, DO · TOC · 수온; a touch opens it."""

    def __init__(self, metrics: theme.Metrics, on_touch, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stationRow")
        self._m, self._on_touch = metrics, on_touch
        self.station: str | None = None
        self.chip = text_label("", metrics.font(theme.BODY_MM, bold=True))
        self.chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chip.setFixedWidth(metrics.px(190))
        self.name = text_label("", metrics.font(theme.BODY_MM, bold=True), elide=True)
        self.values = text_label("", metrics.font(theme.BODY_MM))
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(8), metrics.px(5), metrics.px(8), metrics.px(5))
        row.setSpacing(metrics.px(12))
        row.addWidget(self.chip)
        row.addWidget(self.name, 1)
        row.addWidget(self.values)
        self.setMinimumHeight(metrics.px(theme.TOUCH_MM * 2.2))
        self.setStyleSheet(f"#stationRow {{ background:{theme.SURFACE_RAISED}; border-radius:{metrics.px(5)}px; }}")

    def show_reading(self, reading: RiverQuality) -> None:
        self.station = reading.station
        grade = river_grade(reading)
        self.chip.setText(grade_text(grade))
        self.chip.setStyleSheet(f"background:{theme.river_colour(grade)}; color:{theme.PIN_TEXT};"
                                f"border-radius:{self._m.px(5)}px; padding:{self._m.px(3)}px;")
        self.name.setText(reading.station)
        self.values.setText(f"DO {value_text(reading.do_mg_l, 1)} · TOC {value_text(reading.toc_mg_l, 1)}"
                            f" · {value_text(reading.temp_c, 1)}℃")

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.station is not None:
            self._on_touch(self.station)
        super().mousePressEvent(event)


class WaterPanel(PanelFrame):
    """The tap water's state and breaches, the river stations (`station_selected`), supply and trends."""

    station_selected = Signal(str)

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "waterPanel", parent)
        self._m = metrics
        self.state_banner = health_banner(metrics)
        self.state_banner.hide()
        self.state = text_label("—", metrics.font(theme.TITLE_MM, bold=True))
        self.points = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM)
        self.tap_values = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.breaches = text_label("", metrics.font(theme.BODY_MM, bold=True), theme.STATE_COLOURS["down"], wrap=True)
        self.age = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.rows = [StationRow(metrics, self.station_selected.emit) for _ in range(MAX_STATIONS)]
        self.no_stations = text_label("한강 수질 · 아직 받은 자료가 없습니다.", metrics.font(theme.BODY_MM), theme.TEXT_DIM)
        self.supply = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.sites = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self.trend_title = text_label("", metrics.font(theme.BODY_MM, bold=True))
        self.trend = TrendChart(metrics, TAP_SERIES, y_floor=1.0)
        self.supply_title = text_label("공급량 · 최근 30일 (만 m³)", metrics.font(theme.BODY_MM, bold=True))
        self.supply_trend = TrendChart(metrics, ("공급량",), y_floor=100)
        self.district: str | None = None
        self._build(metrics)

    def _build(self, m: theme.Metrics) -> None:
        column = self.column
        column.setSpacing(m.px(8))
        column.addWidget(text_label("상수도 · 아리수 수질과 공급", m.font(theme.HEADING_MM, bold=True)))
        column.addWidget(self.state_banner)
        summary = QHBoxLayout()
        summary.addWidget(self.state)
        summary.addStretch(1)
        summary.addWidget(self.points, alignment=Qt.AlignmentFlag.AlignBottom)
        column.addLayout(summary)
        column.addWidget(self.tap_values)
        column.addWidget(self.breaches)
        column.addWidget(self.age)
        column.addWidget(text_label("한강 수질 · 자동측정소 (하천 생활환경기준 등급)", m.font(theme.BODY_MM, bold=True)))
        for row in self.rows:
            column.addWidget(row)
        column.addWidget(self.no_stations)
        column.addWidget(self.supply)
        column.addWidget(self.sites)
        column.addWidget(self.trend_title)
        column.addWidget(self.trend, 3)
        column.addWidget(self.supply_title)
        column.addWidget(self.supply_trend, 2)

    def set_tap(self, readings: tuple[TapReading, ...], breaching: dict[str, datetime]) -> None:
        """The sensors' state: 수질 정상, or how many are outside the standard and where."""
        broken = [r for r in readings if tap_breaches(r)]
        if not readings:
            self.state.setText("수질 자료 없음")
            colour = theme.TEXT_DIM
        else:
            self.state.setText(f"기준 초과 {len(broken)}곳" if broken else "수질 정상")
            colour = theme.STATE_COLOURS["down" if broken else "fresh"]
        self.state.setStyleSheet(f"color:{colour};")
        self.points.setText(f"수돗물 측정 {len(readings)}곳" if readings else "")
        self.tap_values.setText(tap_summary(readings) if readings else "")
        lines = [breach_text(r, breaching.get(r.point_id)) for r in broken[:BREACHES_SHOWN]]
        if len(broken) > BREACHES_SHOWN:
            lines.append(f"외 {len(broken) - BREACHES_SHOWN}곳")
        self.breaches.setText("\n".join(lines))
        self.breaches.setVisible(bool(broken))

    def set_stations(self, readings: tuple[RiverQuality, ...]) -> None:
        """The stations, worst grade first."""
        shown = sorted(readings, key=lambda r: (-(river_grade(r) if river_grade(r) is not None else -1), r.station))
        for row, reading in zip(self.rows, shown):
            row.show_reading(reading)
        for index, row in enumerate(self.rows):
            row.setVisible(index < len(shown))
        self.no_stations.setVisible(not shown)

    def set_supply(self, supply: tuple[WaterSupply, ...], trend: list[tuple[datetime, float]], now: datetime) -> None:
        """The newest day's total against the month before it, each site's figures (m³), the 30 days."""
        self.supply.setText(supply_text(trend, now))
        self.sites.setText(sites_text(supply))
        self.sites.setVisible(bool(supply))
        self.supply_trend.set_points([(day, total / 10_000) for day, total in trend])

    def set_trend(self, points: list[tuple[datetime, float | None, float | None]], district: str | None) -> None:
        """The tap water's last 24 hours: Seoul's, or a touched district's."""
        self.trend.set_points(points)
        self.trend_title.setText(f"수돗물 24시간 추이 · {district or '서울 평균'}"
                                 + ("" if points else " · 아직 자료 없음"))

    def set_health(self, health: FeedHealth, now: datetime) -> None:
        """The tap water's age, and a banner unless its feed is fresh (the last values stay)."""
        self.age.setText("수돗물 " + data_age_text(health.source_time, health.last_success, now))
        show_health(self.state_banner, health, self._m)


def preview() -> QWidget:
    """Sample readings with one breach."""
    now = datetime.now(timezone.utc)
    panel = WaterPanel(theme.Metrics(1.0))
    hour = now.astimezone(SEOUL_TZ).replace(minute=0, second=0, microsecond=0)
    panel.set_tap((TapReading("T1", hour, "종로구", "청운효자동", chlorine_mg_l=0.5, turbidity_ntu=0.82, ph=7.1),
                   TapReading("T2", hour, "중구", "명동", chlorine_mg_l=0.6, turbidity_ntu=0.06, ph=7.3)), {"T1": hour})
    panel.set_stations((RiverQuality("선유", hour, temp_c=12.0, ph=7.5, do_mg_l=4.1, toc_mg_l=5.5),
                        RiverQuality("구의", hour, temp_c=11.0, ph=7.6, do_mg_l=9.8, toc_mg_l=2.1)))
    panel.set_trend([(hour - timedelta(hours=h), 0.5, 0.07) for h in range(24, 0, -1)], None)
    return panel
