"""The CCTV wall for real: the whole wall on Xvfb (in a child process, as QApplication there must
be on X11), real RTSP cameras from GStreamer, libvlc players behind GStreamer relays.

A camera plays, dies and comes back, freezes without closing and comes back; an HLS one
plays; an H.265 one plays once its first relay has found it is not H.264; one that is down at start-up comes up; a wrong path, a refused login, a server that
never answers, a URL that is not video and a corrupt stream each end in a clear offline state
that is retried; closing the wall leaves no relay or player behind.
"""

import functools
import json
import os
import queue
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.app.display import virtual_display
from kiosk.simulator.cameras import CONFIG_CAMERAS, ITS_CAMERAS, RtspCameraServer, SimulatedCamera
from tests.conftest import free_port

ROOT = Path(__file__).parents[2]
STALL_S = 3


class FakeRtsp:
    """A TCP server that answers every request with 401, or never answers at all."""

    def __init__(self, answer: bytes | None):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.answer, self.stopping, self.conns = answer, threading.Event(), []
        self.thread = threading.Thread(target=self._serve, name="fake-rtsp")
        self.thread.start()

    def _serve(self):
        self.sock.settimeout(0.1)
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            self.conns.append(conn)
            if self.answer is not None:
                self._answer(conn)

    def _answer(self, conn):
        """Every request on the connection gets the same answer, until the client gives up."""
        conn.settimeout(0.1)
        while not self.stopping.is_set():
            try:
                request = conn.recv(4096).decode(errors="replace")
            except socket.timeout:
                continue
            except OSError:
                return
            if not request:
                return
            cseq = next((line.split(":")[1].strip() for line in request.split("\r\n")
                         if line.lower().startswith("cseq")), "1")
            conn.sendall(self.answer.replace(b"{cseq}", cseq.encode()))

    def stop(self):
        self.stopping.set()
        self.thread.join()
        for conn in self.conns:
            conn.close()
        self.sock.close()


class HlsCamera:
    """An HLS stream (as the ITS API hands out) cut by ffmpeg from an RTSP camera, served over HTTP."""

    def __init__(self, rtsp_url: str, folder: Path):
        folder.mkdir()
        self.ffmpeg = subprocess.Popen(
            ["ffmpeg", "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp", "-i", rtsp_url, "-c", "copy",
             "-f", "hls", "-hls_time", "1", "-hls_list_size", "4", "-hls_flags", "delete_segments",
             str(folder / "playlist.m3u8")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        handler = functools.partial(QuietFiles, directory=str(folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="hls-http")
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/playlist.m3u8"

    def stop(self):
        self.ffmpeg.terminate()
        self.ffmpeg.wait()
        self.httpd.shutdown()
        self.thread.join()
        self.httpd.server_close()


class QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def camera_table(camera_id, url):
    return f'[[cameras]]\nid = "{camera_id}"\nname = "{camera_id}"\nurl = "{url}"\nlat = 37.56\nlon = 126.97\n'


class WallProcess:
    """The wall in a child process; `wait_for(camera, state)` reads its reports as they come."""

    def __init__(self, config: Path, display: str):
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
        self.log = config.with_name("wall.log")
        with self.log.open("w") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "tests.kiosk.wall_on_x", str(config)], cwd=ROOT,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                         env=env, text=True)
        self.lines: queue.Queue = queue.Queue()
        self.reader = threading.Thread(target=self._read, name="wall-reports")
        self.reader.start()
        self.seen: list[dict] = []

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))
        self.lines.put(None)

    def wait_for(self, timeout_s: float, since: int = 0, **wanted) -> dict:
        """The first report from index `since` on with these fields, waiting up to `timeout_s` for it."""
        def matches(report):
            return all(k in report and (v is None or report[k] == v) for k, v in wanted.items())

        found = next((r for r in self.seen[since:] if matches(r)), None)
        deadline = time.monotonic() + timeout_s
        while found is None and time.monotonic() < deadline:
            try:
                report = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            assert report is not None, f"the wall ended early; it said: {self.seen}"
            self.seen.append(report)
            found = report if matches(report) else None
        assert found is not None, f"no {wanted} within {timeout_s} s; the wall said: {self.seen}"
        return found

    def close(self) -> dict:
        """Close stdin: the wall stops; its last report lists what it left running."""
        self.proc.stdin.close()
        last = self.wait_for(30, since=len(self.seen), children=None)
        assert self.proc.wait(timeout=30) == 0
        self.reader.join()
        return last


