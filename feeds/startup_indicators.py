"""창업생태계: Seoul's own startup-ecosystem figures by month, from a CSV file the city's startup office keeps.

No API carries them, so the format is ours (docs/startup-indicators.md): a header `month,indicator,value,source`
and one row per month and indicator, e.g. `2026-10,investment_eok,1830,서울창업허브 투자 연계 실적`. The
indicators are the four of INDICATORS. A broken row is left out and named (file, line, column) by
`kiosk check-config`; the others are read. Every month is kept as history for the trends.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import requests

from feeds.base import Feed, FeedResult, FileFeedOptions, register
from feeds.errors import FormatError, UnavailableError
from feeds.records import SEOUL_TZ
from feeds.local_files import read_text
from feeds.values import number

_LOGGER = logging.getLogger(__name__)
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "startups" / "indicators.csv"
INDICATORS = {  # key -> (label, unit)
    "hub_startups": ("창업허브 입주기업", "개사"),
    "investment_eok": ("투자 유치", "억 원"),
    "jobs": ("창업기업 고용", "명"),
    "new_certified": ("신규 창업기업 확인", "개사"),
}
COLUMNS = ("month", "indicator", "value", "source")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_BYTES = 2_000_000
# a broken row or two is left out and named; a file that loses more than both of these was misread as a whole
# (a stray quote, another delimiter), and showing the rest would mislead
MAX_LOST_ROWS, MAX_LOST_SHARE = 2, 0.05


@dataclass(frozen=True)
class StartupIndicator:
    """One indicator's figure for one month."""

    indicator: str  # a key of INDICATORS
    month: datetime  # the 1st, 00:00 Seoul time
    value: float
    source: str | None = None


class IndicatorOptions(FileFeedOptions):
    """Options of the `startup_indicators` feed: the CSV file."""

    file: str = ""  # empty: the built-in sample figures (invented, shown with the 시뮬레이션 badge)
    given: ClassVar[str] = "file"
    samples: ClassVar[Path] = SAMPLE


def read_rows(text: str) -> tuple[list[StartupIndicator], list[str]]:
    """(figures, problems): each problem as `line N: column: what is wrong`."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) not in (COLUMNS, COLUMNS[:3]):
        return [], [f"line 1: the header must be {','.join(COLUMNS)} (not {','.join(reader.fieldnames or [])!r})"]
    figures, problems, seen = [], [], set()
    for row in reader:
        breaks = _line_breaks(row)
        line = reader.line_num - breaks
        found, problem = _figure(row) if not breaks else (None, _unclosed_quote(line, reader.line_num))
        if problem is None and (found.indicator, found.month) in seen:
            problem = f"month: {row['month']} {row['indicator']} is given twice"
        if problem is not None:
            problems.append(f"line {line}: {problem}")
            continue
        seen.add((found.indicator, found.month))
        figures.append(found)
    return figures, problems


def _line_breaks(row: dict) -> int:
    """How many line breaks the row's fields hold: a row is one line, so each is a line a stray quote took in."""
    fields = [value for key, value in row.items() if key is not None] + list(row.get(None) or [])
    # a quote still open at the end of the file takes in the last line's break too
    return sum(str(field or "").rstrip("\r\n").count("\n") for field in fields)


def _unclosed_quote(first: int, last: int) -> str:
    return f"a quote opened on this line is not closed, so lines {first}-{last} were read as one row"


def data_lines(text: str) -> int:
    """The rows the file holds, counted as lines (after the header, blank ones aside)."""
    return sum(1 for line in text.splitlines()[1:] if line.strip())


def _figure(row: dict) -> tuple[StartupIndicator | None, str | None]:
    month = MONTH.match((row.get("month") or "").strip())
    if not month or not 1 <= int(month[2]) <= 12:
        return None, f"month: {row.get('month')!r} is not a month like 2026-10"
    indicator = (row.get("indicator") or "").strip()
    if indicator not in INDICATORS:
        return None, f"indicator: {indicator!r} is not one of {', '.join(INDICATORS)}"
    value = number(row.get("value"))
    if value is None:
        return None, f"value: {row.get('value')!r} is not a number of 0 or more"
    source = (row.get("source") or "").strip()[:60] or None
    return StartupIndicator(indicator, datetime(int(month[1]), int(month[2]), 1, tzinfo=SEOUL_TZ), value, source), None


def _text(options: IndicatorOptions) -> str:
    try:
        return read_text(options.path, MAX_BYTES, "utf-8-sig")  # a spreadsheet's export may start with a BOM
    except OSError as exc:
        raise UnavailableError(f"cannot read {options.path} ({exc.strerror})") from exc
    except ValueError as exc:
        raise FormatError(f"{options.path.name}: {exc}") from None


def fetch(_session: requests.Session, options: IndicatorOptions, _now: datetime) -> FeedResult:
    """Every good row; a file of which more than a few rows (MAX_LOST_ROWS and MAX_LOST_SHARE) cannot be read
    is a format error naming where the reading first went wrong (the last good figures stay on the wall)."""
    text = _text(options)
    figures, problems = read_rows(text)
    if not figures:
        raise FormatError(f"{options.path.name}: no row could be read" + (f" ({problems[0]})" if problems else ""))
    lines = data_lines(text)
    lost = lines - len(figures)
    if lost > MAX_LOST_ROWS and lost > MAX_LOST_SHARE * lines:
        raise FormatError(f"{options.path.name}: {lost} of {lines} rows could not be read, the first at {problems[0]}")
    if problems:
        _LOGGER.warning("%s: %d rows left out, e.g. %s", options.path, len(problems), problems[0])
    return FeedResult(tuple(figures), max(f.month for f in figures))


def problems(options: IndicatorOptions) -> list[str]:
    """What `kiosk check-config` reports: the file's broken rows."""
    try:
        return [f"{options.path}: {p}" for p in read_rows(_text(options))[1]]
    except (UnavailableError, FormatError) as exc:
        return [str(exc)]


def watched(options: IndicatorOptions) -> list[str]:
    """The file and its folder (an editor may replace the file)."""
    return [str(options.path), str(options.path.parent)] if options.path.exists() else []


FEED = register(Feed(kind="startup_indicators", title="창업생태계 · 서울 창업 지표 (시 자체)", options=IndicatorOptions,
                     fetch=fetch, record_type=StartupIndicator, source_time_is_date=True, problems=problems,
                     watched=watched))
