"""국가교통정보센터 ITS 실시간 소통정보 (`trafficInfo`): every road link's speed in Seoul's box, drawn
with the link geometry the operator supplies.

One call returns every link in the box (`body.items`, a list or one object); the reply has no
coordinates, so the national standard node-link geometry is needed. The operator converts it
once to GeoJSON — LineString (or MultiLineString) features whose properties carry `link_id`
(`LINK_ID` too), e.g. `ogr2ogr -f GeoJSON -t_srs EPSG:4326 -sql "SELECT LINK_ID ..." links.geojson
MOCT_LINK.shp` — and names the file in `link_geometry`. Levels follow TOPIS for city roads: 원활
from `slow_below_kmh`, 정체 below `jam_below_kmh`.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pydantic
import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.errors import FormatError
from feeds.http import http_get
from feeds.its import SEOUL_BBOX, check_header
from feeds.local_files import read_text
from feeds.seoul_open_data import decode, json_object
from feeds.traffic import RoadLink
from feeds.values import decimal, parse_time, text

MAX_GEOMETRY_BYTES = 200_000_000  # room for a whole-country link network; beyond it is a mistake
AREA = "ITS"  # the links' area: all of Seoul, not one hotspot


class ItsTrafficOptions(FeedOptions):
    """Options of the `its_traffic` feed."""

    base_url: str = "https://openapi.its.go.kr:9443"
    api_key: str
    link_geometry: Path  # GeoJSON of the node-link network's links (see the module's notes)
    bbox: tuple[float, float, float, float] = SEOUL_BBOX
    road_type: str = pydantic.Field(default="all", pattern="^(ex|its|all)$")
    slow_below_kmh: float = pydantic.Field(default=25.0, gt=0)  # below: 서행
    jam_below_kmh: float = pydantic.Field(default=10.0, gt=0)  # below: 정체
    max_rows: int = pydantic.Field(default=50_000, ge=1, le=1_000_000)  # Seoul has ~5,000 links

    @pydantic.field_validator("link_geometry")
    @classmethod
    def _readable(cls, path: Path) -> Path:
        if not path.is_file():
            raise ValueError(f"no such file: {path} (GeoJSON of the node-link network's links)")
        return path


def fetch(session: requests.Session, options: ItsTrafficOptions, now: datetime) -> FeedResult:
    """Every link in the box that the geometry file draws, with its speed and level."""
    min_x, max_x, min_y, max_y = options.bbox
    query = urlencode({"type": options.road_type, "drcType": "all", "minX": min_x, "maxX": max_x, "minY": min_y,
                       "maxY": max_y, "getType": "json"})
    url = f"{options.base_url.rstrip('/')}/trafficInfo?apiKey={quote(options.api_key, safe='')}&{query}"
    items = parse(http_get(session, url, options.timeout_s, secret=options.api_key, max_bytes=options.max_reply_bytes))
    shapes = link_shapes(options.link_geometry, options.link_geometry.stat().st_mtime)
    links = [link for item in items if (link := road_link(item, shapes, options)) is not None]
    return FeedResult(records=tuple(links), source_time=max((k.measured_at for k in links if k.measured_at),
                                                             default=None))


def parse(body: bytes) -> list[dict[str, Any]]:
    """`body.items` as a list (one object, or none, alike); a refused key raises."""
    doc = json_object(decode(body))
    check_header(doc)
    reply = doc.get("body")
    if not isinstance(reply, dict):
        raise FormatError('not a trafficInfo reply (no "body" object)')
    items = reply.get("items") or []
    return [item for item in (items if isinstance(items, list) else [items]) if isinstance(item, dict)]


def road_link(item: dict[str, Any], shapes: dict[str, str], options: ItsTrafficOptions) -> RoadLink | None:
    """A link the geometry file draws, at its level; None otherwise."""
    link_id = text(item.get("linkId"))
    points = shapes.get(link_id or "")
    if points is None:
        return None
    speed = decimal(item.get("speed"))
    level = None if speed is None else "정체" if speed < options.jam_below_kmh else \
        "서행" if speed < options.slow_below_kmh else "원활"
    return RoadLink(link_id, AREA, points, text(item.get("roadName")), speed, level, parse_time(item.get("createdDate")))


@lru_cache(maxsize=2)
def link_shapes(path: Path, _mtime: float) -> dict[str, str]:
    """link id -> "lon,lat;lon,lat…" from the GeoJSON (read again when the file changes)."""
    try:
        doc = json.loads(read_text(path, MAX_GEOMETRY_BYTES))
    except (OSError, ValueError) as exc:
        raise FormatError(f"link_geometry {path}: {exc}") from exc
    shapes = {}
    for feature in doc.get("features", []) if isinstance(doc, dict) else []:
        props, geometry = feature.get("properties") or {}, feature.get("geometry") or {}
        link_id = text(props.get("link_id") or props.get("LINK_ID"))
        lines = {"LineString": [geometry.get("coordinates")],
                 "MultiLineString": geometry.get("coordinates")}.get(geometry.get("type"), [])
        points = [p for line in lines or [] for p in line or [] if isinstance(p, list) and len(p) >= 2]
        if link_id and len(points) >= 2:
            shapes[link_id] = ";".join(f"{float(p[0])},{float(p[1])}" for p in points)
    return shapes


FEED = register(Feed(kind="its_traffic", title="ITS 실시간 소통정보", options=ItsTrafficOptions, fetch=fetch,
                     record_type=RoadLink))
