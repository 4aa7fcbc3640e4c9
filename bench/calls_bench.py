"""Calls (issue 13) on loopback: a touch (the dial) to 신호 가는 중 and to 통화 중 with a real baresip peer
that answers by itself, and the CPU the wall's baresip takes during a video call (352x288 VP8 both ways).

Targets: touch -> ringing <= 300 ms, touch -> established <= 500 ms. Run: .venv/bin/python bench/calls_bench.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.wall_bench import wait_for  # noqa: E402
from feeds.contacts import Contact  # noqa: E402
from kiosk.calls.manager import CallManager  # noqa: E402
from kiosk.calls.session import RINGING, TALKING  # noqa: E402
from kiosk.config import CallsConfig  # noqa: E402
from tests.kiosk.test_calls import Peer  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def median_max(samples: list[float]) -> str:
    return f"median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms"


def main() -> dict[str, str]:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        peer = Peer(Path(tmp) / "peers", "field", "auto")
        video = os.environ.get("CALLS_VIDEO", "1") == "1"  # CALLS_VIDEO=0: the same, audio only
        player = os.environ.get("CALLS_PLAYER", "aufile,/dev/null")  # "alsa,null" spins a core
        manager = CallManager(CallsConfig(video_display="fakevideo,nil", video=video, audio_player=player),
                              Path(tmp) / "wall", lambda entry: None)
        manager.start()
        try:
            wait_for(lambda: manager.ready, 15)
            contact = Contact(id="field", name="현장", sip=peer.uri)
            ringing, established = [], []
            for _ in range(20):
                started = time.perf_counter()
                manager.dial(contact)
                wait_for(lambda: manager.call.state in (RINGING, TALKING), 5)
                ringing.append((time.perf_counter() - started) * 1000)
                wait_for(lambda: manager.call.state == TALKING, 5)
                established.append((time.perf_counter() - started) * 1000)
                manager.hang_up()
                time.sleep(0.2)  # let baresip close the call before the next
            manager.dial(contact)
            wait_for(lambda: manager.call.state == TALKING, 5)
            before, at = cpu_s(manager.process.process.pid), time.monotonic()
            while time.monotonic() - at < 20:
                QCoreApplication.processEvents()
                time.sleep(0.05)
            cpu = (cpu_s(manager.process.process.pid) - before) / (time.monotonic() - at) * 100
            manager.hang_up()
        finally:
            manager.stop()
            peer.stop()
    app.shutdown()
    results = {"touch -> ringing (20 calls)": median_max(ringing),
               "touch -> established (20 calls)": median_max(established),
               "the wall's baresip in a video call": f"{cpu:.1f} % of a core (352x288 VP8 both ways, opus)"}
    for key, value in results.items():
        print(f"{key:<36} {value}")
    return results


if __name__ == "__main__":
    main()
