"""대기환경: the districts' air readings, Seoul's grade, the 24-hour trend of Seoul or a touched district."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from feeds.records import AirReading, air_summary, pm_grade
from kiosk.app.domains.base import Domain, DomainContext
from kiosk.app.state import DomainKey, View
from kiosk.config import Config
from widgets.air_panel import AirPanel

TREND_HOURS = 24


@dataclass(frozen=True)
class AirData:
    feed_id: str | None = None  # the feed the panel shows (`panels.air`)
    readings: tuple[AirReading, ...] = ()
    trend: list = field(default_factory=list)  # the selected district's hours, or Seoul's


def read_air(reader, config: Config, now: datetime, view: View) -> AirData:
    feed_id = config.panels.air
    if feed_id is None:
        return AirData()
    district = view.district if view.domain == DomainKey.AIR else None
    return AirData(feed_id, reader.latest(feed_id, AirReading),
                   reader.air_trend(feed_id, now - timedelta(hours=TREND_HOURS), district))


class AirView:
    """The air panel, and the districts coloured by grade while the domain is on show."""

    def __init__(self, context: DomainContext):
        self._context = context
        self.panel = AirPanel(context.metrics)
        self.pages = (self.panel,)
        self._readings: tuple[AirReading, ...] = ()
        self._shown = False

    def apply(self, data: AirData, snapshot) -> None:
        self._readings = data.readings
        self.panel.set_readings(data.readings)
        self.panel.set_trend(data.trend)
        if data.feed_id is not None:
            self.panel.set_health(snapshot.health[data.feed_id], snapshot.now)
        if self._shown:
            self._context.map.set_air(data.readings)

    def show(self, view: View) -> None:
        if not self._shown:
            self._shown = True
            self._context.map.set_air(self._readings)
        self.panel.select_station(view.district)
        self._context.show_page(self.panel)

    def hide(self) -> None:
        self._shown = False
        self.panel.select_station(None)


def summary(data: AirData) -> tuple[str, str]:
    """"초미세먼지 보통": Seoul's mean PM2.5 by its grade (PM10's when there is no PM2.5)."""
    mean = air_summary(data.readings)
    name, grade = ("초미세먼지", pm_grade(None, mean.pm25)) if mean.pm25 is not None else ("미세먼지", mean.grade)
    return f"{name} {grade or '—'}", {"나쁨": "watch", "매우나쁨": "alert"}.get(grade or "", "ok")


AIR = Domain(DomainKey.AIR, "대기환경", "Air Quality", (AirReading,), read_air, AirView, summary=summary)
