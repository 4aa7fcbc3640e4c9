"""A line chart over time (pyqtgraph), updated in place with setData: PM10 / PM2.5, speeds …"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from widgets import theme

SEOUL_UTC_OFFSET_S = -9 * 3600  # pyqtgraph counts the offset west of UTC
AIR_SERIES = ("PM10", "PM2.5")


class TrendChart(pg.PlotWidget):
    """One curve per named series over time; gaps where a value is missing."""

    def __init__(self, metrics: theme.Metrics, series: tuple[str, ...] = AIR_SERIES, y_floor: float = 50,
                 parent: QWidget | None = None):
        axis = pg.DateAxisItem(orientation="bottom", utcOffset=SEOUL_UTC_OFFSET_S)
        super().__init__(parent, background=theme.SURFACE, axisItems={"bottom": axis})
        font = metrics.font(theme.SMALL_MM)
        for name in ("bottom", "left"):
            item = self.getAxis(name)
            item.setStyle(tickFont=font, tickTextOffset=metrics.px(3))
            item.setTextPen(theme.TEXT_DIM)
            item.setPen(theme.TEXT_DIM)
        self.getAxis("left").setWidth(metrics.px(45))
        self.getAxis("bottom").setHeight(metrics.px(25))
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMenuEnabled(False)
        legend = self.addLegend(offset=(metrics.px(10), metrics.px(5)), labelTextSize=f"{metrics.px(theme.SMALL_MM)}px")
        legend.setLabelTextColor(theme.TEXT)
        self.y_floor = y_floor
        self.curves = [self.plot([], [], name=name, pen=pg.mkPen(colour, width=metrics.px(2.5)),
                                 symbol="o", symbolSize=metrics.px(6), symbolBrush=colour, symbolPen=None,
                                 connect="finite") for name, colour in zip(series, theme.SERIES)]

    def set_points(self, points: list[tuple]) -> None:
        """Replace the data: (time, one value per series); None leaves a gap."""
        xs = np.array([p[0].timestamp() for p in points], dtype=float)
        for index, curve in enumerate(self.curves):
            ys = np.array([_nan(p[index + 1]) for p in points], dtype=float)
            if np.isnan(ys).all():  # a series with no value yet (e.g. a comparison without history): no curve
                curve.setData([], [])
                continue
            curve.setData(xs, ys, connect="finite")
        if len(xs):
            self.setXRange(xs.min() - 1800, max(xs.max(), xs.min() + 3600) + 1800, padding=0)
            finite = [v for p in points for v in p[1:] if v is not None]
            self.setYRange(0, max(finite + [self.y_floor]) * 1.15, padding=0)


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def preview() -> QWidget:
    """A chart with a sample day."""
    chart = TrendChart(theme.Metrics(1.5))
    start = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) - timedelta(hours=23)
    chart.set_points([(start + timedelta(hours=h), 30 + 20 * math.sin(h / 4), 15 + 8 * math.sin(h / 4))
                      for h in range(24)])
    return chart
