"""Reading values the way Korean public APIs send them: numbers as text, odd markers, compact times."""

from __future__ import annotations

import logging
import math
import re
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, TypeVar

from feeds.errors import FormatError
from feeds.records import SEOUL_TZ

_LOGGER = logging.getLogger(__name__)
Item, Record = TypeVar("Item"), TypeVar("Record")


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


def read_all(items: Iterable[Item], read: Callable[[Item], Record | None], what: str) -> list[Record]:
    """Each item through `read` (None: unreadable, dropped with one warning for the lot).

    A reply with items of which none can be read is a FormatError (renamed fields, a new
    version of the service …), never "ok, 0 records".
    """
    pairs = [(item, read(item)) for item in items]
    found = [record for _, record in pairs if record is not None]
    dropped = [item for item, record in pairs if record is None]
    if dropped:
        _LOGGER.warning("%d of %d %s dropped as unreadable, e.g. %r", len(dropped), len(pairs), what, dropped[0])
    if dropped and not found:
        sample = dropped[0]
        fields = ", ".join(sorted(map(str, sample))[:12]) if isinstance(sample, dict) else type(sample).__name__
        raise FormatError(f"none of the {len(pairs)} {what} could be read (fields: {fields})")
    return found


LINE_BREAKS = ("&#13;&#10;", "&#13;", "&#10;", "\r\n", "\r")


def multiline_text(value: Any) -> str | None:
    """Text whose lines the source separates with `&#13;` (AccInfo's acc_info) or CR: real line breaks."""
    result = text(value)
    if result is None:
        return None
    for separator in LINE_BREAKS:
        result = result.replace(separator, "\n")
    return "\n".join(line.strip() for line in result.split("\n") if line.strip()) or None


def field_key(name: str) -> str:
    """One spelling for a field name: "sidoNm", "sido_nm" and "SIDO_NM" all become "SIDO_NM"."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(name)).upper()

