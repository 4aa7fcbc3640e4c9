"""The Seoul Open Data Plaza envelope, shared by every openapi.seoul.go.kr service.

URL: {base}/{KEY}/{json|xml}/{SERVICE}/{START}/{END}/{OPT1}/...
Quirks handled here: HTTP 200 on errors, a bare {"RESULT":…} without the service wrapper on
errors and INFO-200, INFO-100 as XML even for /json/, citydata's "RESULT.CODE" keys, `row`
as a list or one object, field names in either case, at most 1,000 rows per call.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable
from urllib.parse import quote

import requests

from feeds.base import FeedOptions
from feeds.errors import AuthError, FormatError, QuotaError, UnavailableError
from feeds.http import http_get
from feeds.records import SEOUL_TZ

PAGE_SIZE = 1000  # the server's limit per call (ERROR-336 beyond)
MAX_PAGES = 50
QUOTA_GRACE_S = 60.0


@dataclass(frozen=True)
class Page:
    """One reply: rows with upper-cased field names, and the server's total row count."""

    rows: tuple[dict[str, Any], ...]
    total: int | None


def service_url(base_url: str, key: str, service: str, start: int, end: int,
                args: Iterable[str] = (), fmt: str = "json") -> str:
    """The request URL; optional arguments are positional path segments (empty to skip)."""
    parts = [key, fmt, service, str(start), str(end), *args]
    return base_url.rstrip("/") + "/" + "/".join(quote(str(p), safe="") for p in parts)


class OpenDataOptions(FeedOptions):
    """Options every openapi.seoul.go.kr feed shares."""

    api_key: str
    service: str


def fetch_rows(session: requests.Session, options: OpenDataOptions, args: Iterable[str] = (),
               fmt: str = "json", wrapper: str | None = None, total_is_page: bool = False,
               first: int | None = None) -> tuple[dict[str, Any], ...]:
    """Every row of the service (asked for as JSON or XML), paging 1,000 at a time up to the server's total.

    `wrapper`: the reply's top key when it is not the service's name (bikeList -> rentBikeStatus).
    `total_is_page`: the service's list_total_count counts the page, not the whole (bikeList): page on
    until a short page.
    `first`: only the first this many rows (services that list their newest rows first).
    More than `options.max_rows` rows is a format error (nothing is kept of such a reply).
    """
    args, key, service = tuple(args), options.api_key, options.service
    rows: list[dict[str, Any]] = []
    for page_no in range(MAX_PAGES):
        start = page_no * PAGE_SIZE + 1
        end = start + PAGE_SIZE - 1 if first is None else min(start + PAGE_SIZE, first + 1) - 1
        url = service_url(options.base_url, key, service, start, end, args, fmt)
        body = http_get(session, url, options.timeout_s, secret=key, max_bytes=options.max_reply_bytes)
        page = parse_reply(body, wrapper or service)
        rows.extend(page.rows)
        if len(rows) > options.max_rows:
            raise FormatError(f"more than {options.max_rows} rows (max_rows); not read", code="TOO-MANY-ROWS")
        if len(page.rows) < end - start + 1 or (first is not None and len(rows) >= first) or (
                not total_is_page and page.total is not None and len(rows) >= page.total):
            break
    return tuple(rows)


def parse_reply(body: bytes, service: str) -> Page:
    """Parse one reply (JSON or XML, whatever was asked for) into rows, or raise a typed error."""
    text = decode(body).strip()
    if not text:
        raise FormatError("empty reply")
    if text.startswith("<"):
        return _parse_xml(text, service)
    return _parse_json(text, service)


def seconds_to_quota_reset(now: datetime) -> float:
    """Seconds until the daily quotas reset: the next midnight in Seoul, and a minute's grace."""
    local = now.astimezone(SEOUL_TZ)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - local).total_seconds() + QUOTA_GRACE_S


