"""Focus soak: the real wall's cameras opened large and closed again, hundreds of times.

    .venv/bin/python bench/focus_soak.py --cycles 200

The wall runs in this process on a virtual screen (3840 × 1767), on the shipped `config.toml` with its cache,
simulator and ports moved to a temporary place (as bench/orders_soak.py does), its simulated cameras playing.
Every `--every` seconds a camera is opened large as a touch does, in turn one that plays in the grid (its
picture is lent at once) and one that does not, and closed again once its main stream shows. Every 20 cycles
it prints the memory of the wall's processes (the wall, its web engine, relays and broker), the GUI loop's lag and
the pictures' times. The first touch comes after `--settle-min` minutes untouched (the wall's own warm-up: its
memory grows for about 15 minutes without any touch); the growth of its last five is printed beside the touched
growth. Exit 1 when an error was logged, a camera showed no picture within 10 s, the lag's p99 passed
`MAX_LAG_MS` (each touch lays the 3840-pixel window out anew, about 40 ms), or the anonymous memory of the wall's
own processes grew more than `--max-growth-mb` after the first `WARMUP` cycles.

`--gop 3` gives the simulated cameras one encoder each with a keyframe every 3 s, as real CCTV: a camera opened
anew waits for its next keyframe, which the picture lent at once hides for cameras in the grid.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402

from bench.soak import process_numbers  # noqa: E402
from bench.cctv_peers import descendants  # noqa: E402
from bench.orders_soak import BEAT_MS, Errors, soak_in_process  # noqa: E402

WARMUP = 20
# The wall's own processes, whose memory is judged; the rest of the tree is the simulator (its camera server, the
# simulated staff's phones) and the virtual screen, printed for information.
OWN = ("wall", "QtWebEngineProcess", "gst-launch-1.0", "mosquitto")
REPORT_EVERY = 20
MAX_LAG_MS = 100
UNTOUCHED_MS = 300_000  # the last minutes before the first touch, whose growth is printed for comparison
PICTURE_TIMEOUT_S = 10.0


def wall_memory() -> dict[str, tuple[float, float]]:
    """(PSS, anonymous) MB of this process ("wall") and of what it started, by program (relays, web engine …)."""
    found = {"wall": memory_of(os.getpid())}
    for pid in descendants(os.getpid(), set()):
        try:
            name = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode().rsplit("/", 1)[-1]
        except (OSError, IndexError):
            continue
        pss, anon = found.get(name, (0.0, 0.0))
        more = memory_of(pid)
        found[name] = (pss + more[0], anon + more[1])
    return found


def memory_of(pid: int) -> tuple[float, float]:
    numbers = process_numbers(pid)
    return numbers[0], numbers[4]


def own_anon_mb(parts: dict[str, tuple[float, float]]) -> float:
    """Anonymous memory of the wall's own processes: what a leak grows (shared pages move PSS by ±15 MB)."""
    return sum(anon for name, (_pss, anon) in parts.items() if name in OWN)


