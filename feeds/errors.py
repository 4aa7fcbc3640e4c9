"""Typed feed failures: the scheduler picks its retry delay and the wall its message by type."""


class FeedError(Exception):
    """A fetch failed; `kind` names the failure for the cache and the screen."""

    kind = "error"

    def __init__(self, message: str, *, code: str | None = None, retry_after_s: float | None = None):
        super().__init__(message)
        self.code = code
        self.retry_after_s = retry_after_s


class AuthError(FeedError):
    """The key was refused (Seoul INFO-100, data.go.kr reason 30, HTTP 401/403)."""

    kind = "auth"


class QuotaError(FeedError):
    """The daily or per-minute quota is used up (ERROR-337, HTTP 429)."""

    kind = "quota"


class UnavailableError(FeedError):
    """The service is down, timed out, or reported a server-side error (5xx, ERROR-5xx/6xx)."""

    kind = "unavailable"


class FormatError(FeedError):
    """The reply could not be understood: malformed, or a request the server rejects (ERROR-3xx)."""

    kind = "format"

