"""`kiosk field-links` (each person's link to their field page, for the operator to send to their phone)
and `kiosk field` (the field page alone, on a central host; the wall serves it itself by default)."""

from __future__ import annotations

import signal
import socket
import threading

from feeds.contacts import Contact
from kiosk.app.calls_desk import read_contacts
from kiosk.config import Config, host_port
from kiosk.crash_loop import state_dir
from kiosk.field.server import FieldService
from kiosk.orders.credentials import Credentials, load_or_make
from kiosk.orders.link import LinkSettings


def _people(config: Config) -> tuple[tuple[Contact, ...], Credentials]:
    """The contacts and their credentials (made on first use, kept after: a link goes on working)."""
    contacts, _problem = read_contacts(config.calls)
    return contacts, load_or_make(state_dir() / "orders-credentials.json", [c.id for c in contacts])


def links(config: Config) -> list[tuple[Contact, str]]:
    """Each contact and their link."""
    contacts, credentials = _people(config)
    port = host_port(config.orders.field_listen)[1] if config.orders.field_listen else 8780
    base = config.orders.field_url.rstrip("/") or f"http://{socket.gethostname()}:{port}"
    return [(c, f"{base}/f/{credentials.field[c.id].token}") for c in contacts]


def serve(config: Config, listen: str) -> int:
    """The field page until SIGTERM or Ctrl-C."""
    contacts, credentials = _people(config)
    if not contacts:
        return 1
    host, port = config.orders.address
    host_listen, port_listen = host_port(listen)
    broker = LinkSettings(host, port, "", "", tls=config.orders.tls)
    service = FieldService((host_listen or "0.0.0.0", port_listen), broker, credentials,
                           {c.id: c.name for c in contacts}, state_dir() / "field.sqlite3")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_args: stop.set())
    service.start()
    stop.wait()
    service.stop()
    return 0
