"""Soak: the real wall on a virtual screen for a long time, watched from outside as systemd would.

    .venv/bin/python bench/soak.py --duration 7200            # the shipped config, 2 hours
    .venv/bin/python bench/soak.py --duration 300 --fast       # what the CI soak test runs

The wall runs as `kiosk run` (its own process, through bench/wall_with_eyes.py, which can read its tiles'
pictures when asked) on Xvfb, on `config.toml` with only its cache
and ports moved to a temporary place (`--fast` also caps every feed's interval at 30 s; the
scenario keeps real time, as the wall judges a source stamped in the future as wrong).
The harness plays systemd: it listens on `NOTIFY_SOCKET` for
READY=1 and the WATCHDOG=1 pings the GUI event loop sends every second (the heartbeat; a late
ping is event-loop lag), restarts the wall if it dies (counted as a crash), and at
`--outage-at` turns every simulated feed off for `--outage-s` (the simulator's fault switch).
With `--focus-every S` it also opens a camera large and closes it again every S seconds, with real X11
touches on the pictures it finds on the screen (bench/focus_touches.py). With `--faults` it makes a fault every
`--fault-every` seconds after warm-up, each of bench/faults.py's in turn (every kind of child killed, the map's
renderer killed, a feed outage, a flood of idle connections to the field page), and reports how long the wall
took to get over each; the cache must stay the same file throughout, and no child may stay a zombie.
Every `--sample` seconds it records PSS/RSS and CPU of the wall and its children, open fds,
threads, child processes, and every feed's and camera's state; fetches are counted from the
cache every 2 s. At the end it stops the wall with SIGTERM and looks for anything left behind.

It prints the figures (memory slope per hour after warm-up, lag p99/max, fetches per feed …)
and the list of problems; `--json FILE` keeps every sample. Exit 1 when there are problems.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import select
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.faults import FaultResult, FaultRunner, WallView, rotation  # noqa: E402
from bench.focus_touches import FocusCycles  # noqa: E402
from feeds.health import FRESH, FeedStatus, feed_health  # noqa: E402
from kiosk.app.display import virtual_display  # noqa: E402
from kiosk.procs import end_process  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
RESTART_S = 3  # as RestartSec= in the unit
PING_USEC = 2_000_000  # WATCHDOG_USEC handed to the wall: it pings every second
FAST_INTERVAL_S = 30
FETCH_POLL_S = 2.0
BAD_LOG = re.compile(r" ERROR |Traceback \(most recent call last\)|Fatal Python error|Segmentation fault")


@dataclass
class SoakOptions:
    duration_s: float = 7200.0
    sample_s: float = 60.0
    warmup_s: float = 600.0
    fast: bool = False
    outage_at_s: float | None = None
    outage_s: float = 60.0
    config: Path = ROOT / "config.toml"
    grid_tiles: int | None = None
    screen: str = "1920x884"
    focus_every_s: float | None = None  # seconds between camera focus open/close cycles (None: none)
    faults: tuple[tuple[float, str], ...] = ()  # (seconds in, a name of bench.faults.FAULTS), besides the outage


@dataclass
class Sample:
    t: float
    pss_mb: float
    rss_mb: float
    uss_mb: float  # private memory (file pages mapped by no other process count here too)
    anon_mb: float  # anonymous memory (heaps, stacks): what a leak grows; other processes cannot move it
    cpu_s: float
    fds: int
    threads: int
    children: int
    feeds: dict[str, str]
    cameras: dict[str, str]
    anon_by_process: dict[str, float] = field(default_factory=dict)  # "pid name" -> anonymous MB, to find a grower
    cpu_s_by_process: dict[str, float] = field(default_factory=dict)  # "pid name" -> CPU seconds so far


@dataclass
class SoakReport:
    options: dict
    samples: list[Sample] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    pings: list[float] = field(default_factory=list)
    ready_after_s: float | None = None
    fetches: dict[str, int] = field(default_factory=dict)
    tried_in_outage: set[str] = field(default_factory=set)  # feeds with an attempt while the sources were off
    failed_in_outage: set[str] = field(default_factory=set)
    fresh_after_outage: set[str] = field(default_factory=set)
    bad_log_lines: list[str] = field(default_factory=list)
    left_behind: list[str] = field(default_factory=list)
    focus_cycles: int = 0
    focus_failures: list[str] = field(default_factory=list)
    faults: list[FaultResult] = field(default_factory=list)
    lasting_zombies: list[str] = field(default_factory=list)
    cache_moved: str = ""  # how the cache file was replaced or set aside during the run, if it was
    exit_code: int | None = None
    problems: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def soak_config(text: str, cache: Path, port: int, rtsp_port: int, options: SoakOptions, field_port: int = 0) -> str:
    """The shipped config with its cache and ports moved (and, when fast, shorter intervals)."""
    def sub(pattern: str, repl, count: int = 0) -> None:
        nonlocal text
        text, n = re.subn(pattern, repl, text, count=count, flags=re.M)
        assert n, f"soak: {pattern!r} not found in the config"

    sub(r'^path = ""', f'path = "{cache}"', 1)
    sub(r"^port = \d+", f"port = {port}", 1)
    sub(r"^rtsp_port = \d+", f"rtsp_port = {rtsp_port}", 1)
    sub(r"127\.0\.0\.1:18088", f"127.0.0.1:{port}")
    sub(r"127\.0\.0\.1:18554", f"127.0.0.1:{rtsp_port}")
    if field_port:
        sub(r'^field_listen = "[^"]*"', f'field_listen = "127.0.0.1:{field_port}"', 1)
    if options.fast:  # the harness switches the outage itself: the hourly scripted one could end the run
        sub(r"^interval_s = (\d+)", lambda m: f"interval_s = {min(int(m[1]), FAST_INTERVAL_S)}")
        sub(r"^scripted_outages = true", "scripted_outages = false", 1)
    if options.grid_tiles:
        sub(r"^grid_tiles = \d+", f"grid_tiles = {options.grid_tiles}", 1)
    return text


def descendants(pid: int) -> list[int]:
    """`pid`'s children, grandchildren …"""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def process_numbers(pid: int) -> tuple[float, float, float, float, float]:
    """(PSS MB, RSS MB, USS MB, CPU s, anonymous MB) of one process; zeros if it has gone."""
    try:
        rollup = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, ValueError):
        return 0.0, 0.0, 0.0, 0.0, 0.0
    kb = lambda key: int(rollup.get(key, "0 kB").split()[0])  # noqa: E731
    uss = kb("Private_Clean") + kb("Private_Dirty")
    return (kb("Pss") / 1024, kb("Rss") / 1024, uss / 1024, (int(stat[11]) + int(stat[12])) / TICKS,
            kb("Anonymous") / 1024)


