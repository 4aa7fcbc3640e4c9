"""Simulated field staff for the sample contacts: baresip endpoints on loopback that answer by themselves
with a moving test picture and a tone, one that is busy, one that declines, one that never answers (and
one offline: nobody listens at its address). Started with the simulator on [simulator] staff_port and the
ports above it, each one supervised like every child of the wall; they end with the wall."""

from __future__ import annotations

import logging
import socket
import subprocess
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.calls.baresip import Endpoint, write_endpoint
from kiosk.calls.control import NetstringReader, encode
from kiosk.procs import dying_with_parent, end_process
from kiosk.simulator.sample_contacts import CONTROL_OFFSET, STAFF_PORT, contact_ids, staff_ports
from kiosk.supervised import SERVING, SupervisedProcess

_LOGGER = logging.getLogger(__name__)
TITLES = {"answers": "응답", "busy": "통화 중", "declines": "거절", "never answers": "무응답"}
DECLINE_AFTER_S = 2.0
FONT = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"


def test_picture(path: Path, stop: threading.Event | None = None) -> str:
    """baresip's video source: a moving test picture saying who answers (H.264 in MP4, no audio: what its
    avformat plays), made once with ffmpeg and kept; baresip's own test pattern when it cannot be made (a
    full disk). Written under another name first, so a wall stopped halfway never leaves half a picture."""
    if not path.exists():
        part = path.with_name(f"part-{path.name}")
        text = ("drawtext=fontfile=" + FONT + ":text='현장 직원 (시뮬레이션)':fontsize=24:fontcolor=white:x=20:y=20"
                ":box=1:boxcolor=black@0.6")
        maker = subprocess.Popen(dying_with_parent(
            ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=352x288:rate=15",
             "-t", "30", "-vf", text, "-c:v", "libx264", "-pix_fmt", "yuv420p", str(part)]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while maker.poll() is None and not (stop is not None and stop.wait(0.1)):
            pass
        end_process(maker, 1)  # done, or the wall is stopping
        if maker.returncode != 0:
            part.unlink(missing_ok=True)
            _LOGGER.warning("simulated staff: no test picture (ffmpeg exit %s); they send baresip's own", maker.returncode)
            return "fakevideo,nil"
        part.replace(path)
    return f"avformat,{path}"


def endpoints(ports: dict[str, int], video: str) -> dict[str, Endpoint]:
    """One baresip per behaviour on its port, each account a sample contact of that behaviour."""
    made = {}
    for behaviour, port in ports.items():
        if behaviour == "offline":
            continue
        answer = "auto" if behaviour == "answers" else "manual"
        accounts = "\n".join(f"<sip:{cid}@127.0.0.1:{port}>;regint=0;answermode={answer}"
                             for cid in contact_ids(behaviour))
        if behaviour == "busy":  # its person talks on a line of its own (one call per line): a call finds it busy
            accounts += f"\n<sip:line@127.0.0.1:{port}>;regint=0;answermode=auto"
        made[behaviour] = Endpoint(accounts, f"127.0.0.1:{port}", port + CONTROL_OFFSET, audio_source="ausine,1000",
                                   video_source=video, video_display="fakevideo,nil", video=behaviour != "busy",
                                   call_local_timeout_s=600, max_calls=1 if behaviour == "busy" else 8)
    return made


class SimulatedStaff(QObject):
    """The field staff's baresip processes and the hands that decline or hold a line for them. `start` returns at
    once: the test picture is made on a thread (once, then kept), the processes are started on the GUI thread."""

    _pictured = Signal(str)

    def __init__(self, folder: Path, first_port: int = STAFF_PORT, parent: QObject | None = None):
        super().__init__(parent)
        self.folder, self.ports = folder, staff_ports(first_port)
        self.processes: list[SupervisedProcess] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._pictured.connect(self._start_endpoints)

    @property
    def serving(self) -> bool:
        """Every one of them is listening."""
        return bool(self.processes) and all(p.state == SERVING for p in self.processes)

    def start(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # beside a read-only cache: the wall runs on without them
            _LOGGER.warning("simulated field staff not started: %s", exc)
            return
        self._thread(self._make_picture, "staff-picture")

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        for process in self.processes:
            process.stop()

    def _make_picture(self) -> None:
        video = test_picture(self.folder / "staff.mp4", self._stop)
        self._pictured.emit(video)

    def _start_endpoints(self, video: str) -> None:
        if self._stop.is_set():  # the wall stopped while the picture was being made
            return
        for behaviour, endpoint in endpoints(self.ports, video).items():
            port = self.ports[behaviour]
            try:
                directory = write_endpoint(self.folder / behaviour, endpoint)
            except OSError as exc:  # a full disk: the wall runs on without this one
                _LOGGER.warning("simulated staff (%s) not started: %s", behaviour, exc)
                continue
            process = SupervisedProcess(f"simulated staff ({behaviour})", ["baresip", "-f", str(directory)],
                                        self.folder / f"{behaviour}.log", parent=self,
                                        listens=(("udp", port), ("tcp", port + CONTROL_OFFSET)),
                                        title=f"시뮬레이션 현장 직원 ({TITLES[behaviour]})")
            self.processes.append(process)
            process.start()
        self._thread(_decline, "staff-declines", self.ports["declines"], self._stop)
        self._thread(_hold_a_line, "staff-busy", self.ports["busy"], self._stop)

    def _thread(self, target, name: str, *args) -> None:
        thread = threading.Thread(target=target, args=args, name=name)
        thread.start()
        self._threads.append(thread)


def _control(port: int, stop: threading.Event) -> socket.socket | None:
    while not stop.is_set():
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=1)
            sock.settimeout(0.5)
            return sock
        except OSError:
            stop.wait(0.3)
    return None


def _send(sock: socket.socket, command: str, params: str = "") -> None:
    try:
        sock.sendall(encode({"command": command, "params": params, "token": "sim"}))
    except OSError as exc:  # baresip went: the reader sees the connection end
        _LOGGER.debug("simulated staff: %s not sent: %s", command, exc)


def _events(sock: socket.socket, stop: threading.Event):
    """baresip's messages as they come, until the wall stops or baresip goes."""
    reader = NetstringReader()
    while not stop.is_set():
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except OSError:
            return
        if not chunk:
            return
        yield from reader.feed(chunk)


def _decline(sip_port: int, stop: threading.Event) -> None:
    """The person who looks at the phone and declines: an incoming call is refused after two seconds. A lost
    control connection is made anew (a decline must never turn into a call nobody answers)."""
    while not stop.is_set():
        sock = _control(sip_port + CONTROL_OFFSET, stop)
        if sock is None:
            return
        with sock:
            for event in _events(sock, stop):
                if event.get("type") == "CALL_INCOMING":
                    stop.wait(DECLINE_AFTER_S)
                    _send(sock, "hangup")
        _LOGGER.debug("simulated staff (declines): control connection lost; connecting again")


def _hold_a_line(sip_port: int, stop: threading.Event) -> None:
    """The busy one calls its own line (audio only) and stays on it: both its calls are taken. A baresip started
    again is called anew."""
    while not stop.is_set():
        sock = _control(sip_port + CONTROL_OFFSET, stop)
        if sock is None:
            return
        with sock:
            _send(sock, "dial", f"sip:line@127.0.0.1:{sip_port}")
            for _event in _events(sock, stop):
                pass  # keep the control connection (a new client would replace it) until the wall stops
