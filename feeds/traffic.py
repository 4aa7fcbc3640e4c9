"""교통상황 records: a hotspot's road and crowd state, the road links around it, weather warnings.

All come from citydata (one reply per place, see seoul_citydata). Levels are the service's own
words: roads 원활/서행/정체, crowds 여유/보통/약간 붐빔/붐빔.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from feeds.incidents import Stage

ROAD_LEVELS = ("원활", "서행", "정체")  # free-flowing, slow, jammed
CROWD_LEVELS = ("여유", "보통", "약간 붐빔", "붐빔")  # least to most crowded
CROWDED = "붐빔"


@dataclass(frozen=True)
class HotspotStatus:
    """One hotspot at one moment: the roads into it and the people in it."""

    area: str  # AREA_NM, the place's name in the service's list of 120
    measured_at: datetime  # the newer of the road and crowd times
    area_code: str | None = None
    lat: float | None = None  # the centre of its road links (citydata gives no point for a place)
    lon: float | None = None
    district: str | None = None  # 구 at that centre
    road_level: str | None = None  # 원활/서행/정체
    road_speed: float | None = None  # km/h, the area average
    road_message: str | None = None  # ROAD_MSG, the service's own sentence
    crowd_level: str | None = None  # 여유/보통/약간 붐빔/붐빔
    crowd_message: str | None = None
    people_min: int | None = None
    people_max: int | None = None
    forecast: tuple[Stage, ...] = ()  # (crowd level, time) ahead, as the service forecasts it

    @property
    def crowded(self) -> bool:
        return self.crowd_level == CROWDED

    @property
    def people(self) -> str | None:
        """"36,000~38,000명", the service's estimate of the people there (None without it)."""
        if self.people_min is None or self.people_max is None:
            return None
        return f"{self.people_min:,}~{self.people_max:,}명"


@dataclass(frozen=True)
class RoadLink:
    """A road link near a hotspot, with its speed and level."""

    link_id: str
    area: str
    points: str  # "lon,lat;lon,lat;…" in WGS84, as drawn
    road_name: str | None = None
    speed: float | None = None  # km/h
    level: str | None = None  # 원활/서행/정체
    measured_at: datetime | None = None

    def coordinates(self) -> list[tuple[float, float]]:
        """(lat, lon) pairs along the link."""
        pairs = (p.split(",") for p in self.points.split(";") if p)
        return [(float(lat), float(lon)) for lon, lat in pairs]


@dataclass(frozen=True)
class WeatherWarning:
    """A weather warning (특보) in force or lifted: 폭염/호우/대설 … 주의보/경보."""

    warning_id: str
    kind: str  # WARN_VAL: 폭염, 호우, 대설, 한파 …
    level: str | None = None  # WARN_STRESS: 주의보 or 경보
    announced_at: datetime | None = None
    cancelled: bool = False
    message: str | None = None

    @property
    def title(self) -> str:
        return f"{self.kind} {self.level or ''}".strip()
