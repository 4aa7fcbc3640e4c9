"""실시간 도시데이터 (citydata) for configured hotspots: road closures, 재난문자, weather warnings
(재난안전), and the roads and crowds of each place (교통상황) — one request per place serves both.

One call per place returns one `CITYDATA` object. Its result code may sit at the top, inside
the object, or be absent, with keys `RESULT.CODE`/`RESULT.MESSAGE`. In XML every list is
doubly nested (`ACDNT_CNTRL_STTS/ACDNT_CNTRL_STTS`). `ROAD_TRAFFIC_STTS` is an object holding
the area average (`AVG_ROAD_DATA`, sometimes missing) and the link list under the same name.
Numbers come as strings or numbers; any section may be `null`.

Each place is one request of ~150 KB and the key has a daily quota, so the places are spread
over the interval: the first call asks every place, every later one only the place asked
longest ago (the scheduler calls the feed once per place per interval), and each call's result
is built from every place's latest reply. `daily_quota` caps the requests of a day (KST).
"""

from __future__ import annotations

import hashlib
import threading
import weakref
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pydantic
import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.errors import FormatError, QuotaError
from feeds.geo import district_at, locate
from feeds.http import http_get
from feeds.incidents import DisasterMessage, Incident, Stage
from feeds.records import SEOUL_TZ
from feeds.seoul_open_data import (check_result, decode, json_object, result_of, seconds_to_quota_reset, service_url,
                                   upper_keys)
from feeds.traffic import HotspotStatus, RoadLink, WeatherWarning
from feeds.values import count, decimal, parse_time, text


class CitydataOptions(FeedOptions):
    """Options of the `seoul_citydata` feed: which of the 120 hotspots to watch."""

    api_key: str
    areas: tuple[str, ...] = pydantic.Field(min_length=1, max_length=120)
    service: str = "citydata"
    daily_quota: int | None = pydantic.Field(default=None, ge=1)  # requests a day the key allows; None: no cap


@dataclass
class PlaceRotation:
    """Each place's latest reply, and the requests spent today (Seoul's day)."""

    replies: dict[str, tuple[dict[str, Any], datetime]] = field(default_factory=dict)
    day: date | None = None
    spent: int = 0

    def due(self, areas: tuple[str, ...]) -> list[str]:
        """Every place never asked (a cold start), else the one asked longest ago."""
        missing = [a for a in areas if a not in self.replies]
        return missing or [min(areas, key=lambda a: self.replies[a][1])]

    def spend(self, requests_: int, now: datetime, quota: int | None) -> None:
        """Count today's requests; past the quota, a QuotaError until the next midnight in Seoul."""
        today = now.astimezone(SEOUL_TZ).date()
        if today != self.day:
            self.day, self.spent = today, 0
        if quota is not None and self.spent + requests_ > quota:
            raise QuotaError(f"daily_quota of {quota} requests used up today ({self.spent} spent)",
                             code="DAILY-QUOTA", retry_after_s=seconds_to_quota_reset(now))
        self.spent += requests_


# one per feed's session (each feed polls with its own) and options; gone with the session
_ROTATIONS: weakref.WeakKeyDictionary[requests.Session, dict[CitydataOptions, PlaceRotation]] = \
    weakref.WeakKeyDictionary()
_ROTATIONS_LOCK = threading.Lock()


def fetch(session: requests.Session, options: CitydataOptions, now: datetime) -> FeedResult:
    """Ask the places that are due; return every place's closures, messages, warnings, roads and crowd
    from its latest reply. A place failing fails the call (the ones asked before it are kept)."""
    with _ROTATIONS_LOCK:
        rotation = _ROTATIONS.setdefault(session, {}).setdefault(options, PlaceRotation())
    due = rotation.due(options.areas)
    rotation.spend(len(due), now, options.daily_quota)
    for area in due:
        url = service_url(options.base_url, options.api_key, options.service, 1, 5, (area,))
        rotation.replies[area] = (parse_reply(http_get(session, url, options.timeout_s, secret=options.api_key,
                                                       max_bytes=options.max_reply_bytes)), now)
    records: list = []
    for area in options.areas:
        doc = rotation.replies[area][0]
        records.extend(closures(doc, now))
        records.extend(messages(doc))
        records.extend(warnings(doc))
        links = road_links(doc)
        records.extend(links)
        status = hotspot(doc, links, now)
        if status is not None:
            records.append(status)
    unique = {(type(r), _key(r)): r for r in records}  # neighbouring areas share closures and links
    newest = max((r.measured_at for r in records if isinstance(r, HotspotStatus)), default=None)
    return FeedResult(records=tuple(unique.values()), source_time=newest)