def _proc_name(pid: int) -> str:
    try:
        return f"{pid} {Path(f'/proc/{pid}/comm').read_text().strip()}"
    except OSError:
        return str(pid)


def sample_process(pid: int, t: float, feeds: dict[str, str], cameras: dict[str, str]) -> Sample:
    pids = [pid, *descendants(pid)]
    numbers = [process_numbers(p) for p in pids]
    try:
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        threads = len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        fds = threads = 0
    total = [round(sum(column), 1) for column in zip(*numbers)]
    names = [_proc_name(p) for p in pids]
    return Sample(round(t, 1), total[0], total[1], total[2], total[4], round(sum(n[3] for n in numbers), 2), fds,
                  threads, len(pids) - 1, feeds, cameras, {name: round(n[4], 1) for name, n in zip(names, numbers)},
                  {name: round(n[3], 2) for name, n in zip(names, numbers)})


def cpu_by_process(samples: list[Sample], top: int = 6) -> list[tuple[str, float]]:
    """The processes that took the most CPU between the first and the last sample, in % of a core."""
    if len(samples) < 2 or samples[-1].t <= samples[0].t:
        return []
    first, last = samples[0].cpu_s_by_process, samples[-1].cpu_s_by_process
    span = samples[-1].t - samples[0].t
    shares = {name: (spent - first.get(name, 0.0)) / span * 100 for name, spent in last.items()}
    return sorted(shares.items(), key=lambda item: -item[1])[:top]


def read_cache(path: Path) -> tuple[dict[str, FeedStatus], dict[str, str]]:
    """Feed statuses and camera states, straight from the wall's cache (read-only)."""
    if not path.exists():
        return {}, {}
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2) as conn:
            rows = conn.execute("SELECT feed_id, last_attempt, last_success, consecutive_failures "
                                "FROM feed_status").fetchall()
            cameras = dict(conn.execute("SELECT camera_id, state FROM camera_health").fetchall())
    except sqlite3.Error:
        return {}, {}
    when = lambda text: datetime.fromisoformat(text) if text else None  # noqa: E731
    return {r[0]: FeedStatus(r[0], when(r[1]), when(r[2]), consecutive_failures=r[3]) for r in rows}, cameras


