"""추진일정 as plan against actual: per milestone the planned bar (grey) over the actual one (green,
orange past the planned end), the slip in days at the end of the row, and today's line."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from feeds.project_schedule import slip
from feeds.projects import Milestone
from widgets import theme

LABEL_SHARE, SLIP_SHARE = 0.26, 0.12  # of the width: milestone names on the left, slips on the right
ROW_MAX_MM = 90.0  # a few milestones do not make bars as tall as the sheet
ON_TIME, LATE = theme.PROJECT_STATUS_COLOURS["정상"], theme.PROJECT_STATUS_COLOURS["지연"]


def dates_text(milestone: Milestone, today: date) -> str:
    """"기본계획·설계  계획 2024-09-01 ~ 2025-03-29 · 실제 2024-10-09 ~ 2025-05-06 (+38일)"."""
    actual = ""
    if milestone.actual_start is not None:
        actual = f" · 실제 {milestone.actual_start} ~ {milestone.actual_end or '진행 중'}"
    return f"{milestone.name}  계획 {milestone.planned_start} ~ {milestone.planned_end}{actual} ({slip_label(milestone, today)})"


def slip_label(milestone: Milestone, today: date) -> str:
    days = slip(milestone, today)
    if milestone.actual_start is None and today < milestone.planned_start:
        return "예정"
    return f"+{days}일" if days > 0 else ("완료" if milestone.actual_end else "계획대로")


class GanttChart(QWidget):
    """`set_schedule(milestones, today)`; drawn to the widget's size."""

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self._m = metrics
        self.milestones: tuple[Milestone, ...] = ()
        self.today = date.today()
        self.setMinimumHeight(metrics.px(200))

    def set_schedule(self, milestones: tuple[Milestone, ...], today: date) -> None:
        self.milestones = tuple(sorted(milestones, key=lambda m: m.planned_start))
        self.today = today
        self.setFixedHeight(self._m.px(ROW_MAX_MM * len(self.milestones) + theme.SMALL_MM * 3.6))  # rows, axis, 오늘
        self.update()

    def span(self) -> tuple[date, date]:
        """The time the chart covers: every date it shows and today, a month either side."""
        days = [d for m in self.milestones for d in (m.planned_start, m.planned_end, m.actual_start, m.actual_end) if d]
        days.append(self.today)
        return min(days) - timedelta(days=30), max(days) + timedelta(days=30)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        if not self.milestones:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        m, width, height = self._m, self.width(), self.height()
        left, right = width * LABEL_SHARE, width * (1 - SLIP_SHARE)
        axis_h = m.px(theme.SMALL_MM * 1.6)
        row_h = min((height - axis_h) / len(self.milestones), m.px(ROW_MAX_MM))
        bottom = axis_h + row_h * len(self.milestones)
        first, last = self.span()
        total = (last - first).days

        def x(day: date) -> float:
            return left + (right - left) * (day - first).days / total

        self._years(painter, x, first, last, bottom, axis_h)
        for index, milestone in enumerate(self.milestones):
            self._row(painter, milestone, QRectF(0, axis_h + index * row_h, width, row_h), x, left, right)
        painter.setPen(QPen(QColor(theme.ACCENT), m.px(2), Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x(self.today), axis_h), QPointF(x(self.today), bottom + m.px(8)))
        painter.setFont(m.font(theme.SMALL_MM, bold=True))
        painter.drawText(QRectF(x(self.today) - m.px(60), bottom + m.px(8), m.px(120), axis_h),
                         Qt.AlignmentFlag.AlignCenter, "오늘")
        painter.end()

    def _years(self, painter: QPainter, x, first: date, last: date, height: float, axis_h: float) -> None:
        painter.setFont(self._m.font(theme.SMALL_MM))
        for year in range(first.year + 1, last.year + 1):
            at = x(date(year, 1, 1))
            painter.setPen(QPen(QColor(theme.SURFACE_RAISED), self._m.px(1)))
            painter.drawLine(QPointF(at, axis_h), QPointF(at, height))
            painter.setPen(QColor(theme.TEXT_DIM))
            painter.drawText(QRectF(at + self._m.px(4), 0, self._m.px(100), axis_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(year))

    def _row(self, painter: QPainter, milestone: Milestone, row: QRectF, x, left: float, right: float) -> None:
        m = self._m
        pad = row.height() * 0.18
        painter.setFont(m.font(theme.BODY_MM, bold=True))
        painter.setPen(QColor(theme.TEXT))
        painter.drawText(QRectF(0, row.top(), left - m.px(8), row.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, milestone.name)
        bar_h = (row.height() - 2 * pad) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.PLANNED))
        painter.drawRect(QRectF(x(milestone.planned_start), row.top() + pad,
                                max(2.0, x(milestone.planned_end) - x(milestone.planned_start)), bar_h))
        if milestone.actual_start is not None and milestone.actual_start <= self.today:
            end = milestone.actual_end or self.today
            top = row.top() + pad + bar_h
            on_time_end = min(end, milestone.planned_end)
            painter.setBrush(QColor(ON_TIME))
            painter.drawRect(QRectF(x(milestone.actual_start), top,
                                    max(2.0, x(on_time_end) - x(milestone.actual_start)), bar_h))
            if end > milestone.planned_end:
                start = max(milestone.planned_end, milestone.actual_start)
                painter.setBrush(QColor(LATE))
                painter.drawRect(QRectF(x(start), top, x(end) - x(start), bar_h))
        label = slip_label(milestone, self.today)
        painter.setPen(QColor(LATE if label.startswith("+") else theme.TEXT_DIM))
        painter.setFont(m.font(theme.BODY_MM, bold=label.startswith("+")))
        painter.drawText(QRectF(right + m.px(8), row.top(), self.width() - right - m.px(8), row.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
