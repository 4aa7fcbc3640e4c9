"""One person's device session on the broker, held by the field service while their page is open: their
own user and password, a persistent session (what came while they were away is delivered now), "online"
as their retained presence and "offline" as their last will. An order is acknowledged to the broker only
once the store has it; a step is published after the store has it, and again until the broker has it."""

from __future__ import annotations

import json
import logging
import threading
from datetime import datetime, timezone

import paho.mqtt.client as mqtt

from kiosk.field.store import FieldStore
from kiosk.orders.link import ORDERS_TOPIC, PRESENCE_TOPIC, STATUS_TOPIC, Acks, LinkSettings, kept_for

_LOGGER = logging.getLogger(__name__)
SESSION_S = 30 * 86400  # the broker keeps a person's queued orders this long while nobody looks


def device_client(broker: LinkSettings, contact: str, password: str) -> mqtt.Client:
    """The person's own MQTT client: their user, their session id; an order is acknowledged by hand."""
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"field-{contact}", protocol=mqtt.MQTTv5,
                         manual_ack=True)
    client.username_pw_set(contact, password)
    if broker.tls:
        client.tls_set()
    return client


class DeviceSession:
    """`publish_step` sends a step (the store has it already); `close` says offline and leaves."""

    def __init__(self, broker: LinkSettings, contact: str, password: str, store: FieldStore):
        self.contact, self.store = contact, store
        self.connected = threading.Event()
        self._acks = Acks()  # message id -> (order id, state) of a step, until the broker's PUBACK
        self._client = device_client(broker, contact, password)
        self._client.will_set(PRESENCE_TOPIC.format(contact), "offline", qos=1, retain=True)
        self._client.on_connect = self._on_connect
        self._client.on_message = self._on_message
        self._client.on_publish = self._on_publish
        self._client.on_disconnect = lambda *_args: self.connected.clear()
        self._client.connect_async(broker.host, broker.port, clean_start=False, properties=kept_for(SESSION_S))
        self._client.loop_start()

    def close(self) -> None:
        """Said offline (retained), then gone: the broker keeps what comes meanwhile."""
        if self.connected.is_set():
            self._say_presence("offline").wait_for_publish(2)
        self._client.disconnect()
        self._client.loop_stop()

    def publish_step(self, order_id: str, state: str, report: str | None) -> None:
        body = {"order_id": order_id, "state": state, "at": datetime.now(timezone.utc).isoformat()}
        if report:
            body["report"] = report
        info = self._client.publish(STATUS_TOPIC.format(self.contact), json.dumps(body, ensure_ascii=False), qos=1)
        answer = self._acks.sent(info.mid, (order_id, state))
        if answer is not None and not answer.is_failure:
            self.store.mark_sent(self.contact, order_id, state)

    def _say_presence(self, word: str) -> mqtt.MQTTMessageInfo:
        info = self._client.publish(PRESENCE_TOPIC.format(self.contact), word, qos=1, retain=True)
        self._acks.sent(info.mid, None)  # nobody follows it: its answer is not kept
        return info

    def _on_connect(self, client, _userdata, _flags, reason_code, _properties) -> None:
        if reason_code.is_failure:
            _LOGGER.warning("field %s: the broker refused the device session: %s", self.contact, reason_code)
            return
        client.subscribe(ORDERS_TOPIC.format(self.contact), qos=1)
        self._say_presence("online")
        self.connected.set()
        for row in self.store.unsent(self.contact):  # steps taken while the broker was away
            self.publish_step(row["order_id"], row["state"], row["report"])

    def _on_message(self, client, _userdata, message) -> None:
        try:
            payload = json.loads(message.payload)
            self.store.receive(self.contact, payload)
        except (ValueError, KeyError, TypeError) as exc:
            _LOGGER.warning("field %s: an order message not understood (%s): %.200r", self.contact, exc,
                            message.payload)
        client.ack(message.mid, message.qos)  # only now: the store has it (or it can never be read)

    def _on_publish(self, _client, _userdata, mid, reason_code, _properties) -> None:
        _followed, step = self._acks.answered(mid, reason_code)
        if step is not None and not reason_code.is_failure:
            self.store.mark_sent(self.contact, *step)


def register(broker: LinkSettings, contact: str, password: str, timeout_s: float = 5) -> bool:
    """Make sure the broker holds the person's session (subscribed to their orders) before their page was
    ever opened: a broker keeps messages only for sessions it knows. Their presence is left alone."""
    subscribed = threading.Event()
    client = device_client(broker, contact, password)  # manual acks: a waiting order that comes in now comes again
    client.on_connect = lambda c, *_a: c.subscribe(ORDERS_TOPIC.format(contact), qos=1)
    client.on_subscribe = lambda *_a: subscribed.set()
    try:
        client.connect(broker.host, broker.port, clean_start=False, properties=kept_for(SESSION_S))
    except OSError as exc:
        _LOGGER.debug("field %s: cannot register the device session yet: %s", contact, exc)
        return False
    client.loop_start()
    done = subscribed.wait(timeout_s)
    client.disconnect()
    client.loop_stop()
    return done