@pytest.fixture
def display():
    os.environ.pop("DISPLAY", None)
    saved = os.environ.get("QT_QPA_PLATFORM")
    os.environ.pop("QT_QPA_PLATFORM", None)
    try:
        with virtual_display(1600, 740) as name:
            yield name
    finally:
        os.environ["QT_QPA_PLATFORM"] = saved or "offscreen"


def test_cameras_play_fail_and_heal_unattended(tmp_path, display, replay):
    up, late = free_port(), free_port()
    cams = (SimulatedCamera("up", "카메라 A", 37.56, 126.97, "중구"),)
    late_cams = (SimulatedCamera("late", "카메라 B", 37.56, 126.97, "중구"),)
    refusing = FakeRtsp(b"RTSP/1.0 401 Unauthorized\r\nCSeq: {cseq}\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n\r\n")
    silent = FakeRtsp(None)
    replay.reply(200, "<html><body>not a video</body></html>", {"Content-Type": "text/html"})
    server = RtspCameraServer(up, cams, ({"id": "hevc", "name": "hevc", "codec": "h265"},)).start()
    hls = HlsCamera(f"rtsp://127.0.0.1:{up}/up", tmp_path / "hls")
    (tmp_path / "hls" / "corrupt.ts").write_bytes(random.Random(7).randbytes(400_000))
    config = tmp_path / "config.toml"
    config.write_text(f"""feeds = []
[cache]
path = "{tmp_path / 'cache.sqlite3'}"
[simulator]
enabled = false
[panels]
air = ""
[cctv]
grid_tiles = 9
stall_timeout_s = {STALL_S}
retry_max_s = 2
""" + camera_table("up", f"rtsp://127.0.0.1:{up}/up/sub") + camera_table("late", f"rtsp://127.0.0.1:{late}/late")
        + camera_table("wrongpath", f"rtsp://127.0.0.1:{up}/nothing-here")
        + camera_table("login", f"rtsp://admin:secret@127.0.0.1:{refusing.port}/x")
        + camera_table("silent", f"rtsp://127.0.0.1:{silent.port}/x")
        + camera_table("notvideo", f"{replay.url}/live.m3u8") + camera_table("hls", hls.url)
        + camera_table("corrupt", hls.url.replace("playlist.m3u8", "corrupt.ts"))
        + camera_table("hevc", f"rtsp://127.0.0.1:{up}/hevc"), encoding="utf-8")
    late_server = None
    wall = WallProcess(config, display)
    try:
        assert wall.wait_for(30, started=True)["relay"], "Debian's libvlc has no RTSP: relays expected"
        first = wall.wait_for(20, camera="up", state="playing")
        assert first["frames"] > 0
        wall.proc.stdin.write("click up\n")  # a real X11 click on the playing video reaches the wall
        wall.proc.stdin.flush()
        assert wall.wait_for(10, focus=None)["focus"] == "up"
        wall.wait_for(30, camera="hls", state="playing")  # HLS: played by libvlc itself, no relay
        hevc = wall.wait_for(30, camera="hevc", state="playing")  # H.265: found out, then relayed for any codec
        assert hevc["reconnects"] >= 1
        problems = {c: wall.wait_for(STALL_S + 15, camera=c, state="offline")["problem"]
                    for c in ("late", "wrongpath", "login", "silent", "notvideo", "corrupt")}
        assert problems["late"] == "연결 거부 · refused"
        assert problems["wrongpath"] == "스트림 없음 · not found"
        assert problems["login"] == "인증 실패 · auth failed"
        assert problems["silent"] == "응답 없음 · no picture"
        for garbage in ("notvideo", "corrupt"):
            assert problems[garbage] in ("재생 실패 · cannot play", "연결 끊김 · stream ended", "응답 없음 · no picture")
        wall.wait_for(STALL_S + 10, camera="login", state="offline", failures=2)  # retried, still refused

        late_server = RtspCameraServer(late, late_cams).start()  # the camera that was down at start-up
        wall.wait_for(20, camera="late", state="playing")

        server.process.kill()  # dies without a word
        server.process.wait()
        killed, mark = time.monotonic(), len(wall.seen)
        wall.wait_for(STALL_S + 2, since=mark, camera="up", state="offline")
        assert time.monotonic() - killed <= STALL_S + 2
        server = RtspCameraServer(up, cams).start()
        back = wall.wait_for(25, since=mark, camera="up", state="playing")
        assert back["reconnects"] >= 1

        os.kill(server.process.pid, signal.SIGSTOP)  # frozen: the connection stays open, no new frame
        mark = len(wall.seen)
        # within the watchdog time after the last picture; pictures already buffered still show first
        frozen = wall.wait_for(STALL_S + 7, since=mark, camera="up", state="offline")
        assert frozen["problem"] == "화면 멈춤 · frozen"
        os.kill(server.process.pid, signal.SIGCONT)
        wall.wait_for(25, since=mark, camera="up", state="playing")
        left = wall.close()
        assert left["children"] == []
        said = json.dumps(wall.seen, ensure_ascii=False) + wall.log.read_text(errors="replace")
        assert "CCTV login: offline" in said  # the log is there …
        assert "secret" not in said and "admin:" not in said  # … without the camera's password
        with sqlite3.connect(tmp_path / "cache.sqlite3") as conn:  # the catalogue's health, for operators
            health = {row[0]: row[1:] for row in conn.execute("SELECT camera_id, state, failures FROM camera_health")}
            urls = [row[0] for row in conn.execute("SELECT url FROM cameras")]
        assert health["up"] == ("playing", 0) and len(health) == 9
        assert health["login"][0] in ("offline", "connecting") and health["login"][1] >= 2  # may be mid-retry
        assert "rtsp://***@127.0.0.1:" in " ".join(urls) and "secret" not in " ".join(urls)
    finally:
        if wall.proc.poll() is None:
            wall.proc.kill()
            wall.proc.wait()
        server.stop()
        if late_server:
            late_server.stop()
        refusing.stop()
        silent.stop()
        hls.stop()
    assert not relays_running(up, late, refusing.port, silent.port)


