"""The map page's inputs, typed: each layer's JSON is built here, next to the wall.js that draws it."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Iterable

from feeds.cameras import Camera, CameraHealth
from feeds.incidents import KINDS, SEVERITY
from feeds.project_schedule import Standing
from feeds.projects import Project
from feeds.records import SEOUL_TZ, AirReading
from feeds.traffic import CROWD_LEVELS, HotspotStatus, RoadLink
from feeds.water import RIVER_GRADES, TAP_LIMITS, RiverQuality, TapReading, river_grade, tap_breaches
from widgets import theme
from widgets.disaster_panel import chip_text
from widgets.format import value_text
from widgets.incident_item import IncidentItem, headline

CARD_LINES = 6  # a district card lists at most this many incidents


@dataclass(frozen=True)
class DistrictCard:
    """A district's colour, its value under the name, and the card a touch opens."""

    fill: str = theme.NO_VALUE_COLOUR
    label: str = ""
    title: str = ""
    lines: tuple[str, ...] = ()


def cards_json(cards: dict[str, DistrictCard]) -> dict[str, dict]:
    return {name: asdict(card) for name, card in cards.items()}


def air_cards(readings: Iterable[AirReading]) -> dict[str, DistrictCard]:
    """Districts coloured by the air grade, PM10 under the name."""
    return {r.station: DistrictCard(theme.grade_colour(r.grade), value_text(r.pm10), f"{r.station} · {r.grade or '등급 없음'}",
                                    (f"PM10 미세먼지 {value_text(r.pm10)} ㎍/㎥", f"PM2.5 초미세먼지 {value_text(r.pm25)} ㎍/㎥",
                                     f"O₃ 오존 {value_text(r.o3, 3)} ppm · NO₂ {value_text(r.no2, 3)} ppm",
                                     f"측정 {r.measured_at.astimezone(SEOUL_TZ).strftime('%H:%M')}"))
            for r in readings}


def incident_cards(items: Iterable[IncidentItem]) -> dict[str, DistrictCard]:
    """Each district with open incidents: their number under the name, a quiet tint (the pins draw the eye;
    a district with a major incident is tinted red), the list by severity."""
    by_district: dict[str, list[IncidentItem]] = {}
    for item in items:
        if item.incident.district and not item.incident.closed:
            by_district.setdefault(item.incident.district, []).append(item)
    cards = {}
    for district, listed in by_district.items():
        kinds = Counter(i.incident.kind for i in listed)
        summary = " · ".join(f"{KINDS.get(k, KINDS['other'])[0]} {n}" for k, n in
                             sorted(kinds.items(), key=lambda kn: -SEVERITY.get(kn[0], 0)))
        lines = tuple(f"{chip_text(i.incident)} · {headline(i.incident)}" for i in listed[:CARD_LINES])
        fill = theme.DISTRICT_MAJOR if any(i.incident.major for i in listed) else theme.DISTRICT_ACTIVE
        cards[district] = DistrictCard(fill, f"{len(listed)}건", f"{district} · 진행 중 {summary}",
                                       lines + ((f"외 {len(listed) - CARD_LINES}건",) if len(listed) > CARD_LINES else ()))
    return cards


def incident_pins(items: Iterable[IncidentItem]) -> list[dict]:
    """Pins for the incidents that have a position."""
    return [{"id": item.key, "kind": item.incident.kind, "label": chip_text(item.incident),
             "lat": item.incident.lat, "lon": item.incident.lon, "open": not item.incident.closed,
             "major": item.incident.major} for item in items if item.incident.has_pin]


def traffic_cards(hotspots: Iterable[HotspotStatus], closures: Iterable[IncidentItem]) -> dict[str, DistrictCard]:
    """Each district with hotspots or closures: their number under the name, the list; red-tinted at 붐빔."""
    spots: dict[str, list[HotspotStatus]] = {}
    shut: dict[str, list[IncidentItem]] = {}
    for status in hotspots:
        if status.district:
            spots.setdefault(status.district, []).append(status)
    for item in closures:
        if item.incident.district:
            shut.setdefault(item.incident.district, []).append(item)
    cards = {}
    for district in {*spots, *shut}:
        here, closed = spots.get(district, []), shut.get(district, [])
        lines = tuple(f"{s.area} · 인파 {s.crowd_level or '—'} · {s.road_level or '—'} {value_text(s.road_speed)} km/h"
                      for s in here) + tuple(f"{i.incident.type_label} · {headline(i.incident)}"
                                             for i in closed[:CARD_LINES])
        crowded = any(s.crowded for s in here)
        cards[district] = DistrictCard(theme.DISTRICT_MAJOR if crowded else theme.DISTRICT_ACTIVE,
                                       f"통제 {len(closed)}" if closed else "", f"{district} · 교통", lines)
    return cards


def road_lines(links: Iterable[RoadLink]) -> list[dict]:
    """Road links as lines in their level's colour (grey when the source gives none)."""
    return [{"id": link.link_id, "colour": theme.ROAD_COLOURS.get(link.level or "", theme.NO_VALUE_COLOUR),
             "points": link.coordinates()} for link in links]


@dataclass(frozen=True)
class PlaceMark:
    """A place on the map by its level: name, level text in its colour; the highest rank keeps its name
    where labels collide; an alerting one pulses; a touch reports the id."""

    id: str
    name: str
    level: str
    colour: str
    lat: float
    lon: float
    rank: int = 0
    alert: bool = False
    area: tuple[tuple[float, float], ...] = ()  # (lat, lon) corners: the place is an area, outlined


