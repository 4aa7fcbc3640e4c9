"""Reading values the way Korean public APIs send them: numbers as text, odd markers, compact times."""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from typing import Any

from feeds.records import SEOUL_TZ


def number(value: Any) -> float | None:
    """A measurement, or None for the missing markers (-9, "", null, 점검중, negatives …)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = float(str(value).strip().replace(",", ""))
    except ValueError:
        return None
    return result if math.isfinite(result) and result >= 0 else None


def decimal(value: Any) -> float | None:
    """Any finite number (a coordinate may be negative), or None."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = float(str(value).strip())
    except ValueError:
        return None
    return result if math.isfinite(result) else None


def count(value: Any) -> int | None:
    """A whole count ("9", 9, "9.0"), or None."""
    result = number(value)
    return int(result) if result is not None else None


def text(value: Any) -> str | None:
    """Stripped text, or None when empty."""
    result = str(value).strip() if value is not None else ""
    return result or None


def parse_time(value: Any) -> datetime | None:
    """YYYYMMDDHHmm (also with separators, or YYYYMMDDHH; 24:00 = next midnight) in Seoul time."""
    digits = re.sub(r"\D", "", str(value or ""))
    if len(digits) == 10:
        digits += "00"
    if len(digits) < 12:
        return None
    day, hour, minute = digits[:8], int(digits[8:10]), int(digits[10:12])
    try:
        base = datetime.strptime(day, "%Y%m%d").replace(tzinfo=SEOUL_TZ)
    except ValueError:
        return None
    if hour > 24 or minute > 59:
        return None
    return base + timedelta(hours=hour, minutes=minute)
