"""The wall's MQTT session: paho-mqtt, MQTT v5, a persistent session (the broker keeps what the wall
subscribed to and what it missed while away), orders out at QoS 1, the devices' statuses and presence in.
paho's network thread only emits signals; everything else happens on the GUI thread."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from PySide6.QtCore import QObject, Signal

_LOGGER = logging.getLogger(__name__)
SESSION_S = 7 * 86400  # the broker keeps the wall's session this long while it is away
ORDERS_TOPIC, STATUS_TOPIC, PRESENCE_TOPIC = "seoul/staff/{}/orders", "seoul/staff/{}/status", "seoul/staff/{}/presence"


@dataclass(frozen=True)
class LinkSettings:
    host: str
    port: int
    username: str
    password: str
    client_id: str = "seoul-wall"
    tls: bool = False


def kept_for(seconds: int) -> Properties:
    """CONNECT properties asking the broker to keep the session (and what comes for it) this long away."""
    properties = Properties(PacketTypes.CONNECT)
    properties.SessionExpiryInterval = seconds
    return properties


class Acks:
    """What each QoS 1 publish was for, until the broker's PUBACK; thread-safe. paho may deliver the PUBACK
    on its network thread before `publish` has even returned its message id: that answer waits here for
    `sent`. Publishes nobody follows (presence) are given `what=None` so their answers are not kept."""

    def __init__(self):
        self._waiting: dict[int, object] = {}  # message id -> what it was for
        self._early: dict[int, object] = {}  # message id -> the broker's answer, come before `sent`
        self._lock = threading.Lock()

    def sent(self, mid: int, what: object) -> object | None:
        """Note a publish; the broker's answer if it came already (then it is the caller's to act on)."""
        with self._lock:  # never held while paho works: its thread takes its own locks, then this one
            answer = self._early.pop(mid, None)
            if answer is None:
                self._waiting[mid] = what
        return answer

    def answered(self, mid: int, reason_code: object) -> tuple[bool, object]:
        """The broker's answer to `mid`: (True, what it was for), or (False, None) until `sent` says."""
        with self._lock:
            if mid in self._waiting:
                return True, self._waiting.pop(mid)
            self._early[mid] = reason_code
            return False, None

    def waiting(self) -> list:
        with self._lock:
            return [what for what in self._waiting.values() if what is not None]


def contact_of(topic: str) -> str | None:
    """The contact id in "seoul/staff/<id>/…"."""
    parts = topic.split("/")
    return parts[2] if len(parts) == 4 and parts[:2] == ["seoul", "staff"] else None


class OrdersLink(QObject):
    """`send` an order's message; `accepted(order_id)` once the broker has it. In: `status(contact, payload)`
    and `presence(contact, "online"|"offline")`. `connected(bool)` as the session comes and goes."""

    accepted = Signal(str)
    refused = Signal(str, str)  # order id, the broker's reason (not authorised …)
    status = Signal(str, dict)
    presence = Signal(str, str)
    connected = Signal(bool)

    def __init__(self, settings: LinkSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.is_connected = False
        self._acks = Acks()  # message id -> order id, until the broker's PUBACK
        self._client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=settings.client_id,
                                   protocol=mqtt.MQTTv5)
        self._client.username_pw_set(settings.username, settings.password)
        if settings.tls:
            self._client.tls_set()
        self._client.reconnect_delay_set(1, 30)
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._client.on_publish = self._on_publish
        self._client.on_message = self._on_message

    def start(self) -> None:
        self._client.connect_async(self.settings.host, self.settings.port, clean_start=False,
                                   properties=kept_for(SESSION_S))
        self._client.loop_start()

    def stop(self) -> None:
        self.is_connected = False  # a goodbye, not a lost connection
        self._client.disconnect()
        self._client.loop_stop()

    def send(self, contact_id: str, order_id: str, payload: dict) -> bool:
        """Publish to the person's orders topic (QoS 1); False while not connected (the outbox keeps it)."""
        if not self.is_connected:
            return False
        info = self._client.publish(ORDERS_TOPIC.format(contact_id), json.dumps(payload, ensure_ascii=False), qos=1)
        if info.rc != mqtt.MQTT_ERR_SUCCESS:
            return False
        answer = self._acks.sent(info.mid, order_id)
        if answer is not None:
            self._settle(order_id, answer)
        return True

    def in_flight(self) -> set[str]:
        return set(self._acks.waiting())

    def _on_connect(self, client, _userdata, _flags, reason_code, _properties) -> None:
        if reason_code.is_failure:
            _LOGGER.warning("orders broker refused the wall: %s", reason_code)
            return
        client.subscribe([(STATUS_TOPIC.format("+"), 1), (PRESENCE_TOPIC.format("+"), 1)])
        self.is_connected = True
        self.connected.emit(True)

    def _on_disconnect(self, _client, _userdata, _flags, reason_code, _properties) -> None:
        if self.is_connected:
            _LOGGER.warning("orders broker connection lost (%s); reconnecting", reason_code)
        self.is_connected = False
        self.connected.emit(False)

    def _on_publish(self, _client, _userdata, mid, reason_code, _properties) -> None:
        followed, order_id = self._acks.answered(mid, reason_code)
        if followed:
            self._settle(order_id, reason_code)

    def _settle(self, order_id: str, reason_code) -> None:
        if reason_code.is_failure:
            self.refused.emit(order_id, str(reason_code))
        else:
            self.accepted.emit(order_id)

    def _on_message(self, _client, _userdata, message) -> None:
        contact = contact_of(message.topic)
        if contact is None:
            return
        text = message.payload.decode("utf-8", errors="replace")
        if message.topic == PRESENCE_TOPIC.format(contact):
            self.presence.emit(contact, text.strip())
            return
        try:
            payload = json.loads(text)
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            _LOGGER.warning("orders: a status from %s that is not a JSON object: %.200r", contact, text)
            return
        self.status.emit(contact, payload)
