"""Wall-scale sizes and colours: every size is given in millimetres on the glass."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont

# 통합대기환경지수 colours as Korean air-quality services show them
GRADE_COLOURS = {"좋음": "#1c7ed6", "보통": "#2f9e44", "나쁨": "#f08c00", "매우나쁨": "#e03131"}
NO_VALUE_COLOUR = "#5c6370"
STATE_COLOURS = {"fresh": "#2f9e44", "stale": "#f08c00", "down": "#e03131", "waiting": "#5c6370"}

# incident kinds: fire red draws the eye; the others stay distinct from it and from each other
KIND_COLOURS = {"fire": "#f03e3e", "rescue": "#fd7e14", "ems": "#fcc419", "road": "#4dabf7", "disaster": "#9775fa",
                "other": "#adb5bd", "crowd": "#e64980", "water": "#15aabf"}
# 교통상황, the Korean convention: green flows, amber slows, red stands; crowds likewise by level
ROAD_COLOURS = {"원활": "#2f9e44", "서행": "#f59f00", "정체": "#e03131"}
CROWD_COLOURS = {"여유": "#2f9e44", "보통": "#fab005", "약간 붐빔": "#fd7e14", "붐빔": "#e03131"}

# 하천 수질 등급 Ia … VI (RIVER_GRADES' order): blue through green and amber to red, like the air grades
RIVER_GRADE_COLOURS = ("#4dabf7", "#74c0fc", "#51cf66", "#fab005", "#fd7e14", "#fa5252", "#e64980")

# 물가: dearer in red, cheaper in green; a district's basket index from cheap to dear
PRICE_UP, PRICE_DOWN = "#ff8787", "#69db7c"
PRICE_INDEX_COLOURS = ((97.0, "#2b8a3e"), (99.0, "#37563f"), (101.0, "#3d4654"), (103.0, "#6b5530"))  # up to the bound
PRICE_INDEX_DEAR = "#8a3b12"

# 주요사업: running in green, slipping in orange (it needs the mayor), done in blue, stopped in grey
PROJECT_STATUS_COLOURS = {"정상": "#2f9e44", "지연": "#f76707", "완료": "#4dabf7", "중단": "#868e96"}
PLANNED = "#5c6f82"  # a plan's bar, under the actual one
TROUGH = "#2d3642"  # a progress bar's empty part, distinct from both surfaces
NOTICE = "#3a2a12"  # the notice bar: amber-dark, quieter than the alert banner
ESCALATION = "#4a1818"  # the orders' bar (미확인, 기한 지남): red-dark, between the notice bar and the alert banner

CLOSED = "#5c6370"  # a closed incident, fading out
DISTRICT_ACTIVE, DISTRICT_MAJOR = "#3d4654", "#6a2c2c"  # 재난안전: districts with open incidents, with a fire
PIN_TEXT = "#101418"  # dark text on the bright incident pins
SHADOW = "#000000"
ROW_HIGHLIGHT = "#2b3a4a"  # the touched district's row
ON_COLOUR = "#ffffff"  # text on a coloured badge
ALERT, ALERT_TEXT, ALERT_DETAIL = "#c92a2a", ON_COLOUR, "#ffe3e3"
VIDEO_BLACK = "#05070a"  # a tile with no picture
PRESSED = "#74c0fc"
SERIES = ("#74c0fc", "#ffa94d")  # the lines of a trend chart, in order

WATER, WATER_EDGE = "#1b4f72", "#2a6f97"  # the Han: blue, darker than any data colour

BACKGROUND = "#0d1117"
SURFACE = "#161b22"
SURFACE_RAISED = "#1f2630"
TEXT = "#f0f3f6"
TEXT_DIM = "#9aa4b2"
ACCENT = "#4dabf7"
SIMULATION = "#be4bdb"

FONT_FAMILIES = ["NanumBarunGothic", "NanumGothic", "Noto Sans CJK KR", "sans-serif"]

# the wall's proportions, in mm
BODY_MM = 24.0  # em height: ~17 mm capitals, comfortable from 3 m
SMALL_MM = 17.0  # the smallest text on the wall
HEADING_MM = 32.0
TITLE_MM = 52.0
HUGE_MM = 110.0
TOUCH_MM = 20.0  # the smallest touch target


@dataclass(frozen=True)
class Metrics:
    """Converts millimetres on the glass to pixels for one window on one display."""

    px_per_mm: float

    @classmethod
    def for_window(cls, width_px: int, height_px: int, width_mm: float, height_mm: float) -> "Metrics":
        """Scale so the whole physical wall fits the window (the smaller of the two axes)."""
        return cls(max(0.2, min(width_px / width_mm, height_px / height_mm)))

    def px(self, mm: float) -> int:
        """Millimetres as whole pixels (at least one)."""
        return max(1, round(mm * self.px_per_mm))

    def font(self, mm: float, bold: bool = False) -> QFont:
        """A Hangul-capable font whose em is `mm` tall."""
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPixelSize(self.px(mm))
        font.setBold(bold)
        return font


def kind_colour(kind: str) -> str:
    """The colour of an incident kind."""
    return KIND_COLOURS.get(kind, KIND_COLOURS["other"])


def grade_colour(grade: str | None) -> str:
    """The official colour of a grade (grey when there is no value)."""
    return GRADE_COLOURS.get(grade or "", NO_VALUE_COLOUR)


def river_colour(grade: int | None) -> str:
    """The colour of a river water-quality grade index (grey when there is none)."""
    return RIVER_GRADE_COLOURS[grade] if grade is not None else NO_VALUE_COLOUR


def price_index_colour(index: float | None) -> str:
    """A district's fill by its basket index (100 = Seoul's mean)."""
    if index is None:
        return NO_VALUE_COLOUR
    return next((colour for bound, colour in PRICE_INDEX_COLOURS if index < bound), PRICE_INDEX_DEAR)
