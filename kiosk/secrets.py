"""The config's secrets, masked in everything the wall logs, at every level and in every spelling.

Feeds mask their own messages; this catches the rest (urllib3's debug lines carry the request
path with the key in it). `remember` is called when a config is loaded; `install` puts the
filter on the root logger's handlers.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from feeds.http import spellings

SECRET_OPTIONS = ("api_key", "service_key", "token")  # option names whose values are secrets
MIN_LENGTH = 4  # shorter values would mask ordinary words
_SECRETS: set[str] = set()
_SPELLINGS: list[str] = []  # every spelling of every secret, longest first


def remember(config: object) -> None:
    """Note every secret of a loaded config: feed keys and tokens, camera credentials."""
    for feed in getattr(config, "feeds", ()):
        _SECRETS.update(str(getattr(feed.options, name, "") or "") for name in SECRET_OPTIONS)
    for camera in getattr(config, "cameras", ()):
        for url in (camera.url, camera.sub_url or ""):
            parts = urlsplit(url)
            _SECRETS.update((parts.username or "", parts.password or ""))
    _SECRETS.difference_update({s for s in _SECRETS if len(s) < MIN_LENGTH})
    _SPELLINGS[:] = sorted({form for s in _SECRETS for form in spellings(s)}, key=len, reverse=True)


def mask(text: str) -> str:
    """`text` with every remembered secret masked (every spelling, worked out once in `remember`)."""
    for form in _SPELLINGS:
        text = text.replace(form, "***")
    return text


class MaskingFilter(logging.Filter):
    """Rewrites a record's message with the secrets masked (the record then carries no args)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        return True


def install() -> None:
    """Mask secrets in everything the root logger's handlers write."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())
