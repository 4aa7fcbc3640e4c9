"""Ask the map page what it draws, through tests/map_probe.js (the production page has no test hooks)."""

import json
from pathlib import Path

PROBE = (Path(__file__).with_name("map_probe.js")).read_text(encoding="utf-8")


def ask(qtbot, view, call):
    """`call` on the probe ("snapshot()", "pins()", "cameras()", "pointOf('송파구')"), as Python data."""
    qtbot.waitUntil(lambda: view.is_ready, timeout=30000)  # the page and Leaflet have loaded
    results = []
    view.page().runJavaScript(f"{PROBE}\nJSON.stringify(probe.{call});", 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    return json.loads(results[0]) if results[0] is not None else None
