"""The city's own JSON feeds (119 dispatches, tap-water sensors, 120 calls): served by a city system over
HTTP with an optional bearer token, each a document `{"format": …, "generated_at": …, "<list>": [...]}`."""

from __future__ import annotations

import logging
from typing import Any

import requests

from feeds.base import FeedOptions
from feeds.errors import FormatError
from feeds.http import http_get
from feeds.seoul_open_data import decode, json_object

_LOGGER = logging.getLogger(__name__)


class CityFeedOptions(FeedOptions):
    """Where a city system serves its document: `base_url` + `path`, and a token if it asks for one."""

    path: str
    token: str = ""  # sent as "Authorization: Bearer <token>" when set


def get(session: requests.Session, options: CityFeedOptions) -> bytes:
    """The document's bytes (the token is masked in every message)."""
    headers = {"Authorization": f"Bearer {options.token}"} if options.token else None
    url = options.base_url.rstrip("/") + "/" + options.path.lstrip("/")
    return http_get(session, url, options.timeout_s, secret=options.token, headers=headers,
                    max_bytes=options.max_reply_bytes)


def document(body: bytes, list_key: str, expected_format: str, what: str) -> dict[str, Any]:
    """The JSON object, which must hold a `list_key` list; another `format` is read anyway, with a warning."""
    doc = json_object(decode(body))
    if not isinstance(doc.get(list_key), list):
        raise FormatError(f'not {what} (expected an object with a "{list_key}" list)')
    if doc.get("format", expected_format) != expected_format:
        _LOGGER.warning("%s format %r, expected %r; reading it anyway", what, doc.get("format"), expected_format)
    return doc
