"""An incident as the wall lists it: the record, a key unique across feeds, where it came from."""

from __future__ import annotations

from dataclasses import dataclass

from feeds.incidents import Incident


@dataclass(frozen=True)
class IncidentItem:
    """One incident on the wall; `key` is "<feed id>/<source id>" (ids repeat across feeds)."""

    key: str
    incident: Incident
    feed_id: str
    source: str  # the feed's title, e.g. "119 출동 현황 · 시 상황실"


def headline(incident: Incident) -> str:
    """"강동구 성내동 · 주택 화재": where first, then what (the source's text, as text)."""
    where = " ".join(p for p in (incident.district, incident.dong) if p) or incident.place
    what = (incident.detail or "").split("\n")[0] or incident.type_label
    return f"{where} · {what}" if what != where else where
