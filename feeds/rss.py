"""시정뉴스: the city's press releases as RSS 2.0 (e.g. https://www.seoul.go.kr/rss/news.do).

Titles carry an edition prefix ("(석간)", "(조간)"), HTML entities (sometimes escaped twice) and CDATA;
dates are RFC 822 with +0900; the department is `author` or `dc:creator`. Everything is read as text,
never markup: tags in a title are dropped, not rendered. A Korean site may declare EUC-KR.
"""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

import pydantic
import requests

from feeds.base import Feed, FeedOptions, FeedResult, register
from feeds.errors import FormatError
from feeds.http import http_get
from feeds.records import SEOUL_TZ
from feeds.values import parse_time

DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
EDITION = re.compile(r"^\s*[(\[]\s*(석간|조간|보도자료|설명자료)\s*[)\]]\s*")
TAG = re.compile(r"<[^>]{0,500}>")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e]")
DECLARED = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9_-]+)[\"'][^>]*\?>")
MAX_TITLE = 200


@dataclass(frozen=True)
class NewsItem:
    """One press release: its title as plain text, without the edition prefix."""

    item_id: str  # the guid, else the link, else a hash of the title and date
    title: str
    edition: str | None  # 석간 / 조간 …
    published_at: datetime | None
    department: str | None
    link: str | None


class RssOptions(FeedOptions):
    """Options of the `rss` feed: `base_url` is the feed's whole address."""

    max_rows: int = pydantic.Field(default=100, ge=1, le=1000)


def plain(value: str | None, limit: int = MAX_TITLE) -> str:
    """Text only: entities decoded (twice-escaped ones too), tags and control characters dropped."""
    text = value or ""
    for _ in range(2):
        text = html.unescape(text)
    text = CONTROL.sub("", TAG.sub(" ", text))
    return " ".join(text.split())[:limit]


def published(value: str | None) -> datetime | None:
    """RFC 822 ("Mon, 30 Nov 2026 14:00:00 +0900"), else "2026-11-30 14:00" as Seoul time."""
    if not value or not value.strip():
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return parse_time(value)
    return when if when.tzinfo else when.replace(tzinfo=SEOUL_TZ)


def parse(body: bytes, max_items: int) -> tuple[NewsItem, ...]:
    """The channel's items, newest first; an item without a title is dropped."""
    root = _root(body)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise FormatError(f"not an RSS 2.0 feed (root <{root.tag}>)")
    items = [item for node in channel.iter("item") if (item := _item(node)) is not None]
    if len(items) > max_items:
        raise FormatError(f"more than {max_items} items (max_rows); not read", code="TOO-MANY-ROWS")
    return tuple(sorted(items, key=lambda i: i.published_at.timestamp() if i.published_at else 0, reverse=True))


def _root(body: bytes) -> ET.Element:
    declared = DECLARED.match(body)
    encoding = declared.group(1).decode().lower() if declared else "utf-8"
    try:
        text = body[declared.end() if declared else 0:].decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise FormatError(f"cannot decode the feed as {encoding} ({exc})") from exc
    try:
        return ET.fromstring(text.lstrip("\ufeff").strip())
    except ET.ParseError as exc:
        raise FormatError(f"malformed XML ({exc})") from exc


def _item(node: ET.Element) -> NewsItem | None:
    raw_title = plain(node.findtext("title"))
    match = EDITION.match(raw_title)
    title = raw_title[match.end():] if match else raw_title
    if not title:
        return None
    when = published(node.findtext("pubDate"))
    link = plain(node.findtext("link"), 500) or None
    guid = plain(node.findtext("guid"), 500) or link
    key = guid or hashlib.sha1(f"{title}|{when}".encode()).hexdigest()[:16]
    department = plain(node.findtext("author") or node.findtext(DC_CREATOR), 40) or None
    return NewsItem(key, title, match.group(1) if match else None, when, department, link)


def fetch(session: requests.Session, options: RssOptions, _now: datetime) -> FeedResult:
    items = parse(http_get(session, options.base_url, options.timeout_s, max_bytes=options.max_reply_bytes),
                  options.max_rows)
    return FeedResult(items, max((i.published_at for i in items if i.published_at), default=None))


FEED = register(Feed(kind="rss", title="시정뉴스 · 보도자료 (RSS)", options=RssOptions, fetch=fetch,
                     record_type=NewsItem))
