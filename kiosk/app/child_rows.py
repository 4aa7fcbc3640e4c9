"""The wall's supervised children (kiosk/supervised.py) as rows of the operator's status view, like feeds."""

from __future__ import annotations

from kiosk.supervised import SERVING, STARTING, WAITING, ChildStatus
from widgets.status_panel import StatusRow

SHOWN = {STARTING: ("waiting", "시작 중"), SERVING: ("fresh", "실행 중"), WAITING: ("down", "멈춤 · 다시 시작 대기")}


def child_rows(children: list[ChildStatus]) -> list[StatusRow]:
    """One row per child: its state and how often it was started again (the failure's detail is in the log)."""
    return [StatusRow(c.title, *SHOWN[c.state], f"재시작 {c.restarts}회" if c.restarts else "") for c in children]
