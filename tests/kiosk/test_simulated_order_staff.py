"""The simulator's field staff for work orders, on a real broker: most take an order to 완료 at their pace,
노원's never acknowledges (the wall escalates), 도봉's is offline and takes it when it comes back."""

from datetime import timedelta

import pytest

from feeds.orders import DELIVERED, DONE, ORDERS, UNACKNOWLEDGED
from kiosk.cache import CacheWriter
from kiosk.orders.book import OrderBook
from kiosk.orders.broker import broker_process, write_broker
from kiosk.orders.link import LinkSettings, OrdersLink
from kiosk.simulator import order_staff
from kiosk.supervised import SERVING
from tests.conftest import free_port
from tests.kiosk.test_orders_transport import Clock, order

STAFF = ["gangdong-cmd", "nowon-cmd", "dobong-cmd"]


@pytest.fixture
def broker(qtbot, tmp_path):
    port = free_port()
    users = {"wall": "w", order_staff.USER: "s"}
    process = broker_process(write_broker(tmp_path / "broker", port, users, "wall", order_staff.ACL), tmp_path / "log",
                             port=port)
    process.start()
    qtbot.waitUntil(lambda: process.state == SERVING, timeout=60000)  # a child starting on a loaded machine
    yield port
    process.stop()


def test_the_simulated_staff_at_their_own_pace(qtbot, tmp_path, broker, monkeypatch):
    monkeypatch.setattr(order_staff, "PACE_S", {"수신": (0.1, 0.2), "확인": (0.2, 0.4), "착수": (0.2, 0.4),
                                                "완료": (0.2, 0.4)})
    monkeypatch.setattr(order_staff, "COMES_BACK_AFTER_S", {"dobong-cmd": 3.0})
    writer = CacheWriter(tmp_path / "cache.sqlite3", 7)
    writer.start()
    clock = Clock()
    link = OrdersLink(LinkSettings("127.0.0.1", broker, "wall", "w"))
    book = OrderBook(link, lambda records, done: writer.submit_records(ORDERS, records, clock(), done), clock)
    book.load([])
    staff = order_staff.SimulatedOrderStaff(LinkSettings("127.0.0.1", broker, order_staff.USER, "s"), STAFF)
    link.start()
    staff.start()
    presence = {}
    book.presence.connect(lambda contact, online: presence.__setitem__(contact, online))
    try:
        qtbot.waitUntil(lambda: link.is_connected and staff.ready.is_set(), timeout=60000)
        orders = {cid: order(cid, cid, given_at=clock.now, ack_minutes=1) for cid in STAFF}
        book.give(list(orders.values()))
        qtbot.waitUntil(lambda: book.state(orders["gangdong-cmd"].order_id) == DONE, timeout=10000)
        assert book.steps[orders["gangdong-cmd"].order_id][-1].report in order_staff.REPORTS
        assert book.state(orders["dobong-cmd"].order_id) == "발송" and presence.get("dobong-cmd") is False  # away
        qtbot.waitUntil(lambda: book.state(orders["dobong-cmd"].order_id) == DONE, timeout=10000)  # back
        assert presence["dobong-cmd"] is True
        assert book.state(orders["nowon-cmd"].order_id) == DELIVERED
        escalated = []
        book.escalated.connect(lambda late, why: escalated.append((late, why)))
        clock.now += timedelta(minutes=1)
        book.check_escalations()
        assert escalated == [(orders["nowon-cmd"], UNACKNOWLEDGED)]
    finally:
        staff.stop()
        link.stop()
        writer.stop()
