"""What the field page's process needs, as the wall (or `kiosk field`) hands it over: a JSON file with where
to listen, the broker, the contacts' names, the paths of the credentials file and the store, and its limits.
No secret is in it: the tokens and passwords stay in the credentials file (0600), read by the process."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

CONNECTIONS = 256  # open at once; one more is closed as soon as it is accepted
HEADER_S = 10.0  # a connection sends a request's headers within this (from its opening or its last answer)
BODY_S = 10.0  # and a request's body within this once its headers are in


@dataclass(frozen=True)
class FieldSpec:
    host: str  # "" or "0.0.0.0": every address
    port: int
    broker_host: str
    broker_port: int
    tls: bool
    credentials: str  # the credentials file (kiosk/orders/credentials.py)
    store: str  # the field store's SQLite file
    names: dict[str, str] = field(default_factory=dict)  # contact id -> name
    connections: int = CONNECTIONS
    header_s: float = HEADER_S
    body_s: float = BODY_S

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> "FieldSpec":
        return cls(**json.loads(path.read_text(encoding="utf-8")))
