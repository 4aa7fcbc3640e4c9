"""Faults the soak makes on purpose, and how it sees from outside that the wall got over each.

A fault is data: a child of the wall found by its command line and killed (SIGKILL, as a crash or the kernel's
OOM killer would end it), a flood of idle connections to the field page, or an outage of every simulated feed.
`FaultRunner.step(now)` makes the scheduled faults and follows each to its end: a killed child counts as
recovered when as many children of its kind run again as before (a new process, reaped and restarted by the wall),
and when the fault names a log line, once the wall has written it after the kill; a flood, when the wall's own
descriptors stayed within their slack while it lasted and the field page answers again after it. What each took
is reported; one not recovered in its time is a problem. After a relay is killed, the wall is asked (SIGUSR1 to
bench/wall_with_eyes.py) to read every tile's picture against its name once it has settled.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ChildFault:
    """Kill one child of the wall whose command line matches `pattern` (and its parent's, `under`)."""

    name: str
    pattern: str
    under: str = ""
    recover_s: float = 60.0
    log_after: str | None = None  # a line the wall must log after the kill (regex), e.g. the map's reload
    pictures_after_s: float | None = None  # once it is back and this long after, every tile's picture is read


@dataclass(frozen=True)
class FloodFault:
    """`connections` idle connections to the field page that never finish their request, held `hold_s`."""

    name: str = "field page flood"
    connections: int = 900
    hold_s: float = 30.0
    recover_s: float = 30.0
    fd_slack: int = 20  # the wall's own descriptors may move this much while it lasts


@dataclass(frozen=True)
class OutageFault:
    """Every simulated feed answers 503 for the runner's `outage_s` (the simulator's fault switch); the soak's
    own outage checks judge the feeds (failing meanwhile, fresh after)."""

    name: str = "feed outage"


MAP_RELOADED = r"map page reloaded"
PICTURES_SETTLE_S = 15.0  # after a relay is back: the grid has re-flowed and a stalled tile been judged
PICTURE_LOOKS = 3  # reads of the pictures, 5 s apart, before a wrong one counts (a camera opening large between)
PICTURE_ANSWER_S = 30.0
FAULTS = {fault.name: fault for fault in (
    ChildFault("relay", r"gst-launch-1\.0 .*rtspsrc", pictures_after_s=PICTURES_SETTLE_S),
    # Chromium's renderer is forked by its zygote and keeps the zygote's command line
    ChildFault("renderer", r"QtWebEngineProcess ", under=r"QtWebEngineProcess .*--type=zygote", recover_s=10.0,
               log_after=MAP_RELOADED),
    ChildFault("camera server", r"simulator/rtsp_server\.py"),
    ChildFault("broker", r"^mosquitto "),
    ChildFault("baresip", r"^baresip -f \S*/state/baresip"),
    ChildFault("simulated staff", r"^baresip -f \S*simulated-staff"),
    ChildFault("field page", r"-m kiosk\.field"),
    FloodFault(),
    OutageFault(),
)}
ROTATION = ("relay", "renderer", "camera server", "feed outage", "broker", "baresip", "simulated staff",
            "field page", "field page flood")


@dataclass
class FaultResult:
    name: str
    at_s: float
    detail: str = ""
    recovered_after_s: float | None = None
    problem: str = ""


@dataclass
class WallView:
    """What the runner may ask about the wall: its pid, its log, the field page's port, the outage switch, and what
    its tiles really show (`look_at_pictures()` asks, `pictures_seen()` is None until the wall has answered with
    the problems it found, bench/wall_with_eyes.py)."""

    pid: Callable[[], int]
    log: Path
    field_port: int
    set_outage: Callable[[bool], None]
    look_at_pictures: Callable[[], None]
    pictures_seen: Callable[[], list[str] | None]


def rotation(start_s: float, every_s: float, duration_s: float) -> list[tuple[float, str]]:
    """Every fault in turn, one each `every_s` from `start_s`, as many as the run has time for."""
    count = max(0, int((duration_s - start_s - 60) // every_s) + 1)
    return [(start_s + i * every_s, ROTATION[i % len(ROTATION)]) for i in range(count)]


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def process_state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def matching(pids: list[int], fault: ChildFault) -> list[int]:
    """The live (not zombie) processes among `pids` that `fault` is about."""
    return [p for p in pids if re.search(fault.pattern, command_line(p)) and process_state(p) not in ("Z", "")
            and (not fault.under or re.search(fault.under, command_line(parent(p))))]


def open_fds(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def field_page_answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/f/", timeout=5) as reply:
            return reply.status < 500
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except OSError:
        return False


class Flood:
    """Idle connections to a port that never finish `GET /f/`, opened on a thread of their own (the harness's
    loop goes on hearing the wall's heartbeat meanwhile) and held until `release()`."""

    def __init__(self, port: int, connections: int):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, connections + 1024)), hard))
        self.sockets: list[socket.socket] = []
        self._released = threading.Event()
        self._thread = threading.Thread(target=self._open, args=(port, connections), name="flood", daemon=True)
        self._thread.start()

    def _open(self, port: int, connections: int) -> None:
        while len(self.sockets) < connections and not self._released.is_set():
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=2)
                sock.sendall(b"GET /f/ HTTP/1.1\r\nHost: wall\r\n")  # never finished
            except OSError:
                return  # refused or timed out: the page keeps its limit, as it should
            self.sockets.append(sock)

    def release(self) -> int:
        """Close them all; how many were held."""
        self._released.set()
        self._thread.join()
        for sock in self.sockets:
            sock.close()
        return len(self.sockets)


