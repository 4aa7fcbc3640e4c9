"""The field page's HTTP side: one link per person (/f/<token>: the page, /orders, POST /orders/<id>) on
aiohttp's low-level server (one asyncio thread for every connection, llhttp's C parser). Bounded against a
flood from the network: at most `connections` open at once (one more is closed as soon as it is accepted),
a request's headers within `header_s` of the connection's opening or its last answer (an idle keep-alive
too), its body within `body_s` and at most BODY_MAX bytes, headers at most HEADERS_MAX fields of FIELD_MAX
bytes. A request the parser cannot read (a non-ASCII byte in the path) is answered 400 and counted in the
log, in one line a minute at most. A link's token is checked on every request; one person's link never shows
another's."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from http import HTTPStatus
from importlib import resources

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from kiosk.field.service import FieldService
from kiosk.field.spec import FieldSpec
from kiosk.orders.credentials import FieldPass

_LOGGER = logging.getLogger(__name__)
BODY_MAX = 4096
LINE_MAX = 2048  # the request line: the page's paths are under 100 bytes
FIELD_MAX = 4096
HEADERS_MAX = 32  # a phone's browser sends about 15
BACKLOG = 32  # connections the kernel holds before they are accepted (and counted)
SAID_EVERY_S = 60  # requests the parser refused are said at most this often
LINGER_S = 2  # the rest of a refused body is read (and dropped) this long, so the refusal reaches the phone
LINK = re.compile(r"/f/([A-Za-z0-9_-]+)(.*)", re.DOTALL)  # a token is URL-safe base64: nothing else is anyone's
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",  # the token is in the path
           "Server": "seoul-wall-field"}


async def serve(service: FieldService, spec: FieldSpec, connections: int, stopped: asyncio.Event) -> None:
    """The page on spec.host:spec.port until `stopped` is set (OSError when it cannot listen)."""
    server = BoundedServer(Pages(service, spec.body_s).answer, connections, keepalive_timeout=spec.header_s,
                           access_log=None, logger=ServerLog(logging.getLogger("aiohttp.server")),
                           max_line_size=LINE_MAX, max_field_size=FIELD_MAX, max_headers=HEADERS_MAX,
                           lingering_time=LINGER_S)
    runner = web.ServerRunner(server, shutdown_timeout=1)
    await runner.setup()
    try:
        site = web.TCPSite(runner, spec.host or "0.0.0.0", spec.port, backlog=BACKLOG, reuse_address=True)
        await site.start()
        _LOGGER.info("field page on %s:%d: at most %d connections, headers within %g s, bodies within %g s",
                     spec.host or "0.0.0.0", site.port, connections, spec.header_s, spec.body_s)
        await stopped.wait()
    finally:
        await runner.cleanup()


class BoundedServer(web.Server):
    """aiohttp's server taking at most `most` connections at once: one more is closed as soon as it is
    accepted, so the process's descriptors stay bounded whatever the network sends."""

    def __init__(self, handler, most: int, **kwargs):
        super().__init__(handler, **kwargs)
        self.most, self.open = most, 0

    def __call__(self) -> asyncio.BaseProtocol:
        if self.open >= self.most:
            return Refused()
        self.open += 1
        return super().__call__()

    def connection_lost(self, handler, exc: BaseException | None = None) -> None:
        self.open -= 1
        super().connection_lost(handler, exc)


class Refused(asyncio.Protocol):
    """A connection over the limit: reset at once."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.abort()


class ServerLog(logging.LoggerAdapter):
    """aiohttp's own log, where requests its parser refused are counted and said in one line at most every
    SAID_EVERY_S (a flood of them never fills the disk); anything else it logs (a fault of ours) keeps its
    traceback."""

    def __init__(self, logger: logging.Logger):
        super().__init__(logger, {})
        self.refused, self._said_at = 0, -SAID_EVERY_S

    def exception(self, msg, *args, exc_info=True, **kwargs) -> None:
        if not isinstance(exc_info, HttpProcessingError):
            super().exception(msg, *args, exc_info=exc_info, **kwargs)
            return
        self.refused += 1
        if time.monotonic() - self._said_at >= SAID_EVERY_S:
            self.info("field: refused %d request(s) it cannot read, the last from %s (%d %s)", self.refused,
                      args[0] if args else "?", exc_info.code, exc_info.message.splitlines()[0][:80])
            self.refused, self._said_at = 0, time.monotonic()


class Pages:
    """Answers each request; the service's work (SQLite, the broker sessions) runs on worker threads, so the
    event loop that holds the connections and their deadlines never waits."""

    def __init__(self, service: FieldService, body_s: float):
        self.service, self.body_s = service, body_s
        self.page = resources.files("kiosk.field").joinpath("page.html").read_bytes()

    async def answer(self, request: web.BaseRequest) -> web.Response:
        link = LINK.fullmatch(request.path)
        person = self.service.credentials.by_token(link[1]) if link else None
        if person is None:
            return _json(HTTPStatus.NOT_FOUND, {"error": "링크가 올바르지 않습니다"})
        rest = link[2]
        if request.method == "GET" and rest in ("", "/"):
            return _response(HTTPStatus.OK, self.page, "text/html; charset=utf-8")
        if request.method == "GET" and rest == "/orders":
            return _json(HTTPStatus.OK, await asyncio.to_thread(self.service.orders, person))
        if request.method == "POST" and rest.startswith("/orders/"):
            return await self._step(request, person, rest.removeprefix("/orders/"))
        return _json(HTTPStatus.NOT_FOUND, {"error": "없는 주소입니다"})

    async def _step(self, request: web.BaseRequest, person: FieldPass, order_id: str) -> web.Response:
        """The person moves an order on (a JSON body: state, report)."""
        body, refused = await self._body(request)
        if refused is not None:
            return _json(refused, {"ok": False})
        try:
            body = json.loads(body or b"{}")
            status = await asyncio.to_thread(self.service.step, person, order_id, str(body.get("state", "")),
                                             body.get("report"))
        except (ValueError, AttributeError):
            status = HTTPStatus.BAD_REQUEST
        return _json(status, {"ok": status == HTTPStatus.OK})

    async def _body(self, request: web.BaseRequest) -> tuple[bytes, HTTPStatus | None]:
        """The request's body, or why it is refused: no length given, too long, or not all there in time."""
        length = request.content_length
        if length is None and request.body_exists:
            return b"", HTTPStatus.LENGTH_REQUIRED
        if (length or 0) > BODY_MAX:
            return b"", HTTPStatus.REQUEST_ENTITY_TOO_LARGE
        try:
            return await asyncio.wait_for(request.content.readexactly(length or 0), self.body_s), None
        except asyncio.TimeoutError:
            return b"", HTTPStatus.REQUEST_TIMEOUT
        except asyncio.IncompleteReadError:  # the phone went away mid-body
            return b"", HTTPStatus.BAD_REQUEST


def _json(status: HTTPStatus, body: dict) -> web.Response:
    return _response(status, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8")


def _response(status: HTTPStatus, body: bytes, kind: str) -> web.Response:
    return web.Response(status=status, body=body, headers={**HEADERS, "Content-Type": kind})
