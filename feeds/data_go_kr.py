"""The data.go.kr (공공데이터포털) gateway envelope, shared by its services.

Success: `response.header.resultCode` "00" (some services "000"), items in
`response.body.items.item` (a list or one object) or, in newer services, a flat `body.items`
list or a bare `returnObject` list. Gateway errors arrive as XML `OpenAPI_ServiceResponse` even when JSON was asked for.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from feeds.errors import AuthError, FormatError, QuotaError, UnavailableError
from feeds.seoul_open_data import decode, json_object

# returnReasonCode -> error type (everything else is a rejected request)
_AUTH_CODES = {"20", "30", "31", "32"}
_QUOTA_CODES = {"22"}
_SERVER_CODES = {"1", "01", "99"}


def parse_items(body: bytes) -> list[dict[str, Any]]:
    """The items of a reply, or a typed error for the gateway's and the service's error codes."""
    text = decode(body).strip()
    if not text:
        raise FormatError("empty reply")
    if text.startswith("<"):
        return _xml_items(text)
    doc = json_object(text)
    if isinstance(doc.get("returnObject"), list):  # some services (민원 빅데이터) answer a bare list
        return _items(doc["returnObject"])
    response = doc.get("response", doc)
    if not isinstance(response, dict):
        raise FormatError("response is not an object")
    _check_header(response.get("header") or {})
    return _items((response.get("body") or {}).get("items"))


def gateway_error(code: str, message: str) -> Exception:
    """The typed error for a returnReasonCode / resultCode."""
    detail = f"{code}: {message}".strip(": ")
    if code in _AUTH_CODES:
        return AuthError(f"service key refused ({detail})", code=code)
    if code in _QUOTA_CODES:
        return QuotaError(f"request quota exceeded ({detail})", code=code)
    if code in _SERVER_CODES:
        return UnavailableError(f"server error ({detail})", code=code)
    return FormatError(f"request rejected ({detail})", code=code)


def _check_header(header: dict[str, Any]) -> None:
    code = str(header.get("resultCode", "00")).strip()
    if code.strip("0") != "":
        raise gateway_error(code, str(header.get("resultMsg") or ""))


def _items(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):  # {"item": [...]} or {"item": {...}}
        value = value.get("item")
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, dict) for item in items):
        raise FormatError("items are not objects")
    return items


def _xml_items(text: str) -> list[dict[str, Any]]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise FormatError(f"malformed XML ({exc})") from exc
    if root.tag == "OpenAPI_ServiceResponse":
        code = (root.findtext(".//returnReasonCode") or "99").strip()
        message = (root.findtext(".//returnAuthMsg") or root.findtext(".//errMsg") or "").strip()
        raise gateway_error(code, message)
    header = root.find("header")
    if header is not None:
        _check_header({c.tag: (c.text or "") for c in header})
    return [{c.tag: (c.text or "").strip() for c in item} for item in root.iter("item")]
