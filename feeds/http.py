"""One HTTP GET with the failure typing every feed shares."""

from __future__ import annotations

import requests

from feeds.errors import AuthError, FormatError, QuotaError, UnavailableError

CONNECT_TIMEOUT_S = 3.05


def http_get(session: requests.Session, url: str, timeout_s: float, *, secret: str = "",
             headers: dict[str, str] | None = None) -> bytes:
    """GET `url` and return the body; map transport and status failures to typed errors.

    `secret` (an API key inside the URL) is masked in every message.
    """
    shown = redact(url, secret)
    try:
        response = session.get(url, timeout=(CONNECT_TIMEOUT_S, timeout_s), headers=headers)
    except requests.Timeout as exc:
        raise UnavailableError(f"no answer within {timeout_s:g} s: {shown}") from exc
    except requests.RequestException as exc:
        raise UnavailableError(f"cannot connect: {shown} ({type(exc).__name__})") from exc
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
    return response.content


def redact(text: str, secret: str) -> str:
    """`text` with every occurrence of `secret` replaced by a mask."""
    return text.replace(secret, "***") if secret else text


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header given in seconds (HTTP dates are rare here; ignored)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
