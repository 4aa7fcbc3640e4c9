"""Orders soak: the real wall given work orders for a long time.

    .venv/bin/python bench/orders_soak.py --minutes 10

The wall runs in this process on a virtual screen (3840 × 1767), on the shipped `config.toml` with its cache
and simulator ports moved to a temporary place (as bench/soak.py does), so its own broker, field page and
simulated staff take the orders on at their pace (노원's vehicle never acknowledges: the orders' bar rises).
Every `--every` seconds an order is given through the form: one or two people or now and then a whole group, a
template, sometimes the mayor's own words, now and then a cancel; the orders panel is shown every other time.
Each minute it prints the process's memory, the GUI event loop's lag (a 50 ms timer's lateness) and the
orders. Exit 1 when an error was logged, the lag's p99 passed 16 ms, or memory grew more than
`--max-growth-mb` after the first two minutes.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSize, QTimer  # noqa: E402

from bench.soak import SoakOptions, free_port, soak_config  # noqa: E402
from kiosk.app.display import virtual_display  # noqa: E402

BEAT_MS = 50
WARMUP_MIN = 2


class Errors(logging.Handler):
    """Counts what the wall logs at ERROR or worse."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(self.format(record))


def rss_mb() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 // 2**20


class OrderGiver:
    """Gives an order the way the mayor does (업무 지시 → people, words → a template), and keeps the figures."""

    def __init__(self, wall, rng: random.Random):
        self.wall, self.rng = wall, rng
        self.given = 0
        self.lags: list[float] = []
        self.minutes: list[tuple[int, int, float]] = []  # (rss MB, orders, lag p99 ms) each minute
        self._last = time.perf_counter()

    def beat(self) -> None:
        now = time.perf_counter()
        self.lags.append((now - self._last) * 1000 - BEAT_MS)
        self._last = now

    def give(self) -> None:
        desk, rng = self.wall.orders, self.rng
        people = tuple(rng.sample(sorted(desk.contacts), rng.choice((1, 1, 2))))
        groups = (rng.choice(desk._groups()),) if rng.random() < 0.1 else ()
        desk.offer(f"incident:soak-{self.given % 7}", f"시험 사건 {self.given % 7}", people, groups)
        desk.form.note.setText(rng.choice(("", "", "우선 처리 바랍니다")))
        desk.form.chosen.emit(rng.choice([t.id for t in desk.config.templates]))
        self.given += 1
        if rng.random() < 0.1 and desk.book.open_orders():
            desk.book.cancel(rng.choice(desk.book.open_orders()).order_id, "시험 취소")
        self.wall.window.show_orders("panel" if self.given % 2 else None)

    def report(self) -> None:
        lags = sorted(self.lags) or [0.0]
        self.lags = []
        p99 = lags[int(len(lags) * 0.99)]
        book = self.wall.orders.book
        self.minutes.append((rss_mb(), len(book.orders), p99))
        print(f"{time.strftime('%H:%M:%S')}  rss {rss_mb()} MB  orders {len(book.orders)} (open "
              f"{len(book.open_orders())})  lag p99 {p99:.1f} ms, max {lags[-1]:.1f} ms", flush=True)


def orders_config(folder: Path, gop_s: float = 0.0) -> str:
    """The shipped config with its cache, simulator, broker and field page moved (a wall may be running), its
    simulated cameras given a GOP of `gop_s` seconds (0: as shipped)."""
    text = soak_config((ROOT / "config.toml").read_text(encoding="utf-8"), folder / "cache.sqlite3", free_port(),
                       free_port(), SoakOptions())
    for shipped, moved in (("port = 18830 ", f"port = {free_port()} "),
                           ('field_listen = "0.0.0.0:8780"', f'field_listen = "127.0.0.1:{free_port()}"'),
                           ("camera_gop_s = 0 ", f"camera_gop_s = {gop_s} ")):
        assert shipped in text, f"orders soak: {shipped!r} not in config.toml"
        text = text.replace(shipped, moved)
    return text


def soak_in_process(prefix: str, arm: Callable, gop_s: float = 0.0) -> Errors:
    """The real wall in this process on the moved shipped config at 3840 × 1767: `arm(wall, app)` sets its
    timers (and quits the app when done); returns what was logged at ERROR."""
    errors = Errors()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger().addHandler(errors)
    with tempfile.TemporaryDirectory(prefix=prefix) as folder, virtual_display(3840, 1767):
        config = Path(folder) / "config.toml"
        config.write_text(orders_config(Path(folder), gop_s), encoding="utf-8")
        from kiosk.app.main import WallApp, create_application

        app = create_application()
        wall = WallApp(str(config), windowed=True, size=QSize(3840, 1767))
        wall.start()
        arm(wall, app)
        app.exec()
        wall.dispose()
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--every", type=float, default=15, help="seconds between orders")
    parser.add_argument("--max-growth-mb", type=float, default=60)
    args = parser.parse_args()
    givers = []

    def arm(wall, app) -> None:
        giver = OrderGiver(wall, random.Random(14))
        givers.append(giver)
        QTimer(wall, interval=BEAT_MS, timeout=giver.beat).start()
        QTimer(wall, interval=int(args.every * 1000), timeout=giver.give).start()
        QTimer(wall, interval=60_000, timeout=giver.report).start()
        QTimer.singleShot(int(args.minutes * 60_000), app.quit)

    errors = soak_in_process("orders-soak-", arm)
    return judge(givers[0], errors, args)


def judge(giver: OrderGiver, errors: Errors, args) -> int:
    settled = giver.minutes[WARMUP_MIN:] or giver.minutes
    growth = settled[-1][0] - settled[0][0] if settled else 0
    worst = max((p99 for _rss, _n, p99 in giver.minutes), default=0.0)
    problems = [*(f"logged: {line}" for line in errors.seen[:10]),
                *([f"lag p99 reached {worst:.1f} ms"] if worst > 16 else []),
                *([f"memory grew {growth} MB after minute {WARMUP_MIN}"] if growth > args.max_growth_mb else [])]
    print(f"{giver.given} orders given; memory {growth:+d} MB after minute {WARMUP_MIN}; worst minute's lag p99 "
          f"{worst:.1f} ms; errors logged {len(errors.seen)}")
    print("\n".join(problems) or "no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
