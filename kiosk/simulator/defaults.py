"""The built-in configuration's simulator parts, as data: what `kiosk` runs with when no config is found.

Tables in the shape of `config.toml`'s `[[feeds]]` and `[[cameras]]`; `kiosk.config` validates them
like any operator's file (config.toml spells out the same, and a test checks they agree).
"""

from __future__ import annotations

from typing import Any

from kiosk.simulator.cameras import CONFIG_CAMERAS, RTSP_PORT, rtsp_url

SIMULATOR_PORT = 18088
SIMULATOR_KEY = "SIMULATOR"  # the only key the simulator accepts
HOTSPOTS = ("광화문·덕수궁", "강남역", "명동 관광특구", "홍대입구역(2호선)", "잠실종합운동장", "여의도한강공원")
SUBWAY_STATIONS = ("시청", "강남", "잠실", "홍대입구")


def feed_tables(port: int = SIMULATOR_PORT) -> list[dict[str, Any]]:
    """The simulator's feeds: every built-in source pointed at it (NFDS, unofficial, off)."""
    base = f"http://127.0.0.1:{port}"
    keyed = {"base_url": base, "api_key": SIMULATOR_KEY}
    return [
        {"id": "air", "kind": "seoul_air", "interval_s": 300, "options": keyed},
        {"id": "dispatch", "kind": "city_incidents", "interval_s": 15, "options": {"base_url": base}},
        {"id": "roads", "kind": "seoul_accidents", "interval_s": 60, "options": keyed},
        {"id": "hotspots", "kind": "seoul_citydata", "interval_s": 300, "options": {**keyed, "areas": HOTSPOTS}},
        {"id": "fire_stats", "kind": "fire_stats", "interval_s": 600,
         "options": {"base_url": f"{base}/1661000/FireInformationService", "service_key": SIMULATOR_KEY}},
        {"id": "nfds", "kind": "nfds_fires", "interval_s": 60, "enabled": False, "options": {}},
        {"id": "cctv_its", "kind": "its_cctv", "interval_s": 300, "options": keyed},
        {"id": "water_supply", "kind": "seoul_water_supply", "interval_s": 3600, "options": keyed},
        {"id": "river", "kind": "seoul_river_quality", "interval_s": 600, "options": keyed},
        {"id": "tap_water", "kind": "tap_water", "interval_s": 300, "options": {"base_url": base}},
        {"id": "prices", "kind": "seoul_prices", "interval_s": 43200, "options": keyed},
        {"id": "complaints", "kind": "complaint_keywords", "interval_s": 3600,
         "options": {"base_url": f"{base}/1140100/minAnalsInfoView5", "service_key": SIMULATOR_KEY}},
        {"id": "calls_120", "kind": "calls_120", "interval_s": 900, "options": {"base_url": base}},
        {"id": "projects", "kind": "projects", "interval_s": 600, "options": {}},
        {"id": "news", "kind": "rss", "interval_s": 600, "options": {"base_url": f"{base}/rss/news.xml"}},
        {"id": "kstartup", "kind": "kstartup", "interval_s": 3600,
         "options": {"base_url": f"{base}/B552735/kisedKstartupService01", "service_key": SIMULATOR_KEY}},
        {"id": "startup_indicators", "kind": "startup_indicators", "interval_s": 3600, "options": {}},
        {"id": "bikes", "kind": "seoul_bikes", "interval_s": 600, "enabled": False, "options": keyed},
        {"id": "subway", "kind": "seoul_subway", "interval_s": 120, "enabled": False,
         "options": {**keyed, "stations": SUBWAY_STATIONS}},
    ]


def camera_tables(port: int = RTSP_PORT) -> list[dict[str, Any]]:
    """The simulator's configured cameras, served on `port` (main stream and sub-stream)."""
    return [{"id": c.id, "name": c.name, "url": rtsp_url(port, c.id), "sub_url": rtsp_url(port, c.id, True),
             "lat": c.lat, "lon": c.lon, "district": c.district} for c in CONFIG_CAMERAS]