def feed_intervals(config_text: str) -> dict[str, float]:
    import tomllib

    return {f["id"]: f["interval_s"] for f in tomllib.loads(config_text).get("feeds", []) if f.get("enabled", True)}


def served_feeds(config_text: str, port: int) -> set[str]:
    """The feeds the simulator serves (the outage switches them off); feeds reading files are not."""
    import tomllib

    return {f["id"] for f in tomllib.loads(config_text).get("feeds", []) if f.get("enabled", True)
            and f"127.0.0.1:{port}" in str(f.get("options", {}).get("base_url", ""))}


class NotifyListener:
    """The service manager's end of sd_notify: a datagram socket the wall sends to."""

    def __init__(self, directory: Path):
        self.path = directory / "notify.sock"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(self.path))

    def receive(self, timeout_s: float) -> list[str]:
        """Every message that arrives within `timeout_s` (at least one wait)."""
        messages, deadline = [], time.monotonic() + timeout_s
        while True:
            ready, _, _ = select.select([self.sock], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return messages
            messages.append(self.sock.recv(4096).decode(errors="replace"))

    def close(self) -> None:
        self.sock.close()


def set_fault(port: int, mode: str) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_sim/fault/{mode}", method="POST")
    urllib.request.urlopen(request, timeout=5).read()


class Soak:
    """One soak run; `run()` returns its report."""

    def __init__(self, options: SoakOptions, workdir: Path):
        self.options, self.workdir = options, workdir
        self.port, self.rtsp_port, self.field_port = free_port(), free_port(), free_port()
        self.cache = workdir / "cache.sqlite3"
        text = soak_config(options.config.read_text(), self.cache, self.port, self.rtsp_port, options, self.field_port)
        self.config_path = workdir / "config.toml"
        self.config_path.write_text(text)
        self.intervals = feed_intervals(text)
        self.served = served_feeds(text, self.port)
        self.log_path = workdir / "wall.log"
        self.mark = uuid.uuid4().hex
        self.report = SoakReport(options={k: str(v) for k, v in asdict(options).items()})
        self.attempts: dict[str, set] = {}
        self.process: subprocess.Popen | None = None
        self.cache_identity: tuple[int, int] | None = None
        schedule = list(options.faults) + ([(options.outage_at_s, "feed outage")] if options.outage_at_s else [])
        self.pictures = workdir / "pictures.jsonl"  # what bench/wall_with_eyes.py says of the tiles, a line a look
        self._pictures_read = 0
        wall = WallView(lambda: self.process.pid, self.log_path, self.field_port, self._set_outage,
                        self._look_at_pictures, self._pictures_seen)
        self.faults = FaultRunner(schedule, wall, descendants, options.outage_s)
        every = options.focus_every_s
        self.focus = None if every is None else FocusCycles(every, int(options.screen.split("x")[0]))

    def run(self) -> SoakReport:
        with virtual_display(*(int(v) for v in self.options.screen.split("x")), own=True):
            listener = NotifyListener(self.workdir)
            try:
                self._watch(listener)
            finally:
                self._stop_wall()
                listener.close()
        self._finish()
        return self.report

    def _launch(self) -> None:
        env = os.environ | {"NOTIFY_SOCKET": str(self.workdir / "notify.sock"), "WATCHDOG_USEC": str(PING_USEC),
                            "SOAK_MARK": self.mark, "QT_QPA_PLATFORM": "xcb",
                            "KIOSK_STATE_DIR": str(self.workdir / "state"), "SOAK_PICTURES": str(self.pictures)}
        env.pop("WATCHDOG_PID", None)
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "bench.wall_with_eyes", "run", "--config",
                                             str(self.config_path)], cwd=ROOT, env=env, stdout=log, stderr=log)

    def _watch(self, listener: NotifyListener) -> None:
        self._launch()
        started = time.monotonic()
        next_sample = next_poll = started
        while (now := time.monotonic() - started) < self.options.duration_s:
            self._heard(listener.receive(0.5), now)
            self._keep_alive(now)
            self.faults.step(now)
            outage = self.faults.outage_window()
            if self.focus is not None:
                self.focus.step(now)
            if time.monotonic() >= next_poll:
                next_poll += FETCH_POLL_S
                self._poll_feeds(now, outage)
            if time.monotonic() >= next_sample:
                next_sample += self.options.sample_s
                self._sample(now)
        self.faults.close(now)

    def _heard(self, messages: list[str], now: float) -> None:
        for message in messages:
            lines = message.splitlines()
            if "READY=1" in lines and self.report.ready_after_s is None:
                self.report.ready_after_s = round(now, 2)
            if "WATCHDOG=1" in lines:
                self.report.pings.append(now)

    def _keep_alive(self, now: float) -> None:
        """Restart the wall if it died, as systemd's Restart=always would; count it."""
        if self.process.poll() is None:
            return
        tail = self.log_path.read_text(errors="replace")[-2000:]
        self.report.crashes.append(f"t={now:.0f}s exit {self.process.returncode}: {tail}")
        time.sleep(RESTART_S)
        self._launch()

    def _look_at_pictures(self) -> None:
        self.process.send_signal(signal.SIGUSR1)

    def _pictures_seen(self) -> list[str] | None:
        """The problems of the wall's newest answer about its pictures, None while there is none."""
        lines = self.pictures.read_text().splitlines() if self.pictures.exists() else []
        if len(lines) <= self._pictures_read:
            return None
        self._pictures_read = len(lines)
        said = json.loads(lines[-1])
        return said["problems"] if said["tiles"] else ["no camera tile on the screen to read"]

    def _set_outage(self, on: bool) -> None:
        try:
            set_fault(self.port, "unavailable" if on else "none")
        except OSError as exc:  # the simulator is the wall's: down with it
            self.report.problems.append(f"cannot switch the simulated outage {'on' if on else 'off'}: {exc}")

    def _poll_feeds(self, now: float, outage: tuple[float, float] | None) -> None:
        statuses, _ = read_cache(self.cache)
        wall_now = datetime.now(timezone.utc)
        for feed_id, status in statuses.items():
            if feed_id.startswith("_"):
                continue
            seen = self.attempts.setdefault(feed_id, set())
            if outage and outage[0] <= now < outage[1] and status.last_attempt not in seen and feed_id in self.served:
                self.report.tried_in_outage.add(feed_id)
            seen.add(status.last_attempt)
            if outage and outage[0] <= now < outage[1] + 5 and status.consecutive_failures:
                self.report.failed_in_outage.add(feed_id)
            healthy = feed_health(status, self.intervals.get(feed_id, 60), wall_now).state == FRESH
            if outage and now >= outage[1] and healthy:
                self.report.fresh_after_outage.add(feed_id)

    def _sample(self, now: float) -> None:
        self._check_cache_identity()
        statuses, cameras = read_cache(self.cache)
        wall_now = datetime.now(timezone.utc)
        feeds = {f: feed_health(s, self.intervals.get(f, 60), wall_now).state for f, s in statuses.items()}
        self.report.samples.append(sample_process(self.process.pid, now, feeds, cameras))

    def _check_cache_identity(self) -> None:
        """The cache stays the file it was: never replaced, never set aside, whatever the faults."""
        try:
            stat = self.cache.stat()
        except OSError:
            stat = None
        identity = (stat.st_dev, stat.st_ino) if stat else None
        aside = sorted(p.name for p in self.workdir.glob(f"{self.cache.name}*corrupt*"))
        if self.cache_identity is None:
            self.cache_identity = identity
        elif identity != self.cache_identity or aside:
            self.report.cache_moved = f"cache file {self.cache_identity} -> {identity}; set aside: {aside}"

    def _stop_wall(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.report.exit_code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.report.problems.append("the wall did not stop within 30 s of SIGTERM")
            end_process(self.process, 5)
            self.report.exit_code = self.process.returncode

    def _finish(self) -> None:
        time.sleep(2)  # children that die with the wall (PR_SET_PDEATHSIG) get a moment
        self.report.left_behind = marked_processes(self.mark)
        self.report.fetches = {f: len(a - {None}) for f, a in self.attempts.items()}
        if self.focus is not None:
            self.report.focus_cycles, self.report.focus_failures = self.focus.cycles, self.focus.failures
        self.report.faults, self.report.lasting_zombies = self.faults.results, sorted(self.faults.lasting_zombies)
        self.report.bad_log_lines = [line for line in self.log_path.read_text(errors="replace").splitlines()
                                     if BAD_LOG.search(line)][:20]


def marked_processes(mark: str) -> list[str]:
    """Processes that still carry this run's SOAK_MARK in their environment."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                if f"SOAK_MARK={mark}".encode() in Path(f"/proc/{entry}/environ").read_bytes():
                    found.append(f"{entry} {Path(f'/proc/{entry}/cmdline').read_bytes()[:120]!r}")
            except OSError:
                continue
    return found


def slope_per_hour(samples: list[Sample], after_s: float, measure: str = "anon_mb") -> tuple[float, float]:
    """Least-squares slope of one memory measure after warm-up: (MB per hour, % of its warm value per hour)."""
    points = [(s.t, getattr(s, measure)) for s in samples if s.t >= after_s and getattr(s, measure) > 0]
    if len(points) < 3:
        return 0.0, 0.0
    slope = statistics.linear_regression([p[0] for p in points], [p[1] for p in points]).slope * 3600
    return slope, 100 * slope / points[0][1]


def lags_ms(pings: list[float]) -> list[float]:
    """How late each heartbeat was against its 1 s period (ms)."""
    period = PING_USEC / 2e6
    return [max(0.0, (b - a - period) * 1000) for a, b in zip(pings, pings[1:])]


def worst_lag_at(pings: list[float]) -> float:
    """When the latest heartbeat came (seconds in): the end of the event loop's longest stall."""
    lags = lags_ms(pings)
    return pings[lags.index(max(lags)) + 1] if lags else 0.0


def judge(report: SoakReport, limits: dict) -> SoakReport:
    """Fill `report.problems` from the figures and the limits."""
    p = report.problems
    p += [f"crash: {c[:300]}" for c in report.crashes]
    p += [f"log: {line[:300]}" for line in report.bad_log_lines]
    p += [f"left running: {x}" for x in report.left_behind]
    p += [f"fault {f.name} at t={f.at_s:.0f}s: {f.problem}" for f in report.faults if f.problem]
    p += [f"zombie for 10 s or more: {x}" for x in report.lasting_zombies]
    p += [report.cache_moved] if report.cache_moved else []
    if len(report.focus_failures) > report.focus_cycles * limits["max_focus_misses"]:
        p += [f"camera focus: {x}" for x in report.focus_failures]
    if report.focus_cycles < limits["min_focus_cycles"]:
        p.append(f"camera focus: {report.focus_cycles} open/close cycles, fewer than {limits['min_focus_cycles']}")
    if report.exit_code not in (0, None):
        p.append(f"exit code {report.exit_code} after SIGTERM")
    if report.ready_after_s is None:
        p.append("never sent READY=1")
    lags = lags_ms(report.pings)
    if not lags or max(lags) > limits["max_lag_ms"]:
        p.append(f"heartbeat: {len(report.pings)} pings, worst lag {max(lags, default=0):.0f} ms "
                 f"at t={worst_lag_at(report.pings):.0f}s")
    few = {f: n for f, n in report.fetches.items() if n < limits["min_fetches"]}
    if few:
        p.append(f"feeds fetched fewer than {limits['min_fetches']} times: {few}")
    if limits.get("outage"):
        feeds = set(report.fetches)
        if report.tried_in_outage - report.failed_in_outage:  # a feed not polled meanwhile cannot fail
            p.append(f"no failure seen during the outage: {sorted(report.tried_in_outage - report.failed_in_outage)}")
        if feeds - report.fresh_after_outage:
            p.append(f"never fresh after the outage: {sorted(feeds - report.fresh_after_outage)}")
    warm = [s for s in report.samples if s.t >= limits["warmup_s"]]
    if len(warm) >= 2:
        growth = warm[-1].anon_mb - warm[0].anon_mb
        if growth > limits["max_growth_mb"]:
            p.append(f"memory grew {growth:.0f} MB after warm-up (limit {limits['max_growth_mb']})")
        for name, slack in (("threads", limits["thread_slack"]), ("fds", limits["fd_slack"])):
            first, last = getattr(warm[0], name), getattr(warm[-1], name)
            if last - first > slack:
                p.append(f"{name} grew {first} -> {last}")
    return report


def summary(report: SoakReport, warmup_s: float) -> str:
    lags = sorted(lags_ms(report.pings))
    slopes = {name: slope_per_hour(report.samples, warmup_s, f"{name.lower()}_mb") for name in ("Anon", "RSS", "PSS")}
    last = report.samples[-1] if report.samples else None
    p99 = lags[int(0.99 * (len(lags) - 1))] if lags else 0
    lines = [f"soak: {len(report.samples)} samples, crashes {len(report.crashes)}, ready after {report.ready_after_s} s",
             f"heartbeat: {len(report.pings)} pings, lag p99 {p99:.0f} ms, max {max(lags, default=0):.0f} ms",
             "memory after warm-up: " + ", ".join(f"{name} {mb_h:+.1f} MB/h ({pct_h:+.2f} %/h)"
                                                  for name, (mb_h, pct_h) in slopes.items())]
    if last:
        pairs = zip(report.samples, report.samples[1:])
        cpu = statistics.fmean([(b.cpu_s - a.cpu_s) / (b.t - a.t) * 100 for a, b in pairs if b.t > a.t] or [0])
        lines.append(f"last sample: anonymous {last.anon_mb:.0f} MB, USS {last.uss_mb:.0f} MB, PSS {last.pss_mb:.0f} MB, "
                     f"RSS {last.rss_mb:.0f} MB, "
                     f"threads {last.threads}, fds {last.fds}, children {last.children}, "
                     f"CPU mean {cpu:.1f} % of a core")
        lines.append("CPU by process: " + ", ".join(f"{name} {share:.1f} %" for name, share in
                                                    cpu_by_process(report.samples)))
        lines.append(f"feeds: {last.feeds}\ncameras: {last.cameras}")
    lines.append(f"fetches: {report.fetches}")
    lines.append(f"camera focus: {report.focus_cycles} touch cycles, {len(report.focus_failures)} not followed")
    lines += [f"fault {f.name} at t={f.at_s:.0f}s ({f.detail}): "
              + (f"over after {f.recovered_after_s} s" if f.recovered_after_s is not None else f.problem)
              for f in report.faults]
    lines += [f"  {x}" for x in report.focus_failures]
    lines += [f"PROBLEM {x}" for x in report.problems] or ["no problems"]
    return "\n".join(lines)


def run_soak(options: SoakOptions, limits: dict) -> SoakReport:
    with tempfile.TemporaryDirectory(prefix="seoul-wall-soak-") as workdir:
        report = Soak(options, Path(workdir)).run()
    return judge(report, limits)


def default_limits(options: SoakOptions) -> dict:
    outage = options.outage_at_s is not None or any(name == "feed outage" for _, name in options.faults)
    return {"max_lag_ms": 3000, "min_fetches": 5 if options.fast else 1, "outage": outage,
            "warmup_s": options.warmup_s, "max_growth_mb": 100 if options.fast else 10_000,
            "thread_slack": 10, "fd_slack": 20, "min_focus_cycles": min_focus_cycles(options),
            "max_focus_misses": 0.1}  # share of touches the view may not follow (an alert moved the wall meanwhile)


def min_focus_cycles(options: SoakOptions) -> int:
    """Three quarters of the cycles the run has time for (a cycle takes a few seconds more than asked when slow)."""
    if options.focus_every_s is None:
        return 0
    return int(0.75 * (options.duration_s - FocusCycles.start_s) / options.focus_every_s)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=7200, help="seconds (default 2 h)")
    parser.add_argument("--sample", type=float, default=60, help="seconds between samples")
    parser.add_argument("--warmup", type=float, default=600, help="seconds before memory counts")
    parser.add_argument("--fast", action="store_true", help="every feed's interval capped at 30 s")
    parser.add_argument("--outage-at", type=float, help="seconds in: every simulated feed off …")
    parser.add_argument("--outage-s", type=float, default=60, help="… for this long")
    parser.add_argument("--grid", type=int, help="override cctv.grid_tiles")
    parser.add_argument("--focus-every", type=float, help="seconds between camera focus open/close cycles")
    parser.add_argument("--faults", action="store_true", help="a fault every --fault-every seconds after warm-up, "
                        "each of bench/faults.py's in turn (each child killed, the renderer, a feed outage, a flood)")
    parser.add_argument("--fault-every", type=float, default=180, help="seconds between faults")
    parser.add_argument("--config", type=Path, default=ROOT / "config.toml")
    parser.add_argument("--json", type=Path, help="write every sample here")
    args = parser.parse_args()
    faults = tuple(rotation(args.warmup, args.fault_every, args.duration)) if args.faults else ()
    options = SoakOptions(args.duration, args.sample, args.warmup, args.fast, args.outage_at, args.outage_s,
                          args.config, args.grid, focus_every_s=args.focus_every, faults=faults)
    report = run_soak(options, default_limits(options))
    print(summary(report, options.warmup_s))
    if args.json:
        args.json.write_text(json.dumps(asdict(report), default=sorted, ensure_ascii=False, indent=1))
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
