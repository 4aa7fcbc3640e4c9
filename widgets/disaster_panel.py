"""재난안전 panel: active incidents by severity with their stage, the day's fire figures, 재난문자."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from feeds.incidents import FEED_KINDS, KINDS, DisasterMessage, FireStats, Incident, Stage
from feeds.traffic import WeatherWarning
from widgets import theme
from widgets.common import PanelFrame, text_label
from widgets.fitting_rows import FittingRows
from widgets.format import elapsed_text, when_text
from widgets.incident_item import IncidentItem, headline
from widgets.stage_bar import StageBar

MAX_ROWS = 10
TICKER_MS = 8000
CHIP_MM = 95.0


class KindFilter(QWidget):
    """One toggle chip per incident kind; emits the set of kinds shown."""

    changed = Signal(object)  # frozenset[str]

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(metrics.px(8))
        self.buttons: dict[str, QPushButton] = {}
        for kind in FEED_KINDS:
            label = KINDS[kind][0]
            button = QPushButton(label)
            button.setCheckable(True)
            button.setChecked(True)
            button.setFont(metrics.font(theme.BODY_MM, bold=True))
            button.setMinimumHeight(metrics.px(theme.TOUCH_MM * 1.6))
            colour = theme.kind_colour(kind)
            button.setStyleSheet(
                f"QPushButton {{ background:{theme.SURFACE_RAISED}; color:{theme.TEXT_DIM}; border:none;"
                f" border-radius:{metrics.px(5)}px; }}"
                f"QPushButton:checked {{ background:{colour}; color:{theme.PIN_TEXT}; }}")
            button.toggled.connect(lambda _on: self.changed.emit(self.kinds()))
            self.buttons[kind] = button
            row.addWidget(button, 1)

    def kinds(self) -> frozenset[str]:
        """The kinds currently shown."""
        return frozenset(k for k, b in self.buttons.items() if b.isChecked())


class IncidentRow(QFrame):
    """One incident: kind chip, where and what, stage bar, current stage, time and agency."""

    def __init__(self, metrics: theme.Metrics, on_touch, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("incidentRow")
        self._m, self._on_touch = metrics, on_touch
        self.key: str | None = None
        self.chip = text_label("", metrics.font(theme.BODY_MM, bold=True))
        self.chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chip.setFixedWidth(metrics.px(CHIP_MM))
        self.title = text_label("", metrics.font(theme.BODY_MM, bold=True))
        self.bar = StageBar(metrics)
        self.status = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        lines = QVBoxLayout()
        lines.setSpacing(metrics.px(3))
        for widget in (self.title, self.bar, self.status):
            lines.addWidget(widget)
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(8), metrics.px(6), metrics.px(8), metrics.px(6))
        row.setSpacing(metrics.px(12))
        row.addWidget(self.chip)
        row.addLayout(lines, 1)
        self.setMinimumHeight(metrics.px(theme.TOUCH_MM * 2.5))

    def show_item(self, item: IncidentItem, now: datetime) -> None:
        """Fill the row from an incident."""
        self.key = item.key
        incident = item.incident
        colour = theme.kind_colour(incident.kind)
        self.chip.setText(chip_text(incident))
        self.chip.setStyleSheet(f"background:{colour if not incident.closed else theme.SURFACE_RAISED};"
                                f"color:{theme.PIN_TEXT if not incident.closed else theme.TEXT_DIM};"
                                f"border-radius:{self._m.px(5)}px; padding:{self._m.px(4)}px;")
        self.title.setText(_elide(headline(incident), 38))
        self.bar.set_incident(incident)
        self.status.setText(status_line(incident, now))
        border = colour if incident.kind == "fire" and not incident.closed else theme.SURFACE_RAISED
        self.setStyleSheet(f"#incidentRow {{ background:{theme.SURFACE_RAISED}; border:{self._m.px(1.2)}px solid "
                           f"{border}; border-radius:{self._m.px(5)}px; }}")

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.key is not None:
            self._on_touch(self.key)
        super().mousePressEvent(event)


def clearing_text(incident: Incident, now: datetime) -> str:
    """"12:00 해제 예정" for an open incident the source expects to clear (road closures), else ""."""
    if incident.closed or incident.expected_clear is None:
        return ""
    return f"{when_text(incident.expected_clear, now)} 해제 예정"


def chip_text(incident: Incident) -> str:
    """119 kinds by name (화재/구조/구급); road and other incidents by what the source calls them."""
    return incident.kind_label if incident.kind in ("fire", "rescue", "ems") else incident.type_label[:5]


def status_line(incident: Incident, now: datetime) -> str:
    """"활동개시 10:08 · 14분 경과 · 강동소방서", a closure's "통제중 · 25분 경과 · 12:00 해제 예정"
    (closed: "상황종결 10:52 · 종료")."""
    stage_at = next((s.at for s in reversed(incident.stages) if s.label == incident.stage), None)
    stage = f"{incident.stage or '단계 미상'} {when_text(stage_at, now) if stage_at else ''}".strip()
    parts = [stage, "종료" if incident.closed else elapsed_text(incident.occurred_at, now), incident.agency or "",
             clearing_text(incident, now)]
    if incident.outside_seoul:
        parts.append("서울 밖 좌표")
    elif not incident.has_pin:
        parts.append("위치 미표시")
    return " · ".join(p for p in parts if p)


class DisasterPanel(PanelFrame):
    """Lists what is happening now; touching a row emits `incident_selected(key)`."""

    incident_selected = Signal(str)

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "disasterPanel", parent)
        self._m = metrics
        self.title = text_label("재난안전 · 실시간 사고와 출동", metrics.font(theme.HEADING_MM, bold=True))
        self.state_banner = text_label("", metrics.font(theme.BODY_MM, bold=True), wrap=True)
        self.state_banner.hide()
        self.filter = KindFilter(metrics)
        self.filter.changed.connect(lambda _kinds: self._fill())
        self.summary = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM)
        self.rows = [IncidentRow(metrics, self.incident_selected.emit) for _ in range(MAX_ROWS)]
        self.listed = FittingRows(self.rows, metrics.px(8))
        self.listed.fitted.connect(self._count_the_rest)
        self.empty = text_label("", metrics.font(theme.BODY_MM), theme.TEXT_DIM, wrap=True)
        self.more = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.fire_stats = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.ticker = text_label("", metrics.font(theme.BODY_MM), wrap=True)
        self.warnings = text_label("", metrics.font(theme.BODY_MM, bold=True), theme.STATE_COLOURS["stale"], wrap=True)
        self._items: list[IncidentItem] = []
        self._have_data = False
        self._messages: list[DisasterMessage] = []
        self._ticker_index = 0
        self._now = datetime.now(timezone.utc)
        self._build(metrics)
        self._ticker_timer = QTimer(self, interval=TICKER_MS, timeout=self._next_message)
        self._ticker_timer.start()

    def _build(self, m: theme.Metrics) -> None:
        column = self.column
        column.setSpacing(m.px(8))
        column.addWidget(self.title)
        column.addWidget(self.state_banner)
        column.addWidget(self.filter)
        column.addWidget(self.summary)
        column.addWidget(self.listed, 1)
        column.addWidget(self.empty)
        column.addWidget(self.more)
        column.addWidget(text_label("소방청 공식 집계 · 서울 화재 (벽의 실시간 건수와 별개)", m.font(theme.BODY_MM, bold=True)))
        column.addWidget(self.fire_stats)
        column.addWidget(self.warnings)
        column.addWidget(text_label("재난문자", m.font(theme.BODY_MM, bold=True)))
        self.ticker.setMinimumHeight(m.px(theme.BODY_MM * 2.6))
        self.ticker.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.ticker.setStyleSheet(f"background:{theme.SURFACE_RAISED}; border-radius:{m.px(5)}px;"
                                  f"padding:{m.px(6)}px;")
        column.addWidget(self.ticker)

    def set_incidents(self, items: list[IncidentItem], now: datetime, have_data: bool = True) -> None:
        """The incidents to list, already in order (open by severity, then newest). `have_data`
        is False while no incident feed has answered yet: "no incidents" would then be a guess."""
        self._items, self._now, self._have_data = items, now, have_data
        self._fill()

    def visible_items(self) -> list[IncidentItem]:
        """The incidents the kind filter lets through."""
        kinds = self.filter.kinds()
        return [i for i in self._items if i.incident.kind in kinds]

    def _fill(self) -> None:
        shown = self.visible_items()
        open_count = sum(not i.incident.closed for i in shown)
        self.summary.setText(f"진행 중 {open_count}건 · 최근 종료 {len(shown) - open_count}건")
        for row, item in zip(self.rows, shown):
            row.show_item(item, self._now)
        self.listed.set_count(len(shown))
        nothing = ("현재 진행 중인 사고가 없습니다.\nNo incidents right now." if self._have_data
                   else "아직 받은 자료가 없습니다.\nNo data received yet.")
        self.empty.setText(nothing if not shown else "")
        self.empty.setVisible(not shown)
        self._count_the_rest()

    def _count_the_rest(self) -> None:
        hidden = len(self.visible_items()) - self.listed.shown
        self.more.setText(f"외 {hidden}건 — 지도에서 확인하세요" if hidden > 0 else "")

    def set_fire_stats(self, stats: FireStats | None, received: str) -> None:
        """소방청's figures for a day, with that day and when they came ("오늘(11/30) 집계 · 3분 전 받음")."""
        if stats is None:
            self.fire_stats.setText("자료 없음 · no figures yet")
            return
        figures = (("접수", stats.received), ("진행", stats.in_progress), ("종료", stats.ended),
                   ("자체진화", stats.self_extinguished), ("오보", stats.false_alarm), ("허위", stats.false_report))
        values = "  ".join(f"{label} {'—' if value is None else value}" for label, value in figures)
        self.fire_stats.setText(f"{values}\n{received}")

    def set_messages(self, messages: list[DisasterMessage]) -> None:
        """The 재난문자 to rotate through, newest first."""
        if [m.message_id for m in messages] != [m.message_id for m in self._messages]:
            self._ticker_index = 0
        self._messages = messages
        self._show_message()

    def set_warnings(self, warnings: list[WeatherWarning]) -> None:
        """The weather warnings in force: "기상특보 · 한파 경보 (18:00 발표) · 건조 주의보 (06:00 발표)"."""
        parts = [f"{w.title} ({when_text(w.announced_at, self._now)} 발표)" if w.announced_at else w.title
                 for w in warnings]
        self.warnings.setText("기상특보 · " + " · ".join(parts) if parts else "")
        self.warnings.setVisible(bool(parts))

    def set_problems(self, text: str | None) -> None:
        """A banner naming feeds that are late or down (None hides it; the last data stays listed)."""
        self.state_banner.setVisible(bool(text))
        self.state_banner.setText(text or "")
        self.state_banner.setStyleSheet(f"background:{theme.STATE_COLOURS['stale']}; color:{theme.ON_COLOUR};"
                                        f"border-radius:{self._m.px(4)}px; padding:{self._m.px(5)}px;")

    def _next_message(self) -> None:
        if self._messages:
            self._ticker_index = (self._ticker_index + 1) % len(self._messages)
            self._show_message()

    def _show_message(self) -> None:
        if not self._messages:
            self.ticker.setText("수신된 재난문자가 없습니다.")
            return
        message = self._messages[self._ticker_index % len(self._messages)]
        head = " · ".join(p for p in (message.category, message.region, when_text(message.sent_at, self._now)) if p)
        count = f"  ({self._ticker_index % len(self._messages) + 1}/{len(self._messages)})"
        self.ticker.setText(f"[{head}]{count if len(self._messages) > 1 else ''}\n{message.text}")


