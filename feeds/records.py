"""Domain records: small frozen dataclasses that the cache stores and widgets draw."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

SEOUL_TZ = ZoneInfo("Asia/Seoul")

# 통합대기환경지수 grades, best first. Colours are the widgets' business.
AIR_GRADES = ("좋음", "보통", "나쁨", "매우나쁨")

# Korean ambient standards (환경부 예보 등급), upper bound of each grade in ㎍/㎥.
_PM10_BOUNDS = (30, 80, 150)
_PM25_BOUNDS = (15, 35, 75)


@dataclass(frozen=True)
class AirReading:
    """One station's hourly measurement. A missing value is None, never 0."""

    station: str  # the district the station stands in, e.g. "중구"
    measured_at: datetime  # aware, Asia/Seoul
    region: str | None = None  # 권역, e.g. "도심권"
    pm10: float | None = None  # ㎍/㎥
    pm25: float | None = None  # ㎍/㎥
    o3: float | None = None  # ppm
    no2: float | None = None  # ppm
    co: float | None = None  # ppm
    so2: float | None = None  # ppm
    cai: float | None = None  # 통합대기환경지수
    grade: str | None = None  # one of AIR_GRADES, as the source reports it
    main_pollutant: str | None = None  # 지수결정물질


def pm_grade(pm10: float | None, pm25: float | None) -> str | None:
    """The worse of the PM10 and PM2.5 grades, or None with neither value."""
    levels = [_level(v, b) for v, b in ((pm10, _PM10_BOUNDS), (pm25, _PM25_BOUNDS)) if v is not None]
    return AIR_GRADES[max(levels)] if levels else None


def _level(value: float, bounds: tuple[int, ...]) -> int:
    return next((i for i, bound in enumerate(bounds) if value <= bound), len(bounds))


@dataclass(frozen=True)
class AirSummary:
    """Seoul's mean over the stations that reported a value."""

    pm10: float | None
    pm25: float | None
    grade: str | None  # from the mean PM values
    stations: int  # how many stations had a value


def air_summary(readings: tuple[AirReading, ...]) -> AirSummary:
    """The mean PM10 and PM2.5 over the readings that have them, and the resulting grade."""
    pm10 = [r.pm10 for r in readings if r.pm10 is not None]
    pm25 = [r.pm25 for r in readings if r.pm25 is not None]
    mean10 = sum(pm10) / len(pm10) if pm10 else None
    mean25 = sum(pm25) / len(pm25) if pm25 else None
    return AirSummary(mean10, mean25, pm_grade(mean10, mean25), max(len(pm10), len(pm25)))
