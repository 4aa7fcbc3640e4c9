"""The feed contract and its registry: `kind` -> Feed.

A feed is a pure fetch function plus a validated options model. Built-ins register
themselves exactly as a new feed would; the application knows feeds only by `kind`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, ClassVar

import pydantic
import requests
from urllib.parse import urlsplit


class FeedOptions(pydantic.BaseModel):
    """Options every feed shares; a feed subclasses this with its own keys."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)

    base_url: str
    timeout_s: float = pydantic.Field(default=10.0, gt=0, le=120)  # for the whole reply, not per read
    max_reply_mb: float = pydantic.Field(default=10.0, gt=0, le=200)  # decompressed; beyond: format error
    max_rows: int = pydantic.Field(default=5000, ge=1, le=1_000_000)  # records per fetch; beyond: format error

    @pydantic.field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"must be an http(s) URL such as http://openapi.seoul.go.kr:8088, not {value!r}")
        return value

    @property
    def max_reply_bytes(self) -> int:
        return int(self.max_reply_mb * 2**20)

    @property
    def serves_samples(self) -> bool:
        """True when the feed reads the project's own sample data (shown with the 시뮬레이션 badge)."""
        return False


class FileFeedOptions(FeedOptions):
    """Options of a feed that reads files the operator keeps, named by the option `given` names; left empty,
    the feed reads the project's own sample data at `samples`."""

    base_url: str = "http://127.0.0.1"  # unused: the feed reads files
    given: ClassVar[str]
    samples: ClassVar[Path]

    @property
    def path(self) -> Path:
        chosen = getattr(self, self.given)
        return Path(chosen).expanduser() if chosen else self.samples

    @property
    def serves_samples(self) -> bool:
        return not getattr(self, self.given)


@dataclass(frozen=True)
class FeedResult:
    """What one successful fetch produced."""

    records: tuple[Any, ...]
    source_time: datetime | None  # the newest time the source itself stamps on the data


FetchFn = Callable[[requests.Session, Any, datetime], FeedResult]


def one_call(_options: Any) -> int:
    return 1


def no_warnings(_options: Any, _interval_s: float) -> list[str]:
    return []


def nothing(_options: Any) -> list[str]:
    return []


@dataclass(frozen=True)
class Feed:
    """A registered source: its kind, options model, fetch function and record type."""

    kind: str
    title: str  # shown on the wall, Korean first
    options: type[FeedOptions]
    fetch: FetchFn
    record_type: type  # the records that say whether it is live ("준비 중" without it)
    also: tuple[type, ...] = ()  # further record types the same replies carry (citydata: roads, crowds …)
    source_max_age_s: float | None = None  # the source's own time older than this: it stopped updating
    source_time_is_date: bool = False  # the source stamps a day (shown as "오늘(11/30) 자료", not "00:00")
    # the fetch is called this many times per interval, each call asking for its share (citydata: one place)
    calls_per_interval: Callable[[Any], int] = one_call
    warnings: Callable[[Any, float], list[str]] = no_warnings  # config that works but will hurt (quotas)
    problems: Callable[[Any], list[str]] = nothing  # broken files the feed reads (check-config: errors)
    watched: Callable[[Any], list[str]] = nothing  # paths whose change is read at once (a watched folder)
    documents: Callable[[Any], list[str]] = nothing  # PDFs the wall shows from these records (check-config opens each)

    @property
    def record_types(self) -> tuple[type, ...]:
        return (self.record_type, *self.also)


_REGISTRY: dict[str, Feed] = {}


def register(feed: Feed) -> Feed:
    """Add a feed to the registry; a kind may be registered once."""
    if feed.kind in _REGISTRY:
        raise ValueError(f"feed kind {feed.kind!r} is already registered")
    _REGISTRY[feed.kind] = feed
    return feed


def get_feed(kind: str) -> Feed:
    """The feed registered under `kind` (KeyError if none)."""
    _load_builtins()
    return _REGISTRY[kind]


def feed_kinds() -> list[str]:
    """Every registered kind, sorted."""
    _load_builtins()
    return sorted(_REGISTRY)


def _load_builtins() -> None:
    # each built-in module registers itself on import
    from feeds import (bikes, calls_120, city_incidents, complaints, fire_stats, its_cctv,  # noqa: F401
                       its_traffic, kstartup, nfds, projects, rss, seoul_accidents, seoul_air, seoul_citydata,
                       seoul_prices, seoul_water, startup_indicators, subway, tap_water)
