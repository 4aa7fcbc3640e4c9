"""주요사업 (issue 12) on the real wall at wall resolution (3840x1767, offscreen): a touch on a project to its
sheet, a document's page rendered at the size the viewer shows it, and the 26 projects' update of the
list and the map (the view's apply, and a new report from the writer to its mark on the map).

Targets: touch -> sheet <= 300 ms; a PDF page <= 150 ms; 26 projects in the list and on the map <= 50 ms
per update. Run: .venv/bin/python bench/projects_bench.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QSize  # noqa: E402

from bench.wall_bench import js, wait_for  # noqa: E402
from feeds.base import FeedResult  # noqa: E402
from feeds.projects import SAMPLES, read_folder  # noqa: E402
from kiosk.app.main import WallApp, create_application  # noqa: E402
from kiosk.app.state import DomainKey  # noqa: E402
from kiosk.clock import utc_now  # noqa: E402
from widgets.pdf_viewer import ZOOM_RANGE  # noqa: E402

CONFIG = """
[cache]
path = "{cache}"
[simulator]
port = 18389
scripted_outages = false
cameras = false
[panels]
air = ""
[[feeds]]
id = "projects"
kind = "projects"
interval_s = 600
[feeds.options]
folder = "{folder}"
[[feeds]]
id = "news"
kind = "rss"
interval_s = 600
[feeds.options]
base_url = "http://127.0.0.1:18389/rss/news.xml"
"""
LEVEL = ("(document.querySelector('.leaflet-marker-pane .place-mark[data-id=\"seoullo-7017\"] .place-level') "
         "|| {}).textContent")  # the mark's level as drawn


def median_max(samples: list[float]) -> str:
    return f"median {statistics.median(samples):.1f} ms, max {max(samples):.1f} ms"


def touch_to_sheet_ms(wall: WallApp, project_id: str) -> float:
    """A touch on the project's row (its signal, as the row sends it) until the sheet is filled and painted."""
    view = wall.controller.views[DomainKey.PROJECTS]
    started = time.perf_counter()
    view.panel.project_selected.emit(project_id)
    wait_for(lambda: wall.window.domain_stack.currentWidget() is view.sheet and view.sheet.project_id == project_id)
    view.sheet.repaint()
    elapsed = (time.perf_counter() - started) * 1000
    view.sheet.close_button.click()
    QCoreApplication.processEvents()
    return elapsed


def page_render_ms(wall: WallApp, zoom: float) -> list[float]:
    """Each page of a sample document rendered at the size the wall's viewer gives it, at a zoom."""
    sheet = wall.controller.views[DomainKey.PROJECTS].sheet
    wall.controller.state.change(domain=DomainKey.PROJECTS, sheet="seoullo-7017")
    sheet.open_document(0)
    QCoreApplication.processEvents()
    viewer = sheet.viewer
    samples = []
    for _ in range(10):
        for page in range(viewer.document.pageCount()):
            points = viewer.document.pagePointSize(page)
            scale = viewer.fit_factor() * zoom * viewer.view.logicalDpiX() / 72
            size = QSize(round(points.width() * scale), round(points.height() * scale))
            started = time.perf_counter()
            image = viewer.document.render(page, size)
            samples.append((time.perf_counter() - started) * 1000)
            assert not image.isNull()
    samples.append(size.width())  # the last entry: the rendered width, for the record
    return samples


def report_to_map_ms(wall: WallApp, percent: float) -> float:
    """A new report of one project handed to the writer (as after a fetch) until its mark shows it."""
    good, _ = read_folder(Path(wall.controller.config.feed("projects").options.folder))
    reports = [r for _p, r in good]
    changed = [r if r.project_id != "seoullo-7017" else
               type(r)(**{**r.__dict__, "document": r.document.replace('"percent":54.6', f'"percent":{percent}')})
               for r in reports]
    started = time.perf_counter()
    wall.runtime.writer.submit_result("projects", FeedResult(tuple(changed), None), utc_now())
    wait_for(lambda: js(wall.window.map, LEVEL) == f"정상 {percent:.0f}%", 10)
    return (time.perf_counter() - started) * 1000


def main() -> dict[str, str]:
    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "projects"
        shutil.copytree(SAMPLES, folder)
        config = Path(tmp) / "config.toml"
        config.write_text(CONFIG.format(cache=Path(tmp) / "c.sqlite3", folder=folder))
        wall = WallApp(str(config), windowed=True, size=QSize(3840, 1767))
        wall.start()
        wait_for(lambda: bool(wall.controller and wall.controller.last_snapshot
                              and DomainKey.PROJECTS in wall.controller.last_snapshot.domains
                              and len(wall.controller.last_snapshot.domains[DomainKey.PROJECTS].pages) == 26), 60)
        wall.controller.state.change(domain=DomainKey.PROJECTS)
        wait_for(lambda: wall.window.map.is_ready, 60)
        wall.runtime.scheduler.stop()  # only our results from here on
        view = wall.controller.views[DomainKey.PROJECTS]
        snapshot = wall.controller.last_snapshot
        data = snapshot.domains[DomainKey.PROJECTS]
        applies = []
        for _ in range(50):
            started = time.perf_counter()
            view.apply(data, snapshot)
            applies.append((time.perf_counter() - started) * 1000)
        ids = [p.project.id for p in data.pages]
        touches = [touch_to_sheet_ms(wall, ids[n % len(ids)]) for n in range(20)]
        renders = page_render_ms(wall, 1.0)
        width = renders.pop()
        zoomed = page_render_ms(wall, ZOOM_RANGE[1])
        zoomed_width = zoomed.pop()
        wall.controller.state.change(domain=DomainKey.PROJECTS, sheet=None)
        maps = [report_to_map_ms(wall, 60.0 + n) for n in range(10)]
        wall.dispose()
    app.shutdown()
    results = {
        "touch -> project sheet (20 runs)": median_max(touches),
        f"PDF page render, {width} px wide": median_max(renders),
        f"... zoomed in fully, {zoomed_width} px": median_max(zoomed),
        "26 projects: list + map apply": median_max(applies),
        "a report -> its mark on the map": median_max(maps),
    }
    for key, value in results.items():
        print(f"{key:<36} {value}")
    return results


if __name__ == "__main__":
    main()
