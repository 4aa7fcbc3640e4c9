"""Simulated citydata roads and crowds: traffic that follows the time of day, and an evening event.

Around each hotspot a few roads radiate from its centre, cut into links. Speeds follow the day
(morning and evening peaks on weekdays, a late and gentler day at weekends) with a steady
per-link character; 잠실종합운동장 fills to 붐빔 during its evening event (18:30-21:30 KST).
Everything is a pure function of the place and the time.
"""

from __future__ import annotations

import json
import math
import random
from datetime import datetime, timedelta

from feeds.records import SEOUL_TZ

ROADS_PER_HOTSPOT = 4
LINKS_PER_ROAD = 4
LINK_DEG = 0.0045  # ~450 m
EVENT_AREA = "잠실종합운동장"
EVENT_HOURS = (18.5, 21.5)  # KST
ROAD_NAMES = ("대로", "로", "길", "대로")


def road_section(area: str, centre: tuple[float, float], at: datetime) -> dict:
    """ROAD_TRAFFIC_STTS as citydata nests it: the area average and its links."""
    links = [_link(area, centre, road, n, at) for road in range(ROADS_PER_HOTSPOT) for n in range(LINKS_PER_ROAD)]
    speed = round(sum(float(link["SPD"]) for link in links) / len(links), 1)
    level = _level(speed)
    return {"AVG_ROAD_DATA": {"ROAD_MSG": ROAD_MESSAGES[level], "ROAD_TRAFFIC_IDX": level,
                              "ROAD_TRAFFIC_SPD": speed, "ROAD_TRAFFIC_TIME": _stamp(at)},
            "ROAD_TRAFFIC_STTS": links}


def crowd_section(area: str, at: datetime) -> list[dict]:
    """LIVE_PPLTN_STTS[0] with a forecast for the next hours."""
    level, low, high = _crowd(area, at)
    forecast = []
    for hours in range(1, 4):
        later = at + timedelta(hours=hours)
        f_level, f_low, f_high = _crowd(area, later)
        forecast.append({"FCST_TIME": _stamp(later.replace(minute=0)), "FCST_CONGEST_LVL": f_level,
                         "FCST_PPLTN_MIN": str(f_low), "FCST_PPLTN_MAX": str(f_high)})
    return [{"AREA_NM": area, "AREA_CONGEST_LVL": level, "AREA_CONGEST_MSG": CROWD_MESSAGES[level],
             "AREA_PPLTN_MIN": str(low), "AREA_PPLTN_MAX": str(high), "PPLTN_TIME": _stamp(at),
             "FCST_YN": "Y", "FCST_PPLTN": forecast}]


ROAD_MESSAGES = {"원활": "해당 장소로 이동·진입하는 도로가 크게 막히지 않아요.",
                 "서행": "해당 장소로 이동·진입하는 도로가 조금 막혀요.",
                 "정체": "해당 장소로 이동·진입하는 도로가 많이 막혀요."}
CROWD_MESSAGES = {"여유": "사람이 몰려있을 가능성이 낮고 붐빔은 거의 느껴지지 않아요.",
                  "보통": "사람이 몰려있을 수 있지만 크게 붐비지는 않아요.",
                  "약간 붐빔": "사람들이 몰려있을 가능성이 크고 붐빈다고 느낄 수 있어요.",
                  "붐빔": "사람들이 몰려있을 가능성이 매우 크고 많이 붐벼요. 안전에 유의하세요."}


def _link(area: str, centre: tuple[float, float], road: int, n: int, at: datetime) -> dict:
    rng = random.Random(f"{area}:{road}:{n}")
    angle = road * math.pi / 2 + rng.uniform(-0.3, 0.3)
    lat0, lon0 = centre
    start = (lat0 + math.sin(angle) * LINK_DEG * n, lon0 + math.cos(angle) * LINK_DEG * n * 1.25)
    end = (lat0 + math.sin(angle) * LINK_DEG * (n + 1), lon0 + math.cos(angle) * LINK_DEG * (n + 1) * 1.25)
    middle = ((start[0] + end[0]) / 2 + rng.uniform(-4e-4, 4e-4), (start[1] + end[1]) / 2 + rng.uniform(-4e-4, 4e-4))
    speed = max(4.0, rng.uniform(22, 48) * _flow(at) * rng.uniform(0.8, 1.1))
    name = f"{area.split('·')[0].split('(')[0][:3]}{ROAD_NAMES[road]}"
    return {"LINK_ID": f"{_code(area)}{road}{n:02d}",
            "ROAD_NM": name, "DIST": "450", "SPD": f"{speed:.0f}", "IDX": _level(speed),
            "XYLIST": "|".join(f"{lon:.6f}_{lat:.6f}" for lat, lon in (start, middle, end))}


def _code(area: str) -> str:
    return f"{sum(area.encode()) % 9000 + 1000}"


