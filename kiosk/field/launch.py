"""The field page's spec from the wall's config (for the wall and for `kiosk field`), and the wall's side of
its process: the spec written beside the wall's state, the process supervised (restarted after 1, 2, 4 … 30 s,
never outliving the wall)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QObject

import kiosk
from feeds.contacts import Contact
from kiosk.config import OrdersConfig, host_port
from kiosk.field.spec import FieldSpec
from kiosk.orders.credentials import CREDENTIALS
from kiosk.supervised import SupervisedProcess

SOURCE = str(Path(kiosk.__file__).resolve().parent.parent)  # the child imports the wall's own kiosk


def field_spec(config: OrdersConfig, listen: str, state: Path, contacts: Iterable[Contact]) -> FieldSpec:
    """The page on `listen` ("host:port"), for these contacts, with the credentials and store in `state`."""
    host, port = host_port(listen)
    return FieldSpec(host, port, *config.address, config.tls, str(state / CREDENTIALS), str(state / "field.sqlite3"),
                     {c.id: c.name for c in contacts}, config.field_connections)


def field_process(spec: FieldSpec, folder: Path, parent: QObject | None = None) -> SupervisedProcess:
    """`python -m kiosk.field folder/field.json`, its log in folder/field.log."""
    path = spec.save(folder / "field.json")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [SOURCE, os.environ.get("PYTHONPATH")]))}
    return SupervisedProcess("field page", [sys.executable, "-m", "kiosk.field", str(path)], folder / "field.log",
                             env, parent, listens=(("tcp", spec.port),) if spec.port else (), title="현장 페이지")