def parse_reply(body: bytes) -> dict[str, Any]:
    """The CITYDATA object with upper-cased keys, or a typed error from its result code."""
    text_ = decode(body).strip()
    if not text_:
        raise FormatError("empty reply")
    doc = _xml_doc(text_) if text_.startswith("<") else upper_keys(json_object(text_))
    city = _find_citydata(doc)
    result = doc.get("RESULT") or (city or {}).get("RESULT")
    if result is not None and not check_result(*result_of(result)):
        return {}
    if city is None:
        raise FormatError("reply has no CITYDATA")
    return city


def closures(doc: dict[str, Any], now: datetime) -> list[Incident]:
    """ACDNT_CNTRL_STTS: accidents and closures near the place (WGS84)."""
    area = text(doc.get("AREA_NM"))
    found = []
    for row in _items(doc.get("ACDNT_CNTRL_STTS")):
        occurred = parse_time(row.get("ACDNT_OCCR_DT"))
        kind_text = text(row.get("ACDNT_TYPE")) or "통제"
        lat, lon = decimal(row.get("ACDNT_Y")), decimal(row.get("ACDNT_X"))
        info = text(row.get("ACDNT_INFO"))
        incident = Incident(
            source_id=_digest(kind_text, row.get("ACDNT_OCCR_DT"), row.get("ACDNT_X"), row.get("ACDNT_Y"), info),
            kind="fire" if "화재" in kind_text else "road", type_label=kind_text, occurred_at=occurred,
            lat=lat, lon=lon, agency="서울특별시 (실시간 도시데이터)", stage="통제중",
            stages=(Stage("발생", occurred), Stage("통제중", now)),
            expected_clear=parse_time(row.get("EXP_CLR_DT")),
            detail="\n".join(p for p in (text(row.get("ACDNT_DTYPE") or row.get("ACDNT_DTL_TYPE")),
                                         f"{area} 인근" if area else None, info) if p) or None)
        found.append(locate(incident))
    return found


def messages(doc: dict[str, Any]) -> list[DisasterMessage]:
    """LIVE_DST_MESSAGE: the 재난문자 relayed for the place."""
    found = []
    for row in _items(doc.get("LIVE_DST_MESSAGE")):
        body = text(row.get("DST_MSG"))
        if body:
            found.append(DisasterMessage(
                message_id=_digest(row.get("CRT_DT"), body), text=body, category=text(row.get("DST_SE_NM")),
                region=text(row.get("RCPTN_RGN_NM")), sent_at=parse_time(row.get("CRT_DT"))))
    return found


def hotspot(doc: dict[str, Any], links: list[RoadLink], now: datetime) -> HotspotStatus | None:
    """AVG_ROAD_DATA and LIVE_PPLTN_STTS[0]: the place's roads and crowd. Without AVG_ROAD_DATA the
    speed is its links' mean; without any time of the source's, the time of the fetch."""
    area = text(doc.get("AREA_NM"))
    road = upper_keys(_section(doc.get("ROAD_TRAFFIC_STTS")).get("AVG_ROAD_DATA") or {})
    crowd = next(iter(_items(doc.get("LIVE_PPLTN_STTS"))), {})
    if area is None or not (road or crowd or links):
        return None
    times = [t for t in (parse_time(road.get("ROAD_TRAFFIC_TIME")), parse_time(crowd.get("PPLTN_TIME"))) if t]
    speeds = [link.speed for link in links if link.speed is not None]
    speed = decimal(road.get("ROAD_TRAFFIC_SPD"))
    points = [p for link in links for p in link.coordinates()]
    forecast = tuple(Stage(level, parse_time(row.get("FCST_TIME"))) for row in _items(crowd.get("FCST_PPLTN"))
                     if (level := text(row.get("FCST_CONGEST_LVL"))))
    lat = round(sum(p[0] for p in points) / len(points), 6) if points else None
    lon = round(sum(p[1] for p in points) / len(points), 6) if points else None
    return HotspotStatus(
        area=area, measured_at=max(times, default=now), area_code=text(doc.get("AREA_CD")), lat=lat, lon=lon,
        district=district_at(lat, lon) if lat is not None and lon is not None else None,
        road_level=text(road.get("ROAD_TRAFFIC_IDX")),
        road_speed=speed if speed is not None else round(sum(speeds) / len(speeds), 1) if speeds else None,
        road_message=text(road.get("ROAD_MSG")), crowd_level=text(crowd.get("AREA_CONGEST_LVL")),
        crowd_message=text(crowd.get("AREA_CONGEST_MSG")), people_min=count(crowd.get("AREA_PPLTN_MIN")),
        people_max=count(crowd.get("AREA_PPLTN_MAX")), forecast=forecast)


