"""Work orders (issue 14) on loopback: the wall's own orders desk (its Mosquitto, session, book, and the
orders panel, bar and form it draws), devices as the field page's sessions (they send their own receipt,
then 확인, 착수, 완료). Prints touch → 수신 on an online device (target ≤ 1 s) and the GUI event loop's lag
while 100 orders are in flight (ten touches, each to a group of ten; target p99 ≤ 16 ms).

Run: .venv/bin/python bench/orders_bench.py
"""

from __future__ import annotations

import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.cctv_bench import process_events_for, wait_until  # noqa: E402
from feeds.contacts import Contact  # noqa: E402
from feeds.orders import DELIVERED, DONE  # noqa: E402
from kiosk.app.orders_desk import OrdersDesk, OrdersScreen  # noqa: E402
from kiosk.cache import CacheWriter  # noqa: E402
from kiosk.config import OrdersConfig  # noqa: E402
from tests.kiosk.test_orders_transport import Device  # noqa: E402
from widgets import theme  # noqa: E402
from widgets.notice_bar import NoticeBar  # noqa: E402
from widgets.order_form import OrderForm  # noqa: E402
from widgets.orders_panel import OrdersPanel  # noqa: E402

PEOPLE = [f"person-{n}" for n in range(10)]
CREW = "현장"  # everyone's group: one touch orders all ten


class Phone(Device):
    """A device that also takes each order on to 완료 at once (the load of a busy day, compressed)."""

    def __init__(self, port, contact, password):
        self.taken = []
        super().__init__(port, contact, password)

    def _on_message(self, client, userdata, message):
        super()._on_message(client, userdata, message)
        for order_id in list(self.orders)[len(self.taken):]:
            self.taken.append(order_id)
            for state in ("확인", "착수", "완료"):
                self.say(order_id, state)


def wall_desk(root: Path, port: int, writer: CacheWriter) -> OrdersDesk:
    """The wall's orders desk and its widgets, the panel shown as on a 4K wall."""
    metrics = theme.Metrics.for_window(3840, 1767, 3630, 1670)
    panel = OrdersPanel(metrics)
    panel.resize(1800, 1400)
    panel.show()
    screen = OrdersScreen(panel, OrderForm(metrics), NoticeBar(metrics), lambda _which: None)
    contacts = tuple(Contact(id=p, name=f"{p} 지휘차", phone="02-000-0000", groups=(CREW,)) for p in PEOPLE)
    return OrdersDesk(OrdersConfig(port=port, field_listen=""), contacts, root, root / "cache.sqlite3", writer,
                      lambda entry: None, screen, None)


def touch(desk: OrdersDesk, people: tuple[str, ...] = (), groups: tuple[str, ...] = ()) -> list[str]:
    """업무 지시 on a sheet, then a template: the order ids given."""
    before = set(desk.book.orders)
    desk.offer("incident:bench", "강동구 천호동 · 공장 화재", people, groups)
    desk.form.chosen.emit("report-10min")
    return [order_id for order_id in desk.book.orders if order_id not in before]


def main() -> dict[str, str]:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        writer = CacheWriter(root / "cache.sqlite3", 7)
        writer.start()
        desk = wall_desk(root, port, writer)
        desk.start()
        book, phones = desk.book, []
        try:
            wait_until(lambda: desk.link.is_connected, 15)
            phones = [Phone(port, p, password=desk.credentials.field[p].password) for p in PEOPLE]
            wait_until(lambda: all(p.connected.is_set() for p in phones), 10)
            receipts = []
            for _ in range(20):
                started = time.perf_counter()
                [given] = touch(desk, (PEOPLE[0],))
                wait_until(lambda: book.state(given) in (DELIVERED, "확인", "착수", DONE), 5)
                receipts.append((time.perf_counter() - started) * 1000)
            wait_until(lambda: not desk.book.open_orders(), 10)
            started = time.perf_counter()
            burst = [order_id for _ in range(10) for order_id in touch(desk, groups=(CREW,))]
            lags = []
            while not all(book.state(o) == DONE for o in burst) and time.perf_counter() - started < 60:
                lags += process_events_for(0.05)
            settled = time.perf_counter() - started
            lags += process_events_for(max(0.0, 5 - settled))  # the loop over 5 s from the touch
        finally:
            for phone in phones:
                phone.close()
            desk.stop()
            writer.stop()
    app.shutdown()
    lags.sort()
    results = {"touch -> 수신 (20 orders, online device)": f"median {statistics.median(receipts):.0f} ms, "
                                                          f"max {max(receipts):.0f} ms",
               "100 orders to 10 devices, each to 완료": f"all done in {settled:.1f} s; GUI loop lag over 5 s p99 "
                                                       f"{lags[int(len(lags) * 0.99)]:.1f} ms, max {lags[-1]:.1f} ms"}
    for key, value in results.items():
        print(f"{key:<44} {value}")
    return results


if __name__ == "__main__":
    main()
