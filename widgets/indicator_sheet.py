"""One startup indicator's history: the figure, its months as a line, the last year as a table, the source."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from widgets import theme
from widgets.common import PanelFrame, Table, close_button, text_label, title_row
from widgets.price_panel import percent
from widgets.startup_panel import Figure, amount, growth_colour
from widgets.trend_chart import TrendChart

TABLE_MONTHS = 12


class IndicatorSheet(PanelFrame):
    """Closable with one touch (`closed`)."""

    closed = Signal()

    def __init__(self, metrics: theme.Metrics, parent: QWidget | None = None):
        super().__init__(metrics, "indicatorSheet", parent)
        self.key: str | None = None
        self.title = text_label("", metrics.font(theme.TITLE_MM, bold=True), elide=True)
        self.value = text_label("", metrics.font(theme.HEADING_MM, bold=True))
        self.close_button = close_button(metrics, self.closed.emit)
        self.chart = TrendChart(metrics, ("월별",), y_floor=1)
        self.table = Table(metrics, ("월", "값", "전월 대비"), TABLE_MONTHS)
        self.source = text_label("", metrics.font(theme.SMALL_MM), theme.TEXT_DIM, wrap=True)
        column = self.column
        column.setSpacing(metrics.px(10))
        column.addLayout(title_row(self.title, self.close_button))
        column.addWidget(self.value)
        column.addWidget(self.chart, 1)
        column.addWidget(self.table)
        column.addWidget(self.source)

    def show_figure(self, figure: Figure) -> None:
        """Fill the sheet (again on every update while it is open)."""
        self.key = figure.key
        self.title.setText(f"{figure.label} · 월별 추이")
        self.value.setText(f"{amount(figure.value, figure.unit)} ({figure.month:%Y년 %m월}) · 전년 대비 "
                           f"{percent(figure.vs_year)}" if figure.month else "자료 없음")
        self.value.setStyleSheet(f"color:{growth_colour(figure.vs_year)};")
        self.chart.set_points([(month, value) for month, value in figure.history])
        recent = figure.history[-TABLE_MONTHS - 1:]
        rows = []
        for (month, value), before in zip(reversed(recent), list(reversed(recent))[1:] + [None]):
            change = (value - before[1]) / before[1] * 100 if before and before[1] else None
            rows.append(((f"{month:%Y-%m}", theme.TEXT), (amount(value, figure.unit), theme.TEXT),
                         (percent(change), growth_colour(change))))
        self.table.set_rows(rows[:TABLE_MONTHS])
        self.source.setText(f"출처 · {figure.source}" if figure.source else "")
