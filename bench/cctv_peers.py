"""CCTV against the best plain players (issue 15): the wall, `mpv` and `cvlc` on the same cameras.

The simulator's 16 cameras play as the wall plays them: 16 sub-streams in the grid's tiles and one main
stream in the focus view, on one virtual screen (1920 × 884, or `--size`). The peers get windows of the same sizes at
the same places: 17 `mpv` (its low-latency profile, software decoding and X11 output like the wall's), and
17 `cvlc` through the same relays as the wall's. Rounds alternate the order (`--rounds`); each
player's CPU (its processes and relays, over `MEASURE_S`), PSS (the wall's web engine included) and first
picture are printed, then the medians and the wall's ratios against mpv:

- the wall's first picture: from the touch that opens the focus view to its first frame shown;
- mpv's: from its start to "playback restart complete" (its first frame shown);
- the wall's picture at once: from the touch to the grid's picture of that camera shown large, and the
  longest black the focus view showed after that, up to a second past the switch to the main stream
  (the screen's middle row, sampled every few milliseconds).

Needs `mpv` and `cvlc` (`BENCH=1 scripts/bootstrap.sh`, as `make bench` does).

Run: .venv/bin/python bench/cctv_peers.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cctv_bench import CAMERAS, SIZE, cpu_s, free_port, process_events_for, pss_mb, run_wall, wait_until  # noqa: E402
from kiosk.app.display import virtual_display  # noqa: E402
from kiosk.app.screenshot import looks_black  # noqa: E402
from kiosk.cctv.relay import Relay, free_udp_port  # noqa: E402
from kiosk.procs import end_process  # noqa: E402
from kiosk.simulator.cameras import RtspCameraServer  # noqa: E402

MEASURE_S = 20.0
SETTLE_S = 5.0
NETWORK_CACHING_MS = 200  # the wall's default (config.toml [cctv])
NOT_ROOT = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []  # VLC refuses to run as root
Box = tuple[int, int, int, int]  # x, y, width, height on the screen


@dataclass
class Figures:
    cpu: float  # % of one core
    pss: float  # MB
    first: float  # seconds to the first picture (the main stream)
    at_once: float = float("nan")  # seconds to the grid's picture shown large (the wall)
    black: float = float("nan")  # the longest black after it (the wall), seconds


def descendants(root: int, skip: set[int]) -> list[int]:
    """`root`'s processes below it, except those under `skip` (the camera server, Xvfb)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in skip:
                found.append(pid)
                frontier.append(pid)
    return found


def load(pids: list[int]) -> tuple[float, float]:
    """CPU (% of a core over MEASURE_S) and PSS (MB) of these processes (a player that died counts nothing)."""
    before = {p: cpu_s(p) for p in pids}
    process_events_for(MEASURE_S)
    cpu = pss = 0.0
    for pid in pids:
        try:
            cpu, pss = cpu + cpu_s(pid) - before[pid], pss + pss_mb(pid)
        except OSError:
            print(f"  (process {pid} ended during the measure)")
    return cpu / MEASURE_S * 100, pss


def stream(port: int, index: int, main: bool) -> str:
    camera = CAMERAS[index].id
    return f"rtsp://127.0.0.1:{port}/{camera}" if main else f"rtsp://127.0.0.1:{port}/{camera}/sub"


def wall_round(folder: Path, port: int, skip: set[int], size: tuple[int, int]) -> tuple[Figures, list[Box]]:
    """The wall: 16 tiles, then a touch opens camera 0 large. Also where its video surfaces are."""
    folder.mkdir()
    wall, cctv = run_wall(folder, port, 16, size)
    process_events_for(SETTLE_S)
    first, at_once, black = watch_focus(wall, cctv, CAMERAS[0].id)
    process_events_for(SETTLE_S)
    surfaces = [tile.surface for tile, _watch in cctv.grid] + [wall.window.camera_focus.tile.surface]
    boxes = [(s.mapToGlobal(s.rect().topLeft()).x(), s.mapToGlobal(s.rect().topLeft()).y(), s.width(), s.height())
             for s in surfaces]
    cpu, pss = load([os.getpid(), *descendants(os.getpid(), skip)])
    wall.stop()
    wall.dispose()
    process_events_for(2)
    return Figures(cpu, pss, first, at_once, black), boxes


