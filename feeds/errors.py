"""Typed feed failures: the scheduler picks its retry delay and the wall its message by type."""

from enum import StrEnum


class ErrorKind(StrEnum):
    """Why a feed is not fresh: stored in the cache, shown as a short Korean reason."""

    ERROR = "error"
    AUTH = "auth"  # the key was refused
    QUOTA = "quota"  # the quota is used up
    UNAVAILABLE = "unavailable"  # down, timed out, server error
    FORMAT = "format"  # an unreadable reply
    SOURCE_STALE = "source_stale"  # fetched fine, but the source's own time stopped moving
    FUTURE = "future"  # the source's own time lies in the future


class FeedError(Exception):
    """A fetch failed; `kind` names the failure for the cache and the screen."""

    kind = ErrorKind.ERROR

    def __init__(self, message: str, *, code: str | None = None, retry_after_s: float | None = None):
        super().__init__(message)
        self.code = code
        self.retry_after_s = retry_after_s


class AuthError(FeedError):
    """The key was refused (Seoul INFO-100, data.go.kr reason 30, HTTP 401/403)."""

    kind = ErrorKind.AUTH


class QuotaError(FeedError):
    """The daily or per-minute quota is used up (ERROR-337, HTTP 429)."""

    kind = ErrorKind.QUOTA


class UnavailableError(FeedError):
    """The service is down, timed out, or reported a server-side error (5xx, ERROR-5xx/6xx)."""

    kind = ErrorKind.UNAVAILABLE


class FormatError(FeedError):
    """The reply could not be understood: malformed, or a request the server rejects (ERROR-3xx)."""

    kind = ErrorKind.FORMAT

