"""Work orders (issue 14) on loopback: the wall's book and session on a real Mosquitto, devices as the field
page's sessions (they send their own receipt, then 확인, 착수, 완료). Prints touch → 수신 on an online device
(target ≤ 1 s) and the GUI event loop's lag while 100 orders are in flight (target p99 ≤ 16 ms).

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
from feeds.orders import DELIVERED, DONE, ORDERS  # noqa: E402
from kiosk.cache import CacheWriter  # noqa: E402
from kiosk.clock import utc_now  # noqa: E402
from kiosk.orders.book import OrderBook  # noqa: E402
from kiosk.orders.broker import broker_process, write_broker  # noqa: E402
from kiosk.orders.link import LinkSettings, OrdersLink  # noqa: E402
from tests.kiosk.test_orders_transport import Device, order  # noqa: E402

PEOPLE = [f"person-{n}" for n in range(10)]


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


def main() -> dict[str, str]:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        users = {"wall": "w", **{p: p for p in PEOPLE}}
        broker = broker_process(write_broker(root / "broker", port, users, "wall"), root / "broker.log")
        broker.start()
        writer = CacheWriter(root / "cache.sqlite3", 7)
        writer.start()
        link = OrdersLink(LinkSettings("127.0.0.1", port, "wall", "w"))
        book = OrderBook(link, lambda records, done: writer.submit_records(ORDERS, records, utc_now(), done), utc_now)
        book.load([])
        link.start()
        phones = []
        try:
            wait_until(lambda: link.is_connected, 15)
            phones = [Phone(port, p, password=p) for p in PEOPLE]
            wait_until(lambda: all(p.connected.is_set() for p in phones), 10)
            receipts = []
            for _ in range(20):
                given = order(PEOPLE[0], PEOPLE[0])
                started = time.perf_counter()
                book.give([given])
                wait_until(lambda: book.state(given.order_id) in (DELIVERED, "확인", "착수", DONE), 5)
                receipts.append((time.perf_counter() - started) * 1000)
            burst = [order(PEOPLE[n % len(PEOPLE)], PEOPLE[n % len(PEOPLE)]) for n in range(100)]
            started = time.perf_counter()
            book.give(burst)
            lags = []
            while not all(book.state(o.order_id) == DONE for o in burst) and time.perf_counter() - started < 60:
                lags += process_events_for(0.05)
            settled = time.perf_counter() - started
            lags += process_events_for(max(0.0, 5 - settled))  # the loop over 5 s from the touch
        finally:
            for phone in phones:
                phone.close()
            link.stop()
            writer.stop()
            broker.stop()
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
