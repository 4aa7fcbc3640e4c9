"""`kiosk field-links` (each person's link to their field page, for the operator to send to their phone)
and `kiosk field` (the field page alone, on a central host; by default the wall runs it in a process of its own)."""

from __future__ import annotations

import socket

from feeds.contacts import Contact
from kiosk.app.calls_desk import read_contacts
from kiosk.config import Config, host_port
from kiosk.crash_loop import state_dir
from kiosk.field.launch import field_spec
from kiosk.field.process import run
from kiosk.orders.credentials import CREDENTIALS, Credentials, load_or_make


def _people(config: Config) -> tuple[tuple[Contact, ...], Credentials]:
    """The contacts and their credentials (made on first use, kept after: a link goes on working)."""
    contacts, _problem = read_contacts(config.calls)
    return contacts, load_or_make(state_dir() / CREDENTIALS, [c.id for c in contacts])


def links(config: Config) -> list[tuple[Contact, str]]:
    """Each contact and their link."""
    contacts, credentials = _people(config)
    port = host_port(config.orders.field_listen)[1] if config.orders.field_listen else 8780
    base = config.orders.field_url.rstrip("/") or f"http://{socket.gethostname()}:{port}"
    return [(c, f"{base}/f/{credentials.field[c.id].token}") for c in contacts]


def serve(config: Config, listen: str) -> int:
    """The field page in the foreground until SIGTERM or Ctrl-C, as the wall's own process of it runs."""
    contacts, _credentials = _people(config)
    return run(field_spec(config.orders, listen, state_dir(), contacts)) if contacts else 1
