"""The simulator's cameras: where they stand, and the RTSP server process that plays them.

The server runs under Debian's own `python3` (GStreamer's RTSP server comes as a Debian
package, not from PyPI), see `rtsp_server.py`. Four cameras are configured in `config.toml`;
three more come from the simulated ITS CCTV list, as a real deployment would get them. Each camera's picture
carries its index on the server as a mark (`camera_mark.py`), which tests read back from the screen.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.procs import dying_with_parent, end_process
from kiosk.simulator.camera_mark import mark_svg

RTSP_PORT = 18554
SERVER_SCRIPT = Path(__file__).with_name("rtsp_server.py")
SYSTEM_PYTHON = "/usr/bin/python3"
READY_TIMEOUT_S = 15.0
NEEDED_PACKAGES = "python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly"


@dataclass(frozen=True)
class SimulatedCamera:
    """One simulated camera: its mount on the RTSP server and its place in Seoul."""

    id: str
    name: str
    lat: float
    lon: float
    district: str


CONFIG_CAMERAS = (
    SimulatedCamera("gwanghwamun", "광화문광장", 37.5720, 126.9769, "종로구"),
    SimulatedCamera("cityhall", "서울시청 앞", 37.5657, 126.9772, "중구"),
    SimulatedCamera("gangnam", "강남역 사거리", 37.4979, 127.0276, "강남구"),
    SimulatedCamera("yeouido", "여의도 국회대로", 37.5271, 126.9246, "영등포구"),
)
ITS_CAMERAS = (
    SimulatedCamera("its-banpo", "[올림픽대로] 반포대교", 37.5130, 126.9960, "서초구"),
    SimulatedCamera("its-hannam", "[강변북로] 한남대교북단", 37.5290, 127.0120, "용산구"),
    SimulatedCamera("its-gunja", "[동부간선도로] 군자교", 37.5580, 127.0750, "광진구"),
)


def rtsp_url(port: int, camera_id: str, sub: bool = False) -> str:
    """Where the simulator serves a camera (sub: the grid's smaller stream)."""
    return f"rtsp://127.0.0.1:{port}/{camera_id}" + ("/sub" if sub else "")


class RtspCameraServer:
    """The RTSP server process: `start()` waits until it listens, `stop()` ends it (it also dies
    with us). `extra` adds cameras, e.g. the latency-measuring one of the bench. `mounts[i]` is the camera whose
    pictures carry mark i."""

    def __init__(self, port: int = RTSP_PORT, cameras: tuple[SimulatedCamera, ...] = CONFIG_CAMERAS + ITS_CAMERAS,
                 extra: tuple[dict, ...] = (), gop_s: float = 0.0):
        self.port, self.gop_s = port, gop_s
        mounts = [{"id": c.id, "name": c.name} for c in cameras] + list(extra)
        self.mounts = [{**mount, "mark": mark_svg(index)} for index, mount in enumerate(mounts)]
        self.process: subprocess.Popen | None = None

    def start(self) -> "RtspCameraServer":
        """Start serving and wait until it listens; RuntimeError (saying what to install) if it cannot."""
        self.launch()
        self.wait_ready()
        return self

    def launch(self) -> None:
        """Start the process without waiting for it (see `wait_ready`)."""
        self.process = subprocess.Popen(dying_with_parent(self.command()), stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True,
                                        env=self.environment())

    def command(self) -> list[str]:
        """The server's command line (the wall supervises it, see kiosk/app/runtime.py); RuntimeError without a
        system python3."""
        python = SYSTEM_PYTHON if os.access(SYSTEM_PYTHON, os.X_OK) else shutil.which("python3")
        if python is None:
            raise RuntimeError(f"no system python3 for the simulated cameras (apt install {NEEDED_PACKAGES})")
        return [python, str(SERVER_SCRIPT), str(self.port), json.dumps(self.mounts, ensure_ascii=False), str(self.gop_s)]

    @staticmethod
    def environment() -> dict[str, str]:
        """Debian's python3 must not see our virtual environment; the burned-in clock shows Seoul time."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
        return {**env, "TZ": "Asia/Seoul"}

    def wait_ready(self) -> None:
        """Block until the server listens; RuntimeError if it could not."""
        process = self.process
        line = self._first_line(process) if process else ""
        if not line.startswith("ready"):
            self.stop()
            reason = line.strip() or f"it exited (install: apt install {NEEDED_PACKAGES})"
            raise RuntimeError(f"simulated cameras not served on port {self.port}: {reason}")
        process.stdout.close()  # it prints nothing more: no unread pipe

    @staticmethod
    def _first_line(process: subprocess.Popen) -> str:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 0.1)
            if ready:
                return process.stdout.readline()
            if process.poll() is not None:
                return ""
        return "error it did not start in time"

    def stop(self) -> None:
        """End the server (politely, then by force) and reap it."""
        if self.process is None:
            return
        end_process(self.process, grace_s=5)
        if self.process.stdout and not self.process.stdout.closed:
            self.process.stdout.close()
        self.process = None


def its_items(port: int, token: str) -> list[dict]:
    """The simulated ITS cameras as `cctvInfo` items, their URLs signed with `token`."""
    return [{"roadsectionid": "", "coordx": c.lon, "coordy": c.lat, "cctvresolution": "", "filecreatetime": "",
             "cctvtype": 4, "cctvformat": "RTSP", "cctvname": c.name,
             "cctvurl": f"{rtsp_url(port, c.id)}?wmsAuthSign={token}"} for c in ITS_CAMERAS]

