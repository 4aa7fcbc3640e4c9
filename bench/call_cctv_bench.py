"""A video call beside 16 CCTV tiles (issue 13): the real wall on a virtual X screen with 16 of the
simulator's RTSP cameras playing, then a call to a baresip peer sending video, shown large in the call
view (sdl, scaled). Prints the CPU of the wall (with its relays), of its baresip and of Xvfb, without and
with the call; the peer and the camera server are the far ends, not counted.

Run: .venv/bin/python bench/call_cctv_bench.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cctv_bench import (CAMERAS, SIZE, _is_our_xvfb, children, config_text, cpu_s, free_port,  # noqa: E402
                              process_events_for, wait_until)
from kiosk.app.display import virtual_display  # noqa: E402
from kiosk.calls.baresip import Endpoint, write_endpoint  # noqa: E402
from kiosk.procs import dying_with_parent, end_process  # noqa: E402
from kiosk.simulator.cameras import RtspCameraServer  # noqa: E402

MEASURE_S = 30.0


def field_phone(folder: Path) -> tuple[subprocess.Popen, str]:
    """The far end: baresip answering by itself, sending its test pattern (352x288)."""
    port = free_port()
    uri = f"sip:field@127.0.0.1:{port}"
    write_endpoint(folder, Endpoint(f"<{uri}>;regint=0;answermode=auto", f"127.0.0.1:{port}", free_port(),
                                    audio_source="ausine,1000", video_display="fakevideo,nil"))
    return subprocess.Popen(dying_with_parent(["baresip", "-f", str(folder)]), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL), uri


def cpu_shares(wall_pids: list[int], baresip: int, xvfb: int) -> dict[str, float]:
    """Each part's CPU over MEASURE_S, in % of a core."""
    parts = {"wall + relays": wall_pids, "wall's baresip": [baresip], "Xvfb": [xvfb]}
    before = {name: sum(cpu_s(p) for p in pids) for name, pids in parts.items()}
    process_events_for(MEASURE_S)
    return {name: (sum(cpu_s(p) for p in pids if Path(f"/proc/{p}").exists()) - before[name]) / MEASURE_S * 100
            for name, pids in parts.items()}


def line(label: str, shares: dict[str, float]) -> str:
    return f"{label:<24} " + " · ".join(f"{name} {value:.1f} %" for name, value in shares.items()) + \
        f" · total {sum(shares.values()):.1f} % of a core"


def main() -> dict[str, str]:
    port = free_port()
    server = RtspCameraServer(port, CAMERAS).start()
    try:
        with virtual_display(*SIZE), tempfile.TemporaryDirectory() as folder:
            from PySide6.QtCore import QSize

            from kiosk.app.main import WallApp, create_application

            root = Path(folder)
            peer, uri = field_phone(root / "peer")
            (root / "contacts.toml").write_text(f'[[contacts]]\nid = "field"\nname = "강동 지휘1호차"\n'
                                                f'role = "현장지휘관"\nsip = "{uri}"\n', encoding="utf-8")
            config = root / "config.toml"
            config.write_text(config_text(root / "cache.sqlite3", port, 16) +
                              f'[calls]\ncontacts = "{root / "contacts.toml"}"\n', encoding="utf-8")
            xvfb = next(int(p) for p in os.listdir("/proc") if p.isdigit() and _is_our_xvfb(p))
            app = create_application()
            wall = WallApp(str(config), windowed=True, size=QSize(*SIZE))
            wall.start()
            try:
                cctv, calls = wall.controller.cctv, wall.calls
                wait_until(lambda: sum(h.state == "playing" for h in cctv.health.values()) >= 16, 60)
                wait_until(lambda: calls.manager.ready, 15)
                process_events_for(5)
                wall_pids = [os.getpid(), *children()]
                baresip = calls.manager.process.process.pid
                alone = cpu_shares(wall_pids, baresip, xvfb)
                calls.dial("field")
                wait_until(lambda: calls.view.container is not None, 15)
                process_events_for(3)
                picture = calls.view.container.size()
                during = cpu_shares(wall_pids, baresip, xvfb)
                calls.manager.hang_up()
                process_events_for(1)
            finally:
                wall.stop()
                wall.dispose()
                end_process(peer, 3)
            app.shutdown()
    finally:
        server.stop()
    extra = sum(during.values()) - sum(alone.values())
    results = {"16 tiles": line("16 tiles", alone),
               "16 tiles + a video call": line("16 tiles + a video call", during),
               "the call's cost": f"{extra:+.1f} % of a core (352x288 VP8 both ways, shown at "
                                  f"{picture.width()}x{picture.height()} on a {SIZE[0]}x{SIZE[1]} screen)"}
    for value in results.values():
        print(value)
    return results


if __name__ == "__main__":
    main()