@dataclass
class _Open:
    """A fault under way."""

    fault: ChildFault | FloodFault | OutageFault
    result: FaultResult
    before: int = 0  # children of its kind before the kill
    killed: int = 0
    log_offset: int = 0
    fds_before: int = 0
    flood: Flood | None = None
    released_at: float = 0.0  # when a flood's connections were closed
    back_at: float = 0.0  # when a killed child's kind ran again
    asked_at: float = 0.0  # when the wall was asked to read its pictures
    looks: list[list[str]] = field(default_factory=list)  # the problems of each read so far


class FaultRunner:
    """Makes `schedule` ((seconds in, fault name), …) happen and follows each fault until it is over."""

    def __init__(self, schedule: list[tuple[float, str]], wall: WallView, descendants: Callable[[int], list[int]],
                 outage_s: float = 60.0):
        self.schedule, self.outage_s = sorted(schedule), outage_s
        self.wall, self.descendants = wall, descendants
        self.results: list[FaultResult] = []
        self._open: _Open | None = None
        self._zombies: dict[int, float] = {}  # zombie pid -> when first seen
        self.lasting_zombies: set[str] = set()

    def outage_window(self) -> tuple[float, float] | None:
        """(start, end) in seconds of the latest outage begun, if any."""
        starts = [r.at_s for r in self.results if r.name == OutageFault.name]
        return (starts[-1], starts[-1] + self.outage_s) if starts else None

    def step(self, now: float) -> None:
        self._watch_zombies(now)
        if self._open is not None:
            self._follow(now)
        elif self.schedule and now >= self.schedule[0][0]:
            self._begin(FAULTS[self.schedule.pop(0)[1]], now)

    def close(self, now: float) -> None:
        """The run ends: a fault still under way is judged as it stands."""
        if self._open is not None:
            self._end(now, "the run ended before it was over")

    def _begin(self, fault, now: float) -> None:
        self._open = opened = _Open(fault, FaultResult(fault.name, round(now, 1)))
        self.results.append(opened.result)
        if isinstance(fault, ChildFault):
            self._kill(opened, now)
        elif isinstance(fault, FloodFault):
            self._flood(opened)
        else:
            self.wall.set_outage(True)

    def _kill(self, opened: _Open, now: float) -> None:
        found = matching(self.descendants(self.wall.pid()), opened.fault)
        if not found:
            self._end(now, f"no child matching {opened.fault.pattern!r} to kill")
            return
        opened.before, opened.killed = len(found), found[0]
        opened.log_offset = self.wall.log.stat().st_size if self.wall.log.exists() else 0
        opened.result.detail = command_line(found[0])[:100]
        os.kill(found[0], signal.SIGKILL)

    def _flood(self, opened: _Open) -> None:
        opened.fds_before = open_fds(self.wall.pid())
        opened.flood = Flood(self.wall.field_port, opened.fault.connections)

    def _follow(self, now: float) -> None:
        opened, since = self._open, now - self._open.result.at_s
        fault = opened.fault
        if isinstance(fault, ChildFault) and opened.back_at:
            self._follow_pictures(opened, now)
        elif isinstance(fault, ChildFault):
            if self._child_back(opened):
                opened.back_at = now
                if fault.pictures_after_s is None:
                    self._end(now, "")
            elif since > fault.recover_s:
                self._end(now, f"not back within {fault.recover_s:.0f} s")
        elif isinstance(fault, FloodFault):
            self._follow_flood(opened, now, since)
        elif since >= self.outage_s:
            self.wall.set_outage(False)
            self._end(now, "")

    def _child_back(self, opened: _Open) -> bool:
        found = matching(self.descendants(self.wall.pid()), opened.fault)
        if len(found) < opened.before or opened.killed in found:
            return False
        if opened.fault.log_after is None:
            return True
        with self.wall.log.open("rb") as log:
            log.seek(opened.log_offset)
            return re.search(opened.fault.log_after.encode(), log.read()) is not None

    def _follow_pictures(self, opened: _Open, now: float) -> None:
        """Every tile's picture under its own name, read once the wall has settled, again while it is not."""
        if not opened.asked_at and now - opened.back_at >= opened.fault.pictures_after_s + 5 * len(opened.looks):
            opened.asked_at = now
            self.wall.look_at_pictures()
        elif opened.asked_at and (seen := self.wall.pictures_seen()) is not None:
            opened.looks.append(seen)
            opened.asked_at = 0.0
            if not seen:
                self._end(now, "")
            elif len(opened.looks) == PICTURE_LOOKS:
                self._end(now, f"pictures not under their own names in {PICTURE_LOOKS} reads: {opened.looks}")
        elif opened.asked_at and now - opened.asked_at > PICTURE_ANSWER_S:
            self._end(now, f"the wall did not say what its tiles show within {PICTURE_ANSWER_S:.0f} s")

    def _follow_flood(self, opened: _Open, now: float, since: float) -> None:
        fault = opened.fault
        grown = open_fds(self.wall.pid()) - opened.fds_before
        if grown > fault.fd_slack:
            opened.result.problem = f"the wall's descriptors grew by {grown} during the flood"
        if not opened.released_at and since >= fault.hold_s:
            opened.result.detail = f"{opened.flood.release()} connections held"
            opened.released_at = now  # recovery counts from the end of the flood
        elif opened.released_at and field_page_answers(self.wall.field_port):
            self._end(now, opened.result.problem)
        elif opened.released_at and now - opened.released_at > fault.recover_s:
            self._end(now, f"the field page did not answer within {fault.recover_s:.0f} s of the flood's end")

    def _end(self, now: float, problem: str) -> None:
        result = self._open.result
        if self._open.flood is not None and not self._open.released_at:
            self._open.flood.release()
        result.problem = problem or result.problem
        if not result.problem:
            over = self._open.back_at or now  # a child: when it ran again (its pictures read after)
            result.recovered_after_s = round(over - (self._open.released_at or result.at_s), 1)
        if self._open.looks:
            result.detail += f"; pictures read {len(self._open.looks)} time(s)"
        self._open = None

    def _watch_zombies(self, now: float) -> None:
        """A child left a zombie (dead, never reaped) for 10 s or more is a problem."""
        zombies = {p for p in self.descendants(self.wall.pid()) if process_state(p) == "Z"}
        self._zombies = {p: self._zombies.get(p, now) for p in zombies}
        self.lasting_zombies |= {f"{p} {process_name(p)}" for p, since in self._zombies.items() if now - since >= 10}
