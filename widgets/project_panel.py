"""주요사업 panel: the projects by what needs the mayor's attention (slipping first), each with its
status, progress against plan and the current milestone's slip; a touch opens the project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from feeds.health import FeedHealth
from widgets import theme
from widgets.common import PanelFrame, health_banner, scrolling, show_health, text_label
from widgets.format import data_age_text
from widgets.progress_bar import ProgressBar

BROKEN = "파일 오류"  # a project whose file could not be read: the operator is told where, in the log and check-config


@dataclass(frozen=True)
class ProjectLine:
    """One project as its row shows it."""

    id: str
    name: str
    status: str  # 정상 / 지연 / 완료 / 중단, or BROKEN for a folder that never read well
    percent: float | None = None
    planned: float | None = None
    slip_days: int = 0
    milestone: str | None = None
    sample: bool = False
    broken: bool = False  # its files are broken now (the row shows the last good report)


def slip_text(line: ProjectLine) -> str:
    """"공사 +12일", "공사 · 계획대로", or "" when every milestone is done."""
    if line.milestone is None:
        return ""
    return f"{line.milestone} {'+' + str(line.slip_days) + '일' if line.slip_days > 0 else '· 계획대로'}"


def status_colour(status: str) -> str:
    return theme.PROJECT_STATUS_COLOURS.get(status, theme.NO_VALUE_COLOUR)


def chip_style(metrics: theme.Metrics, colour: str) -> str:
    return f"background:{colour}; color:{theme.ON_COLOUR}; border-radius:{metrics.px(5)}px; padding:{metrics.px(3)}px;"


class ProjectRow(QFrame):
    """Status chip, name, progress bar with the plan's tick, 공정률, the current milestone's slip."""

    def __init__(self, metrics: theme.Metrics, on_touch, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("projectRow")
        self._m, self._on_touch = metrics, on_touch
        self.project_id: str | None = None
        self.chip = text_label("", metrics.font(theme.BODY_MM, bold=True))
        self.chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chip.setFixedWidth(metrics.px(120))
        self.name = text_label("", metrics.font(theme.BODY_MM, bold=True), elide=True)
        self.bar = ProgressBar(metrics)
        self.bar.setFixedWidth(metrics.px(190))
        self.percent = text_label("", metrics.font(theme.BODY_MM, bold=True))
        self.percent.setFixedWidth(metrics.px(110))
        self.percent.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.slip = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.slip.setFixedWidth(metrics.px(230))
        row = QHBoxLayout(self)
        row.setContentsMargins(metrics.px(8), metrics.px(3), metrics.px(8), metrics.px(3))
        row.setSpacing(metrics.px(12))
        for widget, stretch in ((self.chip, 0), (self.name, 1), (self.bar, 0), (self.percent, 0), (self.slip, 0)):
            row.addWidget(widget, stretch)
        self.setMinimumHeight(metrics.px(theme.TOUCH_MM * 1.9))
        self.setStyleSheet(f"#projectRow {{ background:{theme.SURFACE_RAISED}; border-radius:{metrics.px(5)}px; }}")

    def show_line(self, line: ProjectLine) -> None:
        self.project_id = line.id
        colour = status_colour(line.status)
        self.chip.setText(line.status)
        self.chip.setStyleSheet(chip_style(self._m, colour))
        self.name.setText(line.name + (" ⚠" if line.broken else ""))
        self.bar.set_progress(line.percent or 0.0, line.planned, colour)
        self.percent.setText(f"{line.percent:.1f}%" if line.percent is not None else "—")
        self.slip.setText(slip_text(line))
        self.slip.setStyleSheet(f"color:{status_colour('지연') if line.slip_days > 0 else theme.TEXT_DIM};")

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.project_id is not None:
            self._on_touch(self.project_id)
        super().mousePressEvent(event)


class ProjectPanel(PanelFrame):
    """The list of projects (`project_selected(id)` on a touch), the counts by status, the files' age."""

    project_selected = Signal(str)

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "projectPanel", parent)
        self._m = metrics
        self.state_banner = health_banner(metrics)
        self.state_banner.hide()
        self.counts = text_label("—", metrics.font(theme.HEADING_MM, bold=True))
        self.age = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM)
        self.note = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        self.empty = text_label("아직 읽은 사업 파일이 없습니다.\nNo project files read yet.", metrics.font(theme.BODY_MM),
                                theme.TEXT_DIM, wrap=True)
        self.rows: list[ProjectRow] = []
        self._list = QVBoxLayout()
        self._build(metrics)

    def _build(self, m: theme.Metrics) -> None:
        holder = QWidget()
        holder.setLayout(self._list)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(m.px(5))
        self._list.addStretch(1)
        scroll = scrolling(holder)
        column = self.column
        column.setSpacing(m.px(8))
        column.addWidget(text_label("주요사업 · 추진 현황", m.font(theme.HEADING_MM, bold=True)))
        column.addWidget(self.state_banner)
        column.addWidget(self.counts)
        column.addWidget(self.age)
        column.addWidget(self.note)
        column.addWidget(self.empty)
        column.addWidget(scroll, 1)

    def set_projects(self, lines: list[ProjectLine], problems: int) -> None:
        """The rows in the order given (slipping first); a row per line, made once and refilled."""
        while len(self.rows) < len(lines):
            row = ProjectRow(self._m, self.project_selected.emit)
            self._list.insertWidget(len(self.rows), row)
            self.rows.append(row)
        for row, line in zip(self.rows, lines):
            row.show_line(line)
        for index, row in enumerate(self.rows):
            row.setVisible(index < len(lines))
        self.empty.setVisible(not lines)
        by_status = {s: sum(line.status == s for line in lines) for s in theme.PROJECT_STATUS_COLOURS}
        self.counts.setText(" · ".join([f"{len(lines)}개 사업"] + [f"{s} {n}" for s, n in by_status.items() if n])
                            if lines else "—")
        self.counts.setStyleSheet(f"color:{status_colour('지연') if by_status['지연'] else theme.TEXT};")
        notes = ["예시 자료: 사업명 외의 수치는 시연용입니다"] if any(line.sample for line in lines) else []
        notes += [f"⚠ 사업 파일 {problems}개를 읽지 못했습니다 · 운영자 확인 필요 (kiosk check-config)"] if problems else []
        self.note.setText(" · ".join(notes))
        self.note.setVisible(bool(notes))

    def set_health(self, health: FeedHealth, now: datetime) -> None:
        """When the files were last read; a banner unless the folder reads well."""
        self.age.setText(data_age_text(health.source_time, health.last_success, now, date_only=True)
                         + " · 파일이 바뀌면 바로 반영")
        show_health(self.state_banner, health, self._m)
