"""Simulated field staff for work orders (the built-in default): they take the sample contacts' orders
through 수신 → 확인 → 착수 → 완료 at human pace, as their phones would. 노원's vehicle receives but never
acknowledges (the wall escalates it as 미확인); 도봉's is offline and comes back a few minutes later. One
MQTT session on the wall's own broker, as a user the broker lets speak for the staff (simulation only)."""

from __future__ import annotations

import heapq
import json
import logging
import random
import threading
import time
from datetime import datetime, timezone

import paho.mqtt.client as mqtt

from kiosk.orders.link import ORDERS_TOPIC, PRESENCE_TOPIC, STATUS_TOPIC, LinkSettings, contact_of, kept_for

_LOGGER = logging.getLogger(__name__)
USER = "simulated-staff"
ACL = f"user {USER}\ntopic readwrite seoul/staff/#\n"  # simulation only: it speaks for every device
NEVER_ACKNOWLEDGES = {"nowon-cmd"}
COMES_BACK_AFTER_S = {"dobong-cmd": 180.0}
PACE_S = {"수신": (1, 3), "확인": (20, 60), "착수": (40, 120), "완료": (120, 300)}  # after the step before
REPORTS = ("현장 도착, 상황 정리 중", "조치 완료, 추가 피해 없음", "주민 안내 마쳤습니다", "보고서 제출했습니다")


class SimulatedOrderStaff:
    """`start` connects and follows every sample contact's orders; `stop` ends it."""

    def __init__(self, broker: LinkSettings, contact_ids: list[str], rng: random.Random | None = None):
        self.contact_ids, self._rng = contact_ids, rng or random.Random()
        self._queue: list[tuple[float, int, str, str, str]] = []  # due, tie, contact, order id, state
        self._count = 0
        self._done: set[str] = set()  # order ids taken (a repeated message is kept once)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.ready = threading.Event()  # following the orders
        self._started = time.monotonic()
        self._client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=USER, protocol=mqtt.MQTTv5)
        self._client.username_pw_set(USER, broker.password)
        self._client.on_connect = self._on_connect
        self._client.on_message = self._on_message
        self._client.on_subscribe = lambda *_args: self.ready.set()
        self._client.connect_async(broker.host, broker.port, clean_start=False,
                                   properties=kept_for(86400))  # what comes while it reconnects waits for it
        self._thread = threading.Thread(target=self._run, name="simulated-order-staff")

    def start(self) -> None:
        self._client.loop_start()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._client.disconnect()
        self._client.loop_stop()

    def _on_connect(self, client, _userdata, _flags, reason_code, _properties) -> None:
        if reason_code.is_failure:
            _LOGGER.warning("simulated order staff refused by the broker: %s", reason_code)
            return
        client.subscribe(ORDERS_TOPIC.format("+"), qos=1)
        for contact in self.contact_ids:
            online = contact not in COMES_BACK_AFTER_S
            client.publish(PRESENCE_TOPIC.format(contact), "online" if online else "offline", qos=1, retain=True)

    def _on_message(self, _client, _userdata, message) -> None:
        contact = contact_of(message.topic)
        try:
            order = json.loads(message.payload)
        except ValueError:
            return
        if contact not in self.contact_ids or order.get("cancelled") or order.get("order_id") in self._done:
            return
        self._done.add(order["order_id"])
        back = self._started + COMES_BACK_AFTER_S.get(contact, 0.0)
        self._schedule(max(time.monotonic(), back), contact, order["order_id"], "수신")

    def _schedule(self, after: float, contact: str, order_id: str, state: str) -> None:
        low, high = PACE_S[state]
        with self._lock:
            self._count += 1
            heapq.heappush(self._queue, (after + self._rng.uniform(low, high), self._count, contact, order_id, state))

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            now = time.monotonic()
            due = []
            with self._lock:
                while self._queue and self._queue[0][0] <= now:
                    due.append(heapq.heappop(self._queue))
            for _at, _tie, contact, order_id, state in due:
                self._step(contact, order_id, state)

    def _step(self, contact: str, order_id: str, state: str) -> None:
        if contact in COMES_BACK_AFTER_S and state == "수신":
            self._client.publish(PRESENCE_TOPIC.format(contact), "online", qos=1, retain=True)
        body = {"order_id": order_id, "state": state, "at": datetime.now(timezone.utc).isoformat()}
        if state == "완료":
            body["report"] = self._rng.choice(REPORTS)
        self._client.publish(STATUS_TOPIC.format(contact), json.dumps(body, ensure_ascii=False), qos=1)
        following = {"수신": "확인", "확인": "착수", "착수": "완료"}.get(state)
        if following and not (following == "확인" and contact in NEVER_ACKNOWLEDGES):
            self._schedule(time.monotonic(), contact, order_id, following)
