"""An ffmpeg relay: RTSP in, MPEG-TS over loopback UDP out, without re-encoding.

For a libvlc that cannot open `rtsp://` (Debian's). One relay per playing stream; it dies
with the wall (PR_SET_PDEATHSIG) and exits by itself when the camera drops it, which the
player's watchdog notices. Its error output goes to a small temporary file, read only to
tell the operator what went wrong (never to a pipe nobody reads: ffmpeg would block).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile

from kiosk.procs import dying_with_parent, end_process

IO_TIMEOUT_US = 5_000_000  # a camera that stops answering mid-stream ends the relay
# How long ffmpeg looks at the stream before relaying it. Its default (5 s at most) cost 1.28 s of every
# first picture; the camera's SDP already names the codec, and nothing is decoded here (bench/cctv_peers.py).
PROBE_US = 50_000

# ffmpeg's words -> what the tile says (first match wins; whole phrases: a URL may contain "401")
PROBLEMS = (
    ("401 Unauthorized", "인증 실패 · auth failed"),
    ("403 Forbidden", "접근 거부 · forbidden"),
    ("404 Not Found", "스트림 없음 · not found"),
    ("Connection refused", "연결 거부 · refused"),
    ("timed out", "응답 없음 · no answer"),
    ("Invalid data", "영상이 아님 · not video"),
    ("No route", "연결 불가 · unreachable"),
    ("Name or service", "주소 오류 · unknown host"),
)


def free_udp_port() -> int:
    """A loopback UDP port nobody uses right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Relay:
    """One ffmpeg process relaying `url` to `udp://127.0.0.1:port`."""

    def __init__(self, url: str, port: int):
        ffmpeg = shutil.which("ffmpeg")
        if ffmpeg is None:
            raise RuntimeError("ffmpeg is not installed (make deps)")
        self.port = port
        self._errors = tempfile.TemporaryFile()
        self._process = subprocess.Popen(dying_with_parent(
            [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-rtsp_transport", "tcp",
             "-timeout", str(IO_TIMEOUT_US), "-analyzeduration", str(PROBE_US), "-i", url,
             "-map", "0:v:0", "-c", "copy", "-f", "mpegts", "-muxdelay", "0", "-muxpreload", "0",
             f"udp://127.0.0.1:{port}?pkt_size=1316"]),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._errors)

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def mrl(self) -> str:
        """What libvlc plays."""
        return f"udp://@127.0.0.1:{self.port}"

    def problem(self) -> str | None:
        """None while relaying; once ffmpeg has exited, why, in the tile's words."""
        if self._process.poll() is None:
            return None
        self._errors.seek(0)
        text = self._errors.read().decode("utf-8", "replace")
        return next((said for word, said in PROBLEMS if word in text), "연결 끊김 · stream ended")

    def close(self) -> None:
        """Stop ffmpeg and reap it."""
        end_process(self._process, grace_s=2)
        self._errors.close()