def road_links(doc: dict[str, Any]) -> list[RoadLink]:
    """ROAD_TRAFFIC_STTS.ROAD_TRAFFIC_STTS[]: the links around the place, `XYLIST` "lon_lat|lon_lat…"."""
    area = text(doc.get("AREA_NM")) or ""
    road = _section(doc.get("ROAD_TRAFFIC_STTS"))
    measured = parse_time(upper_keys(road.get("AVG_ROAD_DATA") or {}).get("ROAD_TRAFFIC_TIME"))
    found = []
    for row in _items(road.get("ROAD_TRAFFIC_STTS")):
        link_id, points = text(row.get("LINK_ID")), _points(row.get("XYLIST"))
        if link_id and points:
            found.append(RoadLink(link_id, area, points, text(row.get("ROAD_NM")), decimal(row.get("SPD")),
                                  text(row.get("IDX")), measured))
    return found


def warnings(doc: dict[str, Any]) -> list[WeatherWarning]:
    """WEATHER_STTS[0].NEWS_LIST: weather warnings (특보), lifted ones marked as such."""
    weather = next(iter(_items(doc.get("WEATHER_STTS"))), {})
    found = []
    for row in _items(weather.get("NEWS_LIST")):
        kind = text(row.get("WARN_VAL"))
        if kind:
            lifted = text(row.get("CANCEL_YN")) == "Y" or "해제" in (text(row.get("COMMAND")) or "")
            found.append(WeatherWarning(_digest(kind, row.get("WARN_STRESS"), row.get("ANNOUNCE_TIME")), kind,
                                        text(row.get("WARN_STRESS")), parse_time(row.get("ANNOUNCE_TIME")), lifted,
                                        text(row.get("WARN_MSG"))))
    return found


def _points(xylist: Any) -> str | None:
    """"lon_lat|lon_lat" as "lon,lat;lon,lat" (None if any pair is not two numbers)."""
    pairs = [p.split("_") for p in (text(xylist) or "").split("|") if p.strip()]
    if len(pairs) < 2 or any(len(p) != 2 or decimal(p[0]) is None or decimal(p[1]) is None for p in pairs):
        return None
    return ";".join(f"{decimal(lon)},{decimal(lat)}" for lon, lat in pairs)


def _section(value: Any) -> dict[str, Any]:
    return upper_keys(value) if isinstance(value, dict) else {}


KEYS = {Incident: "source_id", DisasterMessage: "message_id", WeatherWarning: "warning_id", RoadLink: "link_id",
        HotspotStatus: "area"}


def _key(record: Any) -> str:
    return getattr(record, KEYS[type(record)])


def _digest(*parts: Any) -> str:
    """A stable id for rows that carry none of their own."""
    joined = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def _items(value: Any) -> list[dict[str, Any]]:
    """A section as a list of rows with upper-cased keys (null, one object, or a list)."""
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    return [upper_keys(item) for item in items if isinstance(item, dict)]


def _find_citydata(doc: dict[str, Any]) -> dict[str, Any] | None:
    """CITYDATA at the top, or one level down inside a service wrapper."""
    for holder in (doc, *(v for v in doc.values() if isinstance(v, dict))):
        city = upper_keys(holder).get("CITYDATA")
        if isinstance(city, list):
            city = city[0] if city else None
        if isinstance(city, dict):
            return upper_keys(city)
    return None


def _xml_doc(text_: str) -> dict[str, Any]:
    try:
        root = ET.fromstring(text_)
    except ET.ParseError as exc:
        raise FormatError(f"malformed XML ({exc})") from exc
    value = _xml_value(root)
    doc = value if isinstance(value, dict) else {}
    return upper_keys({root.tag: doc, **doc}) if root.tag.upper() != "RESULT" else {"RESULT": doc}


def _xml_value(node: ET.Element) -> Any:
    """Leaf -> text; `<X><X>…</X><X>…</X></X>` (citydata's double nesting) -> a list; else a dict."""
    children = list(node)
    if not children:
        return (node.text or "").strip()
    if all(c.tag == node.tag for c in children):
        return [_xml_value(c) for c in children]
    grouped: dict[str, list] = {}
    for child in children:
        grouped.setdefault(child.tag.upper(), []).append(_xml_value(child))
    return {tag: values[0] if len(values) == 1 else values for tag, values in grouped.items()}


def places(options: CitydataOptions) -> int:
    return len(options.areas)


def quota_warnings(options: CitydataOptions, interval_s: float) -> list[str]:
    """The places asked every interval, a day long, against the key's daily quota."""
    per_day = round(len(options.areas) * 86400 / interval_s)
    if options.daily_quota is None or per_day <= options.daily_quota:
        return []
    return [f"{len(options.areas)} places every {interval_s:g} s make {per_day} requests a day, more than "
            f"daily_quota = {options.daily_quota}: the feed will pause until midnight (KST) each day; "
            f"raise interval_s to at least {len(options.areas) * 86400 / options.daily_quota:.0f} or list fewer areas"]


FEED = register(Feed(kind="seoul_citydata", title="실시간 도시데이터 · 도로/인구/통제", options=CitydataOptions,
                     fetch=fetch, record_type=Incident,
                     also=(DisasterMessage, WeatherWarning, HotspotStatus, RoadLink),
                     calls_per_interval=places, warnings=quota_warnings))
