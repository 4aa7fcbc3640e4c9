"""The simulator's RTSP cameras, read by ffprobe: a viewer's own encoder starts on a keyframe; with a GOP
(like real CCTV) a viewer joins the camera's one running encoder mid-GOP and waits for its next keyframe; every
picture carries its camera's mark. The wall's camera server is supervised: killed, it is reaped, shown and served
again."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from PySide6.QtGui import QImage

from kiosk.app.runtime import Runtime
from kiosk.config import parse_config
from kiosk.simulator.camera_mark import COLUMNS, cells, read_mark
from kiosk.simulator.cameras import RtspCameraServer, SimulatedCamera
from kiosk.supervised import SERVING, WAITING, children
from tests.conftest import free_port
from tests.kiosk.test_procs import zombie

CAMERAS = (SimulatedCamera("avc", "카메라 H.264", 37.56, 126.97, "중구"),)
EXTRA = ({"id": "hevc", "name": "카메라 H.265", "codec": "h265"},)


def video_packets(url: str, seconds: float) -> list[tuple[float, bool]]:
    """(time, keyframe) of each video packet a viewer receives in its first `seconds` (ffprobe)."""
    out = subprocess.run(["ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v", "-show_packets",
                          "-show_entries", "packet=pts_time,flags", "-of", "csv", "-read_intervals", f"%+{seconds}", url],
                         capture_output=True, text=True, timeout=seconds + 15, check=True).stdout
    rows = [line.split(",")[1:3] for line in out.splitlines() if line.startswith("packet,")]  # then side data
    return [(float(pts) if pts != "N/A" else 0.0, flags.startswith("K")) for pts, flags in rows]


def test_a_viewers_own_encoder_starts_on_a_keyframe():
    port = free_port()
    server = RtspCameraServer(port, CAMERAS).start()
    try:
        for _ in range(2):
            packets = video_packets(f"rtsp://127.0.0.1:{port}/avc/sub", 1.0)
            assert packets and packets[0][1], packets[:3]
    finally:
        server.stop()


def test_every_picture_says_which_camera_it_is(tmp_path):
    """The mark read back from a decoded picture of each stream is that camera's index on the server."""
    port = free_port()
    cameras = tuple(SimulatedCamera(f"c{i}", f"카메라 {i}", 37.56, 126.97, "중구") for i in range(3))
    server = RtspCameraServer(port, cameras, extra=EXTRA).start()
    try:
        for index, mount in enumerate(server.mounts):
            for path in (mount["id"], f"{mount['id']}/sub"):
                picture = tmp_path / f"{index}.png"
                subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-rtsp_transport", "tcp", "-i",
                                f"rtsp://127.0.0.1:{port}/{path}", "-frames:v", "1", str(picture)], timeout=30,
                               check=True)
                image = QImage(str(picture))
                assert read_mark(lambda x, y: image.pixelColor(int(x * image.width()), int(y * image.height())).value()
                                 ) == index
    finally:
        server.stop()


def test_a_mark_is_read_back_only_where_there_is_one():
    """Each index reads back as itself; a black or white picture, or one cell changed, is no mark."""
    for index in range(64):
        shown = cells(index)
        assert read_mark(lambda x, _y: 255 * shown[int(x * COLUMNS)]) == index
        for wrong in range(len(shown)):
            changed = [white != (column == wrong) for column, white in enumerate(shown)]
            assert read_mark(lambda x, _y: 255 * changed[int(x * COLUMNS)]) is None
    assert read_mark(lambda _x, _y: 0) is None and read_mark(lambda _x, _y: 255) is None


@pytest.mark.parametrize("camera", ["avc", "hevc"])
def test_like_real_cctv_a_viewer_joins_mid_gop_and_waits_for_the_next_keyframe(camera):
    port, gop_s = free_port(), 4.0
    server = RtspCameraServer(port, CAMERAS, extra=EXTRA, gop_s=gop_s).start()
    url = f"rtsp://127.0.0.1:{port}/{camera}/sub"
    try:
        first = video_packets(url, 0.5)  # starts the camera's encoder, on a keyframe
        assert first and first[0][1]
        time.sleep(0.5)  # about 1.5 s into the GOP: the next keyframe is about 2.5 s away
        joined = time.monotonic()
        packets = video_packets(url, gop_s + 1)
        keyframe = next(index for index, (_t, key) in enumerate(packets) if key)
        assert keyframe > 10, packets[:3]  # a dozen pictures nobody can decode without the keyframe before them
        waited = packets[keyframe][0] - packets[0][0]
        assert 0.5 < waited <= gop_s, (waited, time.monotonic() - joined)
        assert len(packets) - keyframe > 10  # and the stream goes on from there
    finally:
        server.stop()


def test_the_walls_camera_server_killed_is_reaped_shown_and_served_again(qtbot, tmp_path):
    port = free_port()
    config = parse_config({"cache": {"path": str(tmp_path / "cache.sqlite3")}, "feeds": [], "panels": {"air": ""},
                           "simulator": {"port": free_port(), "rtsp_port": port}, "calls": {"enabled": False}}, "t", {})
    runtime = Runtime(config)
    runtime.start()
    try:
        cameras, moments = runtime.cameras, []
        qtbot.waitUntil(lambda: cameras.state == SERVING, timeout=60000)
        cameras.died.connect(lambda code: moments.append(time.monotonic()))
        cameras.started.connect(lambda: moments.append(time.monotonic()))
        killed = cameras.process.pid
        os.kill(killed, signal.SIGKILL)
        qtbot.waitUntil(lambda: cameras.restarts == 1, timeout=10000)
        assert not zombie(killed) and not Path(f"/proc/{killed}").exists()  # reaped at once
        shown = [(c.title, c.state, c.last_failure) for c in children() if c.name == "simulated cameras"]
        assert shown == [("시뮬레이션 CCTV", WAITING, "exit -9")]
        qtbot.waitUntil(lambda: cameras.state == SERVING, timeout=60000)
        assert 0.9 < moments[1] - moments[0] < 5  # started again after its first pause (1 s)
        assert video_packets(f"rtsp://127.0.0.1:{port}/gwanghwamun/sub", 0.5)
    finally:
        runtime.stop()
    assert "simulated cameras" not in [c.name for c in children()]
