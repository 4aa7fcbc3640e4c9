"""The scripted scenario: plausible (invented) Seoul air quality and a scheduled outage.

Everything here is a pure function of the scenario time, so tests and demos are repeatable.
"""

from __future__ import annotations

import math
import time
import zlib
from datetime import datetime, timedelta, timezone
from typing import Callable

from feeds.districts import DISTRICTS, REGION_OF
from feeds.records import SEOUL_TZ, pm_grade

# Each district's typical PM10 (㎍/㎥): busier roads and the west run higher.
_BASE_PM10 = {d: 28 + (zlib.crc32(d.encode()) % 23) for d in DISTRICTS}
_WEST = {"강서구": 1.0, "양천구": 0.9, "구로구": 0.85, "금천구": 0.8, "영등포구": 0.75, "마포구": 0.75,
         "은평구": 0.7, "서대문구": 0.6, "관악구": 0.6, "동작구": 0.55}
OUTAGE_MINUTES = range(40, 44)  # the air feed answers 503 at xx:40-xx:43, every hour
UNDER_MAINTENANCE_EVERY_H = 7  # one station reports 점검중 every 7th hour


class ScenarioClock:
    """Scenario time: starts at `start` (default: now) and runs `speed` times real time."""

    def __init__(self, speed: float = 1.0, start: datetime | None = None,
                 monotonic: Callable[[], float] = time.monotonic):
        self.speed = speed
        self._start = start or datetime.now(timezone.utc)
        self._monotonic = monotonic
        self._t0 = monotonic()

    def now(self) -> datetime:
        """The current scenario time (aware, UTC)."""
        return self._start + timedelta(seconds=(self._monotonic() - self._t0) * self.speed)


def air_rows(at: datetime) -> list[dict]:
    """RealtimeCityAir rows (2025+ field names) for the hour containing `at`."""
    hour = at.astimezone(SEOUL_TZ).replace(minute=0, second=0, microsecond=0)
    stamp = hour.strftime("%Y%m%d%H%M")
    hour_no = int(hour.timestamp() // 3600)
    closed = DISTRICTS[hour_no % len(DISTRICTS)] if hour_no % UNDER_MAINTENANCE_EVERY_H == 0 else None
    return [_row(d, hour, stamp, closed == d) for d in DISTRICTS]


def scripted_fault(at: datetime) -> str | None:
    """The fault the scenario injects at this time, if any."""
    return "unavailable" if at.astimezone(SEOUL_TZ).minute in OUTAGE_MINUTES else None


def _row(district: str, hour: datetime, stamp: str, closed: bool) -> dict:
    row = {"MSRMT_DT": stamp, "SAREA_NM": REGION_OF[district], "MSRSTN_NM": district}
    if closed:
        return row | {k: None for k in ("PM", "FPM", "OZON", "NTDX", "CBMX", "SPDX", "CAI_IDX")} | {
            "CAI_GRD": "점검중", "CRST_SBSTN": None}
    pm10 = round(_pm10(district, hour))
    pm25 = round(pm10 * (0.42 + 0.1 * _wave(district, hour, 5)))
    cai = _cai(pm10, pm25)
    return row | {
        "PM": pm10, "FPM": pm25,
        "OZON": round(0.012 + 0.03 * max(0.0, math.sin(math.pi * (hour.hour - 8) / 12)), 3),
        "NTDX": round(0.015 + 0.02 * _rush(hour.hour), 3),
        "CBMX": round(0.3 + 0.3 * _rush(hour.hour), 1),
        "SPDX": round(0.002 + 0.001 * _wave(district, hour, 11), 3),
        "CAI_IDX": cai, "CAI_GRD": pm_grade(pm10, pm25),
        "CRST_SBSTN": "PM-2.5" if pm25 * 2.2 > pm10 else "PM-10",
    }


def _pm10(district: str, hour: datetime) -> float:
    """Base x rush hours x a dust episode that drifts in from the west over each day."""
    day_phase = (hour.timestamp() / 86400) % 3  # a 3-day weather cycle
    episode = max(0.0, math.sin(math.pi * day_phase / 3)) ** 2
    west = _WEST.get(district, 0.3)
    return _BASE_PM10[district] * (0.8 + 0.4 * _rush(hour.hour)) * (1 + 2.6 * episode * west) \
        * (0.9 + 0.2 * _wave(district, hour, 3))


def _rush(hour: int) -> float:
    """0..1, peaking at 8 h and 19 h."""
    return max(math.exp(-((hour - 8) ** 2) / 4), math.exp(-((hour - 19) ** 2) / 6))


def _wave(district: str, hour: datetime, period_h: int) -> float:
    """A district-specific 0..1 wobble."""
    phase = zlib.crc32(district.encode()) % 97
    return 0.5 + 0.5 * math.sin(2 * math.pi * (hour.timestamp() / 3600 + phase) / period_h)


def _cai(pm10: float, pm25: float) -> int:
    """A simplified 통합대기환경지수 from the PM values (0-500)."""
    sub10 = pm10 / 150 * 250 if pm10 <= 150 else 250 + (pm10 - 150) / 450 * 250
    sub25 = pm25 / 75 * 250 if pm25 <= 75 else 250 + (pm25 - 75) / 425 * 250
    return min(500, round(max(sub10, sub25) * 0.8))