def _flow(at: datetime) -> float:
    """How freely traffic moves at this hour (1: night; lower at the peaks)."""
    local = at.astimezone(SEOUL_TZ)
    hour = local.hour + local.minute / 60
    weekend = local.weekday() >= 5
    peaks = ((13.5, 3.0, 0.35),) if weekend else ((8.0, 1.2, 0.55), (18.5, 1.5, 0.6))
    dip = sum(depth * math.exp(-((hour - mid) / width) ** 2) for mid, width, depth in peaks)
    daytime = 0.15 if 7 <= hour <= 22 else 0.0
    return max(0.2, 1.0 - daytime - dip)


def _level(speed: float) -> str:
    return "원활" if speed >= 30 else "서행" if speed >= 15 else "정체"


def _crowd(area: str, at: datetime) -> tuple[str, int, int]:
    local = at.astimezone(SEOUL_TZ)
    hour = local.hour + local.minute / 60
    base = 0.1 + 0.4 * math.exp(-((hour - 14) / 5) ** 2) + random.Random(area).uniform(-0.1, 0.1)
    if area == EVENT_AREA:
        start, end = EVENT_HOURS
        base = max(base, min(1.0, (hour - (start - 1.5)) / 1.5) if hour < start else 1.0 if hour <= end
                   else max(0.0, 1.0 - (hour - end) / 1.0))
    level = ("여유", "보통", "약간 붐빔", "붐빔")[min(3, int(max(0.0, base) * 4))]
    people = int(3000 + 30000 * max(0.0, base))
    return level, people - people // 10, people + people // 10


def _stamp(at: datetime) -> str:
    return at.astimezone(SEOUL_TZ).strftime("%Y-%m-%d %H:%M")


# ---- 따릉이 and the subway (optional feeds) ----------------------------------------------------

BIKE_STATIONS = 1500  # the real list has ~2,700: two pages here, three there
SUBWAY_LINES = {"시청": ("1001", "1002"), "강남": ("1002",), "잠실": ("1002", "1008"), "홍대입구": ("1002", "1065"),
                "광화문": ("1005",), "여의도": ("1005", "1009")}
DELAY_MINUTES = range(20, 26)  # 2호선 runs late at 시청 at xx:20-xx:25, every hour


def bike_rows(at: datetime) -> list[dict]:
    """Every station: offices fill and homes empty in the morning peak, the other way in the evening."""
    local = at.astimezone(SEOUL_TZ)
    hour = local.hour + local.minute / 60
    peak = math.exp(-((hour - 8.3) / 1.2) ** 2) - math.exp(-((hour - 18.5) / 1.5) ** 2)
    rows = []
    for n in range(BIKE_STATIONS):
        rng = random.Random(f"bike:{n}")
        racks = rng.choice((10, 10, 15, 20))
        pull = peak if rng.random() < 0.5 else -peak  # half are near offices, half near homes
        fill = min(1.4, max(0.0, rng.uniform(0.3, 0.8) + 0.45 * pull))
        bikes = round(racks * fill)
        rows.append({"rackTotCnt": str(racks), "stationName": f"{n + 100}. 시뮬레이션 대여소 {n + 1}",
                     "parkingBikeTotCnt": str(bikes), "shared": str(round(100 * bikes / racks)),
                     "stationLatitude": f"{rng.uniform(37.46, 37.68):.8f}",
                     "stationLongitude": f"{rng.uniform(126.82, 127.15):.8f}", "stationId": f"ST-{n + 1}"})
    return rows


def subway_arrivals(station: str, at: datetime) -> list[dict]:
    """Two trains each way on each line; 2호선 at 시청 delayed a few minutes every hour."""
    local = at.astimezone(SEOUL_TZ)
    rows = []
    for line in SUBWAY_LINES.get(station, ()):
        for direction, minutes in (("상행", 2), ("하행", 4)):
            delayed = station == "시청" and line == "1002" and local.minute in DELAY_MINUTES
            message = "열차 지연 운행 중 (신호 장애)" if delayed else f"{(minutes + local.minute) % 5 + 1}분 후"
            rows.append({"subwayId": line, "updnLine": direction, "statnNm": station, "arvlMsg2": message,
                         "arvlMsg3": station, "recptnDt": local.strftime("%Y-%m-%d %H:%M:%S")})
    return rows


def respond_subway(parts: list[str], api_key: str, at: datetime) -> tuple[int, str, str]:
    """`{KEY}/json/realtimeStationArrival/{start}/{end}/{name}` in the service's own envelope:
    errorMessage{status, code, message, total} beside the list; alone (at the top) on errors."""
    if len(parts) < 6 or parts[2] != "realtimeStationArrival":
        return 404, "text/plain", "not found"
    if parts[0] != api_key:
        return 200, "application/json", _subway_body("INFO-100", "인증키가 유효하지 않습니다.")
    rows = subway_arrivals(parts[5], at)
    if not rows:
        return 200, "application/json", _subway_body("INFO-200", "해당하는 데이터가 없습니다.")
    return 200, "application/json", _subway_body("INFO-000", "정상 처리되었습니다.", rows)


def _subway_body(code: str, message: str, rows: list[dict] | None = None) -> str:
    head = {"status": 200 if rows else 500, "code": code, "message": message, "link": "", "developerMessage": "",
            "total": len(rows or [])}
    return json.dumps({"errorMessage": head, "realtimeArrivalList": rows} if rows else head, ensure_ascii=False)
