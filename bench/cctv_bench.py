"""CCTV: first frame, glass-to-glass latency, CPU and memory at 4, 9 and 16 tiles (+ focus).

The real wall runs on a virtual X screen (Xvfb) with the simulator's RTSP cameras
(GStreamer, in their own process: not counted). Targets (issue 4): latency <= 0.35 s at the
default network caching; 16 tiles + focus within 50 % of one core.

Latency: the camera "flip" turns black/white on every whole second of the wall clock (and
burns the clock into its picture). The bench samples the focus tile's centre pixel on the
screen every few milliseconds; the time a flip shows up past the whole second is the
glass-to-glass latency (camera encode, RTSP, relay, decode, display). A screenshot with the
burned clock and the wall's own clock is saved next to this file's output for a human check.

Run: .venv/bin/python bench/cctv_bench.py
"""

from __future__ import annotations

import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.app.display import virtual_display  # noqa: E402
from kiosk.simulator.cameras import RtspCameraServer, SimulatedCamera  # noqa: E402

SIZE = (1920, 884)
MEASURE_S = 20.0
TICKS = os.sysconf("SC_CLK_TCK")
CAMERAS = tuple(SimulatedCamera(f"c{i}", f"카메라 {i}", 37.50 + i * 0.005, 126.95 + i * 0.005, "중구") for i in range(16))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def config_text(cache: Path, port: int, tiles: int) -> str:
    cameras = "".join(f'[[cameras]]\nid = "{c.id}"\nname = "{c.name}"\nurl = "rtsp://127.0.0.1:{port}/{c.id}"\n'
                      f'sub_url = "rtsp://127.0.0.1:{port}/{c.id}/sub"\nlat = {c.lat}\nlon = {c.lon}\n'
                      for c in CAMERAS[:tiles])
    flip = f'[[cameras]]\nid = "flip"\nname = "지연 측정"\nurl = "rtsp://127.0.0.1:{port}/flip"\n'
    return (f'feeds = []\n[cache]\npath = "{cache}"\n[simulator]\nenabled = false\n[panels]\nair = ""\n'
            f"[cctv]\ngrid_tiles = {tiles}\n" + cameras + flip)


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def pss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children() -> list[int]:
    me = str(os.getpid())
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parts = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if parts[1] == me and "gst-launch" in Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry))
    return found


def process_events_for(seconds: float) -> list[float]:
    """Run the event loop; return how late a 10 ms timer fired each time (ms)."""
    from PySide6.QtCore import QCoreApplication

    lags, started, expected = [], time.perf_counter(), time.perf_counter() + 0.01
    while time.perf_counter() - started < seconds:
        QCoreApplication.processEvents()
        now = time.perf_counter()
        if now >= expected:
            lags.append((now - expected) * 1000)
            expected = now + 0.01
        time.sleep(0.001)
    return lags


def wait_until(condition, timeout_s: float) -> float:
    from PySide6.QtCore import QCoreApplication

    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout_s:
            raise TimeoutError
        QCoreApplication.processEvents()
        time.sleep(0.002)
    return time.perf_counter() - started


def measure(label: str, server_pid: int, xvfb_pid: int | None) -> None:
    """CPU of the wall (with its relays), of the camera server and of Xvfb; memory; event-loop lag."""
    pids = [os.getpid(), *children()]
    before = {p: cpu_s(p) for p in pids}
    server_before = cpu_s(server_pid)
    x_before = cpu_s(xvfb_pid) if xvfb_pid else 0.0
    lags = process_events_for(MEASURE_S)
    wall = sum(cpu_s(p) - before[p] for p in pids if Path(f"/proc/{p}").exists()) / MEASURE_S * 100
    server = (cpu_s(server_pid) - server_before) / MEASURE_S * 100
    xvfb = ((cpu_s(xvfb_pid) - x_before) / MEASURE_S * 100) if xvfb_pid else 0.0
    memory = sum(pss_mb(p) for p in pids if Path(f"/proc/{p}").exists())
    lags.sort()
    print(f"{label}: wall + {len(pids) - 1} relays {wall:.1f} % of a core · PSS {memory:.0f} MB · "
          f"event-loop lag p99 {lags[int(len(lags) * 0.99)]:.1f} ms, max {lags[-1]:.1f} ms · "
          f"(camera server {server:.1f} %, Xvfb {xvfb:.1f} %)")


