"""The orders' bar: each open order nobody acknowledged in time (미확인) or not done by its due time
(기한 지남), the longest waiting first, with a one-touch call to the person. 확인 says the mayor has seen all
of it (in the audit trail); each lateness shows once, a new one shows again."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from feeds.audit import ALERT_ACK, AuditEntry
from feeds.orders import OVERDUE, UNACKNOWLEDGED
from widgets.format import clock_text
from widgets.notice_bar import Notice, NoticeBar
from widgets.orders_panel import OrderLine

SAID = {UNACKNOWLEDGED: lambda order: f"{clock_text(order.given_at)} 지시, 아직 확인 없음",
        OVERDUE: lambda order: f"기한 {clock_text(order.due)}까지였음"}


def escalations(lines: list[OrderLine]) -> list[Notice]:
    """The bar's notices for these open orders."""
    return [Notice(f"{line.order.order_id}-{why}", f"업무 지시 {why} · {line.order.recipient_name}",
                   f"{line.order.text} ({line.order.subject_name}) · {SAID[why](line.order)}", call=line.order.recipient)
            for line in sorted(lines, key=lambda line: line.order.given_at) for why in line.late]


class LateOrders:
    """Fills the bar from the open orders (`show`); 보기 opens the orders panel, 전화 dials (when calls are on)."""

    def __init__(self, bar: NoticeBar, record: Callable[[AuditEntry], None], open_panel: Callable[[], None],
                 dial: Callable[[str], None] | None, clock: Callable[[], datetime]):
        self.bar, self._record, self._clock = bar, record, clock
        self._seen: set[str] = set()  # the notices the mayor acknowledged
        self._notices: list[Notice] = []  # on show: each late key is here or in `_seen`
        bar.can_call = dial is not None
        bar.call_requested.connect(dial or (lambda _contact: None))
        bar.opened.connect(lambda _key: (self.acknowledge(), open_panel()))
        bar.acknowledged.connect(self.acknowledge)

    def show(self, lines: list[OrderLine]) -> None:
        late = escalations(lines)
        self._seen &= {n.key for n in late}  # what is no longer late is forgotten: nothing grows over weeks
        self._notices = [n for n in late if n.key not in self._seen]
        if self._notices:
            self.bar.show_notices(self._notices)
        else:
            self.bar.clear()

    def acknowledge(self) -> None:
        """Seen: everything the bar says, with one touch."""
        if self._notices:
            first, more = self._notices[0], f" 외 {len(self._notices) - 1}건" if len(self._notices) > 1 else ""
            self._record(AuditEntry(f"{first.key}-seen", self._clock(), ALERT_ACK, f"{first.title}{more}", first.detail))
        self._seen.update(n.key for n in self._notices)
        self._notices = []
        self.bar.clear()