def _elide(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def sample_items(now: datetime) -> list[IncidentItem]:
    """Invented incidents for previews."""
    def ago(minutes):
        return now - timedelta(minutes=minutes)
    fire = Incident("F-1", "fire", "화재", ago(14), 37.5386, 127.1237, "서울특별시 강동구 성내동 123", "강동구", "성내동",
                    "강동소방서", "활동개시", (Stage("출동지령", ago(14)), Stage("현장도착", ago(9)),
                                           Stage("활동개시", ago(8))), detail="주택 화재")
    ems = Incident("E-7", "ems", "구급", ago(3), 37.5172, 127.0473, None, "강남구", "삼성동", "강남소방서", "출동중",
                   (Stage("지령하달", ago(3)), Stage("출동중", ago(2))), detail="호흡곤란")
    road = Incident("1011234", "road", "공사", ago(70), 37.5663, 126.9779, None, "중구", "태평로1가",
                    stage="통제중", detail="시설물보수 · 부분 통제\n세종대로 2차로")
    return [IncidentItem(f"x/{i.source_id}", i, "x", "예시") for i in (fire, ems, road)]


def preview() -> QWidget:
    """DisasterPanel with sample incidents, figures and a message."""
    now = datetime.now(timezone.utc)
    panel = DisasterPanel(theme.Metrics(1.0))
    panel.set_incidents(sample_items(now), now)
    panel.set_fire_stats(FireStats("2026-11-24", "서울특별시", 9, 1, 3, 4, 1, 0), "오늘(11/24) 집계 · 3분 전 받음")
    panel.set_messages([DisasterMessage("m", "[서울특별시] 한파경보 발효 중입니다.", "한파", "서울특별시 전체", now)])
    return panel
