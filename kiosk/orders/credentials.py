"""Who may use the orders broker and the field page: the wall's password on its own broker, and for each
field contact a link token (their page) and a broker password (their device's session). Made by the wall
the first time a contact needs them and kept in one file only its user may read; a new contact gets theirs
at the next start, an existing one keeps theirs (their link goes on working)."""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

_LOGGER = logging.getLogger(__name__)
CREDENTIALS = "orders-credentials.json"  # its name in the state folder


@dataclass(frozen=True)
class FieldPass:
    contact_id: str
    token: str  # the field page's link: /f/<token>
    password: str  # the device's own broker password (its user name is its contact id)


@dataclass(frozen=True)
class Credentials:
    wall_password: str
    field: dict[str, FieldPass]  # by contact id

    def by_token(self, token: str) -> FieldPass | None:
        """The pass a link's token belongs to (compared in constant time)."""
        return next((p for p in self.field.values() if secrets.compare_digest(p.token, token)), None)


def load_or_make(path: Path, contact_ids: list[str]) -> Credentials:
    """Read the credentials file, add what new contacts need, and write it back (0600) if anything changed."""
    stored = _read(path)
    wall = stored.get("wall_password") or secrets.token_urlsafe(24)
    field = dict(stored.get("field", {}))
    for contact_id in contact_ids:
        field.setdefault(contact_id, {"token": secrets.token_urlsafe(16), "password": secrets.token_urlsafe(24)})
    made = {"wall_password": wall, "field": field}
    if made != stored:
        _write(path, made)
    return Credentials(wall, {cid: FieldPass(cid, v["token"], v["password"]) for cid, v in field.items()
                              if cid in contact_ids})


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:  # unreadable: new links would break the old ones, so say it loudly
        _LOGGER.error("orders credentials %s unreadable (%s): making new ones; the old field links stop working",
                      path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, indent=1)
    part.replace(path)
