"""The orders panel: late orders first, and only the rows whose order moved are drawn again."""

import uuid
from datetime import datetime, timedelta, timezone

from PySide6.QtWidgets import QLabel

from feeds.orders import Order
from widgets import theme
from widgets.orders_panel import OrderLine, OrdersPanel

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc)


def line(name, minutes_ago, state="발송", late=()):
    given = NOW - timedelta(minutes=minutes_ago)
    order = Order(uuid.uuid5(uuid.NAMESPACE_DNS, name).hex, given, "g", name, name, "현장 상황 10분마다 보고", "t",
                  "incident:x", "강동구 천호동 · 공장 화재", 5)
    return OrderLine(order, state, {"발송": given}, late)


def test_late_first_and_only_the_moved_rows_redrawn(qtbot):
    panel = OrdersPanel(theme.Metrics.for_window(1920, 884, 3630, 1670))
    qtbot.addWidget(panel)
    a, b, c = line("가", 1), line("나", 2), line("다", 3)
    panel.set_orders([a, b, c])
    first = {row.line.order.recipient: row for row in panel.rows}
    assert [row.line.order.recipient for row in panel.rows] == ["가", "나", "다"]  # the newest first
    late_c = line("다", 3, late=("미확인",))
    panel.set_orders([a, late_c])  # 나 is done (gone), 다 became late
    assert [row.line.order.recipient for row in panel.rows] == ["다", "가"]
    assert panel.rows[1] is first["가"] and panel.rows[0] is first["다"]  # made once, redrawn in place
    assert "미확인" in [label.text() for label in panel.rows[0].findChildren(QLabel)]
    assert panel.title.text() == "업무 지시 · 진행 중 2건 · 미확인 1건"
