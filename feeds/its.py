"""What the 국가교통정보센터 (ITS) open APIs share: Seoul's box, and the header that reports errors."""

from __future__ import annotations

from typing import Any

from feeds.errors import AuthError

SEOUL_BBOX = (126.76, 127.18, 37.41, 37.70)  # minX, maxX, minY, maxY (WGS84)


def check_header(doc: dict[str, Any]) -> None:
    """A non-zero `header.resultCode` (4005: unknown key …) is a refused request."""
    header = doc.get("header")
    if isinstance(header, dict) and str(header.get("resultCode", "0")) not in ("0", "00"):
        message = f"{header.get('resultCode')}: {header.get('resultMsg') or ''}".strip()
        raise AuthError(f"API key refused ({message})", code=str(header.get("resultCode")))
