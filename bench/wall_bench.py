"""Start to a full wall drawn from a warm cache (every simulated feed: 재난안전, 교통상황, 대기환경 …),
and a feed result to its value on the map.

Targets (issues 2, 10): process start -> wall drawn from cache <= 2 s; result -> map <= 100 ms.
Offscreen, on this machine's CPU. Run: .venv/bin/python bench/wall_bench.py
"""

from __future__ import annotations

import time

PROCESS_START = time.perf_counter()  # before the heavy imports (Qt, WebEngine, folium)

import os  # noqa: E402
import statistics
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QSize  # noqa: E402

from feeds.base import FeedResult  # noqa: E402
from kiosk.app.main import WallApp, create_application  # noqa: E402
from kiosk.app.state import DomainKey  # noqa: E402
from kiosk.cli import main as kiosk  # noqa: E402
from kiosk.clock import utc_now  # noqa: E402

CONFIG = """
[cache]
path = "{cache}"
[simulator]
port = 18388
scripted_outages = false
cameras = false
"""  # the simulator's own feeds: every domain that has data
PINS = "document.querySelectorAll('.leaflet-marker-pane .pin').length"


def wait_for(condition, timeout_s: float = 30.0) -> float:
    """Process events until `condition()`; return the seconds it took."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout_s:
            raise TimeoutError
        QCoreApplication.processEvents()
        time.sleep(0.0005)
    return time.perf_counter() - started


# the value drawn under 중구's name
JUNG_GU_LABEL = ("Array.from(document.querySelectorAll('.district-label'))"
                 ".find(l => l.querySelector('.name').textContent === '중구').querySelector('.value').textContent")


def every_domain(snapshot) -> bool:
    """The cache read holds 재난안전's incidents, 교통상황's hotspots and 대기환경's 25 districts."""
    domains = snapshot.domains
    return (len(domains[DomainKey.AIR].readings) == 25 and bool(domains[DomainKey.DISASTER].incidents)
            and bool(domains[DomainKey.TRAFFIC].hotspots))


def js(view, code: str):
    box: list = []
    view.page().runJavaScript(code, 0, box.append)
    wait_for(lambda: bool(box), 5)
    return box[0]


def main() -> dict[str, str]:
    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text(CONFIG.format(cache=Path(tmp) / "c.sqlite3"))
        poll_started = time.perf_counter()
        kiosk(["poll", "--once", "--config", str(config)])  # warm the cache
        poll_s = time.perf_counter() - poll_started
        started = time.perf_counter()
        wall = WallApp(str(config), windowed=True, size=QSize(3840, 1767))
        wall.start()
        wait_for(lambda: wall.controller and wall.controller.last_snapshot and every_domain(wall.controller.last_snapshot))
        panel_s = time.perf_counter() - started
        view = wall.window.map
        wait_for(lambda: view.is_ready)
        wait_for(lambda: js(view, PINS) > 0)  # 재난안전, the home domain: its incidents on the map
        full_s = time.perf_counter() - started
        process_s = time.perf_counter() - PROCESS_START - poll_s
        wall.runtime.scheduler.stop()  # only our results from here on: no fetch may overwrite them
        wall.controller.state.change(domain=DomainKey.AIR)
        wait_for(lambda: js(view, JUNG_GU_LABEL) not in ("", None))
        samples = [result_to_map_ms(wall, 900 + n) for n in range(20)]
        wall.dispose()
    app.shutdown()
    results = {
        "start -> panel from cache": f"{panel_s:.2f} s",
        "start -> map drawn from cache": f"{full_s:.2f} s",
        "process start -> map drawn": f"{process_s:.2f} s (imports included, cache warming excluded)",
        "result -> map (20 runs)": f"median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms",
    }
    for key, value in results.items():
        print(f"{key:<32} {value}")
    return results


def result_to_map_ms(wall: WallApp, pm10: int) -> float:
    """Hand the writer a new result (as the scheduler does after a fetch); time until the page shows it."""
    readings = wall.controller.last_snapshot.domains["air"].readings
    changed = tuple(replace(r, pm10=float(pm10)) if r.station == "중구" else r for r in readings)
    started = time.perf_counter()
    wall.runtime.writer.submit_result("air", FeedResult(changed, changed[0].measured_at), utc_now())
    wait_for(lambda: js(wall.window.map, JUNG_GU_LABEL) == str(pm10), 5)
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
