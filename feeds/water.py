"""상수도 records and the standards they are judged against: supply volumes, the Han river's
automatic stations, and the city's tap-water sensors.

The limits are the law's, cited where they are defined; widgets only colour what is judged here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SUPPLY_MEASURES = ("취수", "송수", "공급량")  # intake, transmission (정수센터), supplied (branch offices)
TRANSMITTED, SUPPLIED = "송수", "공급량"


@dataclass(frozen=True)
class WaterSupply:
    """One site's daily volume of one measure (WoWcbsDayStatic)."""

    site: str  # 정수센터 ("암사") or 수도사업소 ("동부")
    measure: str  # one of SUPPLY_MEASURES, as the source names it
    day: datetime  # 00:00 Seoul time of the day the figure is for
    volume_m3: float | None = None


@dataclass(frozen=True)
class RiverQuality:
    """One automatic station's hourly reading of the river's raw water (WPOSInformationTime)."""

    station: str  # "선유", "노량진", "탄천" …
    measured_at: datetime
    temp_c: float | None = None
    ph: float | None = None
    do_mg_l: float | None = None  # dissolved oxygen
    toc_mg_l: float | None = None  # total organic carbon
    tn_mg_l: float | None = None  # total nitrogen
    tp_mg_l: float | None = None  # total phosphorus
    lat: float | None = None  # the station's place (a table of the known stations; None for others)
    lon: float | None = None


@dataclass(frozen=True)
class TapReading:
    """One tap-water sensor's reading (the city's own feed, docs/tap-water-feed.md)."""

    point_id: str
    measured_at: datetime
    district: str | None = None  # 구
    dong: str | None = None  # 행정동
    lat: float | None = None
    lon: float | None = None
    chlorine_mg_l: float | None = None  # 유리잔류염소
    turbidity_ntu: float | None = None  # 탁도
    ph: float | None = None


@dataclass(frozen=True)
class Limit:
    """A drinking-water limit on one field of TapReading; either bound may be absent."""

    field: str
    label: str
    unit: str
    low: float | None
    high: float | None
    source: str

    def breached(self, value: float | None) -> bool:
        """A value outside the limit (no value breaches nothing)."""
        return value is not None and ((self.low is not None and value < self.low)
                                      or (self.high is not None and value > self.high))

    @property
    def range_text(self) -> str:
        """"0.1~4.0 mg/L", "0.5 NTU 이하"."""
        unit = f" {self.unit}" if self.unit else ""
        if self.low is not None and self.high is not None:
            return f"{self.low:g}~{self.high:g}{unit}"
        return f"{self.high:g}{unit} 이하" if self.high is not None else f"{self.low:g}{unit} 이상"


# 먹는물 수질기준 및 검사 등에 관한 규칙 [별표 1] 먹는물의 수질기준: 탁도 1 NTU 이하 (수돗물은 0.5 NTU
# 이하), 수소이온 농도 pH 5.8 이상 8.5 이하, 잔류염소(유리잔류염소) 4.0 mg/L 이하. 수도법 시행규칙
# 제22조의2 (위생상의 조치): 급수전에서 유리잔류염소 0.1 mg/L 이상 (결합잔류염소는 0.4 mg/L 이상).
TAP_LIMITS = (
    Limit("turbidity_ntu", "탁도", "NTU", None, 0.5, "먹는물 수질기준 (수돗물)"),
    Limit("chlorine_mg_l", "잔류염소", "mg/L", 0.1, 4.0, "먹는물 수질기준 · 수도법 시행규칙 제22조의2"),
    Limit("ph", "pH", "", 5.8, 8.5, "먹는물 수질기준"),
)


def tap_breaches(reading: TapReading) -> tuple[Limit, ...]:
    """The limits the reading is outside of (empty: it meets the standard)."""
    return tuple(limit for limit in TAP_LIMITS if limit.breached(getattr(reading, limit.field)))


# 하천 생활환경기준, 환경정책기본법 시행령 [별표 1] 환경기준 3. 수질 및 수생태계 가. 하천: the grades best
# first, and per measure the bound of each grade (DO at least, TOC and T-P at most; pH within a range).
RIVER_GRADES = ("Ia 매우 좋음", "Ib 좋음", "II 약간 좋음", "III 보통", "IV 약간 나쁨", "V 나쁨", "VI 매우 나쁨")
_AT_LEAST = {"do_mg_l": (7.5, 5.0, 5.0, 5.0, 2.0, 2.0)}
_AT_MOST = {"toc_mg_l": (2, 3, 4, 5, 6, 8), "tp_mg_l": (0.02, 0.04, 0.1, 0.2, 0.3, 0.5)}
_PH_RANGES = ((6.5, 8.5),) * 4 + ((6.0, 8.5),) * 2
RIVER_MEASURES = {"do_mg_l": "용존산소 DO", "toc_mg_l": "총유기탄소 TOC", "tp_mg_l": "총인 T-P", "ph": "pH"}


def measure_grade(field: str, value: float | None) -> int | None:
    """The index in RIVER_GRADES one measure alone earns (None: no value or not graded)."""
    if value is None:
        return None
    if field in _AT_LEAST:
        return next((i for i, bound in enumerate(_AT_LEAST[field]) if value >= bound), len(RIVER_GRADES) - 1)
    if field in _AT_MOST:
        return next((i for i, bound in enumerate(_AT_MOST[field]) if value <= bound), len(RIVER_GRADES) - 1)
    if field == "ph":
        return next((i for i, (low, high) in enumerate(_PH_RANGES) if low <= value <= high), len(RIVER_GRADES) - 1)
    return None


def river_grade(reading: RiverQuality) -> int | None:
    """The reading's grade: the worst its graded measures earn (None without any)."""
    grades = [g for field in RIVER_MEASURES if (g := measure_grade(field, getattr(reading, field))) is not None]
    return max(grades) if grades else None