def hotspot_marks(hotspots: Iterable[HotspotStatus], alerting: frozenset[str] = frozenset()) -> list[PlaceMark]:
    """The hotspots with a position, by crowd level ("인파 —" without one)."""
    return [PlaceMark(h.area, h.area, h.crowd_level or "인파 —",
                      theme.CROWD_COLOURS.get(h.crowd_level or "", theme.NO_VALUE_COLOUR), h.lat, h.lon,
                      CROWD_LEVELS.index(h.crowd_level) if h.crowd_level in CROWD_LEVELS else -1, h.area in alerting)
            for h in hotspots if h.lat is not None and h.lon is not None]


def water_cards(readings: Iterable[TapReading]) -> dict[str, DistrictCard]:
    """Each district with tap-water sensors: 정상, or red-tinted with the count outside the standard; the
    sensors listed, breaches first, with the limits."""
    by_district: dict[str, list[TapReading]] = {}
    for reading in readings:
        if reading.district:
            by_district.setdefault(reading.district, []).append(reading)
    cards = {}
    for district, listed in by_district.items():
        listed.sort(key=lambda r: (not tap_breaches(r), r.dong or r.point_id))
        broken = sum(bool(tap_breaches(r)) for r in listed)
        lines = tuple(f"{'⚠ ' if tap_breaches(r) else ''}{r.dong or r.point_id} · 염소 {value_text(r.chlorine_mg_l, 2)}"
                      f" · 탁도 {value_text(r.turbidity_ntu, 2)} · pH {value_text(r.ph, 1)}"
                      for r in listed[:CARD_LINES - 1])
        limits = " · ".join(f"{limit.label} {limit.range_text}" for limit in TAP_LIMITS)
        cards[district] = DistrictCard(theme.DISTRICT_MAJOR if broken else theme.DISTRICT_ACTIVE,
                                       f"초과 {broken}" if broken else "정상",
                                       f"{district} · 수돗물 {len(listed)}곳" + (f" · 기준 초과 {broken}" if broken else ""),
                                       lines + (f"기준 {limits}",))
    return cards


def price_cards(index: dict[str, float], items: dict[str, tuple[tuple[str, float, float], ...]]
                ) -> dict[str, DistrictCard]:
    """Each district by its basket index (100 = Seoul's mean, cheaper greener); its items against Seoul's."""
    return {district: DistrictCard(theme.price_index_colour(value), f"{value:.0f}",
                                   f"{district} · 장바구니 지수 {value:.1f} (서울 평균 100)",
                                   tuple(f"{name} {here:,.0f}원 · 서울 {seoul:,.0f}원 ({(here / seoul - 1) * 100:+.0f} %)"
                                         for name, here, seoul in items.get(district, ())[:CARD_LINES]))
            for district, value in index.items()}


def river_marks(readings: Iterable[RiverQuality]) -> list[PlaceMark]:
    """The river stations with a position, by grade (the worst keeps its name)."""
    return [PlaceMark(r.station, r.station, RIVER_GRADES[g] if g is not None else "등급 없음",
                      theme.river_colour(g), r.lat, r.lon, g if g is not None else -1)
            for r in readings if r.lat is not None and r.lon is not None for g in (river_grade(r),)]


PROJECT_RANKS = {"지연": 3, "중단": 2, "정상": 1, "완료": 0}  # a slipping project keeps its name where labels collide


def project_marks(projects: Iterable[tuple[Project, Standing]]) -> list[PlaceMark]:
    """Each project at its point, or an area outlined with the mark in its middle, by status, with its 공정률."""
    return [PlaceMark(p.id, p.name, f"{s.status} {p.progress.percent:.0f}%",
                      theme.PROJECT_STATUS_COLOURS.get(s.status, theme.NO_VALUE_COLOUR), *p.location.centre,
                      PROJECT_RANKS.get(s.status, 0), area=p.location.area) for p, s in projects]


def camera_pins(cameras: Iterable[Camera], health: dict[str, CameraHealth]) -> list[dict]:
    """The camera layer: the cameras with a position and their state."""
    return [{"id": c.camera_id, "name": c.name, "lat": c.lat, "lon": c.lon,
             "state": health.get(c.camera_id, CameraHealth(c.camera_id)).state}
            for c in cameras if c.lat is not None and c.lon is not None]


def page_settings(metrics: theme.Metrics, sizes_mm: dict[str, float]) -> dict:
    """Sizes in pixels, the colours as CSS variables, and the severity order the page clusters by."""
    colours = {f"kind-{k}": c for k, c in theme.KIND_COLOURS.items()}
    colours |= {f"state-{k}": c for k, c in theme.STATE_COLOURS.items()}
    colours |= {"background": theme.BACKGROUND, "surface": theme.SURFACE_RAISED, "text": theme.TEXT,
                "text-dim": theme.TEXT_DIM, "accent": theme.ACCENT, "no-value": theme.NO_VALUE_COLOUR,
                "closed": theme.CLOSED, "outline": theme.BACKGROUND, "selected": theme.TEXT, "pin-text": theme.PIN_TEXT,
                "shadow": theme.SHADOW}
    return {"px": {name: metrics.px(mm) for name, mm in sizes_mm.items()}, "colours": colours,
            "severity": sorted(SEVERITY, key=SEVERITY.get, reverse=True)}