def run_wall(cache_dir: Path, port: int, tiles: int, size: tuple[int, int] = SIZE):
    from PySide6.QtCore import QSize

    from kiosk.app.main import WallApp

    config = cache_dir / f"config-{tiles}.toml"
    config.write_text(config_text(cache_dir / f"cache-{tiles}.sqlite3", port, tiles), encoding="utf-8")
    wall = WallApp(str(config), windowed=True, size=QSize(*size))
    wall.start()
    cctv = wall.controller.cctv
    wait_until(lambda: sum(h.state == "playing" for h in cctv.health.values()) >= tiles, 60)
    return wall, cctv


def sheet(cctv, server_pid: int, xvfb_pid: int | None) -> None:
    """An incident sheet's nearest cameras playing beside the grid, within the player budget."""
    cctv.show_nearby(CAMERAS[0].lat, CAMERAS[0].lon)
    wait_until(lambda: all(w.health and w.health.state == "playing" for _t, w in cctv.nearby_tiles if w.camera), 30)
    process_events_for(3)
    playing = sum(w.camera is not None for _t, w in cctv.grid + cctv.nearby_tiles)
    measure(f" 4 tiles + sheet ({playing} playing, {len(cctv._paused)} grid paused, "
            f"budget {cctv.config.cctv.player_budget})", server_pid, xvfb_pid)
    cctv.hide_nearby()
    process_events_for(2)


def first_frames(cctv, runs: int = 5) -> list[float]:
    """Seconds from a touch on a camera to its first picture in the focus view (main stream)."""
    times = []
    for index in range(runs):
        camera_id = f"c{index}"
        cctv.open_camera(camera_id)
        times.append(wait_until(lambda: cctv._focus._session is not None and cctv._focus._session.frames() > 0, 20))
        cctv.close_focus()
        process_events_for(0.5)
    return times


def latency(wall, cctv, samples: int = 12) -> list[float]:
    """Seconds from each whole-second flip to its colour on the screen."""
    from PySide6.QtCore import QCoreApplication

    cctv.open_camera("flip")
    wait_until(lambda: cctv._focus.health.state == "playing", 20)
    process_events_for(2)
    surface = wall.window.camera_focus.tile.surface
    centre = surface.mapToGlobal(surface.rect().center())
    screen = surface.screen()

    def brightness() -> int:
        QCoreApplication.processEvents()
        return screen.grabWindow(0, centre.x(), centre.y(), 1, 1).toImage().pixel(0, 0) & 0xFF

    found, last = [], brightness() > 128
    deadline = time.time() + samples * 2 + 10
    while len(found) < samples and time.time() < deadline:
        bright = brightness() > 128
        if bright != last:
            now = time.time()
            found.append(now - int(now))
            last = bright
        time.sleep(0.002)
    return found


def main() -> None:
    port = free_port()
    extra = ({"id": "flip", "name": "지연 측정", "flip": True},)
    server = RtspCameraServer(port, CAMERAS, extra).start()
    try:
        with virtual_display(*SIZE), tempfile.TemporaryDirectory() as folder:
            from kiosk.app.main import create_application

            xvfb = next((int(p) for p in os.listdir("/proc") if p.isdigit() and _is_our_xvfb(p)), None)
            app = create_application()
            for tiles in (4, 9, 16):
                wall, cctv = run_wall(Path(folder), port, tiles)
                process_events_for(5)  # let start-up settle
                measure(f"{tiles:2d} tiles", server.process.pid, xvfb)
                if tiles == 4:
                    sheet(cctv, server.process.pid, xvfb)
                if tiles == 16:
                    frames = first_frames(cctv)
                    print(f"first frame (touch -> picture, main stream via relay): median "
                          f"{statistics.median(frames):.2f} s, max {max(frames):.2f} s ({len(frames)} runs)")
                    delays = latency(wall, cctv)
                    print(f"glass-to-glass latency (network caching {wall.controller.config.cctv.network_caching_ms}"
                          f" ms): median {statistics.median(delays):.2f} s, max {max(delays):.2f} s "
                          f"({len(delays)} flips)")
                    measure("16 tiles + focus", server.process.pid, xvfb)
                    shot = Path(tempfile.gettempdir()) / "cctv_bench_latency.png"
                    wall.shell.screen().grabWindow(0).save(str(shot))
                    print(f"screenshot with the burned-in clock and the wall's clock: {shot}")
                wall.stop()
                wall.dispose()
                process_events_for(1)
            app.shutdown()
    finally:
        server.stop()


def _is_our_xvfb(pid: str) -> bool:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        parent = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
    except OSError:
        return False
    return bool(cmd and cmd[0].endswith(b"Xvfb")) and parent == str(os.getpid())


if __name__ == "__main__":
    main()
