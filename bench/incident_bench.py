"""Incidents on the map: one update with 1,000 active incidents, and a new incident to its pin.

Targets (issue 3): map update with 1,000 active incidents <= 50 ms; new incident in a feed
result -> its pin on the page <= 100 ms after the fetch returns.
Offscreen at 3840 x 1767 px. Run: .venv/bin/python bench/incident_bench.py
"""

from __future__ import annotations

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
from feeds.incidents import Incident, Stage  # noqa: E402
from kiosk.app.main import WallApp, create_application  # noqa: E402
from kiosk.clock import utc_now  # noqa: E402

KINDS = ("fire", "rescue", "ems", "ems", "ems", "road", "road")
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
id = "dispatch"
kind = "city_incidents"
interval_s = 3600
[feeds.options]
base_url = "http://127.0.0.1:9"
"""


def incidents(count: int, seed: int = 1) -> list[Incident]:
    """`count` open incidents spread over Seoul."""
    rng, now = random.Random(seed), utc_now()
    return [Incident(f"B-{n}", kind := rng.choice(KINDS), kind, occurred_at=now, lat=rng.uniform(37.46, 37.68),
                     lon=rng.uniform(126.82, 127.15), district="중구", stage="출동지령",
                     stages=(Stage("출동지령", now),)) for n in range(count)]


def page_update_ms(view, pins: list[dict]) -> float:
    """Time `wall.setIncidents` inside the page (JSON parsing of the call included)."""
    import json
    code = f"(function () {{ var t = performance.now(); wall.setIncidents({json.dumps(pins)});" \
           " return performance.now() - t; })()"
    return float(js(view, code))


def new_incident_to_pin_ms(wall: WallApp, base: list[Incident], n: int) -> float:
    """Hand the writer a fetch result with one new incident; time until the page has its pin."""
    fresh = Incident(f"N-{n}", "fire", "화재", occurred_at=utc_now(), lat=37.5663, lon=126.9779,
                     stage="출동지령", stages=(Stage("출동지령", utc_now()),))
    started = time.perf_counter()
    wall.runtime.writer.submit_result("dispatch", FeedResult(tuple(base) + (fresh,), None), utc_now())
    wait_for(lambda: js(wall.window.map, f"document.querySelector('.pin[data-id=\"dispatch/N-{n}\"]') ? 1 : 0") == 1, 10)
    return (time.perf_counter() - started) * 1000


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
        view = wall.window.map
        from widgets.map.layers import incident_pins as pins
        from widgets.incident_item import IncidentItem
        for count in (200, 1000):
            base = incidents(count)
            items = [IncidentItem(f"dispatch/{i.source_id}", i, "dispatch", "") for i in base]
            first = page_update_ms(view, pins(items))
            updates = []
            for round_ in range(10):  # a tenth of them move on or change stage each time
                rng = random.Random(round_)
                for i in rng.sample(range(count), count // 10):
                    items[i] = IncidentItem(items[i].key, Incident(
                        items[i].incident.source_id, items[i].incident.kind, "x", lat=items[i].incident.lat + 0.001,
                        lon=items[i].incident.lon, closed=rng.random() < 0.3), "dispatch", "")
                updates.append(page_update_ms(view, pins(items)))
            results[f"map update, {count} incidents"] = (f"first {first:.0f} ms; then median "
                                                          f"{statistics.median(updates):.0f} ms, max {max(updates):.0f} ms")
            view.set_incidents([])
            wall.runtime.writer.submit_result("dispatch", FeedResult(tuple(base), None), utc_now())
            wait_for(lambda: len(wall.controller.last_snapshot.domains["disaster"].incidents) >= count)
            samples = [new_incident_to_pin_ms(wall, base, count * 100 + n) for n in range(15)]
            results[f"new incident -> pin, {count} in cache"] = (
                f"median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms")
            wall.runtime.writer.submit_result("dispatch", FeedResult((), None), utc_now())  # all close
        wall.dispose()
    app.shutdown()
    for key, value in results.items():
        print(f"{key:<36} {value}")
    return results


if __name__ == "__main__":
    main()
