"""The incident detail sheet: what, when, where, who, the stage timeline, source and data age."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from feeds.incidents import Incident, Stage, chain
from widgets import theme
from widgets.common import PanelFrame, close_button, text_label
from widgets.disaster_panel import chip_text, clearing_text, sample_items
from widgets.format import elapsed_text, when_text
from widgets.incident_item import IncidentItem
from widgets.nearby_cameras import NearbyCamerasView
from widgets.sheet_actions import SheetActions
from widgets.stage_bar import StageBar


class IncidentSheet(PanelFrame):
    """Large and closable with one touch (`closed`). `cctv_slot` is the wall's camera strip: live
    tiles of the nearest cameras (filled by the CCTV controller, hidden when the incident has no
    position); `actions`: a call to each person the handling agency offers, 업무 지시, the orders given about it."""

    closed = Signal()

    def __init__(self, metrics: theme.Metrics, camera_strip: NearbyCamerasView, parent: QWidget | None = None):
        super().__init__(metrics, "incidentSheet", parent)
        self._m = metrics
        self.key: str | None = None
        self.chip = text_label("", metrics.font(theme.HEADING_MM, bold=True))
        self.chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chip.setMinimumWidth(metrics.px(130))
        self.title = text_label("", metrics.font(theme.HEADING_MM, bold=True), wrap=True)
        self.close_button = close_button(metrics, self.closed.emit)
        self.facts = QGridLayout()
        self.fact_values: dict[str, QLabel] = {}
        self.bar = StageBar(metrics, height_mm=12)
        self.timeline = QGridLayout()
        self.detail = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.flags = text_label("", metrics.font(theme.BODY_MM, bold=True), theme.KIND_COLOURS["ems"], wrap=True)
        self.source = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self.cctv_slot = camera_strip
        self.strip_box = QVBoxLayout()  # the strip is the wall's one: each sheet takes it when shown
        self.strip_box.addWidget(camera_strip)
        self.actions = SheetActions(metrics)  # the handling agency's people, 업무 지시 and its orders
        self._build(metrics)

    def _build(self, m: theme.Metrics) -> None:
        top = QHBoxLayout()
        top.setSpacing(m.px(15))
        top.addWidget(self.chip)
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button, alignment=Qt.AlignmentFlag.AlignTop)
        self.facts.setHorizontalSpacing(m.px(20))
        self.facts.setVerticalSpacing(m.px(4))
        for row, label in enumerate(("발생", "주소", "위치", "관할", "현재")):
            self.facts.addWidget(text_label(label, m.font(theme.BODY_MM), theme.TEXT_DIM), row, 0,
                                 Qt.AlignmentFlag.AlignTop)
            value = text_label("", m.font(theme.BODY_MM, bold=True), wrap=True)
            self.facts.addWidget(value, row, 1)
            self.fact_values[label] = value
        self.facts.setColumnStretch(1, 1)
        self.timeline.setHorizontalSpacing(m.px(20))
        self.timeline.setVerticalSpacing(m.px(2))
        column = self.column
        column.setSpacing(m.px(12))
        column.addLayout(top)
        column.addLayout(self.facts)
        column.addWidget(text_label("출동 단계", m.font(theme.BODY_MM, bold=True)))
        column.addWidget(self.bar)
        column.addLayout(self.timeline)
        column.addWidget(self.detail)
        column.addWidget(self.flags)
        column.addLayout(self.strip_box)
        column.addWidget(self.actions)
        column.addStretch(1)
        column.addWidget(self.source)
        self.cctv_slot.hide()

    def show_item(self, item: IncidentItem, now: datetime, source_age: str) -> None:
        """Fill the sheet from an incident (called again on every update while it is open)."""
        self.strip_box.addWidget(self.cctv_slot)  # back from another sheet (a no-op when it is here)
        self.key = item.key
        incident = item.incident
        colour = theme.kind_colour(incident.kind)
        self.chip.setText(chip_text(incident))
        self.chip.setStyleSheet(f"background:{colour}; color:{theme.PIN_TEXT}; border-radius:{self._m.px(6)}px;"
                                f"padding:{self._m.px(6)}px;")
        self.title.setText((incident.detail or incident.type_label).split("\n")[0])
        occurred = when_text(incident.occurred_at, now)
        elapsed = "종료" if incident.closed else elapsed_text(incident.occurred_at, now)
        values = {"발생": f"{occurred} · {elapsed}" if elapsed else occurred,
                  "주소": incident.address or "주소 정보 없음",
                  "위치": " ".join(p for p in (incident.district, incident.dong) if p) or "—",
                  "관할": incident.agency or "—",
                  "현재": " · ".join(p for p in (incident.stage or "단계 미상", clearing_text(incident, now)) if p)}
        for label, text in values.items():
            self.fact_values[label].setText(text)
        self.bar.set_incident(incident)
        self._fill_timeline(incident, now)
        rest = (incident.detail or "").split("\n")[1:]
        self.detail.setText("\n".join(rest))
        self.detail.setVisible(bool(rest))
        self.flags.setText(_flags(incident))
        self.flags.setVisible(bool(self.flags.text()))
        self.source.setText(f"출처 {item.source} · {source_age}")

    def _fill_timeline(self, incident: Incident, now: datetime) -> None:
        while self.timeline.count():
            widget = self.timeline.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for row, (label, stage) in enumerate(timeline(incident)):
            reached = stage is not None
            colour = theme.TEXT if reached else theme.TEXT_DIM
            mark = "●" if reached else "○"
            when = when_text(stage.at, now) if reached and stage.at else ("시각 미상" if reached else "—")
            since = _offset(incident, stage)
            cells = (f"{mark} {label}", when, since)
            for col, text in enumerate(cells):
                cell = text_label(text, self._m.font(theme.BODY_MM, bold=reached and label == incident.stage), colour)
                self.timeline.addWidget(cell, row, col)
        self.timeline.setColumnStretch(2, 1)


def timeline(incident: Incident) -> list[tuple[str, Stage | None]]:
    """Every stage of the chain with its reached Stage (or None), then stages the chain lacks."""
    reached = {s.label: s for s in incident.stages}
    steps = [(label, reached.get(label)) for label in chain(incident.kind)]
    extra = [(s.label, s) for s in incident.stages if s.label not in chain(incident.kind)]
    return steps + extra


def _offset(incident: Incident, stage: Stage | None) -> str:
    if stage is None or stage.at is None or incident.occurred_at is None:
        return ""
    minutes = int((stage.at - incident.occurred_at).total_seconds() // 60)
    return f"+{minutes}분" if minutes > 0 else ""


def _flags(incident: Incident) -> str:
    if incident.outside_seoul:
        return "⚠ 좌표가 서울 밖입니다 · coordinates lie outside Seoul"
    if not incident.has_pin:
        return "위치 좌표 없음 — 지도에 표시되지 않습니다 · no coordinates"
    return ""


def preview() -> QWidget:
    """IncidentSheet showing a sample fire."""
    now = datetime.now(timezone.utc)
    sheet = IncidentSheet(theme.Metrics(1.0), NearbyCamerasView(theme.Metrics(1.0), 3))
    sheet.show_item(sample_items(now)[0], now, "10:15 기준 · 방금")
    return sheet
