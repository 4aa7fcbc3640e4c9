"""Work orders over a real Mosquitto on loopback: the wall's book and link, real paho devices, the real cache.
Online and offline devices, a broker killed mid-flow, a wall restarted, the broker's ACLs, escalation."""

import json
import os
import signal
import socket
import threading
import uuid
from datetime import datetime, timedelta, timezone

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from feeds.orders import ACKNOWLEDGED, CANCELLED, DELIVERED, ORDERS, OVERDUE, SENT, UNACKNOWLEDGED, Order
from kiosk.cache import CacheReader, CacheWriter
from kiosk.orders.book import OrderBook
from kiosk.orders.broker import broker_process, write_broker
from kiosk.orders.link import ORDERS_TOPIC, STATUS_TOPIC, Acks, LinkSettings, OrdersLink
from tests.conftest import free_port

USERS = {"wall": "wall-secret", "gangdong-cmd": "g-secret", "mapo-cmd": "m-secret"}


class Device:
    """A field phone's session (what the field page does): persistent, its own credentials, a receipt
    (수신) published by itself for each order that arrives; it keeps each order once."""

    def __init__(self, port, contact, password=None):
        self.contact, self.received, self.refused = contact, [], []
        self.orders: dict[str, dict] = {}
        self.connected = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"device-{contact}",
                                  protocol=mqtt.MQTTv5)
        self.client.username_pw_set(contact, password or USERS[contact])
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.on_publish = lambda c, u, mid, rc, p: rc.is_failure and self.refused.append(str(rc))
        properties = Properties(PacketTypes.CONNECT)
        properties.SessionExpiryInterval = 86400
        self.client.connect("127.0.0.1", port, clean_start=False, properties=properties)
        self.client.loop_start()

    def _on_connect(self, client, _u, _f, reason_code, _p):
        if not reason_code.is_failure:
            client.subscribe(ORDERS_TOPIC.format(self.contact), qos=1)
            self.connected.set()

    def _on_message(self, client, _u, message):
        payload = json.loads(message.payload)
        self.received.append(payload)
        if "text" in payload and payload["order_id"] not in self.orders:
            self.orders[payload["order_id"]] = payload
            self.say(payload["order_id"], DELIVERED)

    def say(self, order_id, state, contact=None):
        body = {"order_id": order_id, "state": state, "at": datetime.now(timezone.utc).isoformat()}
        self.client.publish(STATUS_TOPIC.format(contact or self.contact), json.dumps(body), qos=1)

    def close(self):
        self.client.disconnect()
        self.client.loop_stop()


class Clock:
    def __init__(self):
        self.now = datetime.now(timezone.utc)

    def __call__(self):
        return self.now


@pytest.fixture
def broker(qtbot, tmp_path):
    port = free_port()
    process = broker_process(write_broker(tmp_path / "broker", port, USERS, "wall"), tmp_path / "broker.log")
    process.start()
    try:
        qtbot.waitUntil(lambda: listening(port), timeout=60000)  # a child starting on a loaded machine
        first = Device(port, "gangdong-cmd")  # the device's session exists from here on
        qtbot.waitUntil(first.connected.is_set, timeout=5000)
        first.close()
        yield port, process
    finally:
        process.stop()


