"""국가교통정보센터 ITS CCTV list (`cctvInfo`): the cameras inside a bounding box, with stream URLs.

`data` is a list, or one object when there is a single camera, or missing when there are
none. `coordx` is the longitude, `coordy` the latitude. The URLs carry signed tokens that
expire, so the catalogue re-fetches the list instead of keeping URLs for long. A refused
key answers `{"header": {"resultCode": 4005, …}}`.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

import pydantic
import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.cameras import Camera
from feeds.errors import FormatError
from feeds.geo import district_at
from feeds.http import http_get
from feeds.its import SEOUL_BBOX, check_header
from feeds.seoul_open_data import decode, json_object
from feeds.values import decimal, read_all, text

class ItsCctvOptions(FeedOptions):
    """Options of the `its_cctv` feed."""

    base_url: str = "https://openapi.its.go.kr:9443"
    api_key: str
    road_type: str = pydantic.Field(default="all", pattern="^(ex|its|all)$")  # 고속도로 / 국도 / both
    cctv_type: int = pydantic.Field(default=4, ge=1, le=5)  # 1 HLS (http), 4 HLS over https
    bbox: tuple[float, float, float, float] = SEOUL_BBOX


def fetch(session: requests.Session, options: ItsCctvOptions, now: datetime) -> FeedResult:
    """The cameras in the box."""
    min_x, max_x, min_y, max_y = options.bbox
    query = urlencode({"type": options.road_type, "cctvType": options.cctv_type, "minX": min_x, "maxX": max_x,
                       "minY": min_y, "maxY": max_y, "getType": "json"})
    key = quote(options.api_key, safe="")
    url = f"{options.base_url.rstrip('/')}/cctvInfo?apiKey={key}&{query}"
    return FeedResult(records=parse(http_get(session, url, options.timeout_s, secret=key,
                                              max_bytes=options.max_reply_bytes)), source_time=now)


def parse(body: bytes) -> tuple[Camera, ...]:
    """Cameras from a reply; a camera without a name, URL or position is dropped with a warning."""
    doc = json_object(decode(body))
    check_header(doc)
    response = doc.get("response")
    if not isinstance(response, dict):
        raise FormatError('not a cctvInfo reply (no "response" object)')
    data = response.get("data") or []
    items = data if isinstance(data, list) else [data]
    return tuple(read_all(items, lambda item: parse_item(item) if isinstance(item, dict) else None, "ITS cameras"))


def parse_item(item: dict[str, Any]) -> Camera | None:
    """One camera, or None when it cannot be placed or played."""
    name, url = text(item.get("cctvname")), text(item.get("cctvurl"))
    lon, lat = decimal(item.get("coordx")), decimal(item.get("coordy"))
    if not name or not url or lat is None or lon is None:
        return None
    camera_id = "its-" + hashlib.sha1(f"{name}|{lat:.5f}|{lon:.5f}".encode()).hexdigest()[:12]
    return Camera(camera_id=camera_id, name=name, url=url, lat=lat, lon=lon, district=district_at(lat, lon),
                  source="its")


FEED = register(Feed(kind="its_cctv", title="ITS CCTV 목록", options=ItsCctvOptions, fetch=fetch,
                     record_type=Camera))