def relays() -> dict[int, str]:
    """Every relay running on the machine: its pid and command line."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if "gst-launch-1.0" in cmd:
                found[int(entry)] = cmd
    return found


def relays_running(*ports) -> list[str]:
    """Relays anywhere on the machine still pulling from these ports."""
    return [cmd for cmd in relays().values() if any(f"127.0.0.1:{p}/" in cmd for p in ports)]


def test_the_wall_returns_to_its_overview_after_real_touches_and_then_none(tmp_path, display, replay):
    """X11 clicks on 대기환경 and 교통상황, then nobody: back to 재난안전 after idle_return_s (issue: it stayed on 대기환경)."""
    replay.reply(200, json.dumps({"format": "seoul-incidents/1", "incidents": []}))
    config = tmp_path / "config.toml"
    config.write_text(f"""[cache]\npath = "{tmp_path / 'cache.sqlite3'}"\n[simulator]\nenabled = false
[panels]\nair = ""\n[disaster]\nidle_return_s = 10\n[cctv]\ngrid_tiles = 1
[[feeds]]\nid = "dispatch"\nkind = "city_incidents"\ninterval_s = 3600\n[feeds.options]\nbase_url = "{replay.url}"
""", encoding="utf-8")
    wall = WallProcess(config, display)
    try:
        wall.wait_for(30, started=True)  # on 재난안전, the home domain with an incident feed
        for domain, pause_s in (("air", 6), ("traffic", 0)):  # another touch 6 s later: the wait starts again
            wall.proc.stdin.write(f"click-domain {domain}\n")
            wall.proc.stdin.flush()
            last_touch = time.monotonic()
            wall.wait_for(10, since=len(wall.seen), domain=domain)
            time.sleep(pause_s)
        back = len(wall.seen)
        wall.wait_for(20, since=back, idle=True)
        assert time.monotonic() - last_touch >= 9.5  # counted from the last touch (10 s), not the first
        wall.wait_for(5, since=back, domain="disaster")
    finally:
        wall.close()


def test_an_incident_sheet_keeps_the_decoding_load_within_the_player_budget(tmp_path, display):
    """4 grid tiles + 3 nearby with max_players = 5: two grid tiles pause while the sheet plays, then resume."""
    port = free_port()
    cams = tuple(SimulatedCamera(f"c{i}", f"카메라 {i}", 37.56 + i * 0.001, 126.97, "중구") for i in range(4))
    server = RtspCameraServer(port, cams).start()
    config = tmp_path / "config.toml"
    config.write_text(f"""feeds = []\n[cache]\npath = "{tmp_path / 'cache.sqlite3'}"\n[simulator]\nenabled = false
