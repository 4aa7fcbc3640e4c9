"""The simulator's cameras: an RTSP server on loopback (GStreamer's gst-rtsp-server).

Run by Debian's own `python3` (PyGObject), not the wall's virtual environment, so this file
imports nothing from the project. Each camera is served at `/<id>` (640x360, 25 fps) and
`/<id>/sub` (320x180, 15 fps): a moving test picture with the camera's name, a clock and, when the camera is
given one, its identity `"mark"` (SVG over the whole picture, see kiosk/simulator/camera_mark.py), in H.264
(or H.265 for a camera given `"codec": "h265"`).
The camera `flip` (when asked for) turns black/white on every whole second of the wall
clock, which lets `bench/cctv_bench.py` measure glass-to-glass latency.

By default each viewer gets an encoder of its own, which starts on a keyframe: its first picture comes at
once. With GOP_S > 0 the cameras behave like real CCTV: one encoder per stream, started by its first viewer
and running from then on, with a keyframe every GOP_S seconds; a viewer joins mid-GOP (it is sent the stream's
parameter sets first, as a real camera's SDP carries them) and can show nothing before the next keyframe.
An encoder nobody has watched for IDLE_STOP_S stops (a real camera would not; this machine has two cores).

    python3 rtsp_server.py PORT '[{"id": "cam1", "name": "광화문", "mark": "<svg …>"}, …]' [GOP_S]

Prints `ready <port>` once it listens; stops on SIGTERM or when its parent dies.
"""

import json
import signal
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstApp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstApp, GstRtspServer  # noqa: E402,F401 (GstApp: appsrc's and appsink's methods)

MAIN = (640, 360, 25, 800)  # width, height, fps, kbit/s
SUB = (320, 180, 15, 250)
FONT = "NanumGothic Bold"
ENCODERS = {  # codec -> encoder ({gop} frames between keyframes, {kbps}, {threads}: 0 = as many as it likes)
    "h264": "x264enc tune=zerolatency speed-preset=ultrafast threads={threads} key-int-max={gop} bitrate={kbps}",
    "h265": "x265enc tune=zerolatency speed-preset=ultrafast key-int-max={gop} bitrate={kbps}",
}
PAYLOADERS = {"h264": "rtph264pay", "h265": "rtph265pay"}
PARAMETER_SETS = {"h264": lambda nal: nal[0] & 0x1F in (7, 8),  # SPS, PPS
                  "h265": lambda nal: (nal[0] >> 1) & 0x3F in (32, 33, 34)}  # VPS, SPS, PPS
START_CODE = b"\x00\x00\x00\x01"
IDLE_STOP_S = 60


