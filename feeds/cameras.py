"""CCTV records: one camera of the catalogue (from the config or the ITS API) and its health."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from feeds.geo import distance_m

UNKNOWN, CONNECTING, PLAYING, OFFLINE = "unknown", "connecting", "playing", "offline"


@dataclass(frozen=True)
class Camera:
    """A camera and where to play it. Stream URLs may carry short-lived tokens (ITS)."""

    camera_id: str
    name: str
    url: str  # main stream: rtsp:// or http(s) HLS
    sub_url: str | None = None  # lower-resolution stream for grid tiles
    lat: float | None = None
    lon: float | None = None
    district: str | None = None
    source: str = "config"  # "config" or "its"


@dataclass(frozen=True)
class CameraHealth:
    """What a camera did when it was last played: its state, its last frame, its retries."""

    camera_id: str
    state: str = UNKNOWN
    last_frame_at: datetime | None = None
    reconnects: int = 0  # restarts after the first start
    failures: int = 0  # consecutive failed attempts (0 while playing)
    problem: str | None = None  # why it is offline, in plain words
    updated_at: datetime | None = None

    @property
    def usable(self) -> bool:
        """Not known to be down."""
        return self.state != OFFLINE


@dataclass(frozen=True)
class NearbyCameras:
    """The nearest usable cameras to a point within a radius, and how many nearer ones are offline."""

    cameras: tuple[tuple[Camera, float], ...]  # (camera, metres), nearest first
    offline_skipped: int
    radius_m: float = math.inf  # cameras farther than this were not considered


def nearest_usable(cameras: list[Camera], health: dict[str, CameraHealth], lat: float, lon: float,
                   count: int, radius_m: float = math.inf) -> NearbyCameras:
    """The `count` nearest cameras on the ground within `radius_m` that are not offline; offline
    ones nearer than the last one chosen are counted, so the wall can say so."""
    placed = sorted(((c, distance_m(lat, lon, c.lat, c.lon)) for c in cameras
                     if c.lat is not None and c.lon is not None), key=lambda pair: pair[1])
    chosen: list[tuple[Camera, float]] = []
    skipped = 0
    for camera, metres in placed:
        if len(chosen) == count or metres > radius_m:
            break
        found = health.get(camera.camera_id)
        if found is not None and not found.usable:
            skipped += 1
        else:
            chosen.append((camera, metres))
    return NearbyCameras(tuple(chosen), skipped, radius_m)


_SECRET_PARAM = re.compile(r"(?i)(key|token|sign|auth|pass|pwd|secret|signature)[^=]*=[^&]*")


def redact_url(url: str) -> str:
    """A stream URL safe for logs and screens: no user:password, no token-like query values."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = (f"***@{host}" if parts.username or parts.password else host) + (f":{parts.port}" if parts.port else "")
    query = _SECRET_PARAM.sub(lambda m: m.group(0).split("=", 1)[0] + "=***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
