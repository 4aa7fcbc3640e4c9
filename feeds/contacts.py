"""The contacts file the operator keeps (contacts.toml): who the mayor can call, and what links them to
the wall — a fire station's name to its command vehicles, a project to its manager.

Strict like config.toml: unknown keys, a malformed SIP URI or phone number, a repeated id are errors
with their key path (`contacts[3].sip: …`), printed by `kiosk check-config`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pydantic

from feeds.key_paths import issues_from
from feeds.local_files import read_toml

SIP_URI = re.compile(r"^sips?:[A-Za-z0-9._~%!$&'()*+,;=-]+@[A-Za-z0-9.-]+(:\d{1,5})?(;[A-Za-z0-9=._-]+)*$")
PHONE = re.compile(r"^\+?[0-9][0-9 -]{2,19}$")
MAX_BYTES = 1_000_000  # a few hundred people


class Contact(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)

    id: str = pydantic.Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    name: str = pydantic.Field(min_length=1, max_length=40)
    role: str = ""  # 직위 or 임무, e.g. 현장지휘관, 도시재생과장
    organisation: str = ""
    sip: str = ""  # the URI the wall dials; empty: reachable by phone only
    phone: str = ""  # the fallback number shown when the line is offline
    groups: tuple[str, ...] = ()  # e.g. 소방 지휘차, 주요사업 담당: the contacts panel's sections
    stations: tuple[str, ...] = ()  # fire stations whose incidents offer this contact (강동소방서)
    projects: tuple[str, ...] = ()  # project ids whose sheet offers this contact

    @pydantic.field_validator("sip")
    @classmethod
    def _sip_uri(cls, value: str) -> str:
        if value and not SIP_URI.match(value):
            raise ValueError(f"{value!r} is not a SIP URI such as sip:name@10.0.0.5 or sip:name@pbx.seoul.go.kr:5060")
        return value

    @pydantic.field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        if value and not PHONE.match(value):
            raise ValueError(f"{value!r} is not a phone number such as 02-2133-0000")
        return value

    @pydantic.model_validator(mode="after")
    def _reachable(self) -> "Contact":
        if not self.sip and not self.phone:
            raise ValueError("give a sip URI, a phone number, or both")
        return self


class ContactsFile(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)

    contacts: tuple[Contact, ...] = ()

    @pydantic.model_validator(mode="after")
    def _unique(self) -> "ContactsFile":
        seen: set[str] = set()
        for contact in self.contacts:
            if contact.id in seen:
                raise ValueError(f"contact id {contact.id!r} is used twice")
            seen.add(contact.id)
        return self


class ContactsError(ValueError):
    """The contacts file cannot be used; one problem per line, each with its key path."""

    def __init__(self, path: Path, problems: list[str]):
        self.path, self.problems = path, problems
        super().__init__("\n".join(f"{path}: {p}" for p in problems))


def load_contacts(path: Path) -> tuple[Contact, ...]:
    """Every contact of the file, or ContactsError naming every problem."""
    try:
        raw = read_toml(path, MAX_BYTES)
    except OSError as exc:
        raise ContactsError(path, [f"cannot read the file ({exc.strerror})"]) from None
    except ValueError as exc:
        raise ContactsError(path, [str(exc)]) from None
    try:
        return ContactsFile.model_validate(raw).contacts
    except pydantic.ValidationError as exc:
        raise ContactsError(path, [f"{p}: {m}" if p else m for p, m in issues_from(exc)]) from None


def for_station(contacts: tuple[Contact, ...], station: str | None) -> list[Contact]:
    """The contacts an incident handled by this fire station offers (its command vehicles)."""
    return [c for c in contacts if station and station in c.stations]


def for_project(contacts: tuple[Contact, ...], project_id: str) -> list[Contact]:
    """The contacts a project's sheet offers (its manager)."""
    return [c for c in contacts if project_id in c.projects]
