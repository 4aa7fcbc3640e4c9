"""A loopback HTTP server answering the real services' URLs in their real formats.

Routes: Seoul Open Data (`/{KEY}/{json|xml}/{SERVICE}/…`, see open_data.py), data.go.kr's
fire statistics (data_go_kr.py), the city dispatch feed (`/dispatch/incidents.json`), the city's
tap-water sensors (`/water/tap.json`, water.py), the complaint keywords and 120 calls
(voices.py) and the ITS CCTV list (`/cctvInfo`, pointing at the simulated RTSP cameras, see cameras.py).
Faults can be injected for demos and tests: into every answer by `set_fault` or
`POST /_sim/fault/{mode}` (`none` clears it); the scenario's scheduled outage hits the air
service only.
"""

from __future__ import annotations

import json
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from kiosk.simulator import incidents, news, scenario, startups, traffic, voices, water
from kiosk.simulator.cameras import RTSP_PORT, its_items
from kiosk.simulator.data_go_kr import PATH as FIRE_STATS_PATH
from kiosk.simulator.data_go_kr import respond_fire_stats
from kiosk.simulator.open_data import respond_open_data

_LOGGER = logging.getLogger(__name__)
FAULTS = ("unavailable", "hang", "quota", "bad_key", "malformed", "server_error")
HANG_LIMIT_S = 60.0
DISPATCH_PATH = "/dispatch/incidents.json"
TAP_WATER_PATH = "/water/tap.json"
ITS_CCTV_PATH = "/cctvInfo"
TOKEN_LIFETIME_S = 600  # the ITS list's stream URLs are signed for a while, then change


class SimulatorServer:
    """The simulator's HTTP side; `start()` serves on a background thread, `stop()` ends it."""

    def __init__(self, port: int = 0, api_key: str = "SIMULATOR", clock: scenario.ScenarioClock | None = None,
                 scripted_outages: bool = True, host: str = "127.0.0.1", rtsp_port: int = RTSP_PORT):
        self.api_key = api_key
        self.rtsp_port = rtsp_port
        self.clock = clock or scenario.ScenarioClock()
        self.scripted_outages = scripted_outages
        self.fault: str | None = None
        self.stopping = threading.Event()
        self._httpd = ThreadingHTTPServer((host, port), _Handler, bind_and_activate=False)
        self._httpd.daemon_threads = False  # server_close() joins every handler thread
        self._httpd.simulator = self
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL feeds point at."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "SimulatorServer":
        """Bind (OSError if the port is taken) and serve on a background thread."""
        self._httpd.allow_reuse_address = True
        self._httpd.server_bind()
        self._httpd.server_activate()
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="simulator-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, release hung requests, and join every thread."""
        self.stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def set_fault(self, mode: str | None) -> None:
        """Inject a fault (one of FAULTS) into every answer, or clear it with None."""
        if mode is not None and mode not in FAULTS:
            raise ValueError(f"unknown fault {mode!r}; one of {', '.join(FAULTS)}")
        self.fault = mode

    def active_fault(self, path: str) -> str | None:
        """The injected fault, else the scenario's scheduled one (for the air service only)."""
        if self.fault:
            return self.fault
        if self.scripted_outages and "/RealtimeCityAir/" in path:
            return scenario.scripted_fault(self.clock.now())
        return None

    def respond(self, path: str, query: str) -> tuple[int, str, str]:
        """(status, content type, body) for a GET (faults other than hangs and 503s included)."""
        fault, now = self.active_fault(path), self.clock.now()
        if path == DISPATCH_PATH:
            if fault == "malformed":
                return 200, "application/json", '{"format": "seoul-incidents/1", "incid'
            return 200, "application/json", json.dumps(incidents.dispatch_document(now), ensure_ascii=False)
        if path.startswith(voices.PATH + "/"):
            return voices.respond_keywords(path.rsplit("/", 1)[1], query, self.api_key, now)
        if path == voices.CALLS_PATH:
            return 200, "application/json", json.dumps(voices.calls_document(now), ensure_ascii=False)
        if path == startups.PATH:
            return startups.respond_kstartup(query, self.api_key, now)
        if path == news.PATH:
            return 200, "application/rss+xml", news.rss_document(now)
        if path == TAP_WATER_PATH:
            return 200, "application/json", json.dumps(water.tap_document(now), ensure_ascii=False)
        if path == ITS_CCTV_PATH:
            return 200, "application/json", self._its_cctv(query, now)
        if path == FIRE_STATS_PATH:
            return respond_fire_stats(query, self.api_key, fault, now)
        parts = [unquote(p) for p in path.strip("/").split("/")]
        if parts[:2] == ["api", "subway"]:
            return traffic.respond_subway(parts[2:], self.api_key, now)
        return respond_open_data(parts, self.api_key, fault, now)

    def _its_cctv(self, query: str, now) -> str:
        """The ITS list of the simulated cameras; a wrong key gets ITS's 4005 reply."""
        if parse_qs(query).get("apiKey") != [self.api_key]:
            return json.dumps({"header": {"resultCode": 4005, "resultMsg": "존재하지 않는 인증키입니다."}, "body": ""},
                              ensure_ascii=False)
        token = f"sim{int(now.timestamp()) // TOKEN_LIFETIME_S}"
        data = its_items(self.rtsp_port, token)
        return json.dumps({"response": {"coordtype": 1, "datacount": len(data), "data": data}}, ensure_ascii=False)


class _Handler(BaseHTTPRequestHandler):
    server_version = "SeoulSimulator/1.0"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        sim: SimulatorServer = self.server.simulator
        url = urlsplit(self.path)
        fault = sim.active_fault(url.path)
        if fault == "unavailable":
            return self._send(503, "text/html", "<html><body>503 Service Unavailable</body></html>")
        if fault == "hang":
            sim.stopping.wait(HANG_LIMIT_S)  # accept, then never answer: as the real server can
            return None
        return self._send(*sim.respond(url.path, url.query))

    def do_POST(self) -> None:  # noqa: N802
        sim: SimulatorServer = self.server.simulator
        parts = urlsplit(self.path).path.strip("/").split("/")
        if len(parts) == 3 and parts[:2] == ["_sim", "fault"]:
            try:
                sim.set_fault(None if parts[2] == "none" else parts[2])
            except ValueError as exc:
                return self._send(400, "text/plain", str(exc))
            return self._send(200, "text/plain", f"fault: {sim.fault}")
        return self._send(404, "text/plain", "not found")

    def _send(self, status: int, content_type: str, body: str) -> None:
        data = body.encode("utf-8")
        try:
            self.send_response(status, HTTPStatus(status).phrase)
            self.send_header("Content-Type", f"{content_type}; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its read timeout): nothing to do

    def log_message(self, fmt: str, *args: object) -> None:
        _LOGGER.debug("simulator: " + fmt, *args)