[panels]\nair = ""\n[cctv]\ngrid_tiles = 4\nnearest = 3\nmax_players = 5\n"""
                      + "".join(camera_table(c.id, f"rtsp://127.0.0.1:{port}/{c.id}/sub") for c in cams)
                      .replace("lat = 37.56\n", "lat = 37.561\n"), encoding="utf-8")
    wall = WallProcess(config, display)
    try:
        wall.wait_for(30, started=True)
        for cam in cams:
            wall.wait_for(30, camera=cam.id, state="playing")
        wall.proc.stdin.write("nearby 37.561 126.97\n")
        wall.proc.stdin.flush()
        during = wall.wait_for(20, since=len(wall.seen), players=None)
        assert during["players"] == 5 and len(during["paused"]) == 2
        wall.proc.stdin.write("hide-nearby\n")
        wall.proc.stdin.flush()
        after = wall.wait_for(20, since=len(wall.seen), players=None)
        assert after == {**after, "players": 4, "paused": []}
    finally:
        wall.close()
        server.stop()


def fills_width_evenly(width, height, area_width, area_height, frame_width, frame_height) -> bool:
    """libvlc scales the picture to the window's whole width, an even number of pixels, as large as the area
    allows (an odd width costs three times the CPU)."""
    largest = min(area_width, area_height * frame_width // frame_height)
    return width % 2 == 0 and width * frame_height <= height * frame_width and largest - 1 <= width <= largest


def test_a_camera_playing_in_the_grid_shows_large_at_once_then_its_main_stream(tmp_path, display):
    """A real click on a grid tile: the focus view shows that tile's live picture at once (its window lent, scaled
    up), then the main stream's own; no black between (at most a frame's); the tile gets its window back, playing."""
    port = free_port()
    cams = (SimulatedCamera("c", "카메라 C", 37.56, 126.97, "중구"),)
    server = RtspCameraServer(port, cams).start()
    config = tmp_path / "config.toml"
    config.write_text(f"""feeds = []\n[cache]\npath = "{tmp_path / 'cache.sqlite3'}"\n[simulator]\nenabled = false
[panels]\nair = ""\n[cctv]\ngrid_tiles = 4\n""" + camera_table("c", f"rtsp://127.0.0.1:{port}/c")
                      + f'sub_url = "rtsp://127.0.0.1:{port}/c/sub"\n', encoding="utf-8")
    wall = WallProcess(config, display)
    try:
        wall.wait_for(30, started=True)
        wall.wait_for(30, camera="c", state="playing")
        time.sleep(1)
        wall.proc.stdin.write("click c\n")
        wall.proc.stdin.flush()
        seen = wall.wait_for(15, focus=None)
        assert seen["focus"] == "c" and seen["first_from"] == "grid", seen
        assert seen["own"] and seen["grid_back"], seen
        assert seen["black_ms"] < 200, seen  # the switch to the main stream: a frame of black at most
        focus, grid = seen["windows"]
        assert focus[4:] == [640, 360] and grid[4:] == [320, 180], seen  # each player's frame, as libvlc said
        assert all(fills_width_evenly(*sizes) for sizes in (focus, grid)), seen
    finally:
        wall.close()
        server.stop()


SEOUL = CONFIG_CAMERAS + ITS_CAMERAS


def relays_of(camera_id: str, port: int) -> list[int]:
    """The pids of the relays pulling this camera's sub-stream (one for each tile playing it)."""
    return [pid for pid, cmd in relays().items() if f"127.0.0.1:{port}/{camera_id}/" in cmd]


