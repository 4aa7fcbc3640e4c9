"""CCTV records: one camera of the catalogue, from the config or from the ITS API."""

from __future__ import annotations

from dataclasses import dataclass


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