def watch_focus(wall, cctv, camera_id: str) -> tuple[float, float, float]:
    """Touch a camera; seconds to its main stream's first picture, to any picture in the focus view, and the
    longest black seen there after that (until a second after the switch to the main stream)."""
    from PySide6.QtCore import QCoreApplication

    picture = wall.window.camera_focus.tile.picture
    touched = time.perf_counter()
    cctv.open_camera(camera_id)
    first, samples = None, []  # (seconds from the touch, black)
    while first is None or samples[-1][0] - first < 1.0:
        QCoreApplication.processEvents()
        if first is None and cctv._focus.shown():
            first = time.perf_counter() - touched
        samples.append((time.perf_counter() - touched, looks_black(picture)))
        if samples[-1][0] > 20:
            raise TimeoutError("no main stream in the focus view")
        time.sleep(0.002)
    at_once = next(t for t, black in samples if not black)
    longest, black_since = 0.0, None
    for t, black in (s for s in samples if s[0] > at_once):
        if black and black_since is None:
            black_since = t
        elif not black and black_since is not None:
            longest, black_since = max(longest, t - black_since), None
    return first, at_once, max(longest, samples[-1][0] - black_since if black_since is not None else 0.0)


class Mpv:
    """One mpv in a window of its own; `first` once it has shown its first frame (seconds from start)."""

    def __init__(self, url: str, box: Box):
        x, y, width, height = box
        self.started = time.perf_counter()
        self.first: float | None = None
        self.process = subprocess.Popen(
            ["mpv", "--no-config", "--profile=low-latency", "--no-audio", "--hwdec=no", "--vo=x11", "--no-border",
             f"--geometry={width}x{height}+{x}+{y}", "--no-input-terminal", "--msg-level=all=no,cplayer=v",
             "--rtsp-transport=tcp", url],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if self.first is None and "playback restart complete" in line:
                self.first = time.perf_counter() - self.started

    def stop(self) -> None:
        end_process(self.process, grace_s=2)


def mpv_round(port: int, boxes: list[Box]) -> Figures:
    """16 mpv on the sub-streams; once they play, one more on the main stream (as the wall's touch)."""
    players = [Mpv(stream(port, i, main=False), box) for i, box in enumerate(boxes[:-1])]
    try:
        try:
            wait_until(lambda: all(p.first is not None for p in players), 30)
        except TimeoutError:
            sys.exit(f"mpv: some sub-streams showed nothing in 30 s: {[p.first for p in players]}")
        process_events_for(SETTLE_S)
        focus = Mpv(stream(port, 0, main=True), boxes[-1])
        players.append(focus)
        wait_until(lambda: focus.first is not None, 20)
        process_events_for(SETTLE_S)
        cpu, pss = load([p.process.pid for p in players])
        return Figures(cpu, pss, focus.first)
    finally:
        for player in players:
            player.stop()


def cvlc_round(port: int, boxes: list[Box]) -> Figures:
    """17 cvlc through the wall's own relays (Debian's libvlc cannot open rtsp://)."""
    relays, players = [], []
    try:
        for index, (x, y, width, height) in enumerate(boxes):
            relay = Relay(stream(port, index % 16, main=index == 16), free_udp_port())
            relays.append(relay)
            players.append(subprocess.Popen(
                [*NOT_ROOT, "cvlc", "--no-audio", "--quiet", "--no-video-title-show", "--no-osd", "--avcodec-hw=none",
                 "--gl=none", "--gles2=none", "--no-video-deco", "--no-embedded-video", f"--video-x={x}",
                 f"--video-y={y}", f"--width={width}", f"--height={height}", f"--network-caching={NETWORK_CACHING_MS}",
                 relay.mrl], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                env={**os.environ, "HOME": tempfile.gettempdir()}))
        process_events_for(SETTLE_S * 2)
        pids = [pid for p in players for pid in (p.pid, *descendants(p.pid, set()))] + [r.pid for r in relays]
        cpu, pss = load(pids)
        return Figures(cpu, pss, float("nan"))
    finally:
        for player in players:
            end_process(player, grace_s=2)
        for relay in relays:
            relay.close()


def main() -> dict[str, str]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", default="x".join(map(str, SIZE)), help="the screen, WIDTHxHEIGHT")
    parser.add_argument("--gop", type=float, default=0.0,
                        help="cameras like real CCTV: one encoder per camera, a keyframe every GOP seconds")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    missing = [tool for tool in ("mpv", "cvlc") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"cctv_peers: {', '.join(missing)} missing: run BENCH=1 scripts/bootstrap.sh")
    port = free_port()
    server = RtspCameraServer(port, CAMERAS, gop_s=args.gop).start()
    figures: dict[str, list[Figures]] = {"wall": [], "mpv": [], "cvlc": []}
    try:
        with virtual_display(*size), tempfile.TemporaryDirectory() as folder:
            from kiosk.app.main import create_application

            app = create_application()
            skip = {server.process.pid, *xvfb_pids()}
            boxes: list[Box] = []
            for round_no in range(args.rounds):
                players = ["wall", "mpv", "cvlc"]  # the first round starts with the wall: the peers take its sizes
                for player in players[round_no % 3:] + players[:round_no % 3]:
                    if args.gop:
                        warm_main_stream(port)
                    if player == "wall":
                        result, boxes = wall_round(Path(folder) / f"r{round_no}", port, skip, size)
                    else:
                        result = (mpv_round if player == "mpv" else cvlc_round)(port, boxes)
                    figures[player].append(result)
                    print(f"round {round_no + 1} {player:>4}: CPU {result.cpu:5.1f} % · PSS {result.pss:6.0f} MB · "
                          f"first picture {result.first:.2f} s · at once {result.at_once:.3f} s · "
                          f"black ≤ {result.black:.3f} s", flush=True)
            app.shutdown()
    finally:
        server.stop()
    return summary(figures, size)


def warm_main_stream(port: int) -> None:
    """With a GOP, the simulator starts a camera's encoder for its first viewer, on a keyframe: watched a moment
    here first, the main stream is running when the player opens it, as a real camera's is (a mid-GOP join)."""
    relay = Relay(stream(port, 0, main=True), free_udp_port())
    time.sleep(1.0)
    relay.close()


def xvfb_pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and _is_xvfb(p)]


