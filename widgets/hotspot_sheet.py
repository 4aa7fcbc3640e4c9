"""A hotspot's sheet (교통상황): its roads and crowd in the service's own words, the forecast, the
closures nearby, its nearest cameras, and 업무 지시 about it with the orders given."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from feeds.bikes import BikeCounts
from feeds.incidents import Incident
from feeds.traffic import HotspotStatus
from widgets import theme
from widgets.common import PanelFrame, close_button, text_label, title_row
from widgets.format import clock_text, value_text
from widgets.nearby_cameras import NearbyCamerasView
from widgets.sheet_actions import SheetActions

FACTS = ("도로", "도로 안내", "인파", "인파 안내", "예측", "주변 통제", "따릉이")
CLOSURES_SHOWN = 4


class HotspotSheet(PanelFrame):
    """Closable with one touch (`closed`); takes the wall's camera strip while it is shown."""

    closed = Signal()

    def __init__(self, metrics: theme.Metrics, camera_strip: NearbyCamerasView, parent: QWidget | None = None):
        super().__init__(metrics, "hotspotSheet", parent)
        self._m, self.strip = metrics, camera_strip
        self.area: str | None = None
        self.title = text_label("", metrics.font(theme.TITLE_MM, bold=True), elide=True)
        self.close_button = close_button(metrics, self.closed.emit)
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        self.strip_box = QVBoxLayout()
        self.actions = SheetActions(metrics)  # 업무 지시 about the place, and the orders given (hidden when off)
        self.source = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self._build(metrics)

    def _build(self, m: theme.Metrics) -> None:
        facts = QGridLayout()
        facts.setHorizontalSpacing(m.px(20))
        facts.setVerticalSpacing(m.px(8))
        for row, label in enumerate(FACTS):
            name = text_label(label, m.font(theme.BODY_MM), theme.TEXT_DIM)
            facts.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.names[label] = name
            value = text_label("", m.font(theme.BODY_MM, bold=True), wrap=True)
            facts.addWidget(value, row, 1)
            self.values[label] = value
        facts.setColumnStretch(1, 1)
        column = self.column
        column.setSpacing(m.px(12))
        column.addLayout(title_row(self.title, self.close_button))
        column.addLayout(facts)
        column.addLayout(self.strip_box)
        column.addWidget(self.actions)
        column.addStretch(1)
        column.addWidget(self.source)

    def show_status(self, status: HotspotStatus, closures: list[Incident], now: datetime, source_age: str,
                    bikes: BikeCounts | None = None) -> None:
        """Fill the sheet (again on every update while it is open); the 따릉이 row only with a bike feed."""
        self.strip_box.addWidget(self.strip)  # the wall's one camera strip comes here while this sheet is up
        self.area = status.area
        self.title.setText(status.area)
        speed = f"{value_text(status.road_speed)} km/h"
        texts = {"도로": f"{status.road_level or '—'} · 평균 {speed}",
                 "도로 안내": status.road_message or "—",
                 "인파": " · ".join(p for p in (status.crowd_level or "자료 없음", status.people) if p),
                 "인파 안내": status.crowd_message or "—",
                 "예측": " · ".join(f"{clock_text(s.at)} {s.label}" for s in status.forecast if s.at) or "예측 없음",
                 "주변 통제": closures_text(closures),
                 "따릉이": (f"반경 500 m 대여소 {bikes.stations}곳 · 자전거 {bikes.bikes}대 · 빈 곳 {bikes.empty}곳"
                            if bikes else "")}
        for label, text in texts.items():
            self.values[label].setText(text)
        for widget in (self.names["따릉이"], self.values["따릉이"]):
            widget.setVisible(bikes is not None)
        colours = {"도로": theme.ROAD_COLOURS.get(status.road_level or "", theme.TEXT),
                   "인파": theme.CROWD_COLOURS.get(status.crowd_level or "", theme.TEXT)}
        for label, colour in colours.items():
            self.values[label].setStyleSheet(f"color:{colour};")
        self.source.setText(f"출처 서울시 실시간 도시데이터 · {source_age}")


def closures_text(closures: list[Incident]) -> str:
    """"공사 · 세종대로 1개 차로 통제 · 12:00 해제 예정" per line, the first few."""
    if not closures:
        return "없음"
    lines = [" · ".join(p for p in (c.type_label, (c.detail or "").split("\n")[-1],
                                    f"{clock_text(c.expected_clear)} 해제 예정" if c.expected_clear else "") if p)
             for c in closures[:CLOSURES_SHOWN]]
    more = len(closures) - CLOSURES_SHOWN
    return "\n".join(lines + ([f"외 {more}건"] if more > 0 else []))


def preview() -> QWidget:
    """A crowded hotspot."""
    now = datetime.now(timezone.utc)
    sheet = HotspotSheet(theme.Metrics(1.0), NearbyCamerasView(theme.Metrics(1.0), 3))
    sheet.show_status(HotspotStatus("잠실종합운동장", now, road_level="정체", road_speed=11.0, crowd_level="붐빔",
                                    road_message="해당 장소로 이동·진입하는 도로가 많이 막혀요.", people_min=27000,
                                    people_max=29000), [], now, "방금")
    return sheet
