"""The simulator's cameras: an RTSP server on loopback (GStreamer's gst-rtsp-server).

Run by Debian's own `python3` (PyGObject), not the wall's virtual environment, so this file
imports nothing from the project. Each camera is served at `/<id>` (640x360, 25 fps) and
`/<id>/sub` (320x180, 15 fps): a moving test picture with the camera's name and a clock, in H.264
(or H.265 for a camera given `"codec": "h265"`).
The camera `flip` (when asked for) turns black/white on every whole second of the wall
clock, which lets `bench/cctv_bench.py` measure glass-to-glass latency.

    python3 rtsp_server.py PORT '[{"id": "cam1", "name": "광화문"}, …]'

Prints `ready <port>` once it listens; stops on SIGTERM or when its parent dies.
"""

import json
import signal
import sys
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

MAIN = (640, 360, 25, 800)  # width, height, fps, kbit/s
SUB = (320, 180, 15, 250)
FONT = "NanumGothic Bold"
ENCODERS = {  # codec -> encoder and payloader, a keyframe every second ({fps}, {kbps})
    "h264": "x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} bitrate={kbps}"
            " ! rtph264pay name=pay0 pt=96 config-interval=1",
    "h265": "x265enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} bitrate={kbps}"
            " ! rtph265pay name=pay0 pt=96 config-interval=1",
}


def launch_line(name: str, size: tuple, pattern: str, codec: str = "h264") -> str:
    """A live test picture with a name and a wall clock, with a keyframe every second."""
    width, height, fps, kbps = size
    text = name.replace('"', "'")
    points = max(8, height // 18)
    return (
        f"( videotestsrc is-live=true pattern={pattern} background-color=0xff1b3a5c name=src"
        f" ! video/x-raw,width={width},height={height},framerate={fps}/1"
        f' ! textoverlay text="{text}" valignment=top halignment=left font-desc="{FONT} {points}"'
        f' ! clockoverlay time-format="%Y-%m-%d %H:%M:%S" valignment=bottom halignment=right'
        f' font-desc="{FONT} {points}"'
        f" ! videoconvert ! {ENCODERS[codec].format(fps=fps, kbps=kbps)} )")


class Flipper:
    """Turns the pictures of the latency camera black/white on every whole second."""

    def __init__(self):
        self.sources = set()
        self._second = 0
        GLib.timeout_add(5, self._flip)

    def add(self, _factory, media):
        source = media.get_element().get_by_name("src")
        self.sources.add(source)
        media.connect("unprepared", lambda _media: self.sources.discard(source))

    def _flip(self):
        second = int(time.time())
        if second != self._second:
            self._second = second
            for source in self.sources:
                source.set_property("pattern", "white" if second % 2 else "black")
        return True


def camera_factory(launch: str, flipper: Flipper | None) -> GstRtspServer.RTSPMediaFactory:
    """One pipeline per client. Shared media made gst-rtsp-server 1.22 abort
    (gst_rtsp_media_get_rates) when clients joined one as it was being torn down."""
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    if flipper is not None:
        factory.connect("media-configure", flipper.add)
    return factory


def serve(port: int, cameras: list) -> None:
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(port))
    mounts = server.get_mount_points()
    flipper = Flipper()
    for camera in cameras:
        flip = camera.get("flip", False)
        for path, size in ((f"/{camera['id']}", MAIN), (f"/{camera['id']}/sub", SUB)):
            launch = launch_line(camera["name"], size, "black" if flip else "ball", camera.get("codec", "h264"))
            mounts.add_factory(path, camera_factory(launch, flipper if flip else None))
    if server.attach(None) == 0:
        print(f"error cannot listen on 127.0.0.1:{port}", flush=True)
        sys.exit(1)
    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
    print(f"ready {server.get_bound_port()}", flush=True)
    loop.run()


if __name__ == "__main__":
    serve(int(sys.argv[1]), json.loads(sys.argv[2]))