def listening(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def device(broker):
    """Field phones on the broker, closed after the test."""
    made = []

    def connect(contact, password=None):
        made.append(Device(broker[0], contact, password))
        return made[-1]

    yield connect
    for phone in made:
        phone.close()


@pytest.fixture
def wall(qtbot, tmp_path, broker):
    """The wall's side: a book on a link, its cache; `restart()` gives a new one on the same cache."""
    made = []

    def start(clock=None):
        writer = CacheWriter(tmp_path / "cache.sqlite3", 7)
        writer.start()
        clock = clock or Clock()
        link = OrdersLink(LinkSettings("127.0.0.1", broker[0], "wall", USERS["wall"]))
        book = OrderBook(link, lambda records, done: writer.submit_records(ORDERS, records, clock(), done), clock)
        with CacheReader(tmp_path / "cache.sqlite3") as reader:
            book.load(reader.orders(clock() - timedelta(days=30)))
        link.start()
        qtbot.waitUntil(lambda: link.is_connected, timeout=10000)
        made.append((book, writer))
        return book

    yield start
    for book, writer in made:
        book.link.stop()
        writer.stop()


def order(recipient="gangdong-cmd", name="강동 지휘1호차", given_at=None, ack_minutes=5.0, due=None):
    return Order(uuid.uuid4().hex, given_at or datetime.now(timezone.utc), "touch-1", recipient, name,
                 "강북구 우이동 · 공장 화재: 현장 상황 10분마다 보고", "report-10min", "incident:d/F1",
                 "강북구 우이동 · 공장 화재", ack_minutes, due)


def test_an_order_reaches_an_online_device_and_its_steps_come_back(qtbot, wall, device):
    phone = device("gangdong-cmd")
    book = wall()
    given = order()
    book.give([given])
    qtbot.waitUntil(lambda: book.state(given.order_id) == DELIVERED, timeout=5000)  # the device's own receipt
    phone.say(given.order_id, ACKNOWLEDGED)
    qtbot.waitUntil(lambda: book.state(given.order_id) == ACKNOWLEDGED, timeout=5000)
    assert [s.state for s in book.steps[given.order_id]] == [SENT, DELIVERED, ACKNOWLEDGED]
    assert [s.actor for s in book.steps[given.order_id]] == ["시장실", "단말", "강동 지휘1호차"]
    assert phone.orders[given.order_id]["text"] == given.text


def test_an_order_to_an_offline_device_waits_at_the_broker_until_it_reconnects(qtbot, wall, device):
    book = wall()
    given = order()
    book.give([given])
    qtbot.waitUntil(lambda: book.state(given.order_id) == SENT, timeout=5000)  # the broker has it, nobody else
    qtbot.wait(500)
    assert book.state(given.order_id) == SENT
    phone = device("gangdong-cmd")  # the phone comes back
    qtbot.waitUntil(lambda: book.state(given.order_id) == DELIVERED, timeout=5000)
    assert list(phone.orders) == [given.order_id]


def test_a_broker_killed_mid_flow_loses_nothing_and_duplicates_nothing(qtbot, broker, wall, device):
    _port, process = broker
    phone = device("gangdong-cmd")
    book = wall()
    given = [order() for _ in range(30)]
    book.give(given[:15])
    qtbot.waitUntil(lambda: any(book.state(o.order_id) for o in given), timeout=5000)
    os.kill(process.process.pid, signal.SIGKILL)  # some delivered, some sent or in flight, some not yet
    book.give(given[15:])  # while the broker is down: they wait in the outbox
    qtbot.waitUntil(lambda: process.restarts == 1 and book.link.is_connected, timeout=60000)
    qtbot.waitUntil(lambda: all(book.state(o.order_id) == DELIVERED for o in given), timeout=20000)
    assert sorted(phone.orders) == sorted(o.order_id for o in given)  # each one arrived, kept once
    assert all([s.state for s in book.steps[o.order_id]].count(SENT) == 1 for o in given)


def test_a_receipt_before_the_brokers_puback_still_leaves_one_sent_step_first(qtbot, wall):
    book = wall()
    given = order()
    book.link.in_flight = lambda: {given.order_id}  # published, its PUBACK lost with a killed broker
    book.give([given])
    qtbot.waitUntil(lambda: book.outbox() == [given], timeout=5000)  # written, held back
    book.link.status.emit("gangdong-cmd", {"order_id": given.order_id, "state": DELIVERED})
    book.link.accepted.emit(given.order_id)  # paho's retransmission answered after the device's receipt
    assert [s.state for s in book.steps[given.order_id]] == [SENT, DELIVERED]


def test_a_restarted_wall_has_its_open_orders_back_with_their_states(qtbot, wall, device):
    phone = device("gangdong-cmd")
    first = wall()
    acknowledged, waiting = order(), order()
    first.give([acknowledged, waiting])
    qtbot.waitUntil(lambda: all(first.state(o.order_id) == DELIVERED for o in (acknowledged, waiting)), timeout=5000)
    phone.say(acknowledged.order_id, ACKNOWLEDGED)
    qtbot.waitUntil(lambda: first.state(acknowledged.order_id) == ACKNOWLEDGED, timeout=5000)
    first.link.stop()
    qtbot.wait(300)  # let the writer commit the last step
    second = wall()
    assert second.state(acknowledged.order_id) == ACKNOWLEDGED and second.state(waiting.order_id) == DELIVERED
    assert {o.order_id for o in second.open_orders()} == {acknowledged.order_id, waiting.order_id}
    second.cancel(waiting.order_id, "상황 종료")
    qtbot.waitUntil(lambda: any(m.get("cancelled") for m in phone.received), timeout=5000)
    assert second.state(waiting.order_id) == CANCELLED and [o.order_id for o in second.open_orders()] == [
        acknowledged.order_id]


def test_a_device_reads_only_its_own_orders_and_writes_only_its_own_status(qtbot, wall, device):
    mapo, gangdong = device("mapo-cmd"), device("gangdong-cmd")
    qtbot.waitUntil(lambda: mapo.connected.is_set() and gangdong.connected.is_set(), timeout=5000)
    mapo.client.subscribe(ORDERS_TOPIC.format("gangdong-cmd"), qos=1)  # granted, but the ACL keeps it out
    book = wall()
    given = order()
    book.give([given])
    qtbot.waitUntil(lambda: book.state(given.order_id) == DELIVERED, timeout=5000)
    mapo.say(given.order_id, ACKNOWLEDGED, contact="gangdong-cmd")  # forged: someone else's status topic
    mapo.say(given.order_id, ACKNOWLEDGED)  # its own topic, someone else's order: the wall ignores it
    qtbot.waitUntil(lambda: bool(mapo.refused), timeout=5000)
    qtbot.wait(500)
    assert mapo.received == [] and mapo.refused == ["Not authorized"]
    assert book.state(given.order_id) == DELIVERED
    intruder = device("gangdong-cmd", password="wrong")
    qtbot.wait(500)
    assert not intruder.connected.is_set()


def test_no_acknowledgement_in_time_escalates_once_and_so_does_the_due_time(qtbot, wall):
    clock = Clock()
    book = wall(clock)
    escalated = []
    book.escalated.connect(lambda late, why: escalated.append((late, why)))
    given = order(given_at=clock.now, ack_minutes=5, due=clock.now + timedelta(minutes=30))
    book.give([given])
    qtbot.waitUntil(lambda: book.state(given.order_id) == SENT, timeout=5000)
    clock.now += timedelta(minutes=4, seconds=59)
    book.check_escalations()
    assert escalated == []
    clock.now += timedelta(seconds=1)
    book.check_escalations()
    book.check_escalations()
    assert escalated == [(given, UNACKNOWLEDGED)]
    clock.now += timedelta(minutes=25)
    book.check_escalations()
    assert escalated == [(given, UNACKNOWLEDGED), (given, OVERDUE)]


def test_an_order_the_cache_cannot_take_is_never_sent(qtbot):
    link = OrdersLink(LinkSettings("127.0.0.1", free_port(), "wall", "-"))  # never connected
    book = OrderBook(link, lambda records, done: done(False), Clock())  # a full disk: nothing written
    given = order()
    book.give([given])
    assert book.unsaved == {given.order_id} and book.outbox() == [] and book.state(given.order_id) is None


def test_a_puback_before_publish_returns_is_kept_for_it_and_presence_is_not_followed():
    acks, ok, refused = Acks(), mqtt.ReasonCode(PacketTypes.PUBACK, identifier=0), object()
    assert acks.answered(7, ok) == (False, None)  # paho's thread was faster than `publish`
    assert acks.sent(7, "order-a") is ok  # … and the sender settles it itself
    assert acks.sent(8, "order-b") is None and acks.waiting() == ["order-b"]
    assert acks.answered(8, refused) == (True, "order-b") and acks.waiting() == []
    assert acks.sent(9, None) is None and acks.waiting() == []  # a presence: nobody follows it
    assert acks.answered(9, ok) == (True, None) and acks.sent(9, "order-c") is None  # its answer not kept
