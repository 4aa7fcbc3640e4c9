"""실시간 도시데이터 (citydata) for configured hotspots: road closures and 재난문자.

One call per place returns one `CITYDATA` object. Its result code may sit at the top, inside
the object, or be absent, with keys `RESULT.CODE`/`RESULT.MESSAGE`. In XML every list is
doubly nested (`ACDNT_CNTRL_STTS/ACDNT_CNTRL_STTS`).
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any

import pydantic
import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.errors import FormatError
from feeds.geo import locate
from feeds.http import http_get
from feeds.incidents import DisasterMessage, Incident, Stage
from feeds.seoul_open_data import check_result, decode, json_object, result_of, service_url, upper_keys
from feeds.values import decimal, parse_time, text


class CitydataOptions(FeedOptions):
    """Options of the `seoul_citydata` feed: which of the 120 hotspots to watch."""

    api_key: str
    areas: tuple[str, ...] = pydantic.Field(min_length=1, max_length=120)
    service: str = "citydata"


def fetch(session: requests.Session, options: CitydataOptions, now: datetime) -> FeedResult:
    """Closures and messages of every area; any area failing fails the fetch (nothing half-known)."""
    records: list[Incident | DisasterMessage] = []
    for area in options.areas:
        url = service_url(options.base_url, options.api_key, options.service, 1, 5, (area,))
        doc = parse_reply(http_get(session, url, options.timeout_s, secret=options.api_key,
                                         max_bytes=options.max_reply_bytes))
        records.extend(closures(doc, now))
        records.extend(messages(doc))
    unique = {(type(r), _key(r)): r for r in records}  # neighbouring areas report the same closure
    newest = max((r.occurred_at for r in records if isinstance(r, Incident) and r.occurred_at), default=None)
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


def _key(record: Incident | DisasterMessage) -> str:
    return record.source_id if isinstance(record, Incident) else record.message_id


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
    return {c.tag.upper(): _xml_value(c) for c in children}


FEED = register(Feed(kind="seoul_citydata", title="실시간 도시데이터 · 통제/재난문자", options=CitydataOptions,
                     fetch=fetch, record_type=Incident))