class FocusCycler:
    """Opens a camera large, waits for its main stream's picture, closes it; keeps the figures."""

    def __init__(self, wall, app, cycles: int):
        self.wall, self.app, self.cctv, self.cycles = wall, app, wall.controller.cctv, cycles
        self.done = 0
        self.failures: list[str] = []
        self.lags: list[float] = []
        self.at_once: list[float] = []  # touch -> the grid's picture lent (grid cameras)
        self.main: list[float] = []  # touch -> the main stream's first picture
        self.memory: list[tuple[int, float]] = []  # (cycles done, anonymous MB of the wall's own processes)
        self.untouched: list[tuple[float, float]] = []  # (monotonic s, own anonymous MB) before the first touch
        self.worst_lag = 0.0  # the worst p99 of the GUI loop's lag over REPORT_EVERY cycles, ms
        self._camera = ""
        self._touched = 0.0
        self._last = time.perf_counter()
        self._poll = QTimer(wall, interval=10, timeout=self._watch)

    def note_untouched(self) -> None:
        self.untouched.append((time.monotonic(), own_anon_mb(wall_memory())))

    def beat(self) -> None:
        now = time.perf_counter()
        self.lags.append((now - self._last) * 1000 - BEAT_MS)
        self._last = now

    def open(self) -> None:
        grid = [tile.camera.camera_id for tile, _w in self.cctv.grid if tile.camera is not None]
        others = [c.camera_id for c in self.cctv.cameras if c.camera_id not in grid]
        pool = grid if self.done % 2 == 0 or not others else others
        self._camera = pool[(self.done // 2) % len(pool)]
        self._touched = time.perf_counter()
        self.cctv.open_camera(self._camera)
        if self.wall.window.camera_focus.tile.guest is not None:
            self.at_once.append(time.perf_counter() - self._touched)
        self._poll.start()

    def _watch(self) -> None:
        waited = time.perf_counter() - self._touched
        if self.cctv._focus is not None and self.cctv._focus.shown():
            self.main.append(waited)
        elif waited < PICTURE_TIMEOUT_S:
            return
        else:
            self.failures.append(f"cycle {self.done + 1}: {self._camera} showed no picture in {PICTURE_TIMEOUT_S} s")
        self._poll.stop()
        self.cctv.close_focus()
        self.done += 1
        if self.done % REPORT_EVERY == 0:
            self.report()
        if self.done >= self.cycles:
            self.app.quit()

    def report(self) -> None:
        lags = sorted(self.lags) or [0.0]
        self.lags = []
        p99 = lags[int(len(lags) * 0.99)]
        self.worst_lag = max(self.worst_lag, p99)
        parts = wall_memory()
        self.memory.append((self.done, own_anon_mb(parts)))
        main = statistics.median(self.main[-REPORT_EVERY:]) if self.main else float("nan")
        once = statistics.median(self.at_once[-REPORT_EVERY:]) if self.at_once else float("nan")
        shares = ", ".join(f"{name} {pss:.0f}/{anon:.0f}"
                           for name, (pss, anon) in sorted(parts.items(), key=lambda kv: -kv[1][0]))
        slowest = max(self.main[-REPORT_EVERY:], default=float("nan"))
        print(f"{time.strftime('%H:%M:%S')}  cycle {self.done}  anonymous {self.memory[-1][1]:.0f} MB (PSS/anonymous: "
              f"{shares})  lag p99 "
              f"{p99:.1f} ms  picture at once {once * 1000:.0f} ms  main stream {main:.2f} s (slowest {slowest:.2f})",
              flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--every", type=float, default=3.0, help="seconds between touches")
    parser.add_argument("--max-growth-mb", type=float, default=30)
    parser.add_argument("--settle-min", type=float, default=15,
                        help="minutes the wall runs untouched first (its own warm-up: bench/soak.py finds it flat "
                             "from minute 15)")
    parser.add_argument("--gop", type=float, default=0.0, help="the simulated cameras' keyframe interval (s)")
    args = parser.parse_args()
    cyclers = []

    def arm(wall, app) -> None:
        cycler = FocusCycler(wall, app, args.cycles)
        cyclers.append(cycler)
        QTimer(wall, interval=BEAT_MS, timeout=cycler.beat).start()
        settle_ms = int(args.settle_min * 60_000)
        QTimer.singleShot(max(0, settle_ms - UNTOUCHED_MS), cycler.note_untouched)
        QTimer.singleShot(settle_ms, cycler.note_untouched)
        QTimer.singleShot(settle_ms, lambda: QTimer(wall, interval=int(args.every * 1000), timeout=cycler.open).start())

    errors = soak_in_process("focus-soak-", arm, args.gop)
    return judge(cyclers[0], errors, args)


def judge(cycler: FocusCycler, errors: Errors, args) -> int:
    settled = [pss for done, pss in cycler.memory if done >= WARMUP]
    growth = settled[-1] - settled[0] if len(settled) > 1 else 0.0
    worst = cycler.worst_lag
    problems = [*(f"logged: {line}" for line in errors.seen[:10]), *cycler.failures[:10],
                *([f"lag p99 reached {worst:.1f} ms"] if worst > MAX_LAG_MS else []),
                *([f"memory grew {growth:.0f} MB after cycle {WARMUP}"] if growth > args.max_growth_mb else [])]
    if len(cycler.untouched) == 2:
        (t0, mb0), (t1, mb1) = cycler.untouched
        print(f"untouched before the first touch: {mb1 - mb0:+.1f} MB over {(t1 - t0) / 60:.1f} min")
    print(f"{cycler.done} cycles; memory {growth:+.0f} MB from cycle {WARMUP} to {cycler.done}; worst lag p99 "
          f"{worst:.1f} ms; errors logged {len(errors.seen)}")
    print("\n".join(problems) or "no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
