"""The city's own dispatch feed: live 119 incidents with coordinates and stage times.

No public API carries these, so the format is ours (docs/incident-feed.md): a JSON document
`{"format": "seoul-incidents/1", "generated_at": …, "incidents": [{id, type, occurred_at,
lat, lon, address, agency, stages: [{stage, at}], closed, detail}]}` that a city system
serves over HTTP. The list holds every open incident; one that leaves it is closed.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import requests

from feeds import city_feed
from feeds.base import Feed, FeedResult, register
from feeds.city_feed import CityFeedOptions
from feeds.geo import locate
from feeds.incidents import KINDS, Incident, Stage
from feeds.records import SEOUL_TZ
from feeds.values import decimal, read_all, text

_LOGGER = logging.getLogger(__name__)
FORMAT = "seoul-incidents/1"
KIND_OF_LABEL = {label: kind for kind, (label, _chain) in KINDS.items()}


class CityIncidentOptions(CityFeedOptions):
    """Options of the `city_incidents` feed."""

    path: str = "/dispatch/incidents.json"


def fetch(session: requests.Session, options: CityIncidentOptions, now: datetime) -> FeedResult:
    """The current incident list."""
    generated, incidents = parse(city_feed.get(session, options))
    return FeedResult(records=incidents, source_time=generated)


def parse(body: bytes) -> tuple[datetime | None, tuple[Incident, ...]]:
    """(generated_at, incidents); an item without an id is dropped (all of them: FormatError)."""
    doc = city_feed.document(body, "incidents", FORMAT, "an incident feed")
    incidents = read_all(doc["incidents"], _read_item, "incidents")
    return parse_when(doc.get("generated_at")), tuple(incidents)


def _read_item(item: Any) -> Incident | None:
    return locate(parse_item(item)) if isinstance(item, dict) and text(item.get("id")) else None


def parse_item(item: dict[str, Any]) -> Incident:
    """One incident; an unknown type or stage is kept as given, with a warning."""
    type_text = text(item.get("type")) or "?"
    kind = type_text if type_text in KINDS else KIND_OF_LABEL.get(type_text)
    if kind is None:
        _LOGGER.warning("incident %s: unknown type %r shown as given", item.get("id"), type_text)
    stages = tuple(Stage(str(s.get("stage")), parse_when(s.get("at")))
                   for s in item.get("stages") or () if isinstance(s, dict) and text(s.get("stage")))
    kind = kind or "other"
    for stage in stages:
        if stage.label not in KINDS[kind][1]:
            _LOGGER.warning("incident %s: unknown stage %r shown as given", item.get("id"), stage.label)
    lat, lon = decimal(item.get("lat")), decimal(item.get("lon"))
    return Incident(
        source_id=str(item["id"]).strip(), kind=kind, type_label=KINDS[kind][0] if type_text in KINDS else type_text,
        occurred_at=parse_when(item.get("occurred_at")), lat=lat if lon is not None else None,
        lon=lon if lat is not None else None, address=text(item.get("address")), district=text(item.get("district")),
        agency=text(item.get("agency")), stage=stages[-1].label if stages else None, stages=stages,
        closed=item.get("closed") is True, closed_at=parse_when(item.get("closed_at")), detail=text(item.get("detail")))


def parse_when(value: Any) -> datetime | None:
    """ISO 8601 ("2026-11-24T10:02:00+09:00"; without an offset it is Seoul time), else None."""
    try:
        when = datetime.fromisoformat(str(value).strip()) if value else None
    except ValueError:
        return None
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=SEOUL_TZ)
    return when


FEED = register(Feed(kind="city_incidents", title="119 출동 현황 · 시 상황실", options=CityIncidentOptions,
                     fetch=fetch, record_type=Incident,
                     source_max_age_s=600))  # `generated` is stamped on every reply
