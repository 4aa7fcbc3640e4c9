"""One HTTP GET with the failure typing every feed shares, a deadline for the whole reply and a size cap.

`requests` applies its read timeout to each socket read, so a server that trickles its headers
or body a byte at a time would hold a fetch for ever. Here `timeout_s` is a deadline for the
whole reply: when it passes, the sockets of this thread's request are shut down, which ends
any read in progress. Keyed requests follow redirects only on the same host (a key in the URL
must not travel to another one), and every message masks the key in all its spellings.
"""

from __future__ import annotations

import socket
import threading
from urllib.parse import quote, quote_plus, urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from feeds.errors import AuthError, FormatError, QuotaError, UnavailableError

CONNECT_TIMEOUT_S = 3.05
CHUNK_BYTES = 16 * 1024
MAX_REDIRECTS = 3
DEFAULT_MAX_BYTES = 10 * 2**20
_WATCH = threading.local()  # the _Deadline of this thread's request in progress, if any


class _Deadline:
    """Shuts down the sockets of this thread's request when `timeout_s` has passed."""

    def __init__(self, timeout_s: float):
        self.expired = False
        self._connections: list[urllib3.connection.HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(timeout_s, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> "_Deadline":
        _WATCH.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        self._timer.join()
        _WATCH.deadline = None

    def add(self, connection: urllib3.connection.HTTPConnection) -> None:
        with self._lock:
            self._connections.append(connection)
            if self.expired:
                _shut(connection)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for connection in self._connections:
                _shut(connection)


def _shut(connection: urllib3.connection.HTTPConnection) -> None:
    sock = getattr(connection, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class _Watched:
    """A connection that puts itself under this thread's deadline when it sends a request."""

    def request(self, *args, **kwargs):  # noqa: ANN002, ANN003 (urllib3's signature)
        deadline = getattr(_WATCH, "deadline", None)
        if deadline is not None:
            deadline.add(self)
        return super().request(*args, **kwargs)


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = type("WatchedHTTPConnection", (_Watched, urllib3.connection.HTTPConnection), {})


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = type("WatchedHTTPSConnection", (_Watched, urllib3.connection.HTTPSConnection), {})


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter with connections that a `_Deadline` can cut."""

    def init_poolmanager(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def _ensure_adapter(session: requests.Session) -> None:
    if not isinstance(session.get_adapter("http://x"), DeadlineAdapter):
        adapter = DeadlineAdapter()
        session.mount("http://", adapter)
        session.mount("https://", adapter)


def http_get(session: requests.Session, url: str, timeout_s: float, *, secret: str = "",
             headers: dict[str, str] | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """GET `url` and return the body (at most `max_bytes`, decompressed) within `timeout_s` in all.

    Transport and status failures become typed errors; `secret` (an API key inside the URL)
    is masked in every message.
    """
    _ensure_adapter(session)
    with _Deadline(timeout_s) as deadline:
        try:
            response = _get_following(session, url, timeout_s, secret, headers)
            with response:
                _check_status(response, redact(url, secret))
                return _read_capped(response, max_bytes)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            shown = redact(url, secret)
            if deadline.expired or isinstance(exc, requests.Timeout):
                raise UnavailableError(f"no complete answer within {timeout_s:g} s: {shown}") from exc
            raise UnavailableError(f"cannot connect: {shown} ({type(exc).__name__})") from exc


def _get_following(session: requests.Session, url: str, timeout_s: float, secret: str,
                   headers: dict[str, str] | None) -> requests.Response:
    """GET with redirects followed by hand: with a secret, only to the same host."""
    for _ in range(MAX_REDIRECTS + 1):
        response = session.get(url, timeout=(CONNECT_TIMEOUT_S, timeout_s), headers=headers,
                               stream=True, allow_redirects=False)
        if not response.is_redirect:
            return response
        target = urljoin(url, response.headers["Location"])
        response.close()
        if secret and urlsplit(target).netloc != urlsplit(url).netloc:
            raise FormatError(f"redirected to another host ({urlsplit(target).netloc}); not followed with "
                              f"the key: {redact(url, secret)}", code="REDIRECT")
        url = target
    raise FormatError(f"more than {MAX_REDIRECTS} redirects: {redact(url, secret)}", code="REDIRECT")


def _check_status(response: requests.Response, shown: str) -> None:
    status = response.status_code
    if status in (401, 403):
        raise AuthError(f"HTTP {status} from {shown}", code=f"HTTP-{status}")
    if status == 429:
        raise QuotaError(f"HTTP 429 from {shown}", code="HTTP-429",
                         retry_after_s=_retry_after(response.headers.get("Retry-After")))
    if status >= 500:
        raise UnavailableError(f"HTTP {status} from {shown}", code=f"HTTP-{status}")
    if status != 200:
        raise FormatError(f"HTTP {status} from {shown}", code=f"HTTP-{status}")


def _read_capped(response: requests.Response, max_bytes: int) -> bytes:
    """The decompressed body; a FormatError past `max_bytes` (announced or received)."""
    too_big = FormatError(f"reply larger than {max_bytes / 2**20:g} MB (max_reply_mb); not read", code="TOO-LARGE")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes and not response.headers.get("Content-Encoding"):
        raise too_big
    chunks, size = [], 0
    for chunk in response.iter_content(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def spellings(secret: str) -> list[str]:
    """How `secret` can appear in a URL: as written and URL-encoded (`+ / =` become %2B %2F %3D …), longest first."""
    return sorted({secret, quote(secret, safe=""), quote(secret), quote_plus(secret)}, key=len, reverse=True)


def redact(text: str, secret: str) -> str:
    """`text` with `secret` masked in every spelling."""
    for form in spellings(secret) if secret else ():
        text = text.replace(form, "***")
    return text


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header given in seconds (HTTP dates are rare here; ignored)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