def _is_xvfb(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].endswith(b"Xvfb")
    except OSError:
        return False


FIELDS = ("cpu", "pss", "first", "at_once", "black")


def summary(figures: dict[str, list[Figures]], size: tuple[int, int]) -> dict[str, str]:
    medians = {player: Figures(*(statistics.median(getattr(f, name) for f in runs) for name in FIELDS))
               for player, runs in figures.items() if runs}
    results = {}
    for player, m in medians.items():
        results[player] = f"CPU {m.cpu:.1f} % · PSS {m.pss:.0f} MB · first picture {m.first:.2f} s" + (
            f" · a picture at once {m.at_once * 1000:.0f} ms, then black ≤ {m.black * 1000:.0f} ms"
            if m.at_once == m.at_once else "")
    mpv, wall = medians.get("mpv"), medians.get("wall")
    if mpv and wall:
        results["wall / mpv"] = (f"CPU {wall.cpu / mpv.cpu:.2f} × · PSS {wall.pss / mpv.pss:.2f} × · first picture "
                                 f"{wall.first / mpv.first:.2f} ×  (goals: ≤ 1.0, ≤ 1.5, ≤ 1.25)")
    print("\nmedians over the rounds, 16 sub-streams + 1 main stream at", "×".join(map(str, size)))
    for key, value in results.items():
        print(f"  {key:<10} {value}")
    return results


if __name__ == "__main__":
    main()