def source_line(camera: dict, size: tuple, pattern: str, codec: str, gop_s: float, threads: int = 0) -> str:
    """A live test picture with the camera's name, a wall clock and its mark, encoded with a keyframe every `gop_s`
    seconds (x264 with more than one thread cuts each picture into slices, one per thread)."""
    width, height, fps, kbps = size
    text = camera["name"].replace('"', "'")
    points = max(8, height // 18)
    mark = f' ! rsvgoverlay fit-to-frame=true data="{camera["mark"]}"' if camera.get("mark") else ""
    return (
        f"videotestsrc is-live=true pattern={pattern} background-color=0xff1b3a5c name=src"
        f" ! video/x-raw,format=BGRA,width={width},height={height},framerate={fps}/1"
        f' ! textoverlay text="{text}" valignment=top halignment=left font-desc="{FONT} {points}"'
        f' ! clockoverlay time-format="%Y-%m-%d %H:%M:%S" valignment=bottom halignment=right'
        f' font-desc="{FONT} {points}"{mark}'
        f" ! videoconvert ! {ENCODERS[codec].format(gop=max(1, round(fps * gop_s)), kbps=kbps, threads=threads)}")


def launch_line(camera: dict, size: tuple, pattern: str, codec: str = "h264") -> str:
    """A viewer's own encoder, a keyframe every second, starting on one."""
    return f"( {source_line(camera, size, pattern, codec, 1.0)} ! {PAYLOADERS[codec]} name=pay0 pt=96 config-interval=1 )"


def stream_caps(codec: str) -> str:
    return f"video/x-{codec},stream-format=byte-stream,alignment=au"


def parameter_sets(access_unit: bytes, codec: str) -> bytes:
    """The parameter-set NAL units of a keyframe's access unit (Annex B), each after a start code."""
    units = (unit.lstrip(b"\x00") for unit in access_unit.split(b"\x00\x00\x01"))
    return b"".join(START_CODE + unit for unit in units if unit and PARAMETER_SETS[codec](unit))


class SharedEncoder:
    """One camera stream's encoder, as a real camera's: started by its first viewer, running while watched
    (and IDLE_STOP_S after); each viewer's pipeline (an `appsrc` named `feed`) gets the access units from the
    moment it joins."""

    def __init__(self, source: str, codec: str, flipper: "Flipper | None"):
        self.source, self.codec, self.flipper = source, codec, flipper
        self.pipeline = None
        self.headers = b""  # the newest keyframe's parameter sets, sent with a viewer's first picture
        self.viewers: dict = {}  # each viewer's appsrc -> what to add to the encoder's times (None: not yet known)
        self.left_at = 0.0  # when the last viewer left
        self.lock = threading.Lock()

    def viewer_line(self) -> str:
        return (f"( appsrc name=feed is-live=true format=time leaky-type=downstream"
                f" caps={stream_caps(self.codec)} ! {self.codec}parse"
                f" ! {PAYLOADERS[self.codec]} name=pay0 pt=96 config-interval=-1 )")

    def join(self, _factory, media) -> None:
        """A viewer's media: fed from its pipeline's start on; let go when it is unprepared."""
        feed = media.get_element().get_by_name("feed")
        with self.lock:
            if self.pipeline is None:
                self.pipeline = self._started()
            self.viewers[feed] = None
        media.connect("unprepared", lambda _media: self._leave(feed))

    def _leave(self, feed) -> None:
        with self.lock:
            self.viewers.pop(feed, None)
            self.left_at = time.monotonic()
        GLib.timeout_add_seconds(IDLE_STOP_S, self._stop_if_unwatched)

    def _stop_if_unwatched(self) -> bool:
        self.stop(unless_watched=True)
        return False  # once (GLib's timeout)

    def stop(self, unless_watched: bool = False) -> None:
        """End the encoder (a later viewer starts it again, on a keyframe); `unless_watched`: only when nobody has
        watched it for IDLE_STOP_S."""
        with self.lock:
            if unless_watched and (self.viewers or time.monotonic() - self.left_at < IDLE_STOP_S - 1):
                return
            pipeline, self.pipeline, self.headers = self.pipeline, None, b""
        self._end(pipeline)

    def _end(self, pipeline) -> None:
        """Outside the lock: the streaming thread may be waiting for it."""
        if pipeline is not None:
            if self.flipper is not None:
                self.flipper.sources.discard(pipeline.get_by_name("src"))
            pipeline.set_state(Gst.State.NULL)

    def _push(self, feed, offset: int | None, data: bytes, pts: int) -> int | None:
        """One access unit to one viewer, at the encoder's capture time moved to the viewer's clock; the first
        carries the parameter sets. Stamping on arrival would pass the encoder's bursts on (libvlc skips decoding
        pictures it thinks late, which breaks every picture after them until the next keyframe), and a unit
        without a time merges with the next one in the relay. Returns the offset (None: the clock has not started,
        nothing is sent)."""
        if offset is None:
            now = feed.get_current_running_time()
            if now == Gst.CLOCK_TIME_NONE:
                return None
            offset, data = now - pts, self.headers + data
        unit = Gst.Buffer.new_wrapped(data)
        unit.pts = unit.dts = pts + offset
        feed.push_buffer(unit)
        return offset

    def _started(self):
        pipeline = Gst.parse_launch(f"{self.source} ! {stream_caps(self.codec)}"
                                    " ! appsink name=out emit-signals=true sync=false")
        pipeline.get_by_name("out").connect("new-sample", self._on_sample)
        if self.flipper is not None:
            self.flipper.sources.add(pipeline.get_by_name("src"))
        pipeline.set_state(Gst.State.PLAYING)
        return pipeline

    def _on_sample(self, sink) -> Gst.FlowReturn:
        buffer = sink.pull_sample().get_buffer()
        data = buffer.extract_dup(0, buffer.get_size())
        with self.lock:
            if not buffer.has_flags(Gst.BufferFlags.DELTA_UNIT):
                self.headers = parameter_sets(data, self.codec) or self.headers
            for feed, offset in list(self.viewers.items()):
                self.viewers[feed] = self._push(feed, offset, data, buffer.pts)
        return Gst.FlowReturn.OK


class Flipper:
    """Turns the pictures of the latency camera black/white on every whole second."""

    def __init__(self):
        self.sources = set()
        self._second = 0
        GLib.timeout_add(5, self._flip)

    def add(self, _factory, media):
        """A viewer's own encoder: flipped while its media lasts."""
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


def shared_factory(encoder: SharedEncoder) -> GstRtspServer.RTSPMediaFactory:
    """A pipeline per viewer, fed by the stream's one encoder."""
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(encoder.viewer_line())
    factory.connect("media-configure", encoder.join)
    return factory


def mount(camera: dict, size: tuple, flipper: Flipper, encoders: list,
          gop_s: float) -> GstRtspServer.RTSPMediaFactory:
    """The factory serving one stream of one camera: an encoder per viewer, or one shared (gop_s > 0, kept
    in `encoders`)."""
    flip = camera.get("flip", False)
    pattern, codec = ("black" if flip else "ball"), camera.get("codec", "h264")
    if gop_s <= 0:
        return camera_factory(launch_line(camera, size, pattern, codec), flipper if flip else None)
    # One slice per picture: with several, the first slice of each picture got lost on its way to libvlc (not
    # with a viewer's own encoder, nor for ffmpeg reading the camera directly; not found why).
    encoders.append(SharedEncoder(source_line(camera, size, pattern, codec, gop_s, threads=1), codec,
                                  flipper if flip else None))
    return shared_factory(encoders[-1])


def serve(port: int, cameras: list, gop_s: float = 0.0) -> None:
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(port))
    mounts = server.get_mount_points()
    flipper, encoders = Flipper(), []
    for camera in cameras:
        for path, size in ((f"/{camera['id']}", MAIN), (f"/{camera['id']}/sub", SUB)):
            mounts.add_factory(path, mount(camera, size, flipper, encoders, gop_s))
    if server.attach(None) == 0:
        print(f"error cannot listen on 127.0.0.1:{port}", flush=True)
        sys.exit(1)
    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
    print(f"ready {server.get_bound_port()}", flush=True)
    loop.run()
    for encoder in encoders:  # stopped before the interpreter goes (its callbacks would outlive it)
        encoder.stop()


if __name__ == "__main__":
    serve(int(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
