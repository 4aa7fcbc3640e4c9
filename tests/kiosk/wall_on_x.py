"""Runs the real wall on the X display in $DISPLAY and reports its cameras, for tests under Xvfb.

    python -m tests.kiosk.wall_on_x CONFIG

Prints one JSON line per camera health change ({"camera", "state", "failures", "reconnects",
"frames", "problem", "t"}). A line `click CAMERA_ID` on stdin clicks (as X11 input, with
xdotool) the middle of the video in that camera's grid tile and reports {"focus": name} with
what the focus view showed over the next 1.5 s (see FocusWatch); `click-domain KEY` clicks that domain's button; `nearby LAT LON` and
`hide-nearby` open and close an incident sheet's cameras and report {"players", "paused"}; `incident KEY` opens
that incident's sheet (as a touch on its row), reported as {"sheet": key}; `pictures NAMES` (the
camera server's mount names as a JSON list) reports {"pictures": [...], "problems": [...]}: what every shown tile's
picture really is against its label (tests/kiosk/tile_pictures.py). Every domain change is
reported as {"domain": key}, the idle return as {"idle": true}. When stdin closes, it stops the wall and prints {"children": [...]}: the
processes it left behind (there must be none). Everything the wall logs (debug included)
goes to stderr.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import subprocess
import sys
import time

from PySide6.QtCore import QSize, QSocketNotifier, QTimer

from kiosk.app.main import WallApp, create_application
from kiosk.app.screenshot import looks_black
from tests.conftest import child_pids
from tests.kiosk.tile_pictures import problems_in, read_tile_pictures

START = time.monotonic()


def report(**fields) -> None:
    print(json.dumps({**fields, "t": round(time.monotonic() - START, 2)}, ensure_ascii=False), flush=True)


def main(config_path: str) -> int:
    logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")  # to stderr
    app = create_application()
    wall = WallApp(config_path, windowed=True, size=QSize(1600, 740))
    wall.start()
    cctv = wall.controller.cctv
    frames = {}

    def on_change() -> None:
        for tile, watchdog in cctv.grid:
            if watchdog.camera is not None:
                frames[watchdog.camera.camera_id] = watchdog.frames
        for camera_id, health in sorted(cctv.health.items()):
            seen = (health.state, health.failures, health.reconnects)
            if reported.get(camera_id) != seen:
                reported[camera_id] = seen
                report(camera=camera_id, state=health.state, failures=health.failures, reconnects=health.reconnects,
                       frames=frames.get(camera_id, 0), problem=health.problem)

    reported: dict[str, tuple] = {}
    watching: list[FocusWatch] = []
    cctv.changed.connect(on_change)
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def on_stdin() -> None:
        data = os.read(sys.stdin.fileno(), 1024)
        if not data:  # closed: time to go
            notifier.setEnabled(False)
            wall.stop()
            app.quit()
        for line in data.decode().splitlines():
            if line.startswith("click "):
                click(wall, line.split()[1])
            elif line.startswith("click-domain "):
                x11_click(wall.window.domain_bar.buttons[line.split()[1]])
            elif line.startswith("nearby "):  # as an incident sheet at LAT LON does
                cctv.show_nearby(*(float(v) for v in line.split()[1:3]))
                QTimer.singleShot(3000, report_players)
            elif line.startswith("incident "):
                open_incident(line.split()[1])
            elif line.startswith("pictures "):
                read_tile_pictures(cctv, [{"name": name} for name in json.loads(line.split(" ", 1)[1])], report_pictures)
            elif line == "hide-nearby":
                cctv.hide_nearby()
                QTimer.singleShot(3000, report_players)

    def open_incident(key: str) -> None:
        wall.controller.views["disaster"].open_incident(key)
        report(sheet=wall.controller.state.view.sheet)

    def report_pictures(pictures: list) -> None:
        report(pictures=[dataclasses.asdict(p) for p in pictures], problems=problems_in(pictures))

    def report_players() -> None:
        playing = [w.camera.camera_id for _t, w in cctv.grid + cctv.nearby_tiles if w.camera is not None]
        report(players=len(playing), paused=sorted(t.camera.camera_id for t in cctv._paused))

    def click(wall: WallApp, camera_id: str) -> None:
        tile = next(t for t in wall.window.cctv_area.tiles if t.camera and t.camera.camera_id == camera_id)
        centre = tile.surface.mapToGlobal(tile.surface.rect().center())
        watching[:] = [FocusWatch(wall, tile)]  # kept until the next click
        subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y()), "click", "1"], check=True)
        watching[0].start()

    def x11_click(widget) -> None:
        centre = widget.mapToGlobal(widget.rect().center())
        subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y()), "click", "1"], check=True)

    wall.controller.state.subscribe(lambda before, after: before.domain != after.domain and report(domain=after.domain))
    wall.controller.idle.idle.connect(lambda: report(idle=True))
    notifier.activated.connect(on_stdin)
    report(started=True, video=cctv.backend is not None, relay=bool(cctv.backend and cctv.backend.relay_rtsp))
    app.exec()
    wall.dispose()
    deadline = time.monotonic() + 3
    while child_pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    report(children=sorted(_name(pid) for pid in child_pids()))
    return 0


class FocusWatch:
    """After a click on a grid tile: samples the focus view's middle row on the screen every few ms for 1.5 s, then
    reports {"focus": name, "first_from": "grid"/"own" (whose surface showed the first picture there),
    "black_ms" (the longest black after it), "own": the focus shows its own picture at the end, "grid_back": the
    grid tile has its own surface (the same native window) back and it still plays}."""

    def __init__(self, wall: WallApp, tile) -> None:
        self.wall, self.tile, self.window = wall, tile, tile.window_id
        self.focus = wall.window.camera_focus
        self.first_from, self.black_since, self.black_ms = None, None, 0.0
        self.timer = QTimer(interval=5, timeout=self.sample)

    def start(self) -> None:
        self.started = time.monotonic()
        self.timer.start()

    def sample(self) -> None:
        now = (time.monotonic() - self.started) * 1000
        if now >= 1500:
            self.timer.stop()
            self.report()
            return
        if not self.focus.isVisible():
            return
        black = looks_black(self.focus.tile.picture)
        if not black and self.first_from is None:
            self.first_from = "grid" if self.focus.tile.guest is not None else "own"
        if black and self.first_from is not None and self.black_since is None:
            self.black_since = now
        if not black and self.black_since is not None:
            self.black_ms, self.black_since = max(self.black_ms, now - self.black_since), None

    def report(self) -> None:
        focus, grid = self.focus.tile, self.wall.controller.cctv
        watchdog = dict(grid.grid)[self.tile]
        frames = watchdog.frames
        QTimer.singleShot(1200, lambda: report(
            focus=focus.name.text() if self.focus.isVisible() else None, first_from=self.first_from,
            black_ms=round(self.black_ms), own=focus.picture.currentWidget() is focus.surface and grid._focus.shown(),
            grid_back=(self.tile.picture.indexOf(self.tile.surface) == 0 and self.tile.window_id == self.window
                       and watchdog.frames > frames),
            windows=[window_sizes(focus), window_sizes(self.tile)]))


def window_sizes(tile) -> list[int]:
    """The tile's native window, its surface and its stream's frame, [width, height] each."""
    surface = tile.surface
    return [surface.window.width(), surface.window.height(), surface.width(), surface.height(),
            surface.frame.width(), surface.frame.height()]


def _name(pid: int) -> str:
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()[:200]
    except OSError:
        return str(pid)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
