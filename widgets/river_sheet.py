"""A Han-river station's sheet (상수도): each measure with the grade it earns and that grade's limit,
and the station's last 24 hours."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from feeds.records import SEOUL_TZ
from feeds.water import RIVER_MEASURES, RiverQuality, measure_grade, river_grade
from widgets import theme
from widgets.common import PanelFrame, close_button, text_label, title_row
from widgets.format import value_text
from widgets.trend_chart import TrendChart
from widgets.water_panel import grade_text

UNITS = {"do_mg_l": "mg/L", "toc_mg_l": "mg/L", "tp_mg_l": "mg/L", "ph": ""}
STANDARD = ("하천 생활환경기준 (환경정책기본법 시행령 별표1) · III 보통 이내: "
            "DO 5.0 mg/L 이상 · TOC 5 mg/L 이하 · T-P 0.2 mg/L 이하 · pH 6.5~8.5")


class RiverSheet(PanelFrame):
    """Closable with one touch (`closed`)."""

    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "riverSheet", parent)
        self._m = metrics
        self.station: str | None = None
        self.title = text_label("", metrics.font(theme.TITLE_MM, bold=True), elide=True)
        self.grade = text_label("", metrics.font(theme.HEADING_MM, bold=True))
        self.close_button = close_button(metrics, self.closed.emit)
        self.values: dict[str, QLabel] = {}
        self.grades: dict[str, QLabel] = {}
        self.other = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.trend_title = text_label("", metrics.font(theme.BODY_MM, bold=True))
        self.trend = TrendChart(metrics, ("DO mg/L", "TOC mg/L"), y_floor=10)
        self.source = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self._build(metrics)

    def _build(self, m: theme.Metrics) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(m.px(20))
        grid.setVerticalSpacing(m.px(8))
        for row, (field, label) in enumerate(RIVER_MEASURES.items()):
            grid.addWidget(text_label(label, m.font(theme.BODY_MM), theme.TEXT_DIM), row, 0)
            self.values[field] = text_label("", m.font(theme.BODY_MM, bold=True))
            grid.addWidget(self.values[field], row, 1)
            self.grades[field] = text_label("", m.font(theme.BODY_MM, bold=True))
            grid.addWidget(self.grades[field], row, 2)
        grid.setColumnStretch(2, 1)
        column = self.column
        column.setSpacing(m.px(12))
        column.addLayout(title_row(self.title, self.close_button))
        column.addWidget(self.grade)
        column.addLayout(grid)
        column.addWidget(self.other)
        column.addWidget(text_label(STANDARD, m.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True))
        column.addWidget(self.trend_title)
        column.addWidget(self.trend, 1)
        column.addWidget(self.source)

    def show_reading(self, reading: RiverQuality, trend: list[tuple], source_age: str) -> None:
        """Fill the sheet (again on every update while it is open)."""
        self.station = reading.station
        self.title.setText(f"{reading.station} 수질자동측정소")
        grade = river_grade(reading)
        self.grade.setText(f"종합 {grade_text(grade)} · 가장 나쁜 항목 기준")
        self.grade.setStyleSheet(f"color:{theme.river_colour(grade)};")
        for field in RIVER_MEASURES:
            value = getattr(reading, field)
            own = measure_grade(field, value)
            self.values[field].setText(f"{value_text(value, 2 if field == 'tp_mg_l' else 1)} {UNITS[field]}".strip())
            self.grades[field].setText(grade_text(own) if own is not None else "—")
            self.grades[field].setStyleSheet(f"color:{theme.river_colour(own)};")
        self.other.setText(f"수온 {value_text(reading.temp_c, 1)} ℃ · 총질소 T-N {value_text(reading.tn_mg_l, 2)} mg/L")
        self.trend.set_points(trend)
        self.trend_title.setText("24시간 추이 · DO와 TOC" + ("" if trend else " · 아직 자료 없음"))
        self.source.setText(f"출처 서울시 한강 수질자동측정망 (WPOSInformationTime) · {source_age}")


def preview() -> QWidget:
    """A station after rain."""
    hour = datetime.now(timezone.utc).astimezone(SEOUL_TZ).replace(minute=0, second=0, microsecond=0)
    sheet = RiverSheet(theme.Metrics(1.0))
    sheet.show_reading(RiverQuality("선유", hour, temp_c=12.0, ph=7.4, do_mg_l=4.2, toc_mg_l=5.6, tn_mg_l=3.1,
                                    tp_mg_l=0.11), [(hour - timedelta(hours=h), 6 - h / 10, 4 + h / 20)
                                                    for h in range(24, 0, -1)], "14:00 기준 · 방금")
    return sheet