def check_result(code: str | None, message: str) -> bool:
    """Raise for an error code; return False for INFO-200 (no data), True for INFO-000."""
    code = (code or "").strip().upper()
    if code == "INFO-000":
        return True
    if code == "INFO-200":
        return False
    detail = f"{code}: {message.strip()}" if message else code
    if code == "INFO-100":
        raise AuthError(f"API key refused ({detail})", code=code)
    if code == "ERROR-337":  # the key's daily quota: asking again before it resets only wastes calls
        raise QuotaError(f"daily quota exceeded ({detail})", code=code,
                         retry_after_s=seconds_to_quota_reset(datetime.now(timezone.utc)))
    if code.startswith(("ERROR-5", "ERROR-6")):
        raise UnavailableError(f"server error ({detail})", code=code)
    if code.startswith("ERROR-3"):
        raise FormatError(f"request rejected ({detail})", code=code)
    raise FormatError(f"unknown result code ({detail or 'none'})", code=code or None)


def upper_keys(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its field names upper-cased, so lookups are case-insensitive."""
    return {str(k).upper(): v for k, v in row.items()}


def decode(body: bytes) -> str:
    """The reply as text: UTF-8 (with or without BOM), else CP949 as some older services send."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return body.decode("cp949")
        except UnicodeDecodeError as exc:
            raise FormatError("reply is neither UTF-8 nor CP949 text") from exc


def json_object(text: str) -> dict[str, Any]:
    """A reply's JSON object, or FormatError saying where it is broken.

    Non-finite numbers (`Infinity`, `NaN`, `1e999`) are no value (None), never a number.
    """
    try:
        doc = json.loads(text, parse_constant=lambda _: None, parse_float=_finite_or_none)
    except json.JSONDecodeError as exc:
        raise FormatError(f"malformed JSON at line {exc.lineno} column {exc.colno}") from exc
    if not isinstance(doc, dict):
        raise FormatError("reply is not a JSON object")
    return doc


def _finite_or_none(literal: str) -> float | None:
    value = float(literal)
    return value if math.isfinite(value) else None


def _parse_json(text: str, service: str) -> Page:
    doc = upper_keys(json_object(text))
    body = doc.get(service.upper())
    if body is None:  # errors and INFO-200 come without the service wrapper
        if "RESULT" not in doc:
            raise FormatError(f"reply has neither {service} nor RESULT")
        check_result(*result_of(doc["RESULT"]))
        return Page(rows=(), total=0)
    if isinstance(body, list):  # some services wrap the object in a one-element list
        body = body[0] if body and isinstance(body[0], dict) else {}
    if not isinstance(body, dict):
        raise FormatError(f"{service} is not an object")
    body = upper_keys(body)
    if "RESULT" in body and not check_result(*result_of(body["RESULT"])):
        return Page(rows=(), total=0)
    return Page(rows=_rows(body.get("ROW")), total=_int_or_none(body.get("LIST_TOTAL_COUNT")))


def result_of(result: Any) -> tuple[str | None, str]:
    """CODE/MESSAGE from a RESULT object, also citydata's "RESULT.CODE"/"RESULT.MESSAGE"."""
    if not isinstance(result, dict):
        raise FormatError("RESULT is not an object")
    result = upper_keys(result)
    code = result.get("CODE", result.get("RESULT.CODE"))
    message = result.get("MESSAGE", result.get("RESULT.MESSAGE")) or ""
    return (str(code) if code is not None else None), str(message)


def _rows(value: Any) -> tuple[dict[str, Any], ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, dict) for item in items):
        raise FormatError("row is not an object or a list of objects")
    return tuple(upper_keys(item) for item in items)


def _parse_xml(text: str, service: str) -> Page:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise FormatError(f"malformed XML ({exc})") from exc
    tag = root.tag.upper()
    if tag == "RESULT":
        check_result(_child_text(root, "CODE"), _child_text(root, "MESSAGE") or "")
        return Page(rows=(), total=0)
    if tag != service.upper():
        raise FormatError(f"unexpected XML root <{root.tag}>")
    result = _child(root, "RESULT")
    if result is not None:
        if not check_result(_child_text(result, "CODE"), _child_text(result, "MESSAGE") or ""):
            return Page(rows=(), total=0)
    rows = tuple({child.tag.upper(): (child.text or "").strip() for child in row}
                 for row in root if row.tag.upper() == "ROW")
    return Page(rows=rows, total=_int_or_none(_child_text(root, "LIST_TOTAL_COUNT")))


def _child(node: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in node if c.tag.upper() == name), None)


def _child_text(node: ET.Element, name: str) -> str | None:
    child = _child(node, name)
    return (child.text or "").strip() if child is not None else None


def _int_or_none(value: Any) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None
