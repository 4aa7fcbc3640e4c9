"""A relay: RTSP in, MPEG-TS over loopback UDP out, without re-encoding (GStreamer's `gst-launch-1.0`).

For a libvlc that cannot open `rtsp://` (Debian's). One relay per playing stream; it dies
with the wall (parent-death signal) and exits by itself when the camera drops it, which the
player's watchdog notices. Its error output goes to a small temporary file, read only to
tell the operator what went wrong (never to a pipe nobody reads: it would block).

GStreamer, not ffmpeg: Debian's ffmpeg links ~100 libraries whose relocations cost each
relay 11 MB of private memory (17 relays: 220 MB); gst-launch loads only the elements of its
pipeline (4 MB each), and its first packet comes 40-100 ms sooner (bench/RESULTS.md).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile

from kiosk.procs import dying_with_parent, end_process

IO_TIMEOUT_US = 5_000_000  # a camera that stops answering mid-stream ends the relay
# Errors only: the connection's own words ("Connection refused") are logged at that level, not in the summary.
ENVIRONMENT = {"GST_DEBUG": "1", "GST_DEBUG_NO_COLOR": "1"}

# The camera's video, depayloaded and parsed: H.264 by name (0.30 s glass-to-glass), or any codec through
# parsebin (0.43 s: it holds pictures longer), taken for a camera once it has shown it sends another codec.
H264 = ["application/x-rtp,media=video,encoding-name=H264", "!", "rtph264depay", "!", "h264parse"]
ANY_CODEC = ["application/x-rtp,media=video", "!", "parsebin"]
NOT_H264 = "reason not-linked"  # what the H.264 pipeline says of a camera that sends another codec
OTHER_CODEC = "H.264가 아님 · other codec, retrying"
# mpegtsmux stamps each picture 125 ms after its clock reference (PCR): libvlc waits that much on top of its
# network caching, so a relayed stream's caching is the configured one less this.
PCR_LEAD_MS = 125

# GStreamer's words -> what the tile says (first match wins; whole phrases: a URL may contain "401")
PROBLEMS = (
    ("Unauthorized (401)", "인증 실패 · auth failed"),
    ("Forbidden (403)", "접근 거부 · forbidden"),
    ("Not Found (404)", "스트림 없음 · not found"),
    ("Connection refused", "연결 거부 · refused"),
    ("Timeout while waiting", "응답 없음 · no answer"),
    ("No supported stream", "영상이 아님 · not video"),
    (NOT_H264, OTHER_CODEC),
    ("No route", "연결 불가 · unreachable"),
    ("Name or service", "주소 오류 · unknown host"),
)


def free_udp_port() -> int:
    """A loopback UDP port nobody uses right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pipeline(url: str, port: int, any_codec: bool) -> list[str]:
    """The camera's first video stream as MPEG-TS to `port`, without re-encoding."""
    return ["rtspsrc", f"location={url}", "protocols=tcp", "latency=0", f"tcp-timeout={IO_TIMEOUT_US}",
            "!", *(ANY_CODEC if any_codec else H264), "!", "mpegtsmux", "alignment=7",
            "!", "udpsink", "host=127.0.0.1", f"port={port}", "sync=false"]


class Relay:
    """One gst-launch process relaying `url` to `udp://127.0.0.1:port`."""

    def __init__(self, url: str, port: int, any_codec: bool = False):
        launcher = shutil.which("gst-launch-1.0")
        if launcher is None:
            raise RuntimeError("gst-launch-1.0 is not installed (make deps)")
        self.port = port
        self._errors = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            dying_with_parent([launcher, "-q", *pipeline(url, port, any_codec)]), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self._errors, env={**os.environ, **ENVIRONMENT})

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def mrl(self) -> str:
        """What libvlc plays."""
        return f"udp://@127.0.0.1:{self.port}"

    def problem(self) -> str | None:
        """None while relaying; once the relay has exited, why, in the tile's words."""
        if self._process.poll() is None:
            return None
        self._errors.seek(0)
        text = self._errors.read().decode("utf-8", "replace")
        return next((said for word, said in PROBLEMS if word in text), "연결 끊김 · stream ended")

    def close(self) -> None:
        """Stop the relay and reap it."""
        end_process(self._process, grace_s=2)
        self._errors.close()