def simulated_table(camera: SimulatedCamera, port: int) -> str:
    """A simulated camera as the config names it: its main stream, its sub-stream for the grid, its place."""
    url = f"rtsp://127.0.0.1:{port}/{camera.id}"
    return (f'[[cameras]]\nid = "{camera.id}"\nname = "{camera.name}"\nurl = "{url}"\nsub_url = "{url}/sub"\n'
            f"lat = {camera.lat}\nlon = {camera.lon}\n")


class PictureWall(WallProcess):
    """The wall playing the simulator's seven cameras in a grid of `tiles` (stall: STALL_S), with `feeds`."""

    def __init__(self, tmp_path: Path, display: str, port: int, tiles: int = 4, feeds: str = "feeds = []\n"):
        self.server = RtspCameraServer(port, SEOUL).start()
        config = tmp_path / "config.toml"
        config.write_text(feeds + f"""[cache]\npath = "{tmp_path / 'cache.sqlite3'}"\n[simulator]\nenabled = false
[panels]\nair = ""\n[cctv]\ngrid_tiles = {tiles}\nstall_timeout_s = {STALL_S}\nretry_max_s = 2\n"""
                          + "".join(simulated_table(c, port) for c in SEOUL), encoding="utf-8")
        super().__init__(config, display)

    def grid(self) -> dict[str, str]:
        """The grid's cameras by label and what each says (a fresh root-window reading)."""
        return {p["label"]: p["status"] for p in self.pictures()["pictures"]}

    def pictures(self) -> dict:
        self.proc.stdin.write("pictures " + json.dumps([m["name"] for m in self.server.mounts]) + "\n")
        self.proc.stdin.flush()
        return self.wait_for(20, since=len(self.seen), pictures=None)

    def truthful(self, timeout_s: float, playing: int = 4) -> dict:
        """Waits until this many tiles play, each its own camera's moving picture; else the last reading."""
        deadline = time.monotonic() + timeout_s
        while True:
            seen = self.pictures()
            shown = [p for p in seen["pictures"] if p["status"].startswith("재생 중")]
            if not seen["problems"] and len(shown) == playing or time.monotonic() > deadline:
                return seen
            time.sleep(0.5)


@pytest.mark.parametrize("tiles", [4, 9])
def test_every_tile_shows_its_own_cameras_picture_after_relays_are_killed(tmp_path, display, tiles):
    """Issue 26: relays of playing tiles killed one after another (as a camera or network fault ends them): the
    grid re-flows (4 tiles: another camera takes the place; 9: the camera goes last, and first again when it plays),
    and every tile's picture, read from the screen, is the camera named under it; no tile says 재생 중 without a
    moving picture."""
    wall = PictureWall(tmp_path, display, free_port(), tiles)
    shown = min(tiles, len(SEOUL))
    try:
        wall.wait_for(30, started=True)
        assert wall.truthful(40, shown)["problems"] == []
        for victim in ("cityhall", "gwanghwamun"):
            mark = len(wall.seen)
            (relay,) = relays_of(victim, wall.server.port)
            os.kill(relay, signal.SIGKILL)
            wall.wait_for(10, since=mark, camera=victim, state="offline")
            seen = wall.truthful(STALL_S + 20, shown)
            assert seen["problems"] == [], json.dumps(seen, ensure_ascii=False)
            assert [p["status"][:4] for p in seen["pictures"]] == ["재생 중"] * shown, seen
        time.sleep(STALL_S + 1)  # and so it stays past the watchdog's time
        seen = wall.pictures()
        assert seen["problems"] == [], seen
    finally:
        wall.close()
        wall.server.stop()


