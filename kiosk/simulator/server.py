"""A loopback HTTP server answering the Seoul Open Data URLs in their real formats.

`/{KEY}/{json|xml}/{SERVICE}/{START}/{END}/...` as openapi.seoul.go.kr does, including its
quirks (INFO-100 as XML, bare RESULT on errors, paging limits). Faults can be injected
for demos and tests: by the scenario's schedule, by `set_fault`, or by
`POST /_sim/fault/{mode}` (`none` clears it).
"""

from __future__ import annotations

import json
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

from kiosk.simulator import scenario

_LOGGER = logging.getLogger(__name__)
FAULTS = ("unavailable", "hang", "quota", "bad_key", "malformed", "server_error")
HANG_LIMIT_S = 60.0
MESSAGES = {
    "INFO-000": "정상 처리되었습니다",
    "INFO-100": "인증키가 유효하지 않습니다. 인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오.",
    "INFO-200": "해당하는 데이터가 없습니다.",
    "ERROR-310": "해당하는 서비스를 찾을 수 없습니다. 요청인자 중 SERVICE를 확인하십시오.",
    "ERROR-333": "요청위치 값의 타입이 유효하지 않습니다. 요청위치 값은 정수를 입력하세요.",
    "ERROR-334": "요청종료위치 보다 요청시작위치가 더 큽니다.",
    "ERROR-336": "데이터요청은 한번에 최대 1000건을 넘을 수 없습니다.",
    "ERROR-337": "일별 트래픽 제한을 넘은 호출입니다.",
    "ERROR-500": "서버 오류입니다.",
}
SERVICES: dict[str, Callable] = {"RealtimeCityAir": scenario.air_rows}


class SimulatorServer:
    """The simulator's HTTP side; `start()` serves on a background thread, `stop()` ends it."""

    def __init__(self, port: int = 0, api_key: str = "SIMULATOR", clock: scenario.ScenarioClock | None = None,
                 scripted_outages: bool = True, host: str = "127.0.0.1"):
        self.api_key = api_key
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

    def active_fault(self) -> str | None:
        """The injected fault, else the scenario's scheduled one."""
        if self.fault:
            return self.fault
        return scenario.scripted_fault(self.clock.now()) if self.scripted_outages else None


def respond_open_data(path_parts: list[str], sim: SimulatorServer) -> tuple[int, str, str]:
    """(status, content type, body) for a Seoul Open Data request path."""
    if len(path_parts) < 5:
        return 404, "text/plain", "not found"
    key, fmt, service, start, end = path_parts[:5]
    fmt = fmt.lower() if fmt.lower() in ("json", "xml") else "json"
    fault = sim.active_fault()
    if key != sim.api_key or fault == "bad_key":
        return 200, "application/xml", _xml_result("INFO-100")  # XML even for /json/
    if fault in ("quota", "server_error"):
        return _result(fmt, "ERROR-337" if fault == "quota" else "ERROR-500")
    if fault == "malformed":
        return 200, "application/json", '{"RealtimeCityAir": {"list_total_count": 25, "RESULT": {"CO'
    if service not in SERVICES:
        return _result(fmt, "ERROR-310")
    if not (start.isdigit() and end.isdigit()):
        return _result(fmt, "ERROR-333")
    first, last = int(start), int(end)
    if first > last:
        return _result(fmt, "ERROR-334")
    if last - first >= 1000:
        return _result(fmt, "ERROR-336")
    rows = SERVICES[service](sim.clock.now())
    page = rows[first - 1:last]
    if not page:
        return _result(fmt, "INFO-200")
    return 200, f"application/{fmt}", _envelope(fmt, service, len(rows), page)


def _result(fmt: str, code: str) -> tuple[int, str, str]:
    if fmt == "xml":
        return 200, "application/xml", _xml_result(code)
    return 200, "application/json", json.dumps({"RESULT": {"CODE": code, "MESSAGE": MESSAGES[code]}},
                                               ensure_ascii=False)


def _xml_result(code: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<RESULT><CODE>{code}</CODE>'
            f'<MESSAGE><![CDATA[{MESSAGES[code]}]]></MESSAGE></RESULT>')


def _envelope(fmt: str, service: str, total: int, rows: list[dict]) -> str:
    result = {"CODE": "INFO-000", "MESSAGE": MESSAGES["INFO-000"]}
    if fmt == "json":
        return json.dumps({service: {"list_total_count": total, "RESULT": result, "row": rows}},
                          ensure_ascii=False)
    items = "".join("<row>" + "".join(f"<{k}>{escape('' if v is None else str(v))}</{k}>"
                                      for k, v in row.items()) + "</row>" for row in rows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<{service}><list_total_count>{total}</list_total_count>'
            f'<RESULT><CODE>INFO-000</CODE><MESSAGE><![CDATA[{result["MESSAGE"]}]]></MESSAGE></RESULT>'
            f'{items}</{service}>')


class _Handler(BaseHTTPRequestHandler):
    server_version = "SeoulSimulator/1.0"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        sim: SimulatorServer = self.server.simulator
        fault = sim.active_fault()
        if fault == "unavailable":
            return self._send(503, "text/html", "<html><body>503 Service Unavailable</body></html>")
        if fault == "hang":
            sim.stopping.wait(HANG_LIMIT_S)  # accept, then never answer: as the real server can
            return None
        parts = [unquote(p) for p in urlsplit(self.path).path.strip("/").split("/")]
        return self._send(*respond_open_data(parts, sim))

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
