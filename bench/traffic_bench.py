"""교통상황 on the map: one update with 2,000 road links, and a citydata result to its links on the map.

Targets (issue 10): map update with 2,000 road links <= 50 ms in the page; feed result -> links on
the map <= 100 ms median. Offscreen at 3840 x 1767 px. Run: .venv/bin/python bench/traffic_bench.py
"""

from __future__ import annotations

import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSize  # noqa: E402

from bench.wall_bench import js, wait_for  # noqa: E402
from feeds.base import FeedResult  # noqa: E402
from feeds.traffic import HotspotStatus, RoadLink  # noqa: E402
from kiosk.app.main import WallApp, create_application  # noqa: E402
from kiosk.app.state import DomainKey  # noqa: E402
from kiosk.clock import utc_now  # noqa: E402
from widgets.map.layers import road_lines  # noqa: E402

LEVELS = ("원활", "서행", "정체")
CONFIG = """
[cache]
path = "{cache}"
[simulator]
enabled = false
[panels]
air = ""
[disaster]
alert_kinds = []
[[feeds]]
id = "hotspots"
kind = "seoul_citydata"
interval_s = 3600
[feeds.options]
base_url = "http://127.0.0.1:9"
api_key = "K"
areas = ["강남역"]
"""
COLOURS = "JSON.stringify(probe.roads().lines.reduce(function (c, l) { c[l.colour] = (c[l.colour] || 0) + 1;" \
          " return c; }, {}))"  # links drawn per colour, read from Leaflet by the tests' probe
PROBE = (Path(__file__).resolve().parents[1] / "tests" / "map_probe.js").read_text(encoding="utf-8")


def links(count: int, seed: int) -> list[RoadLink]:
    """`count` links of 3-6 points around Seoul, each at a random level."""
    rng = random.Random(seed)
    found = []
    for n in range(count):
        lat, lon, angle = rng.uniform(37.46, 37.68), rng.uniform(126.82, 127.15), rng.uniform(0, math.pi)
        points = ";".join(f"{lon + k * 0.001 * math.cos(angle):.6f},{lat + k * 0.001 * math.sin(angle):.6f}"
                          for k in range(rng.randint(3, 6)))
        level = rng.choice(LEVELS)
        found.append(RoadLink(f"L{n:05d}", "강남역", points, "시험로", 10.0, level))
    return found


def page_update_ms(view, lines: list[dict]) -> float:
    """Time `wall.setRoads` inside the page (JSON parsing of the call included)."""
    code = f"(function () {{ var t = performance.now(); wall.setRoads({json.dumps(lines)});" \
           " return performance.now() - t; })()"
    return float(js(view, code))


def result_to_links_ms(wall: WallApp, count: int, seed: int) -> float:
    """Hand the writer a citydata result with new link levels; time until the page draws them."""
    fresh = links(count, seed)
    expected = {level: sum(link.level == level for link in fresh) for level in LEVELS}
    now = utc_now()
    spot = HotspotStatus("강남역", now, lat=37.4979, lon=127.0276, road_level="서행", road_speed=20.0)
    started = time.perf_counter()
    wall.runtime.writer.submit_result("hotspots", FeedResult((spot, *fresh), now), now)
    wait_for(lambda: drawn(wall) == expected, 10)
    return (time.perf_counter() - started) * 1000


def drawn(wall: WallApp) -> dict[str, int]:
    from widgets import theme
    colours = json.loads(js(wall.window.map, f"{PROBE}\n{COLOURS}"))
    return {level: colours.get(theme.ROAD_COLOURS[level], 0) for level in LEVELS}


def main() -> dict[str, str]:
    app = create_application()
    results: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text(CONFIG.format(cache=Path(tmp) / "c.sqlite3"))
        wall = WallApp(str(config), windowed=True, size=QSize(3840, 1767))
        wall.start()
        wait_for(lambda: wall.controller is not None and wall.window.map.is_ready)
        wall.runtime.scheduler.stop()
        wall.controller.state.change(domain=DomainKey.TRAFFIC)
        view = wall.window.map
        first = page_update_ms(view, road_lines(links(2000, 0)))
        updates = [page_update_ms(view, road_lines(links(2000, seed))) for seed in range(1, 11)]  # new levels
        results["map update, 2000 road links"] = (f"first {first:.0f} ms; then median {statistics.median(updates):.0f} ms,"
                                                  f" max {max(updates):.0f} ms")
        view.set_roads([])
        samples = [result_to_links_ms(wall, 200, 100 + n) for n in range(10)]
        results["citydata result -> 200 links on the map"] = (
            f"median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms")
        wall.dispose()
    app.shutdown()
    for key, value in results.items():
        print(f"{key:<40} {value}")
    return results


if __name__ == "__main__":
    main()