def test_every_tile_shows_its_own_cameras_picture_after_the_cameras_die_freeze_and_come_back(tmp_path, display):
    """The camera server killed (every relay ends, the grid re-flows as cameras come back one by one) and frozen
    (pictures stop, connections stay): no tile shows another camera's picture, and none says 재생 중 past the
    watchdog's time without a moving picture."""
    wall = PictureWall(tmp_path, display, free_port())
    port = wall.server.port
    try:
        wall.wait_for(30, started=True)
        assert wall.truthful(40)["problems"] == []
        wall.server.process.kill()
        wall.server.process.wait()
        mark = len(wall.seen)
        for camera in SEOUL[:4]:
            wall.wait_for(STALL_S + 5, since=mark, camera=camera.id, state="offline")
        seen = wall.pictures()
        assert seen["problems"] == [], json.dumps(seen, ensure_ascii=False)
        assert not any(p["status"].startswith("재생 중") for p in seen["pictures"]), seen
        wall.server = RtspCameraServer(port, SEOUL).start()
        seen = wall.truthful(60)  # the cameras come back one by one (retries at 1, 2, 2 … s), the grid re-flows
        assert seen["problems"] == [] and len(seen["pictures"]) == 4, json.dumps(seen, ensure_ascii=False)

        os.kill(wall.server.process.pid, signal.SIGSTOP)  # frozen: no new picture, the connections stay open
        try:
            mark = len(wall.seen)
            wall.wait_for(STALL_S + 10, since=mark, state="offline", problem="화면 멈춤 · frozen")
            time.sleep(2)  # every tile's watchdog has had its time
            seen = wall.pictures()
            assert seen["problems"] == [], json.dumps(seen, ensure_ascii=False)
        finally:
            os.kill(wall.server.process.pid, signal.SIGCONT)
        seen = wall.truthful(60)
        assert seen["problems"] == [] and len(seen["pictures"]) == 4, json.dumps(seen, ensure_ascii=False)

        wall.proc.stdin.write("click gangnam\n")  # opened large: the grid's picture lent, then the main stream's own
        wall.proc.stdin.flush()
        assert wall.wait_for(15, since=len(wall.seen), focus=None)["own"]
        seen = wall.truthful(30, playing=5)
        assert seen["problems"] == [] and "강남역 사거리" in [p["label"] for p in seen["pictures"][4:]], seen
    finally:
        wall.close()
        wall.server.stop()


def test_the_cameras_near_an_incident_show_their_own_pictures_under_their_names(tmp_path, display, replay):
    """An incident's sheet plays the cameras near it in its strip, beside the grid: every picture on the screen,
    grid, strip and the one opened large, is under its own camera's name; and again after the camera playing in both
    the grid and the strip loses its relays."""
    cityhall = next(c for c in SEOUL if c.id == "cityhall")
    replay.reply(200, json.dumps({"format": "seoul-incidents/1", "incidents": [{
        "id": "F-1", "type": "화재", "occurred_at": "2026-11-25T09:00:00+09:00", "lat": cityhall.lat,
        "lon": cityhall.lon, "address": "서울 중구 세종대로 110", "stages": [{"stage": "출동지령", "at": "2026-11-25T09:00:00+09:00"}]}]}))
    feed = f"""[[feeds]]\nid = "dispatch"\nkind = "city_incidents"\ninterval_s = 3600\n[feeds.options]\nbase_url = "{replay.url}"\n"""
    wall = PictureWall(tmp_path, display, free_port(), feeds=feed)
    try:
        wall.wait_for(30, started=True)
        assert wall.truthful(40)["problems"] == []
        wall.proc.stdin.write("incident dispatch/F-1\n")
        wall.proc.stdin.flush()
        assert wall.wait_for(10, since=len(wall.seen), sheet=None)["sheet"] == "dispatch/F-1"
        seen = wall.truthful(30, playing=6)  # four in the grid, 서울시청 앞 and 광화문광장 near the fire
        assert seen["problems"] == [], json.dumps(seen, ensure_ascii=False)
        assert [p["label"].split(" · ")[0] for p in seen["pictures"][4:]] == ["서울시청 앞", "광화문광장"], seen

        mark = len(wall.seen)
        for relay in relays_of("cityhall", wall.server.port):  # in the grid and in the strip
            os.kill(relay, signal.SIGKILL)
        wall.wait_for(10, since=mark, camera="cityhall", state="offline")
        seen = wall.truthful(STALL_S + 20, playing=5)  # another camera in the grid; the strip keeps 광화문광장
        assert seen["problems"] == [], json.dumps(seen, ensure_ascii=False)
        assert [p["label"].split(" · ")[0] for p in seen["pictures"][4:]] == ["광화문광장"], seen
    finally:
        wall.close()
        wall.server.stop()
