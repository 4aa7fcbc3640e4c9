"""What `kiosk audit` prints: the wall's audit trail as lines (Seoul time) or CSV."""

from __future__ import annotations

import csv
import io

from feeds.audit import AuditEntry
from feeds.records import SEOUL_TZ

COLUMNS = ("at", "action", "subject", "outcome", "duration_s", "detail")


def text_lines(entries: list[AuditEntry]) -> str:
    """"2026-11-30 21:05:10  통화  강동 지휘1호차 (현장지휘관, 강동소방서) · 통화 3분 12초"."""
    if not entries:
        return "no actions recorded"
    return "\n".join(f"{e.at.astimezone(SEOUL_TZ):%Y-%m-%d %H:%M:%S}  {e.action}  {e.subject}"
                     + (f" · {e.outcome}" if e.outcome else "") for e in entries)


def csv_text(entries: list[AuditEntry]) -> str:
    """One row per action, times in Seoul time (ISO 8601), for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow([e.at.astimezone(SEOUL_TZ).isoformat(timespec="seconds"), e.action, e.subject,
                         e.outcome or "", "" if e.duration_s is None else f"{e.duration_s:.0f}", e.detail or ""])
    return out.getvalue()
